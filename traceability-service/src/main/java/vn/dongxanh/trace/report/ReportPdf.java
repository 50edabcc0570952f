package vn.dongxanh.trace.report;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import vn.dongxanh.trace.label.LabelFonts;

/**
 * One printable report (PDFBox), the one place that sets the reports' face, header, footer and
 * tables: a title and lines under it on the first page, then headings, text and tables flowing
 * page after page (a table's header row repeated on each page it runs onto), and on every page
 * the footer naming the figures' source and "page i of n". Text is in the embedded DejaVu Sans
 * (a subset) so Vietnamese prints as written, whatever fonts the machine has.
 */
public final class ReportPdf implements AutoCloseable {
    /** A table's column: its header, its share of the width, numbers set right. */
    public record Column(String header, float weight, boolean right) {
        public static Column text(String header, float weight) {
            return new Column(header, weight, false);
        }

        public static Column number(String header, float weight) {
            return new Column(header, weight, true);
        }
    }

    private static final float MARGIN = 36;
    private static final float FOOTER = 28;
    private static final float SIZE = 8;
    private static final float LEADING = SIZE * 1.25f;
    private static final float PAD = 2.5f;

    private final LabelFonts fonts;
    private final PDDocument doc = new PDDocument();
    private final PDRectangle pageSize;
    private final PDType0Font regular;
    private final PDType0Font bold;
    private final String footer;
    private PDPageContentStream cs;
    private float y;

    private ReportPdf(LabelFonts fonts, PDRectangle pageSize, String title, String footer) throws IOException {
        this.fonts = fonts;
        this.pageSize = pageSize;
        this.footer = footer;
        doc.getDocumentInformation().setTitle(fonts.printable(title));
        regular = PDType0Font.load(doc, fonts.ttf(false));
        bold = PDType0Font.load(doc, fonts.ttf(true));
        newPage();
        write(title, bold, 14, 0);
        y -= 4;
    }

    /** A report on A4 upright ({@code wide}: on its side, for a table of many columns). */
    public static ReportPdf start(LabelFonts fonts, boolean wide, String title, String footer) {
        PDRectangle a4 = wide ? new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth()) : PDRectangle.A4;
        try {
            return new ReportPdf(fonts, a4, title, footer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A line of plain text (wrapped to the page's width). */
    public ReportPdf line(String text) {
        return run(() -> write(text, regular, 9, 0));
    }

    /** A section's heading, kept on a page with room for a few lines after it. */
    public ReportPdf heading(String text) {
        return run(() -> {
            if (y - 5 * LEADING < MARGIN + FOOTER) newPage();
            y -= 6;
            write(text, bold, 11, 0);
            y -= 2;
        });
    }

    /** A table: add its rows, each cell's text wrapped in its column. */
    public Table table(List<Column> columns) {
        return new Table(columns);
    }

    public final class Table {
        private final List<Column> columns;
        private final float[] widths;

        private Table(List<Column> columns) {
            this.columns = columns;
            float total = (float) columns.stream().mapToDouble(Column::weight).sum();
            float width = pageSize.getWidth() - 2 * MARGIN;
            widths = new float[columns.size()];
            for (int i = 0; i < widths.length; i++)
                widths[i] = width * columns.get(i).weight() / total;
            run(this::header);
        }

        public Table row(String... cells) {
            if (cells.length != columns.size()) {
                throw new IllegalArgumentException(cells.length + " cells for " + columns.size() + " columns");
            }
            run(() -> draw(List.of(cells), regular, false));
            return this;
        }

        private void header() throws IOException {
            draw(columns.stream().map(Column::header).toList(), bold, true);
        }

        private void draw(List<String> cells, PDType0Font font, boolean isHeader) throws IOException {
            List<List<String>> wrapped = new ArrayList<>();
            int lines = 1;
            for (int i = 0; i < cells.size(); i++) {
                List<String> w = wrap(cells.get(i) == null ? "" : cells.get(i), font, SIZE, widths[i] - 2 * PAD);
                wrapped.add(w);
                lines = Math.max(lines, w.size());
            }
            float height = lines * LEADING + 2 * PAD;
            if (y - height < MARGIN + FOOTER) {
                newPage();
                if (!isHeader) header();
            }
            if (isHeader) {
                cs.setNonStrokingColor(0.9f);
                cs.addRect(MARGIN, y - height, pageSize.getWidth() - 2 * MARGIN, height);
                cs.fill();
                cs.setNonStrokingColor(0f);
            }
            float x = MARGIN;
            for (int i = 0; i < cells.size(); i++) {
                float baseline = y - PAD - SIZE;
                for (String text : wrapped.get(i)) {
                    float tx = columns.get(i).right()
                            ? x + widths[i] - PAD - font.getStringWidth(text) / 1000 * SIZE
                            : x + PAD;
                    show(text, font, SIZE, tx, baseline);
                    baseline -= LEADING;
                }
                x += widths[i];
            }
            cs.setStrokingColor(0.6f);
            cs.setLineWidth(0.4f);
            cs.moveTo(MARGIN, y - height);
            cs.lineTo(pageSize.getWidth() - MARGIN, y - height);
            cs.stroke();
            y -= height;
        }
    }

    /** The document with the footer and page numbers on every page. */
    public byte[] finish() {
        try {
            cs.close();
            cs = null;
            int n = doc.getNumberOfPages();
            for (int i = 0; i < n; i++) {
                PDPage page = doc.getPage(i);
                try (var footerCs =
                        new PDPageContentStream(doc, page, PDPageContentStream.AppendMode.APPEND, true, true)) {
                    String number = "Trang " + (i + 1) + "/" + n;
                    float numberWidth = regular.getStringWidth(number) / 1000 * 7;
                    List<String> source = wrap(footer, regular, 7, pageSize.getWidth() - 2 * MARGIN - numberWidth - 12);
                    float baseline = MARGIN + FOOTER - 12;
                    for (String text : source) {
                        text(footerCs, text, regular, 7, MARGIN, baseline);
                        baseline -= 8.5f;
                    }
                    text(
                            footerCs,
                            number,
                            regular,
                            7,
                            pageSize.getWidth() - MARGIN - numberWidth,
                            MARGIN + FOOTER - 12);
                }
            }
            var out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            if (cs != null) cs.close();
            doc.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private interface Drawing {
        void draw() throws IOException;
    }

    private ReportPdf run(Drawing d) {
        try {
            d.draw();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void newPage() throws IOException {
        if (cs != null) cs.close();
        PDPage page = new PDPage(pageSize);
        doc.addPage(page);
        cs = new PDPageContentStream(doc, page);
        y = pageSize.getHeight() - MARGIN;
    }

    private void write(String text, PDType0Font font, float size, float indent) throws IOException {
        for (String l : wrap(text, font, size, pageSize.getWidth() - 2 * MARGIN - indent)) {
            if (y - size * 1.3f < MARGIN + FOOTER) newPage();
            show(l, font, size, MARGIN + indent, y - size);
            y -= size * 1.3f;
        }
    }

    private void show(String text, PDType0Font font, float size, float x, float baseline) throws IOException {
        text(cs, text, font, size, x, baseline);
    }

    private static void text(PDPageContentStream to, String text, PDType0Font font, float size, float x, float baseline)
            throws IOException {
        if (text.isEmpty()) return;
        to.beginText();
        to.setFont(font, size);
        to.newLineAtOffset(x, baseline);
        to.showText(text);
        to.endText();
    }

    /** The text in lines no wider than {@code width}: at spaces, or inside a word longer than a line. */
    private List<String> wrap(String raw, PDType0Font font, float size, float width) throws IOException {
        String text = fonts.printable(raw);
        List<String> lines = new ArrayList<>();
        for (String paragraph : text.split("\n", -1)) {
            StringBuilder line = new StringBuilder();
            for (String word : paragraph.split(" ")) {
                String candidate = line.isEmpty() ? word : line + " " + word;
                if (width(candidate, font, size) <= width) {
                    line.setLength(0);
                    line.append(candidate);
                    continue;
                }
                if (!line.isEmpty()) lines.add(line.toString());
                line.setLength(0);
                // a word wider than the column: cut it where it must be
                String rest = word;
                while (width(rest, font, size) > width && rest.length() > 1) {
                    int cut = rest.length() - 1;
                    while (cut > 1 && width(rest.substring(0, cut), font, size) > width) cut--;
                    lines.add(rest.substring(0, cut));
                    rest = rest.substring(cut);
                }
                line.append(rest);
            }
            lines.add(line.toString());
        }
        return lines;
    }

    private static float width(String text, PDType0Font font, float size) throws IOException {
        return font.getStringWidth(text) / 1000 * size;
    }
}

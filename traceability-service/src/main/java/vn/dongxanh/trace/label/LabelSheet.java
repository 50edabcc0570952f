package vn.dongxanh.trace.label;

import static vn.dongxanh.trace.label.LabelProperties.pt;

import com.google.zxing.common.BitMatrix;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType0Font;
import org.springframework.stereotype.Component;
import vn.dongxanh.trace.qr.QrCodes;

/**
 * The printable sheet of a batch's labels (PDFBox): a grid of identical labels, page after page,
 * the QR drawn as vector squares (sharp at any printer resolution) and the text in the embedded
 * DejaVu Sans (a subset: only the glyphs used).
 */
@Component
public class LabelSheet {
    private final LabelProperties props;
    private final LabelFonts fonts;
    private final QrCodes qr;

    public LabelSheet(LabelProperties props, LabelFonts fonts, QrCodes qr) {
        this.props = props;
        this.fonts = fonts;
        this.qr = qr;
    }

    /**
     * The grid of a sheet.
     *
     * @param skip labels left out at the start of the first page (a sheet partly used already)
     */
    public record Grid(int columns, int rows, int skip) {
        int perPage() {
            return columns * rows;
        }
    }

    /** Size of one label of the grid on the configured page, in points. */
    double[] labelSize(Grid grid) {
        double w = (pt(props.pageWidthMm()) - 2 * pt(props.marginMm()) - (grid.columns() - 1) * pt(props.gapMm()))
                / grid.columns();
        double h = (pt(props.pageHeightMm()) - 2 * pt(props.marginMm()) - (grid.rows() - 1) * pt(props.gapMm()))
                / grid.rows();
        return new double[] {w, h};
    }

    /**
     * The sheet: {@code count} labels after {@code grid.skip()} empty places, as many pages as that
     * takes.
     *
     * @throws LabelLayout.TooSmall when the grid's labels leave no room for a readable QR
     */
    public byte[] pdf(Label label, int count, Grid grid) {
        double pageW = pt(props.pageWidthMm());
        double pageH = pt(props.pageHeightMm());
        double[] size = labelSize(grid);
        BitMatrix modules = qr.modules(label.link());
        try (PDDocument doc = new PDDocument()) {
            doc.getDocumentInformation().setTitle(label.productName() + " — " + label.lot());
            doc.getDocumentInformation().setSubject(label.link());
            PDType0Font regular = PDType0Font.load(doc, fonts.ttf(false));
            PDType0Font bold = PDType0Font.load(doc, fonts.ttf(true));
            LabelLayout.Placed placed = LabelLayout.place(label, size[0], size[1], props, (text, isBold, s) -> {
                try {
                    return (isBold ? bold : regular).getStringWidth(text) / 1000 * s;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            int total = grid.skip() + count;
            PDPageContentStream cs = null;
            for (int i = 0; i < total; i++) {
                int cell = i % grid.perPage();
                if (cell == 0) {
                    if (cs != null) cs.close();
                    PDPage page = new PDPage(new PDRectangle((float) pageW, (float) pageH));
                    doc.addPage(page);
                    cs = new PDPageContentStream(doc, page);
                }
                if (i < grid.skip()) continue;
                double x = pt(props.marginMm()) + (cell % grid.columns()) * (size[0] + pt(props.gapMm()));
                double top = pageH - pt(props.marginMm()) - (cell / grid.columns()) * (size[1] + pt(props.gapMm()));
                draw(cs, placed, modules, x, top, regular, bold);
            }
            if (cs != null) cs.close();
            var out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** One label with its top-left corner at (x, top) in PDF space (y up). */
    private static void draw(
            PDPageContentStream cs,
            LabelLayout.Placed p,
            BitMatrix modules,
            double x,
            double top,
            PDType0Font regular,
            PDType0Font bold)
            throws IOException {
        double m = p.qrSize() / modules.getWidth();
        for (int row = 0; row < modules.getHeight(); row++) {
            int col = 0;
            while (col < modules.getWidth()) {
                if (!modules.get(col, row)) {
                    col++;
                    continue;
                }
                int run = col;
                while (run < modules.getWidth() && modules.get(run, row)) run++;
                // one rectangle per run of dark modules in a row: fewer operators, no seams between squares
                cs.addRect(
                        (float) (x + p.qrX() + col * m),
                        (float) (top - p.qrY() - (row + 1) * m),
                        (float) ((run - col) * m),
                        (float) m);
                col = run;
            }
        }
        cs.fill();
        for (LabelLayout.Line line : p.lines()) {
            cs.beginText();
            cs.setFont(line.bold() ? bold : regular, (float) line.size());
            cs.newLineAtOffset((float) (x + line.x()), (float) (top - line.baseline()));
            cs.showText(line.text());
            cs.endText();
        }
    }
}

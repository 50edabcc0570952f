package vn.dongxanh.trace.label;

import com.google.zxing.common.BitMatrix;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.springframework.stereotype.Component;
import vn.dongxanh.trace.qr.QrCodes;

/**
 * One label of the sheet's default size, alone: as a PNG (Java2D, the embedded DejaVu Sans) and as
 * an SVG (vector QR; the text as text, so it names DejaVu Sans and falls back to the viewer's
 * sans-serif, held to the measured width).
 */
@Component
public class SingleLabel {
    /** Fractional metrics, antialiased: widths as the font defines them, not rounded to pixels. */
    static final FontRenderContext METRICS = new FontRenderContext(null, true, true);

    private static final String FONT_FAMILY = "'DejaVu Sans', 'Noto Sans', Arial, sans-serif";

    private final LabelProperties props;
    private final LabelFonts fonts;
    private final LabelSheet sheet;
    private final QrCodes qr;

    public SingleLabel(LabelProperties props, LabelFonts fonts, LabelSheet sheet, QrCodes qr) {
        this.props = props;
        this.fonts = fonts;
        this.sheet = sheet;
        this.qr = qr;
    }

    private LabelLayout.Placed place(Label label) {
        double[] size = sheet.labelSize(new LabelSheet.Grid(props.columns(), props.rows(), 0));
        return LabelLayout.place(
                label,
                size[0],
                size[1],
                props,
                (text, bold, s) ->
                        fonts.awt(bold).getStringBounds(text, METRICS).getWidth() * s);
    }

    public byte[] png(Label label) {
        LabelLayout.Placed p = place(label);
        double scale = props.pngDpi() / 72.0;
        var image = new BufferedImage(
                (int) Math.ceil(p.width() * scale), (int) Math.ceil(p.height() * scale), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, image.getWidth(), image.getHeight());
            g.setColor(Color.BLACK);
            // whole pixels per module, centred in the QR's place: a scanner sees sharp squares
            BitMatrix modules = qr.modules(label.link());
            int module = Math.max(1, (int) Math.floor(p.qrSize() * scale / modules.getWidth()));
            int x0 = (int) Math.round(p.qrX() * scale + (p.qrSize() * scale - module * modules.getWidth()) / 2);
            int y0 = (int) Math.round(p.qrY() * scale + (p.qrSize() * scale - module * modules.getHeight()) / 2);
            for (int row = 0; row < modules.getHeight(); row++) {
                for (int col = 0; col < modules.getWidth(); col++) {
                    if (modules.get(col, row)) g.fillRect(x0 + col * module, y0 + row * module, module, module);
                }
            }
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
            for (LabelLayout.Line line : p.lines()) {
                g.setFont(fonts.awt(line.bold()).deriveFont((float) (line.size() * scale)));
                g.drawString(line.text(), (float) (line.x() * scale), (float) (line.baseline() * scale));
            }
        } finally {
            g.dispose();
        }
        var out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "PNG", out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * The label as SVG in points (its width and height in mm, for printing at size). The QR is one
     * path in module units (a run of dark modules in a row is one {@code M x y h n v1 h -n z}).
     */
    public String svg(Label label) {
        LabelLayout.Placed p = place(label);
        BitMatrix modules = qr.modules(label.link());
        StringBuilder path = new StringBuilder();
        for (int row = 0; row < modules.getHeight(); row++) {
            int col = 0;
            while (col < modules.getWidth()) {
                if (!modules.get(col, row)) {
                    col++;
                    continue;
                }
                int run = col;
                while (run < modules.getWidth() && modules.get(run, row)) run++;
                path.append('M')
                        .append(col)
                        .append(' ')
                        .append(row)
                        .append('h')
                        .append(run - col)
                        .append("v1h-")
                        .append(run - col)
                        .append('z');
                col = run;
            }
        }
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.2fmm\" height=\"%.2fmm\" viewBox=\"0 0 %.3f %.3f\">",
                p.width() * 25.4 / 72,
                p.height() * 25.4 / 72,
                p.width(),
                p.height()));
        svg.append("<title>").append(escape(label.link())).append("</title>");
        svg.append(String.format(
                Locale.ROOT, "<rect width=\"%.3f\" height=\"%.3f\" fill=\"#fff\"/>", p.width(), p.height()));
        svg.append(String.format(
                Locale.ROOT,
                "<g id=\"qr\" transform=\"translate(%.3f %.3f) scale(%.5f)\" data-modules=\"%d\">"
                        + "<path fill=\"#000\" shape-rendering=\"crispEdges\" d=\"%s\"/></g>",
                p.qrX(),
                p.qrY(),
                p.qrSize() / modules.getWidth(),
                modules.getWidth(),
                path));
        for (LabelLayout.Line line : p.lines()) {
            svg.append(String.format(
                    Locale.ROOT,
                    "<text x=\"%.3f\" y=\"%.3f\" font-family=\"%s\" font-size=\"%.3f\"%s textLength=\"%.3f\""
                            + " lengthAdjust=\"spacingAndGlyphs\">%s</text>",
                    line.x(),
                    line.baseline(),
                    FONT_FAMILY,
                    line.size(),
                    line.bold() ? " font-weight=\"bold\"" : "",
                    line.width(),
                    escape(line.text())));
        }
        return svg.append("</svg>").toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}

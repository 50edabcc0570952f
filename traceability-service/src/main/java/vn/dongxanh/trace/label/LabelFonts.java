package vn.dongxanh.trace.label;

import java.awt.Font;
import java.awt.FontFormatException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import org.springframework.stereotype.Component;

/**
 * The labels' typeface, DejaVu Sans (regular and bold), read from the jar: it has every
 * Vietnamese letter with its diacritics, and no system font is needed (the build copies it from
 * npm {@code dejavu-fonts-ttf}; licence in {@code fonts/LICENSE}). The PDF reports
 * (vn.dongxanh.trace.report) print in it too: one face, read once.
 */
@Component
public class LabelFonts {
    private final byte[] regular;
    private final byte[] bold;
    private final Font awtRegular;
    private final Font awtBold;

    public LabelFonts() {
        regular = read("/fonts/ttf/DejaVuSans.ttf");
        bold = read("/fonts/ttf/DejaVuSans-Bold.ttf");
        awtRegular = awt(regular);
        awtBold = awt(bold);
    }

    /** The TrueType file, for PDFBox to embed (a subset of it) in each PDF (labels and reports). */
    public InputStream ttf(boolean isBold) {
        return new ByteArrayInputStream(isBold ? bold : regular);
    }

    /** The same face for Java2D (the PNG), at 1 pt. */
    Font awt(boolean isBold) {
        return isBold ? awtBold : awtRegular;
    }

    /**
     * The text in composed form (NFC: one code point per accented letter, as the font maps them),
     * with any character the face lacks shown as '?' rather than failing the whole sheet.
     */
    public String printable(String text) {
        String nfc = Normalizer.normalize(text, Normalizer.Form.NFC);
        StringBuilder out = new StringBuilder(nfc.length());
        nfc.codePoints().forEach(cp -> {
            if (awtRegular.canDisplay(cp) && awtBold.canDisplay(cp)) out.appendCodePoint(cp);
            else out.append('?');
        });
        return out.toString();
    }

    private static byte[] read(String resource) {
        try (InputStream in = LabelFonts.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("label font " + resource
                        + " is not in the jar: the build copies it from node_modules/dejavu-fonts-ttf (npm ci)");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Font awt(byte[] ttf) {
        try {
            return Font.createFont(Font.TRUETYPE_FONT, new ByteArrayInputStream(ttf))
                    .deriveFont(1f);
        } catch (FontFormatException | IOException e) {
            throw new IllegalStateException("label font unreadable: " + e.getMessage(), e);
        }
    }
}

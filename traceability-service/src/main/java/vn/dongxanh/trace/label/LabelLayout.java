package vn.dongxanh.trace.label;

import static vn.dongxanh.trace.label.LabelProperties.pt;

import java.util.ArrayList;
import java.util.List;

/**
 * Where the parts of one label go, in points from its top-left corner (y down): the QR on the
 * left, the product name and the lot beside it, the URI in text across the bottom. One layout for
 * the PDF sheet, the PNG and the SVG; each measures text with its own font metrics of the same
 * face.
 */
final class LabelLayout {
    private LabelLayout() {}

    /** Width of a text at a size, in points. */
    @FunctionalInterface
    interface Measure {
        double width(String text, boolean bold, double size);
    }

    /** A line of text; {@code baseline} from the label's top. */
    record Line(String text, boolean bold, double size, double x, double baseline, double width) {}

    /** A placed label. */
    record Placed(double width, double height, double qrX, double qrY, double qrSize, List<Line> lines) {}

    /** Thrown when labels of this size leave no room for a readable QR. */
    static final class TooSmall extends IllegalArgumentException {
        TooSmall(String message) {
            super(message);
        }
    }

    private static final double LEADING = 1.2;

    static Placed place(Label label, double width, double height, LabelProperties p, Measure m) {
        double pad = pt(p.paddingMm());
        double innerW = width - 2 * pad;
        double innerH = height - 2 * pad;
        List<Line> lines = new ArrayList<>();

        // the URI across the bottom: one line when it fits at the smallest size, else wrapped
        String uri = label.link();
        double uriSize = Math.min(p.uriMaxFontPt(), innerW / m.width(uri, false, 1));
        List<String> uriLines = List.of(uri);
        if (uriSize < p.uriMinFontPt()) {
            uriSize = p.uriMinFontPt();
            uriLines = wrap(splitAfterSlashes(uri), "", innerW, false, uriSize, m);
        }
        double uriBlock = uriLines.size() * uriSize * LEADING;

        double qrSize = Math.min(innerH - uriBlock - pt(0.5), innerW * 0.55);
        if (qrSize < pt(p.minQrMm()) || innerW <= 0) {
            throw new TooSmall(String.format(
                    java.util.Locale.ROOT,
                    "labels of %.1f × %.1f mm leave room for a QR of %.1f mm, less than the %.1f mm a phone reads"
                            + " reliably (dx.trace.labels.min-qr-mm): ask for fewer columns or rows",
                    width * 25.4 / 72,
                    height * 25.4 / 72,
                    Math.max(0, qrSize) * 25.4 / 72,
                    p.minQrMm()));
        }
        double top = pad + qrSize + pt(0.5);
        for (int i = 0; i < uriLines.size(); i++) {
            String text = uriLines.get(i);
            lines.add(new Line(
                    text, false, uriSize, pad, top + uriSize * (LEADING * i + 1), m.width(text, false, uriSize)));
        }

        // beside the QR: the product name (wrapped, shortened if it must be) and the lot
        double tx = pad + qrSize + pt(1.5);
        double tw = width - pad - tx;
        double lotSize = p.lotFontPt();
        String lot = (p.lotCaption().isBlank() ? "" : p.lotCaption().strip() + " ") + label.lot();
        lotSize = Math.min(lotSize, tw / m.width(lot, true, 1));
        double nameSize = p.nameFontPt();
        double nameRoom = qrSize - pt(1.5) - lotSize * LEADING * 1.5;
        int maxNameLines = Math.max(1, (int) Math.floor(nameRoom / (nameSize * LEADING)));
        List<String> name = wrap(words(label.productName()), " ", tw, true, nameSize, m);
        if (name.size() > maxNameLines) {
            name = new ArrayList<>(name.subList(0, maxNameLines));
            String last = name.getLast();
            while (!last.isEmpty() && m.width(last + "…", true, nameSize) > tw) {
                last = last.substring(0, last.length() - 1);
            }
            name.set(name.size() - 1, last.strip() + "…");
        }
        double y = pad + pt(1.5);
        for (String text : name) {
            y += nameSize * LEADING;
            lines.add(new Line(text, true, nameSize, tx, y, m.width(text, true, nameSize)));
        }
        y += lotSize * LEADING * 1.5;
        lines.add(new Line(lot, true, lotSize, tx, y, m.width(lot, true, lotSize)));
        return new Placed(width, height, pad, pad, qrSize, List.copyOf(lines));
    }

    private static List<String> words(String text) {
        return List.of(text.strip().split("\\s+"));
    }

    /** The URI's pieces, each ending after a '/', so a wrapped URI breaks between its parts. */
    private static List<String> splitAfterSlashes(String uri) {
        List<String> parts = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < uri.length(); i++) {
            if (uri.charAt(i) == '/') {
                parts.add(uri.substring(from, i + 1));
                from = i + 1;
            }
        }
        if (from < uri.length()) parts.add(uri.substring(from));
        return parts;
    }

    /** Greedy line filling; a piece wider than a line is cut by characters. */
    private static List<String> wrap(
            List<String> pieces, String joiner, double width, boolean bold, double size, Measure m) {
        List<String> lines = new ArrayList<>();
        String line = "";
        for (String piece : pieces) {
            String candidate = line.isEmpty() ? piece : line + joiner + piece;
            if (m.width(candidate, bold, size) <= width) {
                line = candidate;
                continue;
            }
            if (!line.isEmpty()) lines.add(line);
            line = piece;
            while (m.width(line, bold, size) > width && line.length() > 1) {
                int cut = line.length() - 1;
                while (cut > 1 && m.width(line.substring(0, cut), bold, size) > width) cut--;
                lines.add(line.substring(0, cut));
                line = line.substring(cut);
            }
        }
        if (!line.isEmpty()) lines.add(line);
        return lines;
    }
}

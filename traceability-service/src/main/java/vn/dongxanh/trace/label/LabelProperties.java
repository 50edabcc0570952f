package vn.dongxanh.trace.label;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The label sheet ({@code dx.trace.labels.*}). The defaults fit the common A4 sheet of 3 × 8
 * labels of 70 × 37 mm with no page margin; a request may ask for another grid within the limits.
 *
 * @param pageWidthMm page width (A4: 210)
 * @param pageHeightMm page height (A4: 297)
 * @param columns labels across the page, when the request does not say
 * @param rows labels down the page, when the request does not say
 * @param maxColumns most columns a request may ask for
 * @param maxRows most rows a request may ask for
 * @param marginMm page margin on every side
 * @param gapMm space between two labels, across and down
 * @param paddingMm white space inside each label's edge
 * @param maxLabels most labels one request may ask for (bounds the work of one PDF)
 * @param minQrMm smallest QR printed; a grid whose labels leave less is refused
 * @param nameFontPt product name size (shrinks to the lines the label has room for)
 * @param lotFontPt lot line size
 * @param uriMaxFontPt URI size when it fits on one line
 * @param uriMinFontPt smallest URI size; below it the URI is wrapped
 * @param pngDpi resolution of the single label as PNG
 * @param lotCaption words before the lot on the label
 */
@ConfigurationProperties("dx.trace.labels")
public record LabelProperties(
        double pageWidthMm,
        double pageHeightMm,
        int columns,
        int rows,
        int maxColumns,
        int maxRows,
        double marginMm,
        double gapMm,
        double paddingMm,
        int maxLabels,
        double minQrMm,
        double nameFontPt,
        double lotFontPt,
        double uriMaxFontPt,
        double uriMinFontPt,
        int pngDpi,
        String lotCaption) {
    public LabelProperties {
        if (columns < 1 || rows < 1 || columns > maxColumns || rows > maxRows) {
            throw new IllegalArgumentException(
                    "dx.trace.labels: columns and rows must be from 1 to max-columns and max-rows");
        }
        if (maxLabels < 1 || pngDpi < 72 || uriMinFontPt <= 0 || uriMaxFontPt < uriMinFontPt) {
            throw new IllegalArgumentException(
                    "dx.trace.labels: max-labels ≥ 1, png-dpi ≥ 72, 0 < uri-min-font-pt ≤ uri-max-font-pt");
        }
        lotCaption = lotCaption == null ? "" : lotCaption;
    }

    /** Points (1/72 inch, PDF's unit) in a length in millimetres. */
    static double pt(double mm) {
        return mm / 25.4 * 72;
    }
}

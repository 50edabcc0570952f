package vn.dongxanh.trace.resolver;

import java.util.List;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/**
 * Whether a resolver client gets the page, JSON-LD or the linkset. Machines are the default: the
 * page only when the Accept header ranks HTML strictly above every JSON form (browsers do; curl's
 * {@code *}{@code /*} and an absent header do not), or when {@code ?format=html} asks for it; the
 * linkset ({@code application/linkset+json}, RFC 9264) when the Accept header ranks it strictly
 * above every other form (a wildcard alone never picks it), or {@code ?linkType=linkset} (the
 * resolver's own check, before this one).
 */
enum ContentChoice {
    HTML(MediaType.TEXT_HTML),
    JSON_LD(MediaType.parseMediaType("application/ld+json")),
    JSON(MediaType.APPLICATION_JSON),
    LINKSET(Linkset.MEDIA_TYPE);

    private final MediaType type;

    ContentChoice(MediaType type) {
        this.type = type;
    }

    MediaType type() {
        return type;
    }

    static ContentChoice of(String format, String accept) {
        if (format != null) {
            switch (format) {
                case "html" -> {
                    return HTML;
                }
                case "jsonld", "json-ld" -> {
                    return JSON_LD;
                }
                case "json" -> {
                    return JSON;
                }
                default -> {
                    // an unknown format falls back to the Accept header
                }
            }
        }
        if (accept == null || accept.isBlank()) {
            return JSON_LD;
        }
        List<MediaType> ranges;
        try {
            ranges = MediaType.parseMediaTypes(accept);
        } catch (InvalidMediaTypeException e) {
            return JSON_LD;
        }
        double html = Math.max(quality(ranges, MediaType.TEXT_HTML), quality(ranges, MediaType.APPLICATION_XHTML_XML));
        double ld = quality(ranges, JSON_LD.type);
        double json = quality(ranges, MediaType.APPLICATION_JSON);
        if (quality(ranges, LINKSET.type) > Math.max(html, Math.max(ld, json))) {
            return LINKSET;
        }
        if (html > Math.max(ld, json)) {
            return HTML;
        }
        return json > ld ? JSON : JSON_LD;
    }

    /** The quality the client gives a type: that of the most specific range including it (RFC 9110 §12.5.1). */
    static double quality(List<MediaType> ranges, MediaType type) {
        MediaType best = null;
        for (MediaType range : ranges) {
            if (range.includes(type) && (best == null || specificity(range) > specificity(best))) {
                best = range;
            }
        }
        return best == null ? 0 : best.getQualityValue();
    }

    private static int specificity(MediaType range) {
        return range.isWildcardType() ? 0 : range.isWildcardSubtype() ? 1 : 2;
    }
}

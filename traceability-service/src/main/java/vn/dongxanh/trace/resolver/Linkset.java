package vn.dongxanh.trace.resolver;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.MediaType;

/**
 * A lot's links in the JSON form of RFC 9264 ({@code application/linkset+json}), as the GS1
 * Digital Link resolver standard asks: one context object whose {@code anchor} is the lot's
 * Digital Link URI, each relation type named by its full GS1 Web Vocabulary URI
 * ({@code https://gs1.org/voc/pip}, …) and holding an array of target objects with {@code href},
 * {@code title} and, where known, {@code type} and {@code hreflang} (an array, RFC 9264 §4.2.4.1).
 * {@code https://gs1.org/voc/defaultLink} names where a plain request for the lot goes.
 */
public record Linkset(String anchor, Optional<String> itemDescription, List<Link> links) {
    public static final MediaType MEDIA_TYPE = MediaType.parseMediaType("application/linkset+json");
    /** The RFC 9264 profile the GS1 resolver standard names for its linksets. */
    public static final String GS1_VOC = "https://gs1.org/voc/";

    /**
     * One link.
     *
     * @param relation the full relation type URI (e.g. {@code https://gs1.org/voc/epcis})
     * @param type the media type of the target, when one is known
     * @param hreflang the languages the target is offered in (empty: not said)
     */
    public record Link(String relation, String href, String title, Optional<String> type, List<String> hreflang) {
        public Link {
            hreflang = List.copyOf(hreflang);
        }

        Map<String, Object> target() {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("href", href);
            t.put("title", title);
            type.ifPresent(v -> t.put("type", v));
            if (!hreflang.isEmpty()) t.put("hreflang", hreflang);
            return t;
        }
    }

    public Linkset {
        links = List.copyOf(links);
    }

    /** The first link of a relation: what {@code ?linkType=} redirects to. */
    public Optional<Link> first(String relation) {
        return links.stream().filter(l -> l.relation().equals(relation)).findFirst();
    }

    /** The context object: the anchor and, per relation in first-seen order, its targets. */
    public Map<String, Object> contextObject() {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("anchor", anchor);
        itemDescription.ifPresent(d -> context.put("itemDescription", d));
        for (Link link : links) {
            @SuppressWarnings("unchecked")
            List<Object> targets = (List<Object>) context.computeIfAbsent(link.relation(), k -> new ArrayList<>());
            targets.add(link.target());
        }
        return context;
    }

    /** The whole document served as {@code application/linkset+json}: {@code {"linkset": [context]}}. */
    public Map<String, Object> document() {
        return Map.of("linkset", List.of(contextObject()));
    }

    /** The {@code Link} header value pointing at this linkset (RFC 9264 §6: relation {@code linkset}). */
    public static String headerTo(String self) {
        return "<" + self + "?linkType=linkset>; rel=\"linkset\"; type=\"" + MEDIA_TYPE + "\"";
    }
}

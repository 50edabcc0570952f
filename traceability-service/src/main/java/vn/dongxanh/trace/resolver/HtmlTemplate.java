package vn.dongxanh.trace.resolver;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A tiny HTML template: {@code {{name}}} placeholders filled from a map, every value escaped for
 * text and attribute context alike, except {@link Safe} fragments, which only come out of another
 * template's {@link #render}. So nothing a user typed reaches the page unescaped.
 */
public final class HtmlTemplate {
    /** Markup produced by a template (or a constant of ours); inserted as is. */
    public record Safe(String html) {
        public Safe {
            Objects.requireNonNull(html);
        }

        /** Several fragments one after the other. */
        public static Safe join(List<Safe> parts) {
            StringBuilder sb = new StringBuilder();
            parts.forEach(p -> sb.append(p.html()));
            return new Safe(sb.toString());
        }
    }

    private final List<String> literals = new ArrayList<>();
    private final List<String> names = new ArrayList<>();

    private HtmlTemplate(String source) {
        int at = 0;
        while (true) {
            int open = source.indexOf("{{", at);
            if (open < 0) {
                literals.add(source.substring(at));
                return;
            }
            int close = source.indexOf("}}", open);
            if (close < 0) {
                throw new IllegalArgumentException("unclosed placeholder at " + open);
            }
            literals.add(source.substring(at, open));
            names.add(source.substring(open + 2, close).trim());
            at = close + 2;
        }
    }

    public static HtmlTemplate of(String source) {
        return new HtmlTemplate(source);
    }

    /** Fills every placeholder; a missing value is an error (null renders as empty). */
    public Safe render(Map<String, ?> values) {
        StringBuilder sb = new StringBuilder(literals.getFirst());
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (!values.containsKey(name)) {
                throw new IllegalArgumentException("no value for {{" + name + "}}");
            }
            Object value = values.get(name);
            sb.append(value instanceof Safe safe ? safe.html() : escape(value == null ? "" : value.toString()));
            sb.append(literals.get(i + 1));
        }
        return new Safe(sb.toString());
    }

    /** Escapes for HTML text and quoted attribute values. */
    public static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}

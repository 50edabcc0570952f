package vn.dongxanh.edge.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads durations as people write them in configuration: 500ms, 5s, 15m, 2h, 1d, or ISO-8601 (PT5S). */
public final class Durations {
    private static final Pattern SIMPLE = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private Durations() {}

    public static Duration parse(String field, String text) {
        if (text == null || text.isBlank()) {
            throw new ConfigException(field, "is empty", "write a duration such as 500ms, 5s, 15m, 2h or 1d");
        }
        String t = text.trim();
        Matcher m = SIMPLE.matcher(t);
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            return switch (m.group(2)) {
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        try {
            return Duration.parse(t);
        } catch (RuntimeException e) {
            throw new ConfigException(
                    field, "'" + text + "' is not a duration", "write e.g. 500ms, 5s, 15m, 2h, 1d or PT5S");
        }
    }
}

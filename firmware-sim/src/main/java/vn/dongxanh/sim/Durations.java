package vn.dongxanh.sim;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people type them: {@code 200ms}, {@code 5s}, {@code 2m}, {@code 1h}, {@code 3d}; a bare number is seconds. */
public final class Durations {
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|min|h|d)?");

    private Durations() {}

    /** @throws IllegalArgumentException for anything else, or a negative value */
    public static Duration parse(String text) {
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a duration: write e.g. 200ms, 5s, 2m, 1h, 3d");
        }
        double amount = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        double nanosPerUnit = switch (unit) {
            case "ms" -> 1e6;
            case "s" -> 1e9;
            case "m", "min" -> 60e9;
            case "h" -> 3_600e9;
            case "d" -> 86_400e9;
            default -> throw new IllegalStateException(unit);
        };
        return Duration.ofNanos(Math.round(amount * nanosPerUnit));
    }

    /** A short human form, e.g. {@code 5s}, {@code 200ms}, {@code 4h}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 86_400_000 == 0 && ms != 0) return ms / 86_400_000 + "d";
        if (ms % 3_600_000 == 0 && ms != 0) return ms / 3_600_000 + "h";
        if (ms % 60_000 == 0 && ms != 0) return ms / 60_000 + "m";
        if (ms % 1000 == 0) return ms / 1000 + "s";
        return ms + "ms";
    }
}

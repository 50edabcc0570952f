package vn.dongxanh.ingest.rollup;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fixed-width time buckets, aligned so that they start on local midnight in the rollup zone:
 * bucket {@code k} starts at {@code origin + k × width}, origin being 2000-01-03 (a Monday)
 * 00:00 local. Day-sized buckets are counted in calendar days, so they stay on local midnights
 * in any zone; a bucket of 7d is a Monday-to-Sunday week.
 */
public final class Bucketing {
    /** Where the answer comes from. */
    public enum Source {
        /** Whole days: the daily rollup. */
        DAILY,
        /** Whole hours: the hourly rollup. */
        HOURLY,
        /** Anything finer: the raw readings. */
        RAW;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    static final LocalDate ORIGIN = LocalDate.of(2000, 1, 3);
    private static final long DAY = Duration.ofDays(1).toSeconds();
    private static final Pattern SHORT = Pattern.compile("(\\d{1,9})(s|m|h|d)");

    private final Duration width;
    private final ZoneId zone;
    private final Instant origin;

    /** @throws IllegalArgumentException when the width is not a whole number of days or an even divisor of a day */
    public Bucketing(Duration width, ZoneId zone) {
        long s = width.toSeconds();
        if (width.toNanosPart() != 0 || s < 1 || (s % DAY != 0 && DAY % s != 0)) {
            throw new IllegalArgumentException("bucket " + width
                    + " must be whole seconds dividing a day evenly (e.g. 1m, 15m, 1h, 6h) or whole days (1d, 7d)");
        }
        this.width = width;
        this.zone = zone;
        this.origin = ORIGIN.atStartOfDay(zone).toInstant();
    }

    /**
     * Reads {@code 15m}, {@code 1h}, {@code 1d} (s, m, h, d) or ISO-8601 ({@code PT15M}).
     *
     * @throws IllegalArgumentException naming the accepted forms
     */
    public static Duration parse(String text) {
        Matcher m = SHORT.matcher(text == null ? "" : text.trim());
        try {
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                return switch (m.group(2)) {
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            }
            return Duration.parse(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("bucket '" + text + "' is not a duration such as 15m, 1h, 1d or PT15M");
        }
    }

    public Duration width() {
        return width;
    }

    public Source source() {
        long s = width.toSeconds();
        if (s % DAY == 0) return Source.DAILY;
        if (s % 3600 == 0) return Source.HOURLY;
        return Source.RAW;
    }

    private boolean days() {
        return width.toSeconds() % DAY == 0;
    }

    /** Start of the bucket holding {@code t}. */
    public Instant start(Instant t) {
        if (days()) {
            long n = width.toDays();
            long d = ChronoUnit.DAYS.between(ORIGIN, t.atZone(zone).toLocalDate());
            return ORIGIN.plusDays(Math.floorDiv(d, n) * n).atStartOfDay(zone).toInstant();
        }
        long s = width.toSeconds();
        long since = t.getEpochSecond() - origin.getEpochSecond();
        return origin.plusSeconds(Math.floorDiv(since, s) * s);
    }

    /** Start of the bucket after the one starting at {@code start}. */
    public Instant next(Instant start) {
        if (days())
            return start.atZone(zone)
                    .toLocalDate()
                    .plusDays(width.toDays())
                    .atStartOfDay(zone)
                    .toInstant();
        return start.plus(width);
    }

    /** {@code t} itself when it starts a bucket, else the start of the next bucket. */
    public Instant end(Instant t) {
        Instant s = start(t);
        return s.equals(t) ? t : next(s);
    }

    /** Seconds from the Unix epoch to the origin: the raw SQL buckets from it (sub-day widths only). */
    public long originEpochSecond() {
        return origin.getEpochSecond();
    }

    public ZoneId zone() {
        return zone;
    }
}

package vn.dongxanh.ingest.irrigation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import vn.dongxanh.ingest.api.ApiException;

/**
 * Whole local days {@code from..to}, both included, in the rollup zone.
 *
 * @param start local midnight starting {@code from}
 * @param end local midnight after {@code to}
 */
record DayRange(LocalDate from, LocalDate to, ZoneId zone, Instant start, Instant end) {
    static DayRange parse(String from, String to, ZoneId zone, int maxDays) {
        LocalDate f = date("from", from);
        LocalDate t = date("to", to);
        if (t.isBefore(f)) throw ApiException.badRequest("to (" + t + ") is before from (" + f + ")");
        long days = ChronoUnit.DAYS.between(f, t) + 1;
        if (days > maxDays) {
            throw ApiException.badRequest(
                    "the range has " + days + " days; at most " + maxDays + " (dx.ingest.api.max-days)");
        }
        return new DayRange(
                f,
                t,
                zone,
                f.atStartOfDay(zone).toInstant(),
                t.plusDays(1).atStartOfDay(zone).toInstant());
    }

    private static LocalDate date(String name, String value) {
        if (value == null) throw ApiException.badRequest("'" + name + "' is required: a date such as 2026-05-01");
        try {
            return LocalDate.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(name + " '" + value + "' is not a date such as 2026-05-01");
        }
    }

    long days() {
        return ChronoUnit.DAYS.between(from, to) + 1;
    }

    LocalDate dateOf(Instant t) {
        return t.atZone(zone).toLocalDate();
    }

    /** The index from {@code from} of the local day of {@code t}, an instant within the range. */
    int dayIndex(Instant t) {
        return (int) ChronoUnit.DAYS.between(from, dateOf(t));
    }

    Instant startOf(LocalDate d) {
        return d.atStartOfDay(zone).toInstant();
    }
}

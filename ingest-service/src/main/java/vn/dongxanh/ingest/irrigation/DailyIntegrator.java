package vn.dongxanh.ingest.irrigation;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.TreeMap;

/**
 * Integrates a rate given per minute over time, per local day: the area under the line through
 * two readings (trapezoid rule), or under a constant, cut at local midnights and clipped to a
 * window. A piece crossing midnight is split where the line crosses it.
 */
final class DailyIntegrator {
    private static final double NANOS_PER_MINUTE = 60e9;

    private final ZoneId zone;
    private final Instant start;
    private final Instant end;
    private final Map<LocalDate, Double> totals = new TreeMap<>();

    DailyIntegrator(ZoneId zone, Instant start, Instant end) {
        this.zone = zone;
        this.start = start;
        this.end = end;
    }

    /** Adds the integral of the straight line from (t1, v1) to (t2, v2). */
    void linear(Instant t1, double v1, Instant t2, double v2) {
        if (!t1.isBefore(t2)) return;
        double span = Duration.between(t1, t2).toNanos();
        Instant a = t1.isBefore(start) ? start : t1;
        Instant b = t2.isAfter(end) ? end : t2;
        for (Instant p = a; p.isBefore(b); ) {
            Instant midnight =
                    p.atZone(zone).toLocalDate().plusDays(1).atStartOfDay(zone).toInstant();
            Instant q = midnight.isBefore(b) ? midnight : b;
            double vp = v1 + (v2 - v1) * Duration.between(t1, p).toNanos() / span;
            double vq = v1 + (v2 - v1) * Duration.between(t1, q).toNanos() / span;
            add(p, (vp + vq) / 2 * Duration.between(p, q).toNanos() / NANOS_PER_MINUTE);
            p = q;
        }
    }

    /** Adds {@code v} per minute from {@code t1} to {@code t2}. */
    void constant(Instant t1, Instant t2, double v) {
        linear(t1, v, t2, v);
    }

    /** Adds an amount to the day holding {@code t}, if {@code t} is in the window. */
    void add(Instant t, double amount) {
        if (t.isBefore(start) || !t.isBefore(end)) return;
        totals.merge(t.atZone(zone).toLocalDate(), amount, Double::sum);
    }

    double total(LocalDate day) {
        return totals.getOrDefault(day, 0.0);
    }
}

package vn.dongxanh.ingest.irrigation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import vn.dongxanh.ingest.registry.Plot;
import vn.dongxanh.ingest.rollup.Agg;
import vn.dongxanh.ingest.rollup.Rollups;
import vn.dongxanh.ingest.schema.RetentionProperties;

/** Works out a plot's water per day; see {@link WaterReport} for the method. */
@Component
public class WaterCalculator {
    /** Liters per cubic meter. */
    private static final double LITERS_PER_M3 = 1000;
    /** DOMAIN §6: 1 mm of water over 1 ha is 10 m³. */
    private static final double M3_PER_MM_HA = 10;

    private static final double MINUTES_PER_HOUR = 60;

    private record SeriesRef(int id, String device) {}

    private final JdbcTemplate jdbc;
    private final Rollups rollups;
    private final WaterProperties props;
    private final RetentionProperties retention;
    private final Clock clock;

    public WaterCalculator(
            JdbcTemplate jdbc, Rollups rollups, WaterProperties props, RetentionProperties retention, Clock clock) {
        this.jdbc = jdbc;
        this.rollups = rollups;
        this.props = props;
        this.retention = retention;
        this.clock = clock;
    }

    WaterReport water(Plot plot, DayRange range) {
        Instant now = clock.instant();
        Instant end = range.end().isAfter(now) ? now : range.end();
        // days starting before the raw cutoff come from the hourly rollups
        Instant cutoff = now.minus(retention.raw());
        LocalDate firstRawDay = range.dateOf(cutoff).plusDays(1);
        Instant rawStart = range.startOf(firstRawDay);
        if (rawStart.isBefore(range.start())) rawStart = range.start();

        List<SeriesRef> flow = series(plot.id(), "flow");
        List<SeriesRef> valves = flow.isEmpty() ? series(plot.id(), "valve") : List.of();
        String method = !flow.isEmpty() ? "flow_meter" : !valves.isEmpty() ? "valve_time" : "none";
        Double valveFlow = null;
        String valveFlowSource = null;
        // liters (flow meter) or open minutes (valves) per day
        var raw = new DailyIntegrator(range.zone(), rawStart, end);
        var hourly = new DailyIntegrator(range.zone(), range.start(), rawStart.isBefore(end) ? rawStart : end);
        for (SeriesRef s : flow) {
            integrateFlow(s.id(), raw, rawStart, end);
            hourlyMeans(s.id(), hourly, range.start(), rawStart);
        }
        for (SeriesRef s : valves) {
            integrateOpen(s.id(), raw, rawStart, end, now);
            hourlyMeans(s.id(), hourly, range.start(), rawStart);
        }
        if (!valves.isEmpty()) {
            valveFlowSource = plot.valveFlowLpm() != null ? "plot" : "default";
            valveFlow = plot.valveFlowLpm() != null
                    ? plot.valveFlowLpm()
                    : props.defaultValveFlowLpmPerHa() * plot.areaHa();
        }
        double litersPerUnit = valves.isEmpty() ? 1 : valveFlow;
        var days = new ArrayList<WaterReport.Day>();
        double total = 0;
        LocalDate last = range.to();
        LocalDate today = range.dateOf(now);
        if (today.isBefore(last)) last = today;
        for (LocalDate d = range.from(); !d.isAfter(last); d = d.plusDays(1)) {
            boolean fromRaw = !d.isBefore(firstRawDay);
            double m3 = (fromRaw ? raw.total(d) : hourly.total(d)) * litersPerUnit / LITERS_PER_M3;
            total += m3;
            days.add(new WaterReport.Day(d, m3, mm(m3, plot), fromRaw ? "raw" : "hourly"));
        }
        var devices = new ArrayList<String>();
        (flow.isEmpty() ? valves : flow).forEach(s -> devices.add(s.device()));
        return new WaterReport(
                plot.id(),
                range.from(),
                range.to(),
                range.zone().getId(),
                method,
                devices,
                valveFlow,
                valveFlowSource,
                total,
                mm(total, plot),
                days);
    }

    private static double mm(double m3, Plot plot) {
        return m3 / (plot.areaHa() * M3_PER_MM_HA);
    }

    private List<SeriesRef> series(String plotId, String metric) {
        return jdbc.query(
                "SELECT id, device_id FROM series WHERE plot_id = ? AND metric = ? ORDER BY device_id",
                (rs, i) -> new SeriesRef(rs.getInt(1), rs.getString(2)),
                plotId,
                metric);
    }

    /** Trapezoids between consecutive flow readings at most max-gap apart (L/min × min = L). */
    private void integrateFlow(int seriesId, DailyIntegrator into, Instant from, Instant to) {
        if (!from.isBefore(to)) return;
        Duration gap = props.maxGap();
        var prev = new Object() {
            Instant t;
            double v;
        };
        readings(seriesId, from.minus(gap), to.plus(gap), (t, v) -> {
            if (prev.t != null && Duration.between(prev.t, t).compareTo(gap) <= 0) into.linear(prev.t, prev.v, t, v);
            prev.t = t;
            prev.v = v;
        });
    }

    /** Minutes open: each valve reading holds until the next one, at most max-gap (and not past now). */
    private void integrateOpen(int seriesId, DailyIntegrator into, Instant from, Instant to, Instant now) {
        if (!from.isBefore(to)) return;
        Duration gap = props.maxGap();
        var prev = new Object() {
            Instant t;
            double v;
        };
        readings(seriesId, from.minus(gap), to, (t, v) -> {
            if (prev.t != null) hold(into, prev.t, prev.v, t, now);
            prev.t = t;
            prev.v = v;
        });
        if (prev.t != null) hold(into, prev.t, prev.v, null, now);
    }

    private void hold(DailyIntegrator into, Instant t, double v, Instant next, Instant now) {
        if (v < 0.5) return; // closed
        Instant until = t.plus(props.maxGap());
        if (next != null && next.isBefore(until)) until = next;
        if (now.isBefore(until)) until = now;
        into.constant(t, until, 1);
    }

    /** Hourly means × 60 min: liters for a flow series, open minutes for a valve. */
    private void hourlyMeans(int seriesId, DailyIntegrator into, Instant from, Instant to) {
        if (!from.isBefore(to)) return;
        for (Agg h : rollups.hourly(seriesId, from, to)) into.add(h.bucket(), h.avg() * MINUTES_PER_HOUR);
    }

    private interface RowSink {
        void accept(Instant t, double v);
    }

    private void readings(int seriesId, Instant from, Instant to, RowSink sink) {
        jdbc.query(
                "SELECT time, value FROM reading WHERE series_id = ? AND time >= ? AND time < ? ORDER BY time",
                rs -> {
                    sink.accept(rs.getObject(1, OffsetDateTime.class).toInstant(), rs.getDouble(2));
                },
                seriesId,
                from.atOffset(ZoneOffset.UTC),
                to.atOffset(ZoneOffset.UTC));
    }
}

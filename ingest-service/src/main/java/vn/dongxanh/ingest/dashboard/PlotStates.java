package vn.dongxanh.ingest.dashboard;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.PreparedStatementCreator;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import vn.dongxanh.contract.Json;
import vn.dongxanh.contract.dashboard.ControlKind;
import vn.dongxanh.contract.dashboard.GatewayState;
import vn.dongxanh.contract.dashboard.LastDecision;
import vn.dongxanh.contract.dashboard.Measurement;
import vn.dongxanh.contract.dashboard.PlotMetric;
import vn.dongxanh.contract.dashboard.PlotState;
import vn.dongxanh.contract.dashboard.PumpState;
import vn.dongxanh.contract.dashboard.Thresholds;
import vn.dongxanh.contract.dashboard.ValveState;
import vn.dongxanh.contract.telemetry.Metric;

/**
 * Reads plots' and gateways' state from what ingest stores, for all plots of a cooperative or a
 * few: four queries whatever the number of plots (registry with last decision and open alarms,
 * latest values, rain today, gateways), never one per plot.
 *
 * <p>Where each part comes from (docs/dashboard-api.md): crop from the registry; growth stage,
 * control kind and thresholds from the latest irrigation event whose gateway sent its control with
 * it; the gateway from the plot's latest irrigation event; values from {@code series_latest}; rain
 * today from the rain readings since local midnight.
 */
@Component
public class PlotStates {
    private final JdbcTemplate jdbc;
    private final DashboardProperties props;
    private final Clock clock;

    PlotStates(JdbcTemplate jdbc, DashboardProperties props, Clock clock) {
        this.jdbc = jdbc;
        this.props = props;
        this.clock = clock;
    }

    /** Plots of {@code coop}, by id; only those of {@code only} when it is not null. */
    public List<PlotState> plots(String coop, Collection<String> only, Instant now) {
        String filter = only == null ? "" : " AND p.id = ANY(?)";
        var rows = new LinkedHashMap<String, Row>();
        jdbc.query(
                statement(
                        "SELECT p.id, p.name, p.crop, d.gateway_id, d.kind, d.reason, d.detail, d.at,"
                                + " c.control::text AS control,"
                                + " (SELECT count(*) FROM alarm a WHERE a.plot_id = p.id AND a.state = 'RAISED') AS open"
                                + " FROM plot p"
                                + " LEFT JOIN LATERAL (SELECT gateway_id, kind, reason, detail, at FROM irrigation_event e"
                                + " WHERE e.plot_id = p.id ORDER BY e.at DESC LIMIT 1) d ON true"
                                + " LEFT JOIN LATERAL (SELECT control FROM irrigation_event e"
                                + " WHERE e.plot_id = p.id AND e.control IS NOT NULL ORDER BY e.at DESC LIMIT 1) c ON true"
                                + " WHERE p.cooperative_id = ?" + filter + " ORDER BY p.id",
                        coop,
                        only),
                rs -> {
                    rows.put(rs.getString("id"), new Row(rs));
                });
        if (rows.isEmpty()) return List.of();
        jdbc.query(
                statement(
                        "SELECT s.plot_id, s.metric, l.time, l.value FROM series s"
                                + " JOIN series_latest l ON l.series_id = s.id JOIN plot p ON p.id = s.plot_id"
                                + " WHERE p.cooperative_id = ?" + filter
                                + " AND s.metric IN ('water_level', 'soil_moisture', 'valve', 'pump')",
                        coop,
                        only),
                rs -> {
                    Row row = rows.get(rs.getString(1));
                    if (row != null) row.latest(rs.getString(2), instant(rs, 3), rs.getDouble(4));
                });
        Instant midnight = LocalDate.ofInstant(now, props.zone())
                .atStartOfDay(props.zone())
                .toInstant();
        jdbc.query(
                statement(
                        "SELECT s.plot_id, sum(r.value) FROM series s JOIN plot p ON p.id = s.plot_id"
                                + " JOIN reading r ON r.series_id = s.id AND r.time >= ?"
                                + " WHERE p.cooperative_id = ?" + filter + " AND s.metric = 'rain' GROUP BY s.plot_id",
                        midnight,
                        coop,
                        only),
                rs -> {
                    Row row = rows.get(rs.getString(1));
                    if (row != null) row.rainToday = rs.getDouble(2);
                });
        var out = new ArrayList<PlotState>(rows.size());
        for (var e : rows.entrySet()) out.add(e.getValue().state(e.getKey(), now));
        return out;
    }

    /** Gateways of {@code coop}, by id; only those of {@code only} when it is not null. */
    public List<GatewayState> gateways(String coop, Collection<String> only) {
        return jdbc.query(
                statement(
                        "SELECT id, online, last_seen, backlog_readings, backlog_oldest_s FROM gateway"
                                + " WHERE cooperative_id = ?" + (only == null ? "" : " AND id = ANY(?)")
                                + " ORDER BY id",
                        coop,
                        only),
                (rs, i) -> new GatewayState(
                        rs.getString(1),
                        rs.getBoolean(2), // null (never reported a state) reads as false: not known to be online
                        instant(rs, 3),
                        rs.getObject(4, Long.class),
                        rs.getObject(5, Long.class)));
    }

    public Instant now() {
        return clock.instant();
    }

    /** {@code sql} with its leading arguments and, when {@code only} is given, the id array last. */
    private static PreparedStatementCreator statement(String sql, Object first, Object... rest) {
        return con -> {
            var ps = con.prepareStatement(sql);
            int i = 1;
            var args = new ArrayList<Object>();
            args.add(first);
            for (Object o : rest) args.add(o);
            for (Object o : args) {
                if (o instanceof Collection<?> c) {
                    Array a = con.createArrayOf("text", c.toArray());
                    ps.setArray(i++, a);
                } else if (o instanceof Instant t) {
                    ps.setObject(i++, t.atOffset(java.time.ZoneOffset.UTC));
                } else if (o != null) {
                    ps.setObject(i++, o);
                }
                // a null id filter adds no placeholder
            }
            return ps;
        };
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    /** One plot's parts as they come from the queries. */
    private final class Row {
        final String name;
        final String crop;
        final String gateway;
        final LastDecision decision;
        final JsonNode control;
        final int openAlarms;
        final Map<String, Latest> latest = new HashMap<>();
        Double rainToday;
        Boolean valveOpen;
        Boolean pumpOn;

        Row(ResultSet rs) throws SQLException {
            name = rs.getString("name");
            crop = rs.getString("crop");
            gateway = rs.getString("gateway_id");
            Instant at = instant(rs, 8);
            decision = at == null
                    ? null
                    : new LastDecision(rs.getString("kind"), rs.getString("reason"), rs.getString("detail"), at);
            String c = rs.getString("control");
            control = c == null ? null : Json.MAPPER.readTree(c);
            openAlarms = rs.getInt("open");
        }

        void latest(String metric, Instant time, double value) {
            if (metric.equals(Metric.VALVE.wireName())) {
                // several valves: the plot is being watered when any of them reports open
                valveOpen = (valveOpen != null && valveOpen) || value != 0;
            } else if (metric.equals(Metric.PUMP.wireName())) {
                pumpOn = (pumpOn != null && pumpOn) || value != 0;
            } else {
                // several sensors of one metric: the newest reading stands for the plot
                latest.merge(metric, new Latest(time, value), (a, b) -> b.time.isAfter(a.time) ? b : a);
            }
        }

        PlotState state(String id, Instant now) {
            ControlKind kind =
                    control == null ? null : controlKind(control.path("kind").asString(""));
            String stage = control == null ? null : text(control.get("stage"));
            Thresholds thresholds =
                    control == null ? null : new Thresholds(number(control.get("low")), number(control.get("high")));
            return new PlotState(
                    id,
                    name,
                    crop,
                    stage,
                    kind,
                    measurement(kind, now),
                    thresholds,
                    valveOpen == null ? ValveState.UNKNOWN : valveOpen ? ValveState.OPEN : ValveState.CLOSED,
                    pumpOn == null ? PumpState.UNKNOWN : pumpOn ? PumpState.RUNNING : PumpState.STOPPED,
                    rainToday,
                    gateway,
                    openAlarms,
                    decision);
        }

        /** The control's own metric when it is known; otherwise whichever the plot reports. */
        private Measurement measurement(ControlKind kind, Instant now) {
            PlotMetric metric = kind == ControlKind.MOISTURE_BAND
                    ? PlotMetric.SOIL_MOISTURE
                    : kind == ControlKind.AWD
                            ? PlotMetric.WATER_LEVEL
                            : latest.containsKey(PlotMetric.WATER_LEVEL.wireName())
                                    ? PlotMetric.WATER_LEVEL
                                    : PlotMetric.SOIL_MOISTURE;
            Latest l = latest.get(metric.wireName());
            if (l == null) return null;
            long age = Math.max(0, now.getEpochSecond() - l.time.getEpochSecond());
            String unit = Metric.byWireName(metric.wireName()).orElseThrow().contractUnit();
            return new Measurement(metric, l.value, unit, l.time, l.time.isBefore(now.minus(props.staleAfter())), age);
        }
    }

    private record Latest(Instant time, double value) {}

    private static ControlKind controlKind(String name) {
        for (ControlKind k : ControlKind.values()) if (k.name().equals(name)) return k;
        return null; // a kind this service does not know yet: shown as unknown rather than refused
    }

    private static String text(JsonNode n) {
        return n == null || !n.isString() || n.asString().isEmpty() ? null : n.asString();
    }

    private static Double number(JsonNode n) {
        return n == null || !n.isNumber() ? null : n.asDouble();
    }
}

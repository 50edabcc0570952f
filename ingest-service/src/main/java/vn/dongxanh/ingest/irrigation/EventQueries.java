package vn.dongxanh.ingest.irrigation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.JsonNode;
import vn.dongxanh.contract.Json;
import vn.dongxanh.contract.event.IrrigationEvent;
import vn.dongxanh.ingest.registry.Plot;

/**
 * Reads a plot's irrigation events. Plot ids come from the gateways' configuration, so an event
 * belongs to a registered plot when its plot id matches and it came from the plot's cooperative.
 */
@Repository
class EventQueries {
    private final JdbcTemplate jdbc;

    EventQueries(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    List<EventView> list(Plot plot, Instant from, Instant to, IrrigationEvent.Kind kind, int limit) {
        return jdbc.query(
                "SELECT event_id, gateway_id, plot_id, valve_id, kind, reason, detail, readings::text, run_s, at,"
                        + " received_at FROM irrigation_event WHERE plot_id = ? AND cooperative_id = ? AND at >= ?"
                        + " AND at < ?" + (kind == null ? "" : " AND kind = '" + kind.name() + "'")
                        + " ORDER BY at, event_id LIMIT ?",
                (rs, i) -> new EventView(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getString(5),
                        rs.getString(6),
                        rs.getString(7),
                        readings(rs.getString(8)),
                        rs.getLong(9),
                        rs.getObject(10, OffsetDateTime.class).toInstant(),
                        rs.getObject(11, OffsetDateTime.class).toInstant()),
                plot.id(),
                plot.cooperative(),
                utc(from),
                utc(to),
                limit);
    }

    /** Events per kind in the range (every kind present, zero when none). */
    Map<IrrigationEvent.Kind, Long> counts(Plot plot, Instant from, Instant to) {
        var out = new EnumMap<IrrigationEvent.Kind, Long>(IrrigationEvent.Kind.class);
        for (IrrigationEvent.Kind k : IrrigationEvent.Kind.values()) out.put(k, 0L);
        jdbc.query(
                "SELECT kind, count(*) FROM irrigation_event WHERE plot_id = ? AND cooperative_id = ? AND at >= ?"
                        + " AND at < ? GROUP BY kind",
                rs -> {
                    out.put(IrrigationEvent.Kind.valueOf(rs.getString(1)), rs.getLong(2));
                },
                plot.id(),
                plot.cooperative(),
                utc(from),
                utc(to));
        return out;
    }

    /** Local days with at least one START. */
    Set<LocalDate> startDays(Plot plot, Instant from, Instant to, ZoneId zone) {
        var days = new TreeSet<LocalDate>();
        jdbc.query(
                "SELECT at FROM irrigation_event WHERE plot_id = ? AND cooperative_id = ? AND at >= ? AND at < ?"
                        + " AND kind = 'START'",
                rs -> {
                    days.add(rs.getObject(1, OffsetDateTime.class)
                            .toInstant()
                            .atZone(zone)
                            .toLocalDate());
                },
                plot.id(),
                plot.cooperative(),
                utc(from),
                utc(to));
        return days;
    }

    private static Map<String, Double> readings(String json) {
        var out = new LinkedHashMap<String, Double>();
        JsonNode o = Json.MAPPER.readTree(json);
        for (var e : o.properties()) {
            out.put(e.getKey(), e.getValue().isNumber() ? e.getValue().doubleValue() : null);
        }
        return out;
    }

    private static OffsetDateTime utc(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }
}

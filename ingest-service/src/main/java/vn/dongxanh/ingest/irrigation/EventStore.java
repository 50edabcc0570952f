package vn.dongxanh.ingest.irrigation;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.node.ObjectNode;
import vn.dongxanh.contract.Json;
import vn.dongxanh.contract.event.IrrigationEvent;

/** Writes gateway irrigation events to {@code irrigation_event}, once per (gateway, event id). */
@Repository
public class EventStore {
    private final JdbcTemplate jdbc;

    public EventStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Inserts the event; false when it is already stored (a redelivery). */
    public boolean insert(String cooperativeId, String gatewayId, IrrigationEvent e, Instant receivedAt) {
        return jdbc.update(
                        "INSERT INTO irrigation_event (gateway_id, event_id, cooperative_id, plot_id, valve_id, kind,"
                                + " reason, detail, readings, run_s, at, received_at, control)"
                                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?, ?, ?, ?::jsonb)"
                                + " ON CONFLICT (gateway_id, event_id) DO NOTHING",
                        gatewayId,
                        e.eventId(),
                        cooperativeId,
                        e.plotId(),
                        e.valveId(),
                        e.kind().name(),
                        e.reason(),
                        e.detail(),
                        readingsJson(e.readings()),
                        e.runTime().toSeconds(),
                        utc(e.at()),
                        utc(receivedAt),
                        controlJson(e.control()))
                == 1;
    }

    /** The control as the dashboard reads it back (docs/dashboard-api.md), null when the gateway sent none. */
    static String controlJson(IrrigationEvent.Control c) {
        if (c == null) return null;
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("kind", c.kind().name());
        if (c.stage() != null) o.put("stage", c.stage());
        if (c.low() != null) o.put("low", c.low());
        if (c.high() != null) o.put("high", c.high());
        return Json.MAPPER.writeValueAsString(o);
    }

    /** JSON has no NaN or infinity: such a value is kept as null rather than losing the event. */
    static String readingsJson(Map<String, Double> readings) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        readings.forEach((k, v) -> {
            if (v == null || !Double.isFinite(v)) o.putNull(k);
            else o.put(k, v);
        });
        return Json.MAPPER.writeValueAsString(o);
    }

    private static OffsetDateTime utc(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }
}

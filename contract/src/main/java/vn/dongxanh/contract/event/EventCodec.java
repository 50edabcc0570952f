package vn.dongxanh.contract.event;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import vn.dongxanh.contract.Json;
import vn.dongxanh.contract.dashboard.ControlKind;

/**
 * JSON of {@link IrrigationEvent}:
 *
 * <pre>{"id":"…","plot":"p01","valve":"p01-valve","kind":"START","reason":"BELOW_START_LEVEL",
 *  "detail":"…","readings":{"water_level":-15.2},"run_s":5400,"at":"2026-…Z",
 *  "control":{"kind":"AWD","stage":"tillering","low":-15.0,"high":5.0}}</pre>
 *
 * {@code control} is optional (gateways before it did not send it); inside it only {@code kind} is
 * required.
 */
public final class EventCodec {
    private EventCodec() {}

    public static byte[] encode(IrrigationEvent e) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("id", e.eventId());
        o.put("plot", e.plotId());
        o.put("valve", e.valveId());
        o.put("kind", e.kind().name());
        o.put("reason", e.reason());
        o.put("detail", e.detail());
        ObjectNode readings = o.putObject("readings");
        e.readings().forEach(readings::put);
        o.put("run_s", e.runTime().toSeconds());
        o.put("at", e.at().toString());
        if (e.control() != null) {
            ObjectNode c = o.putObject("control");
            c.put("kind", e.control().kind().name());
            if (e.control().stage() != null) c.put("stage", e.control().stage());
            if (e.control().low() != null) c.put("low", e.control().low());
            if (e.control().high() != null) c.put("high", e.control().high());
        }
        return Json.MAPPER.writeValueAsBytes(o);
    }

    /** @throws IllegalArgumentException naming what is wrong */
    public static IrrigationEvent decode(byte[] json) {
        JsonNode o;
        try {
            o = Json.MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("event is not JSON: " + e.getOriginalMessage());
        }
        if (o == null || !o.isObject()) throw new IllegalArgumentException("event must be a JSON object");
        IrrigationEvent.Kind kind;
        try {
            kind = IrrigationEvent.Kind.valueOf(text(o, "kind"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("event 'kind' must be START, STOP, SKIP or ALARM");
        }
        var readings = new LinkedHashMap<String, Double>();
        JsonNode r = o.get("readings");
        if (r != null && r.isObject()) {
            for (var f : r.properties()) {
                if (!f.getValue().isNumber())
                    throw new IllegalArgumentException("event reading '" + f.getKey() + "' is not a number");
                readings.put(f.getKey(), f.getValue().doubleValue());
            }
        }
        JsonNode run = o.get("run_s");
        Instant at;
        try {
            at = Instant.parse(text(o, "at"));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("event 'at' is not an ISO-8601 instant");
        }
        return new IrrigationEvent(
                text(o, "id"),
                text(o, "plot"),
                o.path("valve").asString(""),
                kind,
                text(o, "reason"),
                o.path("detail").asString(""),
                readings,
                Duration.ofSeconds(run != null && run.canConvertToLong() ? run.longValue() : 0),
                at,
                control(o.get("control")));
    }

    private static IrrigationEvent.Control control(JsonNode c) {
        if (c == null || c.isNull()) return null;
        if (!c.isObject()) throw new IllegalArgumentException("event 'control' must be an object");
        ControlKind kind;
        try {
            kind = ControlKind.valueOf(text(c, "kind"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("event 'control.kind' must be AWD or MOISTURE_BAND");
        }
        JsonNode stage = c.get("stage");
        if (stage != null && !stage.isNull() && !stage.isString()) {
            throw new IllegalArgumentException("event 'control.stage' must be a string");
        }
        return new IrrigationEvent.Control(
                kind, stage == null || stage.isNull() ? null : stage.stringValue(), level(c, "low"), level(c, "high"));
    }

    private static Double level(JsonNode c, String field) {
        JsonNode n = c.get(field);
        if (n == null || n.isNull()) return null;
        if (!n.isNumber() || !Double.isFinite(n.doubleValue())) {
            throw new IllegalArgumentException("event 'control." + field + "' must be a finite number");
        }
        return n.doubleValue();
    }

    private static String text(JsonNode o, String field) {
        JsonNode n = o.get(field);
        if (n == null || !n.isString())
            throw new IllegalArgumentException("event '" + field + "' is missing or not a string");
        return n.stringValue();
    }
}

package vn.dongxanh.contract.event;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import vn.dongxanh.contract.Json;

/**
 * JSON of {@link IrrigationEvent}:
 *
 * <pre>{"id":"…","plot":"p01","valve":"p01-valve","kind":"START","reason":"BELOW_START_LEVEL",
 *  "detail":"…","readings":{"water_level":-15.2},"run_s":5400,"at":"2026-…Z"}</pre>
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
                at);
    }

    private static String text(JsonNode o, String field) {
        JsonNode n = o.get(field);
        if (n == null || !n.isString())
            throw new IllegalArgumentException("event '" + field + "' is missing or not a string");
        return n.stringValue();
    }
}

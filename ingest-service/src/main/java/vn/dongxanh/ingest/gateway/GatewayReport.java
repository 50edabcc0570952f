package vn.dongxanh.ingest.gateway;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import vn.dongxanh.contract.Json;

/**
 * A gateway's retained state message: {@code online} and {@code at} always; the health figures
 * only in the periodic report of an online gateway (the last will, {@code {"online":false,"at":…}},
 * carries none). Absent figures are null and leave the stored ones as they were.
 *
 * @param at the gateway's clock when it wrote the message (a last will is written at connect time)
 */
public record GatewayReport(
        boolean online,
        Instant at,
        Long uptimeS,
        Long backlogReadings,
        Long backlogBatches,
        Long backlogOldestS,
        String backlogError,
        Long batchesSent,
        Long readingsSent,
        Long devicesOnline,
        Long valvesOpen,
        Long readingsCompacted) {

    /**
     * Reads the JSON the edge agent publishes; unknown fields are ignored.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    public static GatewayReport decode(byte[] json) {
        JsonNode o;
        try {
            o = Json.MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("state is not JSON: " + e.getOriginalMessage());
        }
        if (o == null || !o.isObject()) throw new IllegalArgumentException("state must be a JSON object");
        JsonNode online = o.get("online");
        if (online == null || !online.isBoolean()) {
            throw new IllegalArgumentException("state 'online' is missing or not true/false");
        }
        JsonNode at = o.get("at");
        if (at == null || !at.isString()) throw new IllegalArgumentException("state 'at' is missing or not a string");
        Instant time;
        try {
            time = Instant.parse(at.stringValue());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("state 'at' is not an ISO-8601 instant");
        }
        JsonNode error = o.get("backlog_error");
        return new GatewayReport(
                online.booleanValue(),
                time,
                count(o, "uptime_s"),
                count(o, "backlog_readings"),
                count(o, "backlog_batches"),
                count(o, "backlog_oldest_s"),
                error != null && error.isString() ? error.stringValue() : null,
                count(o, "batches_sent"),
                count(o, "readings_sent"),
                count(o, "devices_online"),
                count(o, "valves_open"),
                count(o, "readings_compacted"));
    }

    private static Long count(JsonNode o, String field) {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) return null;
        if (!n.isIntegralNumber() || !n.canConvertToLong() || n.longValue() < 0) {
            throw new IllegalArgumentException("state '" + field + "' must be a whole number >= 0");
        }
        return n.longValue();
    }
}

package vn.dongxanh.contract.command;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import vn.dongxanh.contract.Json;

/**
 * JSON of valve commands and acks. Durations are whole seconds ({@code "run_s"}), instants ISO-8601.
 *
 * <pre>{"id":"c-1","dev":"p01-valve","action":"OPEN","run_s":1800,"issued":"…","deadline":"…"}
 * {"id":"c-1","dev":"p01-valve","result":"APPLIED","reason":"","open":true,"at":"…"}</pre>
 */
public final class CommandCodec {
    private CommandCodec() {}

    public static byte[] encode(ValveCommand c) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("id", c.commandId());
        o.put("dev", c.deviceId());
        o.put("action", c.action().name());
        o.put("run_s", c.runTime().toSeconds());
        o.put("issued", c.issuedAt().toString());
        o.put("deadline", c.deadline().toString());
        return Json.MAPPER.writeValueAsBytes(o);
    }

    /** @throws IllegalArgumentException naming the field that is wrong */
    public static ValveCommand decodeCommand(byte[] json) {
        JsonNode o = object(json, "command");
        ValveCommand.Action action;
        try {
            action = ValveCommand.Action.valueOf(text(o, "action"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("command 'action' must be OPEN or CLOSE");
        }
        JsonNode run = o.get("run_s");
        if (run != null && (!run.isIntegralNumber() || !run.canConvertToLong())) {
            throw new IllegalArgumentException("command 'run_s' must be whole seconds");
        }
        return new ValveCommand(
                text(o, "id"),
                text(o, "dev"),
                action,
                Duration.ofSeconds(run == null ? 0 : run.longValue()),
                instant(o, "issued"),
                instant(o, "deadline"));
    }

    public static byte[] encode(CommandAck a) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("id", a.commandId());
        o.put("dev", a.deviceId());
        o.put("result", a.result().name());
        o.put("reason", a.reason());
        o.put("open", a.valveOpen());
        o.put("at", a.at().toString());
        return Json.MAPPER.writeValueAsBytes(o);
    }

    public static CommandAck decodeAck(byte[] json) {
        JsonNode o = object(json, "ack");
        CommandAck.Result result;
        try {
            result = CommandAck.Result.valueOf(text(o, "result"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ack 'result' is not one of APPLIED, DUPLICATE, REFUSED, EXPIRED");
        }
        JsonNode open = o.get("open");
        if (open == null || !open.isBoolean()) {
            throw new IllegalArgumentException("ack 'open' must be true or false");
        }
        JsonNode reason = o.get("reason");
        return new CommandAck(
                text(o, "id"),
                text(o, "dev"),
                result,
                reason == null ? "" : reason.asString(),
                open.booleanValue(),
                instant(o, "at"));
    }

    private static JsonNode object(byte[] json, String what) {
        try {
            JsonNode o = Json.MAPPER.readTree(json);
            if (o == null || !o.isObject()) {
                throw new IllegalArgumentException(what + " must be a JSON object");
            }
            return o;
        } catch (JacksonException e) {
            throw new IllegalArgumentException(what + " is not JSON: " + e.getOriginalMessage());
        }
    }

    private static String text(JsonNode o, String field) {
        JsonNode n = o.get(field);
        if (n == null || !n.isString()) {
            throw new IllegalArgumentException("'" + field + "' is missing or not a string");
        }
        return n.stringValue();
    }

    private static Instant instant(JsonNode o, String field) {
        try {
            return Instant.parse(text(o, field));
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("'" + field + "' is not an ISO-8601 instant");
        }
    }
}

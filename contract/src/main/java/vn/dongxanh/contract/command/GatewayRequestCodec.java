package vn.dongxanh.contract.command;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import vn.dongxanh.contract.Json;

/**
 * JSON of gateway requests and acks, with a {@code type} of valve, override, schedule or control:
 *
 * <pre>{"type":"valve","id":"r-1","command":{…ValveCommand…}}
 * {"type":"override","id":"r-2","plot":"p01","state":"CLOSED","until":"…"}
 * {"type":"schedule","id":"r-3","plot":"p02","start":"…","run_s":1200,"expires":"…"}
 * {"type":"control","id":"r-4","control":{"rice":{"max-run-time":"2h"}}}
 * {"id":"r-1","result":"REFUSED","reason":"…","at":"…"}</pre>
 */
public final class GatewayRequestCodec {
    private GatewayRequestCodec() {}

    public static byte[] encode(GatewayRequest request) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("id", request.requestId());
        switch (request) {
            case GatewayRequest.Valve v -> {
                o.put("type", "valve");
                o.set("command", Json.MAPPER.readTree(CommandCodec.encode(v.command())));
            }
            case GatewayRequest.Override ov -> {
                o.put("type", "override");
                o.put("plot", ov.plotId());
                o.put("state", ov.state().name());
                o.put("until", ov.until().toString());
            }
            case GatewayRequest.Schedule s -> {
                o.put("type", "schedule");
                o.put("plot", s.plotId());
                o.put("start", s.start().toString());
                o.put("run_s", s.runTime().toSeconds());
                o.put("expires", s.expires().toString());
            }
            case GatewayRequest.ControlChange c -> {
                o.put("type", "control");
                o.set("control", Json.MAPPER.readTree(c.controlJson()));
            }
        }
        return Json.MAPPER.writeValueAsBytes(o);
    }

    /** @throws IllegalArgumentException naming what is wrong */
    public static GatewayRequest decode(byte[] json) {
        JsonNode o;
        try {
            o = Json.MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("request is not JSON: " + e.getOriginalMessage());
        }
        if (o == null || !o.isObject()) throw new IllegalArgumentException("request must be a JSON object");
        String id = text(o, "id");
        return switch (text(o, "type")) {
            case "valve" -> {
                JsonNode c = o.get("command");
                if (c == null || !c.isObject())
                    throw new IllegalArgumentException("valve request needs a 'command' object");
                yield new GatewayRequest.Valve(id, CommandCodec.decodeCommand(Json.MAPPER.writeValueAsBytes(c)));
            }
            case "override" -> {
                GatewayRequest.Override.State state;
                try {
                    state = GatewayRequest.Override.State.valueOf(text(o, "state"));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("override 'state' must be OPEN, CLOSED or AUTO");
                }
                yield new GatewayRequest.Override(id, text(o, "plot"), state, instant(o, "until"));
            }
            case "schedule" -> {
                JsonNode run = o.get("run_s");
                if (run == null || !run.isIntegralNumber())
                    throw new IllegalArgumentException("schedule 'run_s' must be whole seconds");
                yield new GatewayRequest.Schedule(
                        id,
                        text(o, "plot"),
                        instant(o, "start"),
                        Duration.ofSeconds(run.longValue()),
                        instant(o, "expires"));
            }
            case "control" -> {
                JsonNode c = o.get("control");
                if (c == null || !c.isObject())
                    throw new IllegalArgumentException("control request needs a 'control' object");
                yield new GatewayRequest.ControlChange(id, Json.MAPPER.writeValueAsString(c));
            }
            default ->
                throw new IllegalArgumentException("request 'type' must be valve, override, schedule or control");
        };
    }

    public static byte[] encode(GatewayAck ack) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("id", ack.requestId());
        o.put("result", ack.result().name());
        o.put("reason", ack.reason());
        o.put("at", ack.at().toString());
        return Json.MAPPER.writeValueAsBytes(o);
    }

    public static GatewayAck decodeAck(byte[] json) {
        JsonNode o;
        try {
            o = Json.MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("ack is not JSON: " + e.getOriginalMessage());
        }
        if (o == null || !o.isObject()) throw new IllegalArgumentException("ack must be a JSON object");
        GatewayAck.Result result;
        try {
            result = GatewayAck.Result.valueOf(text(o, "result"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("ack 'result' must be APPLIED, DUPLICATE, REFUSED or EXPIRED");
        }
        return new GatewayAck(text(o, "id"), result, o.path("reason").asString(""), instant(o, "at"));
    }

    private static String text(JsonNode o, String field) {
        JsonNode n = o.get(field);
        if (n == null || !n.isString())
            throw new IllegalArgumentException("'" + field + "' is missing or not a string");
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

package vn.dongxanh.contract.uplink;

import static vn.dongxanh.contract.senml.SenmlException.Reason.INVALID_ENVELOPE;
import static vn.dongxanh.contract.senml.SenmlException.Reason.NOT_JSON;
import static vn.dongxanh.contract.senml.SenmlException.Reason.PACK_TOO_LARGE;
import static vn.dongxanh.contract.senml.SenmlException.Reason.UNSUPPORTED_VERSION;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import vn.dongxanh.contract.Json;
import vn.dongxanh.contract.senml.SenmlException;
import vn.dongxanh.contract.telemetry.TelemetryCodec;

/**
 * JSON form of {@link UplinkBatch}:
 *
 * <pre>{"v":1,"coop":"htx-an-phu","gw":"gw-01","seq":42,"sent":"2026-11-22T10:00:00Z","senml":[...]}</pre>
 *
 * {@code senml} is a SenML pack as written by {@link TelemetryCodec}.
 */
public final class UplinkCodec {
    public static final int VERSION = 1;

    private final TelemetryCodec telemetry;

    public UplinkCodec(TelemetryCodec telemetry) {
        this.telemetry = telemetry;
    }

    public byte[] encode(UplinkBatch batch) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("v", VERSION);
        root.put("coop", batch.cooperativeId());
        root.put("gw", batch.gatewayId());
        root.put("seq", batch.sequence());
        root.put("sent", batch.sentAt().toString());
        root.set("senml", telemetry.encodeTree(batch.readings()));
        return Json.MAPPER.writeValueAsBytes(root);
    }

    /** Decodes a batch, or throws {@link SenmlException} with the reason it is refused. */
    public UplinkBatch decode(byte[] json) {
        if (json.length > telemetry.limits().maxBytes()) {
            throw new SenmlException(
                    PACK_TOO_LARGE,
                    "batch is " + json.length + " bytes, limit "
                            + telemetry.limits().maxBytes());
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new SenmlException(NOT_JSON, "batch is not JSON: " + e.getOriginalMessage());
        }
        if (!root.isObject()) {
            throw new SenmlException(INVALID_ENVELOPE, "batch must be a JSON object");
        }
        JsonNode v = root.get("v");
        if (v == null || !v.isIntegralNumber()) {
            throw new SenmlException(INVALID_ENVELOPE, "batch has no integer version 'v'");
        }
        // beyond int range, Jackson 3 intValue() throws instead of refusing the batch
        if (!v.canConvertToInt() || v.intValue() != VERSION) {
            throw new SenmlException(UNSUPPORTED_VERSION, "batch version " + v + " is not " + VERSION);
        }
        String coop = requiredText(root, "coop");
        String gw = requiredText(root, "gw");
        JsonNode seq = root.get("seq");
        if (seq == null || !seq.isIntegralNumber() || !seq.canConvertToLong() || seq.longValue() < 1) {
            throw new SenmlException(INVALID_ENVELOPE, "batch 'seq' must be an integer >= 1");
        }
        Instant sent;
        try {
            sent = Instant.parse(requiredText(root, "sent"));
        } catch (DateTimeParseException e) {
            throw new SenmlException(INVALID_ENVELOPE, "batch 'sent' is not an ISO-8601 instant");
        }
        try {
            return new UplinkBatch(coop, gw, seq.longValue(), sent, telemetry.decode(root.get("senml")));
        } catch (SenmlException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new SenmlException(INVALID_ENVELOPE, e.getMessage());
        }
    }

    private static String requiredText(JsonNode root, String field) {
        JsonNode n = root.get(field);
        if (n == null || !n.isString()) {
            throw new SenmlException(INVALID_ENVELOPE, "batch has no string '" + field + "'");
        }
        return n.stringValue();
    }
}

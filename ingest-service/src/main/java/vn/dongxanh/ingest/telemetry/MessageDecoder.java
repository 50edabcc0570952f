package vn.dongxanh.ingest.telemetry;

import org.springframework.stereotype.Component;
import vn.dongxanh.contract.senml.SenmlException;
import vn.dongxanh.contract.topic.Topic;
import vn.dongxanh.contract.topic.Topics;
import vn.dongxanh.contract.uplink.UplinkBatch;
import vn.dongxanh.contract.uplink.UplinkCodec;

/** Turns a raw message into an accepted batch or a rejection with its reason. Never throws. */
@Component
public class MessageDecoder {
    private static final int MAX_DETAIL = 1000;

    private final UplinkCodec codec;

    public MessageDecoder(UplinkCodec codec) {
        this.codec = codec;
    }

    public Decoded decode(InboundMessage m) {
        Topic.GatewayTelemetry topic;
        try {
            if (!(Topics.parse(m.topic()) instanceof Topic.GatewayTelemetry t)) {
                return reject(m, Decoded.Rejected.BAD_TOPIC, "not a gateway telemetry topic");
            }
            topic = t;
        } catch (IllegalArgumentException e) {
            return reject(m, Decoded.Rejected.BAD_TOPIC, e.getMessage());
        }
        UplinkBatch batch;
        try {
            batch = codec.decode(m.payload());
        } catch (SenmlException e) {
            return reject(m, e.reason().name(), e.getMessage());
        } catch (RuntimeException e) {
            return reject(m, Decoded.Rejected.DECODE_ERROR, e.toString());
        }
        if (!batch.cooperativeId().equals(topic.cooperativeId())
                || !batch.gatewayId().equals(topic.gatewayId())) {
            return reject(
                    m,
                    Decoded.Rejected.TOPIC_MISMATCH,
                    "batch is from " + batch.cooperativeId() + "/" + batch.gatewayId() + " but was published on "
                            + topic.cooperativeId() + "/" + topic.gatewayId());
        }
        return new Decoded.Accepted(m, batch);
    }

    private static Decoded.Rejected reject(InboundMessage m, String reason, String detail) {
        return new Decoded.Rejected(m, reason, oneLine(detail));
    }

    /** Details go into one log line and a text column: no line breaks, no NUL, bounded. */
    static String oneLine(String s) {
        if (s == null) return "";
        String flat = s.replaceAll("\\R+", " ").replace('\0', '\uFFFD');
        return flat.length() <= MAX_DETAIL ? flat : flat.substring(0, MAX_DETAIL) + "…";
    }
}

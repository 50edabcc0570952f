package vn.dongxanh.ingest.telemetry;

import org.springframework.stereotype.Component;
import vn.dongxanh.contract.event.EventCodec;
import vn.dongxanh.contract.event.IrrigationEvent;
import vn.dongxanh.contract.senml.SenmlException;
import vn.dongxanh.contract.topic.Topic;
import vn.dongxanh.contract.topic.Topics;
import vn.dongxanh.contract.uplink.UplinkBatch;
import vn.dongxanh.contract.uplink.UplinkCodec;
import vn.dongxanh.ingest.gateway.GatewayReport;

/**
 * Turns a raw message into what it is, by topic: a telemetry batch, an irrigation event, a gateway
 * state, or a rejection with its reason. Never throws.
 */
@Component
public class MessageDecoder {
    private static final int MAX_DETAIL = 1000;
    /** Event ids are UUIDs from the edge agent; this leaves room without admitting essays. */
    private static final int MAX_EVENT_ID = 200;

    private final UplinkCodec codec;

    public MessageDecoder(UplinkCodec codec) {
        this.codec = codec;
    }

    public Decoded decode(InboundMessage m) {
        Topic topic;
        try {
            topic = Topics.parse(m.topic());
        } catch (IllegalArgumentException e) {
            return reject(m, Decoded.Rejected.BAD_TOPIC, e.getMessage());
        }
        try {
            return switch (topic) {
                case Topic.GatewayTelemetry t -> telemetry(m, t);
                case Topic.GatewayEvents t -> event(m, t);
                case Topic.GatewayState t -> state(m, t);
                default -> reject(m, Decoded.Rejected.BAD_TOPIC, "not a gateway telemetry, events or state topic");
            };
        } catch (RuntimeException e) {
            return reject(m, Decoded.Rejected.DECODE_ERROR, e.toString());
        }
    }

    private Decoded telemetry(InboundMessage m, Topic.GatewayTelemetry topic) {
        UplinkBatch batch;
        try {
            batch = codec.decode(m.payload());
        } catch (SenmlException e) {
            return reject(m, e.reason().name(), e.getMessage());
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

    private static Decoded event(InboundMessage m, Topic.GatewayEvents topic) {
        IrrigationEvent e;
        try {
            e = EventCodec.decode(m.payload());
        } catch (IllegalArgumentException ex) {
            return reject(m, Decoded.Rejected.INVALID_EVENT, ex.getMessage());
        }
        if (e.eventId().isBlank() || e.eventId().length() > MAX_EVENT_ID) {
            return reject(
                    m, Decoded.Rejected.INVALID_EVENT, "event 'id' must have 1 to " + MAX_EVENT_ID + " characters");
        }
        return new Decoded.Event(m, topic.cooperativeId(), topic.gatewayId(), e);
    }

    private static Decoded state(InboundMessage m, Topic.GatewayState topic) {
        // an empty retained message deletes the retained state: nothing was said about the gateway
        if (m.payload().length == 0) return new Decoded.Ignored(m);
        try {
            return new Decoded.State(m, topic.cooperativeId(), topic.gatewayId(), GatewayReport.decode(m.payload()));
        } catch (IllegalArgumentException ex) {
            return reject(m, Decoded.Rejected.INVALID_STATE, ex.getMessage());
        }
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

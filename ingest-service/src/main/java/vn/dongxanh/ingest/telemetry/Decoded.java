package vn.dongxanh.ingest.telemetry;

import vn.dongxanh.contract.event.IrrigationEvent;
import vn.dongxanh.contract.uplink.UplinkBatch;
import vn.dongxanh.ingest.gateway.GatewayReport;

/**
 * A message after decoding: a telemetry batch, an irrigation event or a gateway state to store,
 * a message to pass over, or a rejection to dead-letter.
 */
public sealed interface Decoded
        permits Decoded.Accepted, Decoded.Event, Decoded.State, Decoded.Ignored, Decoded.Rejected {
    InboundMessage message();

    /** A well-formed uplink batch from the gateway its topic names. */
    record Accepted(InboundMessage message, UplinkBatch batch) implements Decoded {}

    /** An irrigation event from the gateway its topic names. */
    record Event(InboundMessage message, String cooperativeId, String gatewayId, IrrigationEvent event)
            implements Decoded {}

    /** A state message (health report or last will) of the gateway its topic names. */
    record State(InboundMessage message, String cooperativeId, String gatewayId, GatewayReport report)
            implements Decoded {}

    /** Nothing to store and nothing wrong: an empty payload on a state topic (a retained message being cleared). */
    record Ignored(InboundMessage message) implements Decoded {}

    /**
     * A message we will not store.
     *
     * @param reason a closed set: a {@link vn.dongxanh.contract.senml.SenmlException.Reason} name or one of
     *     the constants below; used as a metric tag
     * @param detail what exactly is wrong, one line
     */
    record Rejected(InboundMessage message, String reason, String detail) implements Decoded {
        /** The topic is not a gateway telemetry, events or state topic with valid ids. */
        public static final String BAD_TOPIC = "BAD_TOPIC";
        /** The batch names another cooperative or gateway than its topic. */
        public static final String TOPIC_MISMATCH = "TOPIC_MISMATCH";
        /** An events message that is not a valid irrigation event. */
        public static final String INVALID_EVENT = "INVALID_EVENT";
        /** A state message that is not a valid gateway state. */
        public static final String INVALID_STATE = "INVALID_STATE";
        /** The decoder failed unexpectedly (a bug, not a bad message): kept for replay. */
        public static final String DECODE_ERROR = "DECODE_ERROR";
        /** The database refused the batch's data (a data or integrity error), or our code failed on it. */
        public static final String STORAGE_ERROR = "STORAGE_ERROR";

        /** True when the message itself is probably fine and was refused by our fault: keep it whole for replay. */
        public boolean replayable() {
            return reason.equals(DECODE_ERROR) || reason.equals(STORAGE_ERROR);
        }
    }
}

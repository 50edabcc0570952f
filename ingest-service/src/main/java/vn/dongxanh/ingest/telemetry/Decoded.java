package vn.dongxanh.ingest.telemetry;

import vn.dongxanh.contract.uplink.UplinkBatch;

/** A message after decoding: a batch to store, or a rejection to dead-letter. */
public sealed interface Decoded permits Decoded.Accepted, Decoded.Rejected {
    InboundMessage message();

    /** A well-formed uplink batch from the gateway its topic names. */
    record Accepted(InboundMessage message, UplinkBatch batch) implements Decoded {}

    /**
     * A message we will not store as readings.
     *
     * @param reason a closed set: a {@link vn.dongxanh.contract.senml.SenmlException.Reason} name or one of
     *     the constants below; used as a metric tag
     * @param detail what exactly is wrong, one line
     */
    record Rejected(InboundMessage message, String reason, String detail) implements Decoded {
        /** The topic is not {@code dx/v1/coop/{coop}/gw/{gw}/telemetry} with valid ids. */
        public static final String BAD_TOPIC = "BAD_TOPIC";
        /** The batch names another cooperative or gateway than its topic. */
        public static final String TOPIC_MISMATCH = "TOPIC_MISMATCH";
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

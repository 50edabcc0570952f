package vn.dongxanh.ingest.telemetry;

import java.util.Locale;

/**
 * What became of one message; the {@code outcome} tag of {@code dx_ingest_messages_total} (telemetry),
 * {@code dx_ingest_events_total} and {@code dx_ingest_gateway_states_total}.
 */
public enum Outcome {
    /** Its readings, event or state were written. */
    STORED,
    /** Already stored (same gateway and sequence, or same gateway and event id): a redelivery, nothing written. */
    DUPLICATE,
    /** Dead-lettered in {@code rejected_message}. */
    REJECTED,
    /** Nothing to write and nothing wrong (an empty retained state being cleared). */
    IGNORED;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}

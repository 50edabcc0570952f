package vn.dongxanh.ingest.telemetry;

import java.util.Locale;

/** What became of one message; the {@code outcome} tag of {@code dx_ingest_messages_total}. */
public enum Outcome {
    /** Its readings were written. */
    STORED,
    /** Its (gateway, sequence) was already stored: a redelivery, nothing written. */
    DUPLICATE,
    /** Dead-lettered in {@code rejected_message}. */
    REJECTED;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}

package vn.dongxanh.contract.senml;

/**
 * A telemetry payload that breaks SenML or the platform's rules. {@link #reason()} is a closed
 * set usable as a metric label; the message says what is wrong and where.
 */
public final class SenmlException extends IllegalArgumentException {
    public enum Reason {
        NOT_JSON,
        NOT_A_PACK,
        EMPTY_PACK,
        PACK_TOO_LARGE,
        UNSUPPORTED_VERSION,
        WRONG_TYPE,
        MISSING_NAME,
        INVALID_NAME,
        UNKNOWN_METRIC,
        UNKNOWN_UNIT,
        MISSING_VALUE,
        AMBIGUOUS_VALUE,
        NON_FINITE,
        MISSING_TIME,
        ABSURD_TIME,
        INVALID_ENVELOPE
    }

    private final Reason reason;
    private final int recordIndex;

    public SenmlException(Reason reason, int recordIndex, String message) {
        super((recordIndex >= 0 ? "record " + recordIndex + ": " : "") + message);
        this.reason = reason;
        this.recordIndex = recordIndex;
    }

    public SenmlException(Reason reason, String message) {
        this(reason, -1, message);
    }

    public Reason reason() {
        return reason;
    }

    /** Index of the offending record in the pack, or -1 when the pack as a whole is wrong. */
    public int recordIndex() {
        return recordIndex;
    }
}

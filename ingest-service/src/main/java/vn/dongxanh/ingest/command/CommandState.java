package vn.dongxanh.ingest.command;

/** Where a valve command is in its life. */
public enum CommandState {
    /** Stored, not yet taken by the broker. */
    PENDING,
    /** The broker has it (QoS 1); the gateway has not answered yet. */
    SENT,
    /** The gateway checked it and the device applied it (or had already: a repeat). */
    APPLIED,
    /** The gateway or device refused it; {@code reason} says why. */
    REFUSED,
    /** It reached the gateway or device after its deadline. */
    EXPIRED,
    /** No answer by its deadline (plus a grace period): the gateway is offline or lost it. */
    TIMED_OUT;

    boolean open() {
        return this == PENDING || this == SENT;
    }
}

package vn.dongxanh.contract.dashboard;

/** Where a valve command is in its life (ingest-service's command states). */
public enum CommandStatus {
    /** Stored, not yet taken by the broker. */
    PENDING,
    /** The broker has it; the gateway has not answered yet. */
    SENT,
    /** The gateway checked it and the device applied it. */
    APPLIED,
    /** The gateway or device refused it. */
    REFUSED,
    /** It reached the gateway or device after its deadline. */
    EXPIRED,
    /** No answer by its deadline: the gateway is offline or lost it. */
    TIMED_OUT;

    /** True while the gateway may still answer. */
    public boolean open() {
        return this == PENDING || this == SENT;
    }
}

package vn.dongxanh.contract.dashboard;

/** A pump as its device last reported it. */
public enum PumpState {
    RUNNING,
    STOPPED,
    /** No report from a pump (the plot has none, or it never reported). */
    UNKNOWN
}

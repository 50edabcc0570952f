package vn.dongxanh.contract.dashboard;

/** A valve as its device last reported it. */
public enum ValveState {
    OPEN,
    CLOSED,
    /** No report from the valve (no valve device, or it never reported). */
    UNKNOWN
}

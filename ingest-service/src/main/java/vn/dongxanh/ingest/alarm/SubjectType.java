package vn.dongxanh.ingest.alarm;

/** What an alarm is about: a device (its series), a plot, or a gateway. */
public enum SubjectType {
    DEVICE,
    PLOT,
    GATEWAY
}

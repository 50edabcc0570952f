package vn.dongxanh.contract.dashboard;

/** What an alarm rule watches (ingest-service's alarm rules). */
public enum AlarmKind {
    OUT_OF_BAND,
    NO_DATA,
    VALVE_OPEN_TOO_LONG,
    LEAK,
    BATTERY_LOW,
    BACKLOG_GROWING
}

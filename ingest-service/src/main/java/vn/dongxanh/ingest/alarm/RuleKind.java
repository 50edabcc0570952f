package vn.dongxanh.ingest.alarm;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** What an alarm rule watches. */
public enum RuleKind {
    /** A plot's water level or soil moisture below a low or above a high level. */
    OUT_OF_BAND,
    /** A device silent for longer than allowed. */
    NO_DATA,
    /** A valve reporting open for longer than allowed. */
    VALVE_OPEN_TOO_LONG,
    /** Water flowing on a plot while every valve of it reports closed. */
    LEAK,
    /** A device's battery below a level. */
    BATTERY_LOW,
    /** A gateway's unsent backlog too old, or getting older report after report. */
    BACKLOG_GROWING;

    public static final String NAMES = Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", "));

    public static Optional<RuleKind> byName(String name) {
        return Arrays.stream(values()).filter(k -> k.name().equals(name)).findFirst();
    }
}

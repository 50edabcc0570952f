package vn.dongxanh.edge.irrigation;

import java.time.Duration;

/** What the control of one plot wants done with its valve now, and why. */
public sealed interface Decision {
    Reason reason();

    String detail();

    /** Open the valve for at most {@code runTime}; the device closes it by itself after that. */
    record Open(Duration runTime, Reason reason, String detail) implements Decision {}

    record Close(Reason reason, String detail) implements Decision {}

    /** Leave the valve as it is. */
    record Hold(Reason reason, String detail) implements Decision {}

    enum Reason {
        BELOW_START_LEVEL,
        REACHED_STOP_LEVEL,
        WATERING,
        WAITING,
        DRAIN_STAGE,
        MANUAL_STAGE,
        FALLOW,
        RAIN_SKIP,
        RAIN_STOP,
        MIN_INTERVAL,
        SENSOR_SILENT,
        SENSOR_IMPLAUSIBLE,
        VALVE_UNKNOWN,
        RUN_TIME_LIMIT,
        SUPPLY_LIMIT,
        OVERRIDE,
        OVERRIDE_EXPIRED,
        SCHEDULE
    }
}

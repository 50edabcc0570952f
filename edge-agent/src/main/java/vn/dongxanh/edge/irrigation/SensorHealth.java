package vn.dongxanh.edge.irrigation;

/** Whether the sensor that governs a valve can be trusted right now. */
public sealed interface SensorHealth {
    record Ok(double value) implements SensorHealth {}

    /** Just started and no reading yet, still within the silence allowance: nothing to judge. */
    record Waiting() implements SensorHealth {}

    /** Nothing heard for longer than allowed (or never). */
    record Silent(String detail) implements SensorHealth {}

    /** Out of physical range, stuck, or jumping without cause. */
    record Implausible(String detail) implements SensorHealth {}
}

package vn.dongxanh.contract.telemetry;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import vn.dongxanh.contract.Ids;

/**
 * One measurement of one device, in the contract unit of its metric (booleans as 1/0), timed to
 * the millisecond (the precision telemetry travels with). Construction validates, so an invalid
 * reading cannot exist past the codec.
 */
public record Reading(String deviceId, Metric metric, Instant time, double value) {
    public Reading {
        Ids.require("device", deviceId);
        Objects.requireNonNull(metric, "metric");
        time = Objects.requireNonNull(time, "time").truncatedTo(ChronoUnit.MILLIS);
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("reading value must be finite: " + value);
        }
        if (metric.kind() == Metric.Kind.BOOLEAN && value != 0 && value != 1) {
            throw new IllegalArgumentException(metric.wireName() + " is boolean: value must be 0 or 1");
        }
    }

    public static Reading ofBoolean(String deviceId, Metric metric, Instant time, boolean on) {
        return new Reading(deviceId, metric, time, on ? 1 : 0);
    }
}

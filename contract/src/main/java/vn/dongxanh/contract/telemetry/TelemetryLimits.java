package vn.dongxanh.contract.telemetry;

import java.time.Duration;
import java.time.Instant;

/**
 * What the codec accepts. Defaults suit a device or a gateway batch; every number is
 * configurable by whoever builds the codec.
 *
 * @param maxBytes largest payload accepted
 * @param maxRecords largest number of SenML records in one pack
 * @param earliest readings stamped before this are refused as absurd (a device without a clock)
 * @param maxFutureSkew readings stamped further ahead of the receiver's clock are refused
 */
public record TelemetryLimits(int maxBytes, int maxRecords, Instant earliest, Duration maxFutureSkew) {
    public static final TelemetryLimits DEFAULTS =
            new TelemetryLimits(4 * 1024 * 1024, 50_000, Instant.parse("2020-01-01T00:00:00Z"), Duration.ofMinutes(10));

    public TelemetryLimits {
        if (maxBytes <= 0 || maxRecords <= 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
        if (maxFutureSkew.isNegative()) {
            throw new IllegalArgumentException("maxFutureSkew must not be negative");
        }
    }
}

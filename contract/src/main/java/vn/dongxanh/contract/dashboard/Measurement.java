package vn.dongxanh.contract.dashboard;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Objects;

/**
 * The latest value of a plot's governing metric. A stale value is shown greyed with its age, never
 * as if current.
 *
 * @param unit the contract unit: {@code cm} (relative to the soil surface) or {@code m3/m3}
 * @param stale true when the device has been silent longer than the service's stale threshold
 * @param ageSeconds seconds between {@code observedAt} and the overview's time
 */
@Schema(description = "The latest water level or soil moisture of a plot, with its age")
public record Measurement(
        @Schema(allowableValues = {"water_level", "soil_moisture"})
        PlotMetric metric,

        double value,
        @Schema(example = "cm") String unit,
        Instant observedAt,
        boolean stale,
        long ageSeconds) {

    public Measurement {
        Objects.requireNonNull(metric, "metric");
        Objects.requireNonNull(unit, "unit");
        Objects.requireNonNull(observedAt, "observedAt");
    }
}

package vn.dongxanh.ingest.series;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** The newest reading of every series of a plot or a cooperative. */
@Schema(description = "The newest reading of every series of a plot or a cooperative")
public record LatestResponse(
        @Schema(description = "plot or cooperative id, as in the path")
        String id,

        @Schema(description = "when the answer was made") Instant at,
        List<Value> series) {

    /** One series and its newest reading. */
    public record Value(
            String device,
            String metric,
            String unit,

            @Schema(description = "plot of the series (its device's), null if none")
            String plot,

            @Schema(description = "time of the newest reading")
            Instant t,

            @Schema(description = "its value") double v,

            @Schema(description = "older than dx.ingest.registry.device-offline-after: the device is probably offline")
            boolean stale) {}
}

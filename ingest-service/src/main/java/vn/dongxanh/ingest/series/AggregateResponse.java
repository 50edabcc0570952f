package vn.dongxanh.ingest.series;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** Aggregates of one series per time bucket. */
@Schema(description = "Aggregates of one series per time bucket, oldest first; buckets without readings are left out")
public record AggregateResponse(
        String device,
        String metric,
        String unit,

        @Schema(description = "bucket width, ISO-8601", example = "PT1H")
        String bucket,

        @Schema(
                description = "where the figures come from: daily or hourly rollup (bucket a multiple of 1 day or"
                        + " 1 hour) or raw readings",
                allowableValues = {"daily", "hourly", "raw"})
        String source,

        @Schema(description = "time zone the buckets are aligned to (local midnight)", example = "Asia/Ho_Chi_Minh")
        String zone,

        @Schema(description = "start of the first bucket: the requested from, rounded down to a bucket start")
        Instant from,

        @Schema(description = "end of the last bucket: the requested to, rounded up to a bucket end")
        Instant to,

        @Schema(description = "the functions computed") List<String> fn,
        List<Bucket> buckets) {

    /** One bucket: its start and the requested functions of its readings. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Bucket(
            @Schema(description = "bucket start") Instant t,
            @Schema(description = "number of readings") Long count,
            Double avg,
            Double min,
            Double max,

            @Schema(description = "value of the newest reading")
            Double last,

            Double sum) {}
}

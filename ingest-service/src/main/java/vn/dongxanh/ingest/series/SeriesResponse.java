package vn.dongxanh.ingest.series;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * Stored points of one series in a time range, oldest first.
 *
 * @param truncated true when the range holds more points than {@code limit}: ask again from the last {@code t}
 */
@Schema(description = "Stored points of one series, oldest first")
public record SeriesResponse(
        String device,
        String metric,

        @Schema(description = "unit of every value, e.g. cm, m3/m3, mm, L/min, bool, %")
        String unit,

        @Schema(description = "start of the range, inclusive")
        Instant from,

        @Schema(description = "end of the range, exclusive") Instant to,

        @Schema(description = "more points exist in the range than were returned")
        boolean truncated,

        List<Point> points) {

    /** One reading: time (ISO-8601, UTC, millisecond precision) and value. */
    public record Point(Instant t, double v) {}
}

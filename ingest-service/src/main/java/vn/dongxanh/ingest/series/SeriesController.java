package vn.dongxanh.ingest.series;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.dongxanh.contract.Ids;
import vn.dongxanh.contract.telemetry.Metric;
import vn.dongxanh.ingest.security.Access;

/** {@code GET /api/series}: the stored points of one device's metric. */
@RestController
@Tag(name = "series", description = "Stored telemetry")
public class SeriesController {
    private static final String KNOWN_METRICS =
            Arrays.stream(Metric.values()).map(Metric::wireName).collect(Collectors.joining(", "));

    private final SeriesRepository repository;
    private final ApiProperties props;
    private final Clock clock;

    public SeriesController(SeriesRepository repository, ApiProperties props, Clock clock) {
        this.repository = repository;
        this.props = props;
        this.clock = clock;
    }

    @GetMapping("/api/series")
    @Operation(
            summary = "Points of one series",
            description = "Readings of a device's metric with from <= t < to, oldest first. Without from/to:"
                    + " the last 24 hours (dx.ingest.api.default-window).")
    @ApiResponse(responseCode = "200", description = "the points")
    @ApiResponse(
            responseCode = "400",
            description = "unknown metric, invalid device id, time or limit, or from after to")
    @ApiResponse(responseCode = "404", description = "no series for this device and metric")
    public SeriesResponse series(
            @Parameter(description = "device id, e.g. wl-001") @RequestParam String device,
            @Parameter(description = "metric: water_level, soil_moisture, rain, flow, valve, pump, battery")
                    @RequestParam
                    String metric,
            @Parameter(description = "ISO-8601 instant, inclusive, e.g. 2026-11-22T00:00:00Z")
                    @RequestParam(required = false)
                    String from,
            @Parameter(description = "ISO-8601 instant, exclusive; default now") @RequestParam(required = false)
                    String to,
            @Parameter(description = "most points returned; default 10000, at most 100000")
                    @RequestParam(required = false)
                    Integer limit) {
        if (!Ids.isValid(device)) {
            throw new BadQueryException("device id '" + device + "' is invalid");
        }
        Metric m = Metric.byWireName(metric)
                .orElseThrow(
                        () -> new BadQueryException("unknown metric '" + metric + "' (known: " + KNOWN_METRICS + ")"));
        Instant end = to != null ? instant("to", to) : null;
        Instant start = from != null ? instant("from", from) : null;
        if (end == null) end = start != null && start.isAfter(clock.instant()) ? start : clock.instant();
        if (start == null) start = end.minus(props.defaultWindow());
        if (start.isAfter(end)) {
            throw new BadQueryException("from (" + start + ") is after to (" + end + ")");
        }
        int max = limit != null ? limit : props.defaultLimit();
        if (max < 1 || max > props.maxLimit()) {
            throw new BadQueryException("limit must be between 1 and " + props.maxLimit() + ", got " + max);
        }
        var series = repository
                .find(device, m.wireName())
                .orElseThrow(() ->
                        new SeriesNotFoundException("no " + m.wireName() + " series for device '" + device + "'"));
        Access.visible(
                series,
                series.cooperative(),
                () -> new SeriesNotFoundException("no " + m.wireName() + " series for device '" + device + "'"));
        List<SeriesResponse.Point> points = repository.points(series.id(), start, end, max + 1);
        boolean truncated = points.size() > max;
        return new SeriesResponse(
                device,
                m.wireName(),
                series.unit(),
                start,
                end,
                truncated,
                truncated ? points.subList(0, max) : points);
    }

    private static Instant instant(String name, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadQueryException(
                    name + " '" + value + "' is not an ISO-8601 instant such as 2026-11-22T10:00:00Z");
        }
    }
}

package vn.dongxanh.ingest.series;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.dongxanh.contract.telemetry.Metric;
import vn.dongxanh.ingest.api.ApiException;
import vn.dongxanh.ingest.api.Params;
import vn.dongxanh.ingest.rollup.Agg;
import vn.dongxanh.ingest.rollup.Bucketing;
import vn.dongxanh.ingest.rollup.RollupProperties;
import vn.dongxanh.ingest.rollup.Rollups;
import vn.dongxanh.ingest.security.Access;

/** {@code GET /api/series/aggregate}: avg/min/max/last/count/sum of a series per time bucket. */
@RestController
@Tag(name = "series")
public class AggregateController {
    private static final Set<String> FUNCTIONS = Set.of("avg", "min", "max", "last", "count", "sum");
    private static final String DEFAULT_FN = "avg,min,max,last,count";

    private final SeriesRepository series;
    private final Rollups rollups;
    private final JdbcTemplate jdbc;
    private final RollupProperties rollup;
    private final ApiProperties api;
    private final Clock clock;

    public AggregateController(
            SeriesRepository series,
            Rollups rollups,
            JdbcTemplate jdbc,
            RollupProperties rollup,
            ApiProperties api,
            Clock clock) {
        this.series = series;
        this.rollups = rollups;
        this.jdbc = jdbc;
        this.rollup = rollup;
        this.api = api;
        this.clock = clock;
    }

    @GetMapping("/api/series/aggregate")
    @Operation(
            summary = "Aggregates of one series per time bucket",
            description = "Buckets start on local midnight of dx.ingest.rollup.zone (origin 2000-01-03, a Monday)."
                    + " A bucket that is a whole number of days is served from the daily rollup, a whole number of"
                    + " hours from the hourly rollup, anything finer from the raw readings; 'source' says which."
                    + " Hours whose rollup is not yet recomputed are read raw, so the answer is exact either way."
                    + " from/to are widened to whole buckets. Without from/to: the last 24 hours"
                    + " (dx.ingest.api.default-window).")
    @ApiResponse(responseCode = "200", description = "the buckets")
    @ApiResponse(
            responseCode = "400",
            description = "invalid device, metric, time, bucket or fn, from after to, or too many buckets")
    @ApiResponse(responseCode = "404", description = "no series for this device and metric")
    public AggregateResponse aggregate(
            @Parameter(description = "device id") @RequestParam String device,
            @Parameter(description = "metric, e.g. water_level") @RequestParam String metric,
            @Parameter(description = "ISO-8601 instant, inclusive") @RequestParam(required = false) String from,
            @Parameter(description = "ISO-8601 instant, exclusive; default now") @RequestParam(required = false)
                    String to,
            @Parameter(description = "bucket width: 15m, 1h, 6h, 1d, 7d… (or ISO-8601 PT15M); default 1h")
                    @RequestParam(defaultValue = "1h")
                    String bucket,
            @Parameter(
                            description = "functions, comma-separated, of avg, min, max, last, count, sum; default"
                                    + " avg,min,max,last,count")
                    @RequestParam(defaultValue = DEFAULT_FN)
                    String fn) {
        Params.id("device", device);
        Metric m =
                Metric.byWireName(metric).orElseThrow(() -> ApiException.badRequest("unknown metric '" + metric + "'"));
        Bucketing b;
        try {
            b = new Bucketing(Bucketing.parse(bucket), rollup.zone());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        Set<String> fns = functions(fn);
        Instant end = to != null ? instant("to", to) : clock.instant();
        Instant start = from != null ? instant("from", from) : end.minus(api.defaultWindow());
        if (start.isAfter(end)) throw ApiException.badRequest("from (" + start + ") is after to (" + end + ")");
        Instant first = b.start(start);
        Instant last = b.end(end);
        long buckets = Duration.between(first, last).dividedBy(b.width());
        if (buckets > api.maxLimit()) {
            throw ApiException.badRequest("the range holds " + buckets + " buckets of " + b.width() + "; at most "
                    + api.maxLimit() + " (dx.ingest.api.max-limit): choose a wider bucket or a shorter range");
        }
        var s = series.find(device, m.wireName())
                .orElseThrow(() -> ApiException.notFound("no " + m.wireName() + " series for device '" + device + "'"));
        Access.visible(
                s,
                s.cooperative(),
                () -> ApiException.notFound("no " + m.wireName() + " series for device '" + device + "'"));
        List<Agg> rows = switch (b.source()) {
            case DAILY -> regroup(rollups.daily(s.id(), first, last), b);
            case HOURLY -> regroup(rollups.hourly(s.id(), first, last), b);
            case RAW -> raw(s.id(), b, first, last);
        };
        var out = new ArrayList<AggregateResponse.Bucket>(rows.size());
        for (Agg a : rows) {
            out.add(new AggregateResponse.Bucket(
                    a.bucket(),
                    fns.contains("count") ? a.count() : null,
                    fns.contains("avg") ? a.avg() : null,
                    fns.contains("min") ? a.min() : null,
                    fns.contains("max") ? a.max() : null,
                    fns.contains("last") ? a.last() : null,
                    fns.contains("sum") ? a.sum() : null));
        }
        return new AggregateResponse(
                device,
                m.wireName(),
                s.unit(),
                b.width().toString(),
                b.source().wireName(),
                rollup.zone().getId(),
                first,
                last,
                List.copyOf(fns),
                out);
    }

    /** Rollup rows merged into the (coarser or equal) API buckets. */
    private static List<Agg> regroup(List<Agg> rows, Bucketing b) {
        var out = new TreeMap<Instant, Agg>();
        for (Agg a : rows) {
            Instant t = b.start(a.bucket());
            out.merge(t, a.at(t), (x, y) -> x.merge(y, t));
        }
        return new ArrayList<>(out.values());
    }

    private List<Agg> raw(int seriesId, Bucketing b, Instant from, Instant to) {
        long width = b.width().toSeconds();
        long origin = b.originEpochSecond();
        return jdbc.query(
                "SELECT to_timestamp(floor((extract(epoch FROM time) - ?) / ?) * ? + ?) AS b, count(*), sum(value),"
                        + " min(value), max(value), (array_agg(value ORDER BY time DESC, value DESC))[1], max(time)"
                        + " FROM reading WHERE series_id = ? AND time >= ? AND time < ? GROUP BY 1 ORDER BY 1",
                (rs, i) -> new Agg(
                        rs.getObject(1, OffsetDateTime.class).toInstant(),
                        rs.getLong(2),
                        rs.getDouble(3),
                        rs.getDouble(4),
                        rs.getDouble(5),
                        rs.getDouble(6),
                        rs.getObject(7, OffsetDateTime.class).toInstant()),
                origin,
                width,
                width,
                origin,
                seriesId,
                from.atOffset(ZoneOffset.UTC),
                to.atOffset(ZoneOffset.UTC));
    }

    private static Set<String> functions(String fn) {
        var out = new LinkedHashSet<String>();
        for (String f : fn.split(",")) {
            String name = f.trim();
            if (!FUNCTIONS.contains(name)) {
                throw ApiException.badRequest(
                        "unknown function '" + name + "' in fn; use avg, min, max, last, count, sum");
            }
            out.add(name);
        }
        return out;
    }

    private static Instant instant(String name, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(
                    name + " '" + value + "' is not an ISO-8601 instant such as 2026-11-22T10:00:00Z");
        }
    }
}

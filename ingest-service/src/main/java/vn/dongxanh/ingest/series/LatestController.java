package vn.dongxanh.ingest.series;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import vn.dongxanh.ingest.api.ApiException;
import vn.dongxanh.ingest.api.Params;
import vn.dongxanh.ingest.registry.CooperativeStore;
import vn.dongxanh.ingest.registry.PlotStore;
import vn.dongxanh.ingest.registry.RegistryProperties;
import vn.dongxanh.ingest.security.Access;

/** {@code GET /api/plots/{plot}/latest} and {@code GET /api/cooperatives/{coop}/latest}: the dashboard's "now". */
@RestController
@Tag(name = "series")
public class LatestController {
    private static final String SELECT = "SELECT s.device_id, s.metric, s.unit, s.plot_id, l.time, l.value"
            + " FROM series s JOIN series_latest l ON l.series_id = s.id";

    /** Ids are ASCII (checked on the way in), so this is the database's C order too. */
    private static final Comparator<LatestResponse.Value> BY_DEVICE_AND_METRIC =
            Comparator.comparing(LatestResponse.Value::device).thenComparing(LatestResponse.Value::metric);

    private final JdbcTemplate jdbc;
    private final PlotStore plots;
    private final CooperativeStore cooperatives;
    private final RegistryProperties registry;
    private final Clock clock;

    public LatestController(
            JdbcTemplate jdbc,
            PlotStore plots,
            CooperativeStore cooperatives,
            RegistryProperties registry,
            Clock clock) {
        this.jdbc = jdbc;
        this.plots = plots;
        this.cooperatives = cooperatives;
        this.registry = registry;
        this.clock = clock;
    }

    @GetMapping("/api/plots/{plot}/latest")
    @Operation(
            summary = "Newest reading of every series of a plot",
            description = "Series belong to a plot through their registered device.")
    @ApiResponse(responseCode = "200", description = "the series, by device and metric")
    @ApiResponse(responseCode = "404", description = "plot not registered")
    public LatestResponse plot(@PathVariable String plot) {
        Params.id("plot", plot);
        var p = plots.find(plot).orElseThrow(() -> ApiException.notFound("plot '" + plot + "' is not registered"));
        Access.visible(p, p.cooperative(), () -> ApiException.notFound("plot '" + plot + "' is not registered"));
        return answer(plot, SELECT + " WHERE s.plot_id = ?", plot);
    }

    @GetMapping("/api/cooperatives/{coop}/latest")
    @Operation(
            summary = "Newest reading of every series of a cooperative",
            description = "The series of the cooperative's registered devices and of its plots.")
    @ApiResponse(responseCode = "200", description = "the series, by device and metric")
    @ApiResponse(responseCode = "404", description = "cooperative not registered")
    public LatestResponse cooperative(@PathVariable String coop) {
        Params.id("cooperative", coop);
        if (!cooperatives.exists(coop) || !Access.sees(coop)) {
            throw ApiException.notFound("cooperative '" + coop + "' is not registered");
        }
        Access.concerns(coop);
        return answer(
                coop,
                SELECT + " WHERE s.plot_id IN (SELECT id FROM plot WHERE cooperative_id = ?)"
                        + " OR s.device_id IN (SELECT id FROM device WHERE cooperative_id = ?)",
                coop,
                coop);
    }

    private LatestResponse answer(String id, String sql, Object... args) {
        Instant now = clock.instant();
        Instant staleBefore = now.minus(registry.deviceOfflineAfter());
        List<LatestResponse.Value> values = new ArrayList<>(jdbc.query(
                sql,
                (rs, i) -> {
                    Instant t = rs.getObject(5, OffsetDateTime.class).toInstant();
                    return new LatestResponse.Value(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            t,
                            rs.getDouble(6),
                            t.isBefore(staleBefore));
                },
                args));
        // sorted here, not by the database: sorting 10,000 rows cost PostgreSQL more than the query itself
        values.sort(BY_DEVICE_AND_METRIC);
        return new LatestResponse(id, now, values);
    }
}

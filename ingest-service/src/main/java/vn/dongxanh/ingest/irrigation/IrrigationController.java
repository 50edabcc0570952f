package vn.dongxanh.ingest.irrigation;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.dongxanh.contract.event.IrrigationEvent;
import vn.dongxanh.contract.irrigation.PlotActivity;
import vn.dongxanh.contract.irrigation.SeasonSummary;
import vn.dongxanh.ingest.api.ApiException;
import vn.dongxanh.ingest.api.Params;
import vn.dongxanh.ingest.registry.Plot;
import vn.dongxanh.ingest.registry.PlotStore;
import vn.dongxanh.ingest.rollup.RollupProperties;
import vn.dongxanh.ingest.security.Access;
import vn.dongxanh.ingest.series.ApiProperties;

/** A plot's irrigation: water per day, events, season summary. */
@RestController
@Tag(name = "irrigation", description = "Water used, irrigation events and season evidence of a plot")
public class IrrigationController {
    private final PlotStore plots;
    private final WaterCalculator water;
    private final EventQueries events;
    private final SeasonSummaries seasons;
    private final PlotActivities activities;
    private final RollupProperties rollup;
    private final ApiProperties api;
    private final Clock clock;

    IrrigationController(
            PlotStore plots,
            WaterCalculator water,
            EventQueries events,
            SeasonSummaries seasons,
            PlotActivities activities,
            RollupProperties rollup,
            ApiProperties api,
            Clock clock) {
        this.plots = plots;
        this.water = water;
        this.events = events;
        this.seasons = seasons;
        this.activities = activities;
        this.rollup = rollup;
        this.api = api;
        this.clock = clock;
    }

    @GetMapping("/api/plots/{plot}/water")
    @Operation(
            summary = "Water delivered to a plot per day",
            description = "Per local day (dx.ingest.rollup.zone) from..to, both included: m3 and mm. See the"
                    + " WaterReport schema for how flow readings are integrated and the fallback on valve time.")
    @ApiResponse(responseCode = "200", description = "the days, up to today")
    @ApiResponse(responseCode = "400", description = "missing or invalid dates, to before from, too many days")
    @ApiResponse(responseCode = "404", description = "plot not registered")
    public WaterReport water(
            @PathVariable String plot,
            @Parameter(description = "first day, e.g. 2026-05-01") @RequestParam(required = false) String from,
            @Parameter(description = "last day, included, e.g. 2026-08-10") @RequestParam(required = false) String to) {
        Plot p = plot(plot);
        return water.water(p, DayRange.parse(from, to, rollup.zone(), api.maxDays()));
    }

    @GetMapping("/api/plots/{plot}/irrigation-events")
    @Operation(
            summary = "Irrigation events of a plot",
            description = "Decisions of the plot's gateway (START, STOP, SKIP, ALARM) with from <= at < to, oldest"
                    + " first. from and to are instants (2026-05-01T00:00:00Z) or local dates (a date as to includes"
                    + " that whole day). Without them: the last 24 hours (dx.ingest.api.default-window).")
    @ApiResponse(responseCode = "200", description = "the events")
    @ApiResponse(responseCode = "400", description = "invalid time, kind or limit, or from after to")
    @ApiResponse(responseCode = "404", description = "plot not registered")
    public List<EventView> events(
            @PathVariable String plot,
            @Parameter(description = "instant or local date, inclusive") @RequestParam(required = false) String from,
            @Parameter(description = "instant (exclusive) or local date (included)") @RequestParam(required = false)
                    String to,
            @Parameter(description = "only START, STOP, SKIP or ALARM") @RequestParam(required = false) String kind,
            @Parameter(description = "most events returned; default 10000") @RequestParam(required = false)
                    Integer limit) {
        Plot p = plot(plot);
        Instant end = to != null ? time("to", to, true) : clock.instant();
        Instant start = from != null ? time("from", from, false) : end.minus(api.defaultWindow());
        if (start.isAfter(end)) throw ApiException.badRequest("from (" + start + ") is after to (" + end + ")");
        IrrigationEvent.Kind k = null;
        if (kind != null) {
            try {
                k = IrrigationEvent.Kind.valueOf(kind);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("kind '" + kind + "' is not START, STOP, SKIP or ALARM");
            }
        }
        return events.list(p, start, end, k, Params.limit(limit, api.defaultLimit(), api.maxLimit()));
    }

    @GetMapping("/api/plots/{plot}/season-summary")
    @Operation(
            summary = "Irrigation evidence of a plot over a season",
            description = "Days irrigated, water used, irrigation events and alarms, and how completely the"
                    + " plot's governing sensors reported, for local days from..to (both included). This is what"
                    + " traceability-service shows buyers and auditors; the SeasonSummary schema defines each"
                    + " figure.")
    @ApiResponse(responseCode = "200", description = "the summary")
    @ApiResponse(responseCode = "400", description = "missing or invalid dates, to before from, too many days")
    @ApiResponse(responseCode = "404", description = "plot not registered")
    public SeasonSummary seasonSummary(
            @PathVariable String plot,
            @Parameter(description = "first day, e.g. 2026-05-01") @RequestParam(required = false) String from,
            @Parameter(description = "last day, included, e.g. 2026-08-10") @RequestParam(required = false) String to) {
        Plot p = plot(plot);
        return seasons.summarise(p, DayRange.parse(from, to, rollup.zone(), api.maxDays()));
    }

    @GetMapping("/api/plot-activity")
    @Operation(
            summary = "Day by day activity of every plot's devices",
            description = "For each plot (a cooperative's user: their own; the department and services: all, or"
                    + " one cooperative's), for local days from..to (both included): one character a day saying"
                    + " whether its governing sensors reported, whether it was irrigated, and whether its gateway's"
                    + " control started the irrigation. The PlotActivity schema defines each; the department's audit"
                    + " reads it for the whole province at once.")
    @ApiResponse(responseCode = "200", description = "the plots")
    @ApiResponse(responseCode = "400", description = "missing or invalid dates, to before from, too many days")
    public PlotActivity plotActivity(
            @Parameter(description = "first day, e.g. 2026-05-01") @RequestParam(required = false) String from,
            @Parameter(description = "last day, included, e.g. 2026-08-10") @RequestParam(required = false) String to,
            @Parameter(description = "only this cooperative's plots") @RequestParam(required = false)
                    String cooperative) {
        if (cooperative != null) Params.id("cooperative", cooperative);
        DayRange range = DayRange.parse(from, to, rollup.zone(), api.maxDays());
        Access.Scope scope = Access.scope(cooperative);
        if (scope.nothing())
            return new PlotActivity(range.from(), range.to(), range.zone().getId(), clock.instant(), List.of());
        return activities.of(range, scope.cooperative());
    }

    private Plot plot(String id) {
        Plot p = plots.find(Params.id("plot", id)).orElseThrow(() -> notFound(id));
        return Access.visible(p, p.cooperative(), () -> notFound(id));
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("plot '" + id + "' is not registered");
    }

    /** An instant, or a local date: its start, or for an end its next midnight (the day included). */
    private Instant time(String name, String value, boolean end) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            try {
                LocalDate d = LocalDate.parse(value);
                return (end ? d.plusDays(1) : d).atStartOfDay(rollup.zone()).toInstant();
            } catch (DateTimeParseException e2) {
                throw ApiException.badRequest(
                        name + " '" + value + "' is neither an instant (2026-05-01T00:00:00Z) nor a date (2026-05-01)");
            }
        }
    }
}

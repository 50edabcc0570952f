package vn.dongxanh.web.plot;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClientException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.ModelAndView;
import vn.dongxanh.contract.Json;
import vn.dongxanh.contract.dashboard.PlotState;
import vn.dongxanh.web.WebProperties;
import vn.dongxanh.web.ingest.IngestApi;
import vn.dongxanh.web.page.NotYours;
import vn.dongxanh.web.page.Pages;
import vn.dongxanh.web.signin.SignedIn;

/**
 * A plot's page (its readings now, its chart over a day, a week or the season with the control's
 * thresholds, rain and valve-open periods, its irrigation events, water used and season summary),
 * the chart's data and the "now" list for live updates. Only the user's own plots: ingest answers
 * 404 for another cooperative's plot (it does not say it exists); this page answers 403 for any
 * plot not among the user's, so it says no more than ingest does.
 */
@Controller
class PlotController {
    private static final Logger log = LoggerFactory.getLogger(PlotController.class);
    static final List<String> LEVEL_METRICS = List.of("water_level", "soil_moisture");

    private final IngestApi ingest;
    private final PlotApi api;
    private final Pages pages;
    private final WebProperties web;
    private final PlotProperties props;

    PlotController(IngestApi ingest, PlotApi api, Pages pages, WebProperties web, PlotProperties props) {
        this.ingest = ingest;
        this.api = api;
        this.pages = pages;
        this.web = web;
        this.props = props;
    }

    @GetMapping("/plots/{id}")
    ModelAndView plot(
            @PathVariable String id,
            @RequestParam(required = false) String range,
            HttpServletRequest request,
            Authentication authentication) {
        Instant now = Instant.now();
        var window = PlotRange.of(range).window(now, web.zone(), web, props);
        var season = PlotRange.SEASON.window(now, web.zone(), web, props);
        IngestApi.Plot plot;
        try {
            plot = own(id);
        } catch (RestClientException e) {
            // the page still renders, saying ingest is unavailable
            log.warn("ingest-service did not answer for plot {}: {}", id, e.toString());
            return page(
                    request,
                    id,
                    new PlotView(
                            id,
                            null,
                            window,
                            now,
                            Map.of(),
                            true,
                            Chart.Control.UNKNOWN,
                            null,
                            null,
                            true,
                            List.of(),
                            true,
                            null,
                            true,
                            null,
                            season,
                            true));
        }
        IngestApi.Latest latest = call("latest", () -> ingest.plotLatest(id));
        var readings = latest == null ? Map.<String, IngestApi.Latest.Value>of() : readings(latest);
        Chart.Control control = control(authentication, id);
        List<PlotApi.Event> events =
                call("events", () -> api.events(id, window.from(), window.to(), props.eventLimit()));
        Chart chart = latest == null || events == null
                ? null
                : call("chart", () -> chart(id, window, latest, control, events));
        var water = call("water", () -> api.water(id, window.firstDay(), window.lastDay()));
        var summary = call("season", () -> api.season(id, season.firstDay(), season.lastDay()));
        return page(
                request,
                plot.name(),
                new PlotView(
                        id,
                        plot,
                        window,
                        latest == null ? now : latest.at(),
                        readings,
                        latest == null,
                        control,
                        chart,
                        chart == null ? null : Json.MAPPER.writeValueAsString(chart),
                        chart == null,
                        events == null ? List.of() : events.reversed(),
                        events == null,
                        water,
                        water == null,
                        summary,
                        season,
                        summary == null));
    }

    /** The chart's data over a range ({@code day}, {@code week}, {@code season}), as the page embeds it. */
    @GetMapping("/plots/{id}/chart")
    @ResponseBody
    Chart chart(@PathVariable String id, @RequestParam(required = false) String range, Authentication authentication) {
        try {
            own(id);
            var window = PlotRange.of(range).window(Instant.now(), web.zone(), web, props);
            var latest = ingest.plotLatest(id);
            var events = api.events(id, window.from(), window.to(), props.eventLimit());
            return chart(id, window, latest, control(authentication, id), events);
        } catch (RestClientException e) {
            throw new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "ingest-service did not answer", e);
        }
    }

    /** The "now" list alone, for the page to swap in when a live event says the plot changed. */
    @GetMapping("/plots/{id}/now")
    ModelAndView now(@PathVariable String id, HttpServletRequest request) {
        own(id);
        var latest = ingest.plotLatest(id);
        var model = new HashMap<String, Object>();
        model.put("t", pages.texts(request));
        model.put("readings", readings(latest));
        model.put("now", latest.at());
        return new ModelAndView("plotnow", model);
    }

    private ModelAndView page(HttpServletRequest request, String name, PlotView view) {
        var model = new HashMap<String, Object>();
        model.put("page", pages.page(request, "plot.title", name));
        model.put("view", view);
        model.put("zone", web.zone().getId());
        return new ModelAndView("plot", model);
    }

    private Chart chart(
            String id, PlotRange.Window w, IngestApi.Latest latest, Chart.Control control, List<PlotApi.Event> events) {
        var level = levelSeries(latest, control).orElse(null);
        List<IngestApi.Aggregate.Bucket> buckets = List.of();
        String unit = null;
        if (level != null) {
            var agg = aggregate(level, w);
            buckets = agg.buckets();
            unit = agg.unit() != null ? agg.unit() : level.unit();
        }
        var rain = newest(latest, "rain")
                .map(r -> api.sums(r.device(), r.metric(), w.from(), w.to(), w.bucket())
                        .buckets())
                .orElse(List.of());
        var alarms = api.alarms(id, props.alarmLimit());
        return Chart.of(w, level == null ? null : level.metric(), unit, buckets, control, rain, events, alarms);
    }

    private IngestApi.Aggregate aggregate(IngestApi.Latest.Value level, PlotRange.Window w) {
        try {
            return ingest.aggregate(level.device(), level.metric(), w.from(), w.to(), w.bucket());
        } catch (HttpClientErrorException.NotFound e) {
            return new IngestApi.Aggregate(level.device(), level.metric(), level.unit(), List.of());
        }
    }

    /**
     * The series the chart draws: the control's (water level for AWD, soil moisture for a band)
     * when known, else water level if the plot has one, else soil moisture; the newest of several.
     */
    static Optional<IngestApi.Latest.Value> levelSeries(IngestApi.Latest latest, Chart.Control control) {
        String preferred = "MOISTURE_BAND".equals(control.kind()) ? "soil_moisture" : "water_level";
        return newest(latest, preferred)
                .or(() -> LEVEL_METRICS.stream()
                        .map(m -> newest(latest, m))
                        .flatMap(Optional::stream)
                        .findFirst());
    }

    private static Optional<IngestApi.Latest.Value> newest(IngestApi.Latest latest, String metric) {
        return latest.series().stream()
                .filter(v -> v.metric().equals(metric))
                .max(Comparator.comparing(IngestApi.Latest.Value::t));
    }

    /** The plot's control as its gateway last told it (ingest's overview), or unknown. */
    private Chart.Control control(Authentication authentication, String id) {
        SignedIn user = SignedIn.of(authentication);
        if (!user.cooperative()) return Chart.Control.UNKNOWN;
        var overview = call("overview", () -> ingest.overview(user.organisation()));
        if (overview == null) return Chart.Control.UNKNOWN;
        return overview.plots().stream()
                .filter(p -> p.plotId().equals(id))
                .findFirst()
                .map(PlotController::control)
                .orElse(Chart.Control.UNKNOWN);
    }

    static Chart.Control control(PlotState state) {
        if (state.control() == null) return Chart.Control.UNKNOWN;
        var th = state.thresholds();
        return new Chart.Control(
                state.control().name(),
                state.growthStage(),
                th == null ? null : th.low(),
                th == null ? null : th.high());
    }

    /** One part of the page: null when ingest does not answer for it (the page says so). */
    private static <T> T call(String part, java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (RestClientException e) {
            log.warn("ingest-service did not answer for a plot's {}: {}", part, e.toString());
            return null;
        }
    }

    /** The plot if it is one of the user's (ingest lists only those), else 403. */
    private IngestApi.Plot own(String id) {
        return ingest.plots().stream()
                .filter(p -> p.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new NotYours("plot " + id));
    }

    /** The plot's newest reading per metric. */
    private static Map<String, IngestApi.Latest.Value> readings(IngestApi.Latest latest) {
        var out = new TreeMap<String, IngestApi.Latest.Value>();
        for (var v : latest.series()) {
            out.merge(v.metric(), v, (a, b) -> a.t().isAfter(b.t()) ? a : b);
        }
        return out;
    }
}

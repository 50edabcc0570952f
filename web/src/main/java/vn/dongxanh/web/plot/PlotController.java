package vn.dongxanh.web.plot;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.ModelAndView;
import vn.dongxanh.web.WebProperties;
import vn.dongxanh.web.ingest.IngestApi;
import vn.dongxanh.web.page.NotYours;
import vn.dongxanh.web.page.Pages;

/**
 * A plot's page and its chart's data. Only the user's own plots: ingest answers 404 for another
 * cooperative's plot (it does not say it exists); this page answers 403 for any plot not among
 * the user's, so it says no more than ingest does.
 */
@Controller
class PlotController {
    static final List<String> LEVEL_METRICS = List.of("water_level", "soil_moisture");

    private final IngestApi ingest;
    private final Pages pages;
    private final WebProperties web;

    PlotController(IngestApi ingest, Pages pages, WebProperties web) {
        this.ingest = ingest;
        this.pages = pages;
        this.web = web;
    }

    @GetMapping("/plots/{id}")
    ModelAndView plot(@PathVariable String id, HttpServletRequest request) {
        IngestApi.Plot plot = own(id);
        var latest = ingest.plotLatest(id);
        var model = new HashMap<String, Object>();
        model.put("page", pages.page(request, "plot.title", plot.name()));
        model.put("plot", plot);
        model.put("now", latest.at());
        model.put("readings", readings(latest));
        model.put("zone", web.zone().getId());
        return new ModelAndView("plot", model);
    }

    /** The chart's points: {@code t} in epoch seconds, average, low and high per bucket. */
    @GetMapping("/plots/{id}/chart")
    @ResponseBody
    Chart chart(@PathVariable String id) {
        own(id);
        var latest = ingest.plotLatest(id);
        var series = latest.series().stream()
                .filter(v -> LEVEL_METRICS.contains(v.metric()))
                .findFirst();
        if (series.isEmpty()) return new Chart(null, null, List.of(), List.of(), List.of(), List.of());
        Instant to = latest.at();
        var agg = ingest.aggregate(
                series.get().device(), series.get().metric(), to.minus(web.chartWindow()), to, web.chartBucket());
        var t = new ArrayList<Long>();
        var avg = new ArrayList<Double>();
        var min = new ArrayList<Double>();
        var max = new ArrayList<Double>();
        for (var b : agg.buckets()) {
            t.add(b.t().getEpochSecond());
            avg.add(b.avg());
            min.add(b.min());
            max.add(b.max());
        }
        return new Chart(agg.metric(), agg.unit(), t, avg, min, max);
    }

    record Chart(String metric, String unit, List<Long> t, List<Double> avg, List<Double> min, List<Double> max) {}

    /** The plot if it is one of the user's (ingest lists only those), else 403. */
    private IngestApi.Plot own(String id) {
        return ingest.plots().stream()
                .filter(p -> p.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new NotYours("plot " + id));
    }

    /** The plot's newest reading per metric. */
    private static Map<String, IngestApi.Latest.Value> readings(IngestApi.Latest latest) {
        var out = new java.util.TreeMap<String, IngestApi.Latest.Value>();
        for (var v : latest.series()) {
            out.merge(v.metric(), v, (a, b) -> a.t().isAfter(b.t()) ? a : b);
        }
        return out;
    }
}

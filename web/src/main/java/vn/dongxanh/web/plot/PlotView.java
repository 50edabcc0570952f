package vn.dongxanh.web.plot;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import vn.dongxanh.contract.irrigation.SeasonSummary;
import vn.dongxanh.web.ingest.IngestApi;

/**
 * Everything a plot's page shows. A part ingest did not answer for is null with its
 * {@code …Unavailable} flag set, so the page renders the rest and says which part is missing;
 * {@code plot} is null when ingest did not answer at all.
 *
 * @param events the range's irrigation events, newest first
 * @param season the season summary over {@code seasonWindow}
 */
public record PlotView(
        String id,
        IngestApi.Plot plot,
        PlotRange.Window window,
        Instant now,
        Map<String, IngestApi.Latest.Value> readings,
        boolean readingsUnavailable,
        Chart.Control control,
        Chart chart,
        String chartJson,
        boolean chartUnavailable,
        List<PlotApi.Event> events,
        boolean eventsUnavailable,
        PlotApi.Water water,
        boolean waterUnavailable,
        SeasonSummary season,
        PlotRange.Window seasonWindow,
        boolean seasonUnavailable) {

    public List<PlotRange> ranges() {
        return List.of(PlotRange.values());
    }

    /** The metric the thresholds are in: water level for AWD, soil moisture for a band. */
    public String controlMetric() {
        return "MOISTURE_BAND".equals(control.kind()) ? "soil_moisture" : "water_level";
    }
}

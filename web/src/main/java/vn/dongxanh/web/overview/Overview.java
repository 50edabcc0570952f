package vn.dongxanh.web.overview;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import vn.dongxanh.contract.dashboard.Measurement;
import vn.dongxanh.contract.dashboard.PlotState;
import vn.dongxanh.web.ingest.IngestApi;

/**
 * A cooperative's plots and gateways now, as the overview shows them: each plot's crop, its water
 * level (rice) or soil moisture (vegetables), its valve and its open alarms.
 */
public record Overview(Instant at, List<PlotRow> plots, List<GatewayRow> gateways) {

    /** A reading shown on a page; {@code stale} when its device has fallen silent. */
    public record Reading(String metric, double value, Instant t, boolean stale) {}

    public record PlotRow(String id, String name, String crop, Reading level, Reading valve, int openAlarms) {
        public boolean valveOpen() {
            return valve != null && valve.value() > 0.5;
        }

        /** A plot as ingest's live stream tells it; its valve state is as of {@code at}. */
        public static PlotRow of(PlotState state, Instant at) {
            Measurement m = state.measurement();
            Reading level = m == null ? null : new Reading(m.metric().wireName(), m.value(), m.observedAt(), m.stale());
            Reading valve = switch (state.valve()) {
                case OPEN -> new Reading(VALVE, 1, at, false);
                case CLOSED -> new Reading(VALVE, 0, at, false);
                case UNKNOWN -> null;
            };
            return new PlotRow(state.plotId(), state.name(), state.crop(), level, valve, state.openAlarms());
        }
    }

    public record GatewayRow(String id, Boolean online, Instant lastSeen, Long backlogReadings) {}

    static final String WATER_LEVEL = "water_level";
    static final String SOIL_MOISTURE = "soil_moisture";
    static final String VALVE = "valve";

    static Overview of(
            List<IngestApi.Plot> plots,
            IngestApi.Latest latest,
            List<IngestApi.Gateway> gateways,
            List<IngestApi.Alarm> alarms) {
        Map<String, Map<String, Reading>> byPlot = readingsByPlot(latest.series());
        Map<String, Integer> alarmsByPlot = new HashMap<>();
        for (var a : alarms) {
            if (a.plot() != null) alarmsByPlot.merge(a.plot(), 1, Integer::sum);
        }
        var rows = new ArrayList<PlotRow>();
        for (var p : plots) {
            var readings = byPlot.getOrDefault(p.id(), Map.of());
            rows.add(new PlotRow(
                    p.id(),
                    p.name(),
                    p.crop(),
                    level(readings),
                    readings.get(VALVE),
                    alarmsByPlot.getOrDefault(p.id(), 0)));
        }
        rows.sort(Comparator.comparing(PlotRow::id));
        var gws = gateways.stream()
                .map(g -> new GatewayRow(
                        g.id(),
                        g.online(),
                        g.lastSeen(),
                        g.health() == null ? null : g.health().backlogReadings()))
                .sorted(Comparator.comparing(GatewayRow::id))
                .toList();
        return new Overview(latest.at(), List.copyOf(rows), gws);
    }

    /** The plot's water level if it has one (rice), else its soil moisture. */
    static Reading level(Map<String, Reading> readings) {
        Reading wl = readings.get(WATER_LEVEL);
        return wl != null ? wl : readings.get(SOIL_MOISTURE);
    }

    /** Newest reading per plot and metric (a plot with two devices of one metric shows the newer). */
    static Map<String, Map<String, Reading>> readingsByPlot(List<IngestApi.Latest.Value> series) {
        Map<String, Map<String, Reading>> out = new HashMap<>();
        for (var v : series) {
            if (v.plot() == null) continue;
            var r = new Reading(v.metric(), v.v(), v.t(), v.stale());
            out.computeIfAbsent(v.plot(), k -> new HashMap<>())
                    .merge(v.metric(), r, (a, b) -> a.t().isAfter(b.t()) ? a : b);
        }
        return out;
    }
}

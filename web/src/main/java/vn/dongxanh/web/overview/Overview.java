package vn.dongxanh.web.overview;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import vn.dongxanh.contract.dashboard.CooperativeOverview;
import vn.dongxanh.contract.dashboard.Measurement;
import vn.dongxanh.contract.dashboard.PlotState;

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

    static final String VALVE = "valve";

    /** The page's reading of ingest's overview: one call, whatever the number of plots. */
    static Overview of(CooperativeOverview overview) {
        var rows = overview.plots().stream()
                .map(state -> PlotRow.of(state, overview.at()))
                .sorted(Comparator.comparing(PlotRow::id))
                .toList();
        var gateways = overview.gateways().stream()
                .map(g -> new GatewayRow(g.gatewayId(), g.online(), g.lastSeen(), g.backlogReadings()))
                .sorted(Comparator.comparing(GatewayRow::id))
                .toList();
        return new Overview(overview.at(), rows, gateways);
    }
}

package vn.dongxanh.web.overview;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import vn.dongxanh.contract.dashboard.CooperativeOverview;
import vn.dongxanh.contract.dashboard.LastDecision;
import vn.dongxanh.contract.dashboard.Measurement;
import vn.dongxanh.contract.dashboard.PlotState;
import vn.dongxanh.contract.dashboard.Thresholds;

/**
 * A cooperative's plots and gateways now, as the overview shows them: each plot's crop and growth
 * stage, its water level (rice) or soil moisture (vegetables) against the band its gateway's
 * control keeps, its valve and pump, rain today, the gateway's last decision and its open alarms.
 */
public record Overview(Instant at, List<PlotRow> plots, List<GatewayRow> gateways) {

    /** A reading shown on a page; {@code stale} when its device has fallen silent. */
    public record Reading(String metric, double value, Instant t, boolean stale) {}

    /**
     * @param stage the growth stage the gateway's control is in, null when unknown
     * @param control AWD or MOISTURE_BAND, null when unknown
     * @param low the level (or moisture) the control starts watering at, null when unknown
     * @param high the level (or moisture) it stops at, null when unknown
     * @param rainTodayMm rain since local midnight, null without a rain gauge reading
     */
    public record PlotRow(
            String id,
            String name,
            String crop,
            String stage,
            String control,
            Reading level,
            Double low,
            Double high,
            Reading valve,
            Reading pump,
            Double rainTodayMm,
            LastDecision decision,
            int openAlarms) {
        public boolean valveOpen() {
            return valve != null && valve.value() > 0.5;
        }

        /** Both edges of the control's band are known, so the level can be read against them. */
        public boolean band() {
            return level != null && low != null && high != null;
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
            Reading pump = switch (state.pump()) {
                case RUNNING -> new Reading(PUMP, 1, at, false);
                case STOPPED -> new Reading(PUMP, 0, at, false);
                case UNKNOWN -> null;
            };
            Thresholds band = state.thresholds();
            return new PlotRow(
                    state.plotId(),
                    state.name(),
                    state.crop(),
                    state.growthStage(),
                    state.control() == null ? null : state.control().name(),
                    level,
                    band == null ? null : band.low(),
                    band == null ? null : band.high(),
                    valve,
                    pump,
                    state.rainTodayMm(),
                    state.lastDecision(),
                    state.openAlarms());
        }
    }

    public record GatewayRow(String id, Boolean online, Instant lastSeen, Long backlogReadings) {}

    static final String VALVE = "valve";
    static final String PUMP = "pump";

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

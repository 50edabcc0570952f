package vn.dongxanh.web.map;

import vn.dongxanh.contract.dashboard.Measurement;
import vn.dongxanh.contract.dashboard.PlotState;
import vn.dongxanh.contract.dashboard.ValveState;

/**
 * The colour of a plot on the overview's map, from its state now. The most urgent wins: an open
 * alarm, then a reading that is stale (or none at all), then an open valve, then a level under the
 * low threshold of the gateway's control (needs water), else ok.
 */
public enum MapState {
    ALARM("alarm"),
    STALE("stale"),
    VALVE_OPEN("valve-open"),
    NEEDS_WATER("needs-water"),
    OK("ok");

    private final String wireName;

    MapState(String wireName) {
        this.wireName = wireName;
    }

    /** The CSS class suffix ({@code state-…}) and the message key suffix ({@code map.state.…}). */
    public String wireName() {
        return wireName;
    }

    public static MapState of(PlotState plot) {
        if (plot.openAlarms() > 0) return ALARM;
        Measurement m = plot.measurement();
        if (m == null || m.stale()) return STALE;
        if (plot.valve() == ValveState.OPEN) return VALVE_OPEN;
        var thresholds = plot.thresholds();
        if (thresholds != null && thresholds.low() != null && m.value() < thresholds.low()) return NEEDS_WATER;
        return OK;
    }
}

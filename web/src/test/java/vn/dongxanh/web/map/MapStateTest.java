package vn.dongxanh.web.map;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import vn.dongxanh.contract.dashboard.ControlKind;
import vn.dongxanh.contract.dashboard.Measurement;
import vn.dongxanh.contract.dashboard.PlotMetric;
import vn.dongxanh.contract.dashboard.PlotState;
import vn.dongxanh.contract.dashboard.Thresholds;
import vn.dongxanh.contract.dashboard.ValveState;

class MapStateTest {
    private static final Instant NOW = Instant.parse("2026-06-01T05:00:00Z");

    private static PlotState plot(Double level, boolean stale, ValveState valve, Double low, int alarms) {
        Measurement m = level == null
                ? null
                : new Measurement(PlotMetric.WATER_LEVEL, level, "cm", NOW, stale, stale ? 10_800 : 60);
        Thresholds t = low == null ? null : new Thresholds(low, 5.0);
        return new PlotState(
                "p1", "Ruộng 1", "rice", "tillering", ControlKind.AWD, m, t, valve, null, null, null, alarms, null);
    }

    @Test
    void theMostUrgentStateWins() {
        assertThat(MapState.of(plot(-20.0, true, ValveState.OPEN, -15.0, 1))).isEqualTo(MapState.ALARM);
        assertThat(MapState.of(plot(-20.0, true, ValveState.OPEN, -15.0, 0))).isEqualTo(MapState.STALE);
        assertThat(MapState.of(plot(null, false, ValveState.CLOSED, -15.0, 0))).isEqualTo(MapState.STALE);
        assertThat(MapState.of(plot(-20.0, false, ValveState.OPEN, -15.0, 0))).isEqualTo(MapState.VALVE_OPEN);
        assertThat(MapState.of(plot(-20.0, false, ValveState.CLOSED, -15.0, 0))).isEqualTo(MapState.NEEDS_WATER);
        assertThat(MapState.of(plot(-3.0, false, ValveState.CLOSED, -15.0, 0))).isEqualTo(MapState.OK);
    }

    @Test
    void withoutAKnownControlALowLevelIsNotCalledThirsty() {
        assertThat(MapState.of(plot(-20.0, false, ValveState.UNKNOWN, null, 0))).isEqualTo(MapState.OK);
    }
}

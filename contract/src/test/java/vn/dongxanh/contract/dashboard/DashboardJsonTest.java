package vn.dongxanh.contract.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.dongxanh.contract.Json;

class DashboardJsonTest {

    private static final Instant AT = Instant.parse("2026-12-03T05:00:00Z");

    @Test
    void overviewSurvivesJsonWithTheMetricInItsWireName() throws Exception {
        var plot = new PlotState(
                "p01",
                "Ruộng 1",
                "rice",
                "tillering",
                ControlKind.AWD,
                new Measurement(PlotMetric.WATER_LEVEL, -12.5, "cm", AT.minusSeconds(30), false, 30),
                new Thresholds(-15.0, 5.0),
                ValveState.CLOSED,
                PumpState.UNKNOWN,
                1.2,
                "gw1",
                1,
                new LastDecision("SKIP", "RAIN_SKIP", "rain 12 mm in 24 h", AT.minusSeconds(600)));
        var overview = new CooperativeOverview(
                "coop1", AT, List.of(plot), List.of(new GatewayState("gw1", true, AT, 0L, null)));

        String json = Json.MAPPER.writeValueAsString(overview);

        assertThat(json).contains("\"metric\":\"water_level\"").contains("\"control\":\"AWD\"");
        assertThat(Json.MAPPER.readValue(json, CooperativeOverview.class)).isEqualTo(overview);
    }

    @Test
    void everyEventHasItsStreamName() {
        assertThat(DashboardEvent.name(new CommandChange("c1", "p01", "v1", "OPEN", CommandStatus.SENT, null, AT)))
                .isEqualTo("command");
        assertThat(DashboardEvent.name(new AlarmChange(
                        1, "p01", "p01", AlarmKind.NO_DATA, AlarmState.RAISED, AT, null, null, null, "silent")))
                .isEqualTo("alarm");
        assertThat(DashboardEvent.name(new GatewayState("gw1", false, AT, null, null)))
                .isEqualTo("gateway");
    }
}

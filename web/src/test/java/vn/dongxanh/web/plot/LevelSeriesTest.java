package vn.dongxanh.web.plot;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.dongxanh.contract.dashboard.ControlKind;
import vn.dongxanh.contract.dashboard.PlotState;
import vn.dongxanh.contract.dashboard.Thresholds;
import vn.dongxanh.web.ingest.IngestApi;

/** Which series a plot's chart draws, and the control its thresholds come from. */
class LevelSeriesTest {
    private static final Instant T = Instant.parse("2026-06-10T01:00:00Z");

    private static IngestApi.Latest.Value value(String device, String metric, int minutes) {
        return new IngestApi.Latest.Value(device, metric, "x", "p1", T.plusSeconds(60L * minutes), 1, false);
    }

    private static final IngestApi.Latest LATEST = new IngestApi.Latest(
            "p1",
            T,
            List.of(
                    value("sm", "soil_moisture", 5),
                    value("wl-old", "water_level", 1),
                    value("wl-new", "water_level", 2),
                    value("rain", "rain", 3)));

    @Test
    void theControlsMetricWinsElseWaterLevelTheNewestOfSeveral() {
        assertThat(PlotController.levelSeries(LATEST, Chart.Control.UNKNOWN))
                .get()
                .extracting(IngestApi.Latest.Value::device)
                .isEqualTo("wl-new");
        assertThat(PlotController.levelSeries(LATEST, new Chart.Control("MOISTURE_BAND", null, 0.2, 0.3)))
                .get()
                .extracting(IngestApi.Latest.Value::device)
                .isEqualTo("sm");
        var moistureOnly = new IngestApi.Latest("p1", T, List.of(value("sm", "soil_moisture", 5)));
        assertThat(PlotController.levelSeries(moistureOnly, new Chart.Control("AWD", null, -15.0, 5.0)))
                .get()
                .extracting(IngestApi.Latest.Value::device)
                .isEqualTo("sm");
        assertThat(PlotController.levelSeries(new IngestApi.Latest("p1", T, List.of()), Chart.Control.UNKNOWN))
                .isEmpty();
    }

    @Test
    void theThresholdsAreTheGatewaysControlOrNotKnown() {
        var told = new PlotState(
                "p1",
                "P1",
                "lúa",
                "tillering",
                ControlKind.AWD,
                null,
                new Thresholds(-15.0, 5.0),
                null,
                null,
                null,
                "gw",
                0,
                null);
        assertThat(PlotController.control(told)).isEqualTo(new Chart.Control("AWD", "tillering", -15.0, 5.0));
        var untold = new PlotState("p1", "P1", "lúa", null, null, null, null, null, null, null, null, 0, null);
        assertThat(PlotController.control(untold)).isEqualTo(Chart.Control.UNKNOWN);
    }
}

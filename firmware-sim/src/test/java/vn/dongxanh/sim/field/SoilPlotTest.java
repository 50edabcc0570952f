package vn.dongxanh.sim.field;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SoilPlotTest {
    private static final FieldParameters.Soil S = FieldParameters.Soil.defaults();

    @Test
    void etDepletesTheRootZoneAtFullRateWhileWet() {
        var plot = new SoilPlot(S, 1, 1500, 0.24);
        plot.step(Duration.ofDays(1), 0);
        // 0.24 is below FC and above the stress threshold: 5 mm over 200 mm = 0.025.
        assertThat(plot.moisture()).isCloseTo(0.24 - S.etMmPerDay() / S.rootDepthMm(), within(1e-9));
    }

    @Test
    void dryingSlowsAndStopsAtTheWiltingPoint() {
        var plot = new SoilPlot(S, 1, 1500, 0.24);
        double previousLoss = Double.MAX_VALUE;
        double before = plot.moisture();
        for (int day = 0; day < 60; day++) {
            plot.step(Duration.ofDays(1), 0);
            double loss = before - plot.moisture();
            assertThat(loss).isLessThanOrEqualTo(previousLoss + 1e-12);
            previousLoss = loss;
            before = plot.moisture();
        }
        assertThat(plot.moisture()).isGreaterThanOrEqualTo(S.wiltingPoint()).isLessThan(S.wiltingPoint() + 0.01);
    }

    @Test
    void rainRaisesMoistureByDepthOverRootDepth() {
        var plot = new SoilPlot(S, 1, 1500, 0.18);
        plot.step(Duration.ofNanos(1), 10);
        assertThat(plot.moisture()).isCloseTo(0.18 + 10 / S.rootDepthMm(), within(1e-6));
    }

    @Test
    void irrigationRaisesMoisture() {
        var plot = new SoilPlot(S, 1, 1500, 0.20);
        plot.setValveOpen(true);
        plot.step(Duration.ofHours(1), 0);
        // 1500 L/min × 60 min over 10 000 m² = 9 mm; minus an hour of ET; over 200 mm.
        double expected = 0.20 + (9 - S.etMmPerDay() / 24) / S.rootDepthMm();
        assertThat(plot.moisture()).isCloseTo(expected, within(1e-9));
    }

    @Test
    void waterAboveFieldCapacityDrainsAndSaturationCaps() {
        var plot = new SoilPlot(S, 1, 1500, 0.24);
        plot.step(Duration.ofNanos(1), 500);
        assertThat(plot.moisture()).isEqualTo(S.saturation());
        for (int i = 0; i < 10; i++) plot.step(Duration.ofDays(1), 0);
        assertThat(plot.moisture()).isLessThan(S.fieldCapacity() + 0.01);
    }
}

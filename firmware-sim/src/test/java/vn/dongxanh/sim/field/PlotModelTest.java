package vn.dongxanh.sim.field;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlotModelTest {
    private static final Instant T0 = Instant.parse("2026-05-01T00:00:00Z");
    private static final FieldParameters.Paddy P = FieldParameters.Paddy.defaults();

    @Test
    void theValveClosesExactlyAtItsRunTimeEvenWhenNobodyLooks() {
        var model = new PlotModel("p01", new PaddyField(P, 1, 8000, -10), Weather.dry(), T0);
        model.openValve(T0, T0.plus(Duration.ofHours(1)));
        // One look, a day later: physics must still stop the inflow after exactly one hour.
        PlotState state = model.syncTo(T0.plus(Duration.ofDays(1)));

        var reference = new PaddyField(P, 1, 8000, -10);
        reference.setValveOpen(true);
        for (int i = 0; i < 60; i++) reference.step(Duration.ofMinutes(1), 0);
        reference.setValveOpen(false);
        for (int i = 0; i < 23 * 60; i++) reference.step(Duration.ofMinutes(1), 0);

        assertThat(state.valveOpen()).isFalse();
        assertThat(state.flowLpm()).isZero();
        assertThat(state.waterLevelCm()).isCloseTo(reference.waterLevelCm(), within(0.05));
        assertThat(model.valveCloseAt()).isNull();
    }

    @Test
    void rainAndItsTotalReachThePlot() {
        var storm = new Weather.Storm(T0.plus(Duration.ofHours(1)), T0.plus(Duration.ofHours(2)), 20);
        var model = new PlotModel("p01", new PaddyField(P, 1, 8000, 2), Weather.scripted(List.of(storm)), T0);
        PlotState state = model.syncTo(T0.plus(Duration.ofHours(3)));
        assertThat(state.rainTotalMm()).isCloseTo(20, within(1e-9));
        assertThat(state.waterLevelCm()).isCloseTo(2 + 2 - 3 * P.lossMmPerDay() / 24 / 10, within(1e-6));
        assertThat(state.soilMoisture()).isNaN();
    }

    @Test
    void lookingBackInTimeChangesNothing() {
        var model = new PlotModel("p01", new PaddyField(P, 1, 8000, 2), Weather.dry(), T0);
        double later = model.syncTo(T0.plus(Duration.ofDays(1))).waterLevelCm();
        assertThat(model.syncTo(T0).waterLevelCm()).isEqualTo(later);
    }
}

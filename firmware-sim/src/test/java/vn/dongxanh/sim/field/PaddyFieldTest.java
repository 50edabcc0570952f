package vn.dongxanh.sim.field;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PaddyFieldTest {
    private static final FieldParameters.Paddy P = FieldParameters.Paddy.defaults();
    private static final Duration STEP = Duration.ofMinutes(10);

    private static PaddyField field(double levelCm) {
        return new PaddyField(P, 1.0, 8000, levelCm);
    }

    /** Days of dry weather until the level is at or below {@code targetCm}. */
    private static double daysUntil(PaddyField f, double targetCm) {
        int steps = 0;
        while (f.waterLevelCm() > targetCm) {
            f.step(STEP, 0);
            steps++;
            if (steps > 100_000) throw new AssertionError("level never reached " + targetCm);
        }
        return steps * STEP.toMinutes() / 1440.0;
    }

    @Test
    void pondedWaterFallsByEtPlusPercolation() {
        var f = field(5);
        double expectedDays = 5 * 10 / P.lossMmPerDay(); // 5 cm = 50 mm at 10 mm/day = 5 days
        assertThat(expectedDays).isEqualTo(5.0);
        assertThat(daysUntil(f, 0)).isCloseTo(expectedDays, within(STEP.toMinutes() / 1440.0 + 1e-9));
    }

    @Test
    void belowTheSurfaceTheTableFallsFasterByThePorosity() {
        var f = field(0);
        f.step(Duration.ofDays(1), 0);
        // 10 mm/day over a drainable porosity of 0.25: 4 cm/day.
        assertThat(f.waterLevelCm()).isCloseTo(-P.lossMmPerDay() / 10 / P.drainablePorosity(), within(1e-9));
    }

    @Test
    void awdCycleFromPlusFiveToMinusFifteenTakesAboutEightAndAHalfDays() {
        var f = field(5);
        // DOMAIN §6: 5 days to drain 5 cm of ponded water, then 15 cm × 0.25 = 37.5 mm at 10 mm/day.
        double expected = 50 / P.lossMmPerDay() + 15 * 10 * P.drainablePorosity() / P.lossMmPerDay();
        assertThat(daysUntil(f, -15)).isCloseTo(expected, within(0.01));
        assertThat(expected).isEqualTo(8.75);
    }

    @Test
    void rainRaisesPondedWaterOneCentimetrePerTenMillimetres() {
        var f = field(2);
        f.step(Duration.ofMinutes(1), 10);
        double loss = P.lossMmPerDay() / 1440 / 10;
        assertThat(f.waterLevelCm()).isCloseTo(2 + 1 - loss, within(1e-9));
    }

    @Test
    void rainBelowTheSurfaceFillsThePoresFirstThenPonds() {
        var f = field(-4);
        // 4 cm of pores at porosity 0.25 hold 10 mm; the other 10 mm ponds as 1 cm.
        f.step(Duration.ofNanos(1), 20);
        assertThat(f.waterLevelCm()).isCloseTo(1.0, within(1e-6));

        var g = field(-10);
        g.step(Duration.ofNanos(1), 5);
        assertThat(g.waterLevelCm()).isCloseTo(-10 + 5 / 10.0 / P.drainablePorosity(), within(1e-6));
    }

    @Test
    void anOpenValveSpreadsItsFlowOverThePlot() {
        var f = new PaddyField(P, 2.0, 8000, 5);
        f.setValveOpen(true);
        assertThat(f.flowLpm()).isEqualTo(8000);
        f.step(Duration.ofHours(1), 0);
        // 8000 L/min × 60 min over 20 000 m² = 24 mm = 2.4 cm; minus one hour of losses.
        double expected = 5 + 2.4 - P.lossMmPerDay() / 24 / 10;
        assertThat(f.waterLevelCm()).isCloseTo(expected, within(1e-9));

        f.setValveOpen(false);
        assertThat(f.flowLpm()).isZero();
        double before = f.waterLevelCm();
        f.step(Duration.ofHours(1), 0);
        assertThat(f.waterLevelCm()).isLessThan(before);
    }

    @Test
    void theBundCapsTheLevelAndCountsTheOverflow() {
        var f = field(18);
        f.setValveOpen(true);
        for (int i = 0; i < 12; i++) f.step(STEP, 0);
        assertThat(f.waterLevelCm()).isEqualTo(P.bundHeightCm());
        assertThat(f.overflowMm()).isPositive();
    }

    @Test
    void theLevelNeverFallsBelowTheFloor() {
        var f = field(0);
        for (int i = 0; i < 30; i++) f.step(Duration.ofDays(1), 0);
        assertThat(f.waterLevelCm()).isEqualTo(P.floorCm());
    }

    @Test
    void theStartLevelIsClampedIntoTheRange() {
        assertThat(field(99).waterLevelCm()).isEqualTo(P.bundHeightCm());
        assertThat(field(-99).waterLevelCm()).isEqualTo(P.floorCm());
    }
}

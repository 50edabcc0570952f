package vn.dongxanh.sim.field;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WeatherTest {
    private static final Instant T0 = Instant.parse("2026-05-01T00:00:00Z");
    private static final FieldParameters.Rain RAIN = FieldParameters.Rain.defaults();

    @Test
    void theSameSeedGivesTheSameRainWhateverTheSteps() {
        var coarse = new Weather(RAIN, 7, T0);
        var fine = new Weather(RAIN, 7, T0);
        Instant end = T0.plus(Duration.ofDays(60));
        double total = coarse.rainMm(T0, end);
        double summed = 0;
        for (Instant t = T0; t.isBefore(end); t = t.plus(Duration.ofMinutes(7))) {
            Instant next = t.plus(Duration.ofMinutes(7));
            summed += fine.rainMm(t, next.isAfter(end) ? end : next);
        }
        assertThat(total).isPositive();
        assertThat(summed).isCloseTo(total, within(1e-6));
    }

    @Test
    void anotherSeedGivesOtherRain() {
        Instant end = T0.plus(Duration.ofDays(60));
        assertThat(new Weather(RAIN, 1, T0).rainMm(T0, end)).isNotEqualTo(new Weather(RAIN, 2, T0).rainMm(T0, end));
    }

    @Test
    void longRunRainMatchesTheParameters() {
        var w = new Weather(RAIN, 42, T0);
        int days = 5000;
        double perDay = w.rainMm(T0, T0.plus(Duration.ofDays(days))) / days;
        // Storms are spaced by their gaps and their own durations, so slightly below rate × depth.
        double expected = RAIN.eventsPerDay() * RAIN.meanEventMm();
        assertThat(perDay).isBetween(expected * 0.85, expected * 1.1);
    }

    @Test
    void scriptedStormsSpreadEvenly() {
        var storm = new Weather.Storm(T0, T0.plus(Duration.ofHours(2)), 12);
        var w = Weather.scripted(List.of(storm));
        assertThat(w.rainMm(T0.minusSeconds(60), T0.plus(Duration.ofHours(1)))).isCloseTo(6, within(1e-9));
        assertThat(w.rainMm(T0.plus(Duration.ofHours(3)), T0.plus(Duration.ofHours(4))))
                .isZero();
        assertThat(Weather.dry().rainMm(T0, T0.plus(Duration.ofDays(100)))).isZero();
    }

    @Test
    void noStormsWhenRainIsOff() {
        var w = new Weather(FieldParameters.Rain.none(), 42, T0);
        assertThat(w.rainMm(T0, T0.plus(Duration.ofDays(365)))).isZero();
    }
}

package vn.dongxanh.sim.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import vn.dongxanh.contract.telemetry.Metric;
import vn.dongxanh.contract.telemetry.Reading;
import vn.dongxanh.sim.SimClock;
import vn.dongxanh.sim.field.FieldParameters;
import vn.dongxanh.sim.field.PaddyField;
import vn.dongxanh.sim.field.PlotModel;
import vn.dongxanh.sim.field.Weather;

/**
 * Every report carries the device's signal strength at the gateway (rssi, dBm): its own mean,
 * faded, weaker in rain.
 */
class SignalStrengthTest {
    private static final Instant T0 = Instant.parse("2026-05-01T00:00:00Z");
    private static final FieldParameters.Paddy P = FieldParameters.Paddy.defaults();

    /** Wall time moved by the test; the field runs 60× (a real minute is a field hour). */
    private static final class TestClock extends Clock {
        private Instant now = T0;

        void advance(Duration d) {
            now = now.plus(d);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static WaterLevelNode node(Weather weather, SensorParameters sensors, long seed, TestClock wall) {
        var plot = new PlotModel("p01", new PaddyField(P, 1, 8000, 2), weather, T0);
        return new WaterLevelNode(plot, new SimClock(wall, 60), sensors, P, new SplittableRandom(seed));
    }

    private static double rssi(List<Reading> report) {
        return report.stream()
                .filter(r -> r.metric() == Metric.RSSI)
                .findFirst()
                .orElseThrow()
                .value();
    }

    @Test
    void everyReportCarriesAPlausibleWholeDbmThatFades() {
        var wall = new TestClock();
        var device = node(Weather.dry(), SensorParameters.defaults(), 7, wall);
        var radio = RadioParameters.defaults();
        assertThat(device.signalMeanDbm()).isBetween(radio.minDbm(), radio.maxDbm());
        var values = new ArrayList<Double>();
        for (int i = 0; i < 60; i++) {
            wall.advance(Duration.ofSeconds(10));
            List<Reading> report = device.report();
            assertThat(report)
                    .extracting(Reading::metric)
                    .containsExactly(Metric.WATER_LEVEL, Metric.BATTERY, Metric.RSSI);
            assertThat(report).extracting(Reading::time).containsOnly(wall.instant());
            double v = rssi(report);
            assertThat(v).isEqualTo(Math.rint(v));
            assertThat(v)
                    .isBetween(
                            device.signalMeanDbm() - 10 * radio.sigmaDb() - 1,
                            device.signalMeanDbm() + 10 * radio.sigmaDb() + 1);
            values.add(v);
        }
        assertThat(values.stream().distinct().count()).as("fading moves it").isGreaterThan(2);
        double mean = values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        assertThat(mean).isCloseTo(device.signalMeanDbm(), org.assertj.core.data.Offset.offset(2.0));
    }

    @Test
    void eachDeviceHasItsOwnReproducibleMean() {
        var a = node(Weather.dry(), SensorParameters.defaults(), 1, new TestClock());
        var b = node(Weather.dry(), SensorParameters.defaults(), 2, new TestClock());
        var a2 = node(Weather.dry(), SensorParameters.defaults(), 1, new TestClock());
        assertThat(a.signalMeanDbm()).isNotEqualTo(b.signalMeanDbm());
        assertThat(a.signalMeanDbm()).isEqualTo(a2.signalMeanDbm());
    }

    @Test
    void rainSinceTheLastReportWeakensTheSignal() {
        var storm = new Weather.Storm(T0.plus(Duration.ofHours(1)), T0.plus(Duration.ofHours(2)), 20);
        var wall = new TestClock();
        var sensors = SensorParameters.defaults().noiseless();
        var device = node(Weather.scripted(List.of(storm)), sensors, 3, wall);
        double dry =
                SensorParameters.round(device.signalMeanDbm(), sensors.radio().resolutionDb());
        double wet = SensorParameters.round(
                device.signalMeanDbm() - sensors.radio().wetLossDb(),
                sensors.radio().resolutionDb());
        var seen = new ArrayList<Double>();
        for (int i = 0; i < 4; i++) { // field 0:30 (before), 1:30 (raining), 2:30 (it rained until 2:00), 3:30 (dry)
            wall.advance(Duration.ofSeconds(i == 0 ? 30 : 60));
            seen.add(rssi(device.report()));
        }
        assertThat(seen).containsExactly(dry, wet, wet, dry);
    }

    @Test
    void readingsStayWithinWhatAReceiverReports() {
        var radio = RadioParameters.defaults();
        assertThat(radio.read(-136, -10, true)).isEqualTo(RadioParameters.FLOOR_DBM);
        assertThat(radio.read(-25, 30, false)).isEqualTo(RadioParameters.CEILING_DBM);
        assertThat(radio.read(-87.4, 0, false)).isEqualTo(-87);
        assertThatThrownBy(() -> new RadioParameters(-60, -90, 2, 3, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RadioParameters(-90, -60, -1, 3, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RadioParameters(-90, -60, 2, 3, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}

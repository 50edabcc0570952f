package vn.dongxanh.edge.irrigation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import vn.dongxanh.contract.dashboard.ControlKind;
import vn.dongxanh.contract.event.IrrigationEvent;
import vn.dongxanh.edge.config.AgentConfig;
import vn.dongxanh.edge.config.ControlSettings;

class PoliciesTest {
    private static final ControlSettings CONTROL = AgentConfig.defaultControl();
    private static final LocalDate SOWN = LocalDate.of(2026, 8, 1);
    private static final Instant NOW = Instant.parse("2026-09-01T02:00:00Z");
    private static final Duration RUN = Duration.ofMinutes(90);

    private static RiceCalendar calendar(int varietyDays) {
        var r = CONTROL.rice();
        return new RiceCalendar(SOWN, r.stages(), r.referenceVarietyDays(), varietyDays, r.fixedStages());
    }

    private static PlotInputs inputs(int das, SensorHealth sensor, boolean open, boolean rainSkip, boolean rainStop) {
        return new PlotInputs(NOW, SOWN.plusDays(das), sensor, open, null, rainSkip, rainStop);
    }

    @Nested
    class Calendar {
        @Test
        void referenceVarietyFollowsTheDomainTable() {
            var c = calendar(100);
            assertThat(c.stageOn(SOWN.plusDays(10)).orElseThrow().mode()).isEqualTo(WaterMode.FLOOD_HOLD);
            assertThat(c.stageOn(SOWN.plusDays(30)).orElseThrow().mode()).isEqualTo(WaterMode.AWD);
            assertThat(c.stageOn(SOWN.plusDays(70)).orElseThrow().name()).isEqualTo("flowering");
            assertThat(c.stageOn(SOWN.plusDays(95)).orElseThrow().mode()).isEqualTo(WaterMode.DRAIN);
            assertThat(c.stageOn(SOWN.plusDays(-3)).orElseThrow().mode()).isEqualTo(WaterMode.MANUAL);
            assertThat(c.stageOn(SOWN.plusDays(101))).isEmpty();
        }

        @Test
        void aLongerVarietyLengthensTheVegetativePhaseAndShiftsLaterStages() {
            var c = calendar(105);
            assertThat(c.stageOn(SOWN.plusDays(20)).orElseThrow().name()).isEqualTo("establishment");
            assertThat(c.stageOn(SOWN.plusDays(40)).orElseThrow().name()).isEqualTo("tillering");
            assertThat(c.stageOn(SOWN.plusDays(68)).orElseThrow().name()).isEqualTo("flowering");
            assertThat(c.stageOn(SOWN.plusDays(67)).orElseThrow().name()).isEqualTo("panicle-initiation-to-booting");
            assertThat(c.stageOn(SOWN.plusDays(105)).orElseThrow().mode()).isEqualTo(WaterMode.DRAIN);
        }
    }

    @Nested
    class Rice {
        private final RicePolicy policy = new RicePolicy(calendar(100), RUN);

        @Test
        void tellsTheStageAndItsLevelsForTheDashboard() {
            assertThat(policy.control(SOWN.plusDays(30)))
                    .isEqualTo(new IrrigationEvent.Control(ControlKind.AWD, "tillering", -15.0, 5.0));
            assertThat(policy.control(SOWN.plusDays(95)))
                    .as("a drain stage has no levels")
                    .isEqualTo(new IrrigationEvent.Control(ControlKind.AWD, "pre-harvest-drain", null, null));
            assertThat(policy.control(SOWN.plusDays(400)))
                    .isEqualTo(new IrrigationEvent.Control(ControlKind.AWD, null, null, null));
        }

        @Test
        void awdOpensAtTheSafeThresholdAndClosesAtReflood() {
            assertThat(policy.decide(inputs(30, new SensorHealth.Ok(-14.9), false, false, false)))
                    .isInstanceOf(Decision.Hold.class);
            assertThat(policy.decide(inputs(30, new SensorHealth.Ok(-15.0), false, false, false)))
                    .isEqualTo(new Decision.Open(
                            RUN, Decision.Reason.BELOW_START_LEVEL, "tillering (AWD), water -15.0 cm ≤ -15.0 cm"));
            assertThat(policy.decide(inputs(30, new SensorHealth.Ok(4.9), true, false, false)))
                    .extracting(Decision::reason)
                    .isEqualTo(Decision.Reason.WATERING);
            assertThat(policy.decide(inputs(30, new SensorHealth.Ok(5.0), true, false, false)))
                    .isInstanceOf(Decision.Close.class)
                    .extracting(Decision::reason)
                    .isEqualTo(Decision.Reason.REACHED_STOP_LEVEL);
        }

        @Test
        void floweringKeepsTheFieldFlooded() {
            var d = policy.decide(inputs(70, new SensorHealth.Ok(1.5), false, false, false));
            assertThat(d).isInstanceOf(Decision.Open.class);
            assertThat(d.detail()).contains("flowering");
        }

        @Test
        void neverIrrigatesInTheDrainStageAndClosesAnOpenValve() {
            assertThat(policy.decide(inputs(92, new SensorHealth.Ok(-30), false, false, false)))
                    .extracting(Decision::reason)
                    .isEqualTo(Decision.Reason.DRAIN_STAGE);
            assertThat(policy.decide(inputs(92, new SensorHealth.Ok(-30), true, false, false)))
                    .isInstanceOf(Decision.Close.class);
        }

        @Test
        void rainSkipsARefillAndStopsARunningOne() {
            assertThat(policy.decide(inputs(30, new SensorHealth.Ok(-20), false, true, false)))
                    .extracting(Decision::reason)
                    .isEqualTo(Decision.Reason.RAIN_SKIP);
            assertThat(policy.decide(inputs(30, new SensorHealth.Ok(-10), true, true, true)))
                    .isInstanceOf(Decision.Close.class)
                    .extracting(Decision::reason)
                    .isEqualTo(Decision.Reason.RAIN_STOP);
        }

        @Test
        void failsClosedOnASilentOrImplausibleSensor() {
            assertThat(policy.decide(inputs(30, new SensorHealth.Silent("gone"), true, false, false)))
                    .isEqualTo(new Decision.Close(Decision.Reason.SENSOR_SILENT, "gone"));
            assertThat(policy.decide(inputs(30, new SensorHealth.Implausible("stuck"), true, false, false)))
                    .isEqualTo(new Decision.Close(Decision.Reason.SENSOR_IMPLAUSIBLE, "stuck"));
            assertThat(policy.decide(inputs(30, new SensorHealth.Silent("gone"), false, false, false)))
                    .isInstanceOf(Decision.Hold.class);
        }
    }

    @Nested
    class Vegetables {
        private final MoistureBandPolicy policy = new MoistureBandPolicy(0.22, 0.26, Duration.ofHours(4), RUN);

        @Test
        void tellsItsBandForTheDashboard() {
            assertThat(policy.control(SOWN))
                    .isEqualTo(new IrrigationEvent.Control(ControlKind.MOISTURE_BAND, null, 0.22, 0.26));
        }

        @Test
        void watersBelowTheBandUntilItsTop() {
            assertThat(policy.decide(inputs(0, new SensorHealth.Ok(0.23), false, false, false)))
                    .isInstanceOf(Decision.Hold.class);
            assertThat(policy.decide(inputs(0, new SensorHealth.Ok(0.22), false, false, false)))
                    .isInstanceOf(Decision.Open.class);
            assertThat(policy.decide(inputs(0, new SensorHealth.Ok(0.26), true, false, false)))
                    .isInstanceOf(Decision.Close.class);
        }

        @Test
        void keepsTheMinimumIntervalBetweenWaterings() {
            var recent = new PlotInputs(
                    NOW, SOWN, new SensorHealth.Ok(0.2), false, NOW.minus(Duration.ofHours(3)), false, false);
            assertThat(policy.decide(recent)).extracting(Decision::reason).isEqualTo(Decision.Reason.MIN_INTERVAL);
            var longAgo = new PlotInputs(
                    NOW, SOWN, new SensorHealth.Ok(0.2), false, NOW.minus(Duration.ofHours(5)), false, false);
            assertThat(policy.decide(longAgo)).isInstanceOf(Decision.Open.class);
        }
    }

    @Nested
    class Sensors {
        private final PlausibilityLimits limits = CONTROL.rice().plausible();

        @Test
        void silentAfterTheConfiguredTime() {
            var s = new GoverningSensor(limits, NOW.minusSeconds(3600));
            assertThat(s.health(NOW, false, false)).isInstanceOf(SensorHealth.Silent.class);
            s.record(NOW, -3);
            assertThat(s.health(NOW.plus(Duration.ofMinutes(14)), false, false)).isEqualTo(new SensorHealth.Ok(-3));
            assertThat(s.health(NOW.plus(Duration.ofMinutes(16)), false, false))
                    .isInstanceOf(SensorHealth.Silent.class);
        }

        @Test
        void implausibleWhenOutOfRangeStuckOrJumping() {
            var range = new GoverningSensor(limits, NOW.minusSeconds(3600));
            range.record(NOW, 31);
            assertThat(range.health(NOW, false, false)).isInstanceOf(SensorHealth.Implausible.class);

            var stuck = new GoverningSensor(limits, NOW.minusSeconds(3600));
            for (int i = 0; i < 12; i++) stuck.record(NOW.plusSeconds(i * 60), -8);
            assertThat(stuck.health(NOW.plusSeconds(11 * 60), false, false)).isInstanceOf(SensorHealth.Ok.class);
            assertThat(stuck.health(NOW.plusSeconds(11 * 60), true, false))
                    .isInstanceOf(SensorHealth.Implausible.class);

            var jump = new GoverningSensor(limits, NOW.minusSeconds(3600));
            jump.record(NOW, -8);
            jump.record(NOW.plusSeconds(120), -2);
            assertThat(jump.health(NOW.plusSeconds(120), false, false)).isInstanceOf(SensorHealth.Implausible.class);
            assertThat(jump.health(NOW.plusSeconds(120), false, true)).isInstanceOf(SensorHealth.Ok.class);
            jump.record(NOW.plusSeconds(600), -2.5);
            assertThat(jump.health(NOW.plusSeconds(600), false, false)).isInstanceOf(SensorHealth.Ok.class);
        }

        @Test
        void rainSumsItsWindows() {
            var gauge = new RainGauge(Duration.ofHours(24));
            gauge.record(NOW.minus(Duration.ofHours(30)), 50);
            gauge.record(NOW.minus(Duration.ofHours(5)), 6);
            gauge.record(NOW.minus(Duration.ofMinutes(20)), 1.5);
            assertThat(gauge.mmWithin(Duration.ofHours(24), NOW)).isEqualTo(7.5);
            assertThat(gauge.mmWithin(Duration.ofHours(1), NOW)).isEqualTo(1.5);
            var veg = CONTROL.vegetable().rain();
            assertThat(veg.skip(gauge, NOW)).isTrue();
            assertThat(veg.stop(gauge, NOW)).isFalse();
        }
    }
}

package vn.dongxanh.sim.device;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.dongxanh.contract.Json;
import vn.dongxanh.contract.telemetry.Metric;
import vn.dongxanh.contract.telemetry.Reading;
import vn.dongxanh.contract.telemetry.TelemetryCodec;
import vn.dongxanh.contract.topic.Topic;
import vn.dongxanh.sim.PlotSpec;
import vn.dongxanh.sim.Simulation;
import vn.dongxanh.sim.SimulationConfig;
import vn.dongxanh.sim.TestBroker;
import vn.dongxanh.sim.field.Crop;

/** Injected faults, seen from the broker's side. */
class FaultSimulationTest {
    private static final Duration FAULT_AT = Duration.ofMillis(1500);

    private final TelemetryCodec codec = new TelemetryCodec();

    @Test
    void silentStuckJumpAndDroppedDevicesMisbehaveAsTold() throws Exception {
        String rice = TestBroker.uniquePrefix() + "p01";
        String veg = TestBroker.uniquePrefix() + "p02";
        String at = "@" + FAULT_AT.toMillis() + "ms";
        var broker = new TestBroker("dx/v1/dev/+/up", "dx/v1/dev/+/state");
        var config = SimulationConfig.builder()
                .broker(broker.url())
                .plots(new PlotSpec(rice, Crop.RICE, 2.5), new PlotSpec(veg, Crop.VEGETABLE, 1.0))
                .interval(Duration.ofMillis(150))
                .speed(3600)
                .faults(List.of(
                        Fault.parse("silent:" + rice + "-rain" + at),
                        Fault.parse("stuck:" + rice + "-wl" + at),
                        Fault.parse("drop:" + rice + "-flow" + at),
                        Fault.parse("jump:" + veg + "-sm" + at + "=0.2")))
                .build();
        try (broker;
                var sim = new Simulation(config).start()) {
            Instant faultsFrom = sim.clock().start().plus(FAULT_AT);
            Instant settled = faultsFrom.plusMillis(300);
            await().atMost(10, SECONDS).until(() -> Instant.now().isAfter(settled.plusSeconds(2)));

            // Silent: reported before, nothing since; its neighbour kept going.
            List<Reading> rain = readings(broker, rice + "-rain");
            assertThat(rain).filteredOn(r -> r.time().isBefore(faultsFrom)).isNotEmpty();
            assertThat(rain).filteredOn(r -> r.time().isAfter(settled)).isEmpty();
            assertThat(readings(broker, rice + "-valve"))
                    .filteredOn(r -> r.time().isAfter(settled))
                    .isNotEmpty();

            // Stuck: the noisy level varied before and repeats one value since.
            List<Double> before = values(
                    broker, rice + "-wl", Metric.WATER_LEVEL, r -> r.time().isBefore(faultsFrom));
            List<Double> after = values(
                    broker, rice + "-wl", Metric.WATER_LEVEL, r -> r.time().isAfter(settled));
            assertThat(before).hasSizeGreaterThan(3);
            assertThat(before.stream().distinct().count()).isGreaterThan(1);
            assertThat(after).hasSizeGreaterThan(5);
            assertThat(after.stream().distinct()).hasSize(1);

            // Jump: the soil-moisture node reads 0.2 above the truth.
            List<Double> jumped = values(
                    broker, veg + "-sm", Metric.SOIL_MOISTURE, r -> r.time().isAfter(settled));
            assertThat(jumped).isNotEmpty();
            assertThat(jumped.getLast()).isCloseTo(sim.plotState(veg).soilMoisture() + 0.2, within(0.05));

            // Drop: the broker published the last will (no "at": the device never said goodbye).
            String flowState = new Topic.DeviceState(rice + "-flow").path();
            await().atMost(5, SECONDS)
                    .until(() -> broker.received(m -> m.topic().equals(flowState)).stream()
                            .anyMatch(m -> !Json.MAPPER
                                    .readTree(m.payload())
                                    .path("online")
                                    .asBoolean(true)));
            var will = broker.received(m -> m.topic().equals(flowState)).getLast();
            assertThat(Json.MAPPER.readTree(will.payload()).has("at")).isFalse();
            assertThat(readings(broker, rice + "-flow"))
                    .filteredOn(r -> r.time().isAfter(settled))
                    .isEmpty();
        }
        clearStates(config);
    }

    @Test
    void aDroppedDeviceComesBackAfterItsOutage() throws Exception {
        String plot = TestBroker.uniquePrefix() + "p01";
        String valve = plot + "-valve";
        var broker = new TestBroker("dx/v1/dev/+/up", "dx/v1/dev/+/state");
        var config = SimulationConfig.builder()
                .broker(broker.url())
                .plots(new PlotSpec(plot, Crop.RICE, 1.0))
                .interval(Duration.ofMillis(150))
                .faults(List.of(Fault.parse("drop:" + valve + "@1s+1s")))
                .build();
        try (broker;
                var sim = new Simulation(config).start()) {
            String stateTopic = new Topic.DeviceState(valve).path();
            // online → will (offline) → online again, in that order.
            await().atMost(10, SECONDS)
                    .until(() -> onlineSequence(broker, stateTopic).endsWith("101"));
            Instant back = Instant.now();
            await().atMost(5, SECONDS)
                    .until(() -> readings(broker, valve).stream()
                            .anyMatch(r -> r.time().isAfter(back)));
        }
        clearStates(config);
    }

    /** After the simulation has said goodbye: leave the shared broker without our retained states. */
    private static void clearStates(SimulationConfig config) throws Exception {
        var ids = new ArrayList<String>();
        for (PlotSpec p : config.plots()) {
            for (DeviceKind k : DeviceKind.forCrop(p.crop())) ids.add(k.deviceId(p.id()));
        }
        try (var cleaner = new TestBroker()) {
            cleaner.clearRetainedStates(ids);
        }
    }

    /** The online flags seen on a state topic, as a string of 1s and 0s. */
    private static String onlineSequence(TestBroker broker, String topic) {
        var sb = new StringBuilder();
        for (var m : broker.received(r -> r.topic().equals(topic) && r.payload().length > 0)) {
            sb.append(Json.MAPPER.readTree(m.payload()).path("online").asBoolean() ? '1' : '0');
        }
        return sb.toString();
    }

    private List<Reading> readings(TestBroker broker, String deviceId) {
        String topic = new Topic.DeviceTelemetry(deviceId).path();
        return broker.received(m -> m.topic().equals(topic)).stream()
                .flatMap(m -> codec.decode(m.payload()).stream())
                .toList();
    }

    private List<Double> values(
            TestBroker broker, String deviceId, Metric metric, java.util.function.Predicate<Reading> when) {
        return readings(broker, deviceId).stream()
                .filter(r -> r.metric() == metric)
                .filter(when)
                .map(Reading::value)
                .toList();
    }
}

package vn.dongxanh.sim.mqtt;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import vn.dongxanh.contract.Json;
import vn.dongxanh.contract.telemetry.Metric;
import vn.dongxanh.contract.telemetry.Reading;
import vn.dongxanh.contract.telemetry.TelemetryCodec;
import vn.dongxanh.contract.topic.Topic;
import vn.dongxanh.contract.topic.Topics;
import vn.dongxanh.sim.DeviceInfo;
import vn.dongxanh.sim.PlotSpec;
import vn.dongxanh.sim.Recorder;
import vn.dongxanh.sim.Simulation;
import vn.dongxanh.sim.SimulationConfig;
import vn.dongxanh.sim.TestBroker;
import vn.dongxanh.sim.field.Crop;

/** A small simulation on the real field broker, watched by a plain subscriber. */
class MqttSimulationTest {
    private final TelemetryCodec codec = new TelemetryCodec();

    @Test
    void everyDeviceKindReportsSenmlAndKeepsARetainedState(@TempDir Path dir) throws Exception {
        String prefix = TestBroker.uniquePrefix();
        String rice = prefix + "p01";
        String veg = prefix + "p02";
        Path record = dir.resolve("record.jsonl");
        var broker = new TestBroker("dx/v1/dev/+/up");
        var config = SimulationConfig.builder()
                .broker(broker.url())
                .plots(new PlotSpec(rice, Crop.RICE, 2.5), new PlotSpec(veg, Crop.VEGETABLE, 1.0))
                .interval(Duration.ofMillis(200))
                .speed(3600)
                .record(record)
                .build();
        Set<String> ids;
        try (broker;
                var sim = new Simulation(config).start()) {
            ids = sim.devices().stream().map(DeviceInfo::deviceId).collect(Collectors.toSet());
            assertThat(ids)
                    .containsExactlyInAnyOrder(
                            rice + "-wl",
                            rice + "-rain",
                            rice + "-flow",
                            rice + "-valve",
                            veg + "-sm",
                            veg + "-rain",
                            veg + "-flow",
                            veg + "-valve");

            await().atMost(10, SECONDS).until(() -> devicesHeard(broker).containsAll(ids));
            List<Reading> readings = decodeAll(broker, ids);
            assertThat(readings)
                    .extracting(Reading::metric)
                    .contains(
                            Metric.WATER_LEVEL,
                            Metric.SOIL_MOISTURE,
                            Metric.RAIN,
                            Metric.FLOW,
                            Metric.VALVE,
                            Metric.BATTERY,
                            Metric.RSSI);
            Instant now = Instant.now();
            for (Reading r : readings) {
                // Wall-clock stamps, whatever the speed of field time.
                assertThat(r.time()).isBetween(now.minusSeconds(30), now.plusSeconds(1));
                switch (r.metric()) {
                    case WATER_LEVEL -> assertThat(r.value()).isBetween(-40.0, 20.0);
                    case SOIL_MOISTURE -> assertThat(r.value()).isBetween(0.0, 0.6);
                    case BATTERY -> assertThat(r.value()).isBetween(0.0, 100.0);
                    case RSSI -> assertThat(r.value()).isBetween(-137.0, -20.0);
                    case VALVE -> assertThat(r.value()).isZero();
                    case FLOW -> assertThat(r.value()).isZero(); // no valve is open
                    default -> assertThat(r.value()).isGreaterThanOrEqualTo(0);
                }
            }

            // A newcomer gets every device's retained online state at once.
            try (var late = new TestBroker()) {
                late.subscribe("dx/v1/dev/+/state");
                await().atMost(5, SECONDS).until(() -> statesOf(late, ids).size() == ids.size());
                for (TestBroker.Received m : statesOf(late, ids)) {
                    JsonNode state = Json.MAPPER.readTree(m.payload());
                    assertThat(m.retained()).isTrue();
                    assertThat(state.path("online").asBoolean()).isTrue();
                    assertThat(Instant.parse(state.path("at").stringValue()))
                            .isBefore(Instant.now().plusSeconds(1));
                }
            }
        }

        // After a clean close, the retained state says offline.
        try (var after = new TestBroker()) {
            after.subscribe("dx/v1/dev/+/state");
            await().atMost(5, SECONDS).until(() -> statesOf(after, ids).size() == ids.size());
            for (TestBroker.Received m : statesOf(after, ids)) {
                assertThat(Json.MAPPER.readTree(m.payload()).path("online").asBoolean(true))
                        .isFalse();
            }
            after.clearRetainedStates(ids);
        }

        // The record holds what the broker acknowledged: every line was also seen by the subscriber.
        List<String> lines = Files.readAllLines(record);
        assertThat(lines.size()).isGreaterThanOrEqualTo(2 * ids.size());
        Set<String> seen = new HashSet<>();
        for (Reading r : decodeAll(broker, ids)) seen.add(Recorder.line(r));
        assertThat(seen).containsAll(lines);
    }

    private static Set<String> devicesHeard(TestBroker broker) {
        Set<String> heard = new HashSet<>();
        for (TestBroker.Received m : broker.received()) {
            if (Topics.parse(m.topic()) instanceof Topic.DeviceTelemetry t) heard.add(t.deviceId());
        }
        return heard;
    }

    private List<Reading> decodeAll(TestBroker broker, Set<String> ids) {
        var out = new ArrayList<Reading>();
        for (TestBroker.Received m : broker.received()) {
            if (Topics.parse(m.topic()) instanceof Topic.DeviceTelemetry t && ids.contains(t.deviceId())) {
                List<Reading> pack = codec.decode(m.payload());
                assertThat(pack).extracting(Reading::deviceId).containsOnly(t.deviceId());
                assertThat(pack).extracting(Reading::metric).contains(Metric.BATTERY);
                out.addAll(pack);
            }
        }
        return out;
    }

    private static List<TestBroker.Received> statesOf(TestBroker broker, Set<String> ids) {
        return broker.received(m -> Topics.parse(m.topic()) instanceof Topic.DeviceState s
                && ids.contains(s.deviceId())
                && m.payload().length > 0);
    }
}

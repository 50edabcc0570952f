package vn.dongxanh.sim;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dongxanh.contract.Json;
import vn.dongxanh.contract.topic.Topic;
import vn.dongxanh.contract.topic.Topics;

/** The command line, run for real: in-process with --duration, and as a child process stopped by SIGTERM. */
class FirmwareSimTest {
    @Test
    void runsForItsDurationAndRecordsWhatTheBrokerAcknowledged(@TempDir Path dir) throws Exception {
        String prefix = TestBroker.uniquePrefix();
        Path record = dir.resolve("rec.jsonl");
        Path psk = dir.resolve("coap-psk.txt");
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code;
        try (var broker = new TestBroker()) {
            code = FirmwareSim.run(
                    new String[] {
                        "--broker",
                        broker.url(),
                        "--plots",
                        prefix + "a:rice:2.5," + prefix + "b:vegetable:1," + prefix + "c:rice:1",
                        "--coap-plots",
                        prefix + "c",
                        "--coap-psk",
                        psk.toString(),
                        "--interval",
                        "200ms",
                        "--speed",
                        "600",
                        "--duration",
                        "2s",
                        "--record",
                        record.toString()
                    },
                    new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            broker.clearRetainedStates(List.of(
                    prefix + "a-wl",
                    prefix + "a-rain",
                    prefix + "a-flow",
                    prefix + "a-valve",
                    prefix + "b-sm",
                    prefix + "b-rain",
                    prefix + "b-flow",
                    prefix + "b-valve"));
        }
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(printed).contains("mqtt device " + prefix + "a-wl on tcp://127.0.0.1:");
        assertThat(printed).containsPattern("coap device " + prefix + "c-wl at coaps://127\\.0\\.0\\.1:\\d+/telemetry");
        // the keys the devices served with: generated on this first run, owner-only
        assertThat(vn.dongxanh.contract.psk.PskFile.read(psk))
                .containsOnlyKeys(prefix + "c-wl", prefix + "c-rain", prefix + "c-flow", prefix + "c-valve");
        assertThat(Files.getPosixFilePermissions(psk)).isEqualTo(vn.dongxanh.contract.psk.PskFile.OWNER_ONLY);

        List<String> lines = Files.readAllLines(record);
        Set<String> devices = lines.stream()
                .map(l -> Json.MAPPER.readTree(l).path("dev").stringValue())
                .collect(Collectors.toSet());
        // Every MQTT device's readings were acknowledged; nobody observed the CoAP plot, so none of it.
        assertThat(devices)
                .containsExactlyInAnyOrder(
                        prefix + "a-wl",
                        prefix + "a-rain",
                        prefix + "a-flow",
                        prefix + "a-valve",
                        prefix + "b-sm",
                        prefix + "b-rain",
                        prefix + "b-flow",
                        prefix + "b-valve");
        var first = Json.MAPPER.readTree(lines.getFirst());
        assertThat(first.path("t").isIntegralNumber()).isTrue();
        assertThat(first.path("v").isNumber()).isTrue();
        assertThat(first.path("metric").stringValue())
                .isIn("water_level", "soil_moisture", "rain", "flow", "valve", "battery");
    }

    @Test
    void sigtermStopsCleanlyWithOfflineStates() throws Exception {
        String plot = TestBroker.uniquePrefix() + "p01";
        List<String> ids = List.of(plot + "-wl", plot + "-rain", plot + "-flow", plot + "-valve");
        try (var broker = new TestBroker("dx/v1/dev/+/state")) {
            var command = new ArrayList<String>();
            command.add(ProcessHandle.current().info().command().orElse("java"));
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), FirmwareSim.class.getName()));
            command.addAll(List.of("--broker", broker.url(), "--plots", plot + ":rice:2", "--interval", "300ms"));
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            try {
                await().atMost(20, SECONDS).until(() -> onlineStates(broker, ids, true) == ids.size());
                process.destroy(); // SIGTERM
                assertThat(process.waitFor(20, SECONDS)).isTrue();
                await().atMost(5, SECONDS).until(() -> onlineStates(broker, ids, false) == ids.size());
                // A goodbye, not a last will: the offline state carries the moment it was said.
                for (var m : broker.received(r -> r.payload().length > 0)) {
                    var state = Json.MAPPER.readTree(m.payload());
                    if (!state.path("online").asBoolean()
                            && ids.contains(state.path("dev").stringValue())) {
                        assertThat(state.has("at")).isTrue();
                    }
                }
            } finally {
                process.destroyForcibly();
                broker.clearRetainedStates(ids);
            }
        }
    }

    private static long onlineStates(TestBroker broker, List<String> ids, boolean online) {
        return broker
                .received(m -> m.payload().length > 0
                        && Topics.parse(m.topic()) instanceof Topic.DeviceState s
                        && ids.contains(s.deviceId())
                        && Json.MAPPER.readTree(m.payload()).path("online").asBoolean() == online)
                .stream()
                .map(TestBroker.Received::topic)
                .distinct()
                .count();
    }
}

package vn.dongxanh.sim.coap;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapHandler;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dongxanh.contract.Json;
import vn.dongxanh.contract.command.CommandAck;
import vn.dongxanh.contract.command.CommandCodec;
import vn.dongxanh.contract.command.ValveCommand;
import vn.dongxanh.contract.telemetry.Metric;
import vn.dongxanh.contract.telemetry.Reading;
import vn.dongxanh.contract.telemetry.TelemetryCodec;
import vn.dongxanh.sim.PlotSpec;
import vn.dongxanh.sim.Recorder;
import vn.dongxanh.sim.Simulation;
import vn.dongxanh.sim.SimulationConfig;
import vn.dongxanh.sim.field.Crop;

/** CoAP devices observed by a real Californium client over loopback UDP. */
class CoapDeviceTest {
    private final TelemetryCodec codec = new TelemetryCodec();

    @BeforeAll
    static void californium() {
        CoapSupport.configuration();
    }

    /** Collects observe notifications. */
    static final class Notifications implements CoapHandler {
        final List<CoapResponse> responses = new CopyOnWriteArrayList<>();

        @Override
        public void onLoad(CoapResponse response) {
            responses.add(response);
        }

        @Override
        public void onError() {}
    }

    @Test
    void telemetryIsObservableSenmlAndTheValveTakesCommands(@TempDir Path dir) throws Exception {
        Path record = dir.resolve("record.jsonl");
        var config = SimulationConfig.builder()
                .broker(null)
                .plots(new PlotSpec("c01", Crop.RICE, 2.0))
                .coapPlots(Set.of("c01"))
                .coapSecurity(CoapSecurity.insecure())
                .interval(Duration.ofMillis(200))
                .speed(600)
                .record(record)
                .build();
        try (var sim = new Simulation(config).start()) {
            URI wl = sim.coapTelemetryUris().get("c01-wl");
            URI valveTelemetry = sim.coapTelemetryUris().get("c01-valve");
            assertThat(wl.getHost()).isEqualTo("127.0.0.1");
            assertThat(wl.getPath()).isEqualTo("/telemetry");

            var client = new CoapClient(wl.toString());
            var notifications = new Notifications();
            var relation = client.observe(notifications);
            await().atMost(10, SECONDS).until(() -> notifications.responses.size() >= 3);
            // Taken before cancelling: the answer to the cancelling GET carries no Observe option.
            List<CoapResponse> observed = List.copyOf(notifications.responses);
            relation.proactiveCancel();

            for (CoapResponse r : observed) {
                assertThat(r.getCode()).isEqualTo(CoAP.ResponseCode.CONTENT);
                assertThat(r.getOptions().getContentFormat()).isEqualTo(CoapSupport.SENML_JSON);
                List<Reading> readings = codec.decode(r.getPayload());
                assertThat(readings).extracting(Reading::deviceId).containsOnly("c01-wl");
                assertThat(readings)
                        .extracting(Reading::metric)
                        .containsExactly(Metric.WATER_LEVEL, Metric.BATTERY, Metric.RSSI);
                assertThat(readings.getFirst().time()).isBefore(Instant.now().plusSeconds(1));
            }
            assertThat(observed.stream().map(r -> r.getOptions().getObserve()))
                    .doesNotContainNull()
                    .doesNotHaveDuplicates();
            client.shutdown();

            // The valve: GET its state, POST a command, and watch its telemetry follow.
            URI valve = sim.devices().stream()
                    .filter(d -> d.deviceId().equals("c01-valve"))
                    .findFirst()
                    .orElseThrow()
                    .coapUri()
                    .resolve("/valve");
            var valveClient = new CoapClient(valve.toString());
            CoapResponse state = valveClient.get();
            assertThat(state.getCode()).isEqualTo(CoAP.ResponseCode.CONTENT);
            assertThat(Json.MAPPER.readTree(state.getPayload()).path("open").asBoolean(true))
                    .isFalse();

            var valveWatch = new CoapClient(valveTelemetry.toString());
            var valveNotifications = new Notifications();
            var valveRelation = valveWatch.observe(valveNotifications);

            var open = ValveCommand.open("k-1", "c01-valve", Duration.ofHours(1), Instant.now(), Duration.ofMinutes(1));
            CoapResponse answer = valveClient.post(CommandCodec.encode(open), CoapSupport.JSON);
            assertThat(answer.getCode()).isEqualTo(CoAP.ResponseCode.CHANGED);
            CommandAck ack = CommandCodec.decodeAck(answer.getPayload());
            assertThat(ack.result()).isEqualTo(CommandAck.Result.APPLIED);
            assertThat(ack.valveOpen()).isTrue();
            assertThat(CommandCodec.decodeAck(valveClient
                                    .post(CommandCodec.encode(open), CoapSupport.JSON)
                                    .getPayload())
                            .result())
                    .isEqualTo(CommandAck.Result.DUPLICATE);
            assertThat(Json.MAPPER
                            .readTree(valveClient.get().getPayload())
                            .path("open")
                            .asBoolean())
                    .isTrue();
            await().atMost(5, SECONDS)
                    .until(() -> valveNotifications.responses.stream()
                            .flatMap(r -> codec.decode(r.getPayload()).stream())
                            .anyMatch(r -> r.metric() == Metric.VALVE && r.value() == 1));

            CoapResponse nonsense = valveClient.post("not json".getBytes(), CoapSupport.JSON);
            assertThat(nonsense.getCode()).isEqualTo(CoAP.ResponseCode.BAD_REQUEST);
            valveRelation.proactiveCancel();
            valveWatch.shutdown();
            valveClient.shutdown();

            // Every water-level reading in the record was delivered to the observer.
            Set<String> delivered = new HashSet<>();
            for (CoapResponse r : notifications.responses) {
                for (Reading reading : codec.decode(r.getPayload())) delivered.add(Recorder.line(reading));
            }
            List<String> recorded = Files.readAllLines(record).stream()
                    .filter(l -> l.contains("\"c01-wl\""))
                    .toList();
            assertThat(recorded).isNotEmpty();
            assertThat(delivered).containsAll(recorded);
        }
    }
}

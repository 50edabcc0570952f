package vn.dongxanh.edge.irrigation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dongxanh.contract.Json;
import vn.dongxanh.contract.event.EventCodec;
import vn.dongxanh.contract.event.IrrigationEvent;
import vn.dongxanh.contract.telemetry.Reading;
import vn.dongxanh.contract.telemetry.TelemetryCodec;
import vn.dongxanh.contract.topic.Topic;
import vn.dongxanh.contract.uplink.UplinkBatch;
import vn.dongxanh.contract.uplink.UplinkCodec;
import vn.dongxanh.devkit.EmbeddedBroker;
import vn.dongxanh.devkit.FreePorts;
import vn.dongxanh.devkit.MqttListener;
import vn.dongxanh.edge.EdgeAgent;
import vn.dongxanh.edge.config.AgentConfig;
import vn.dongxanh.sim.Simulation;
import vn.dongxanh.sim.SimulationConfig;
import vn.dongxanh.sim.field.Crop;
import vn.dongxanh.sim.field.FieldParameters;

/**
 * The cloud goes away for days of field time: the gateway keeps irrigating on its own, and when
 * the cloud returns every reading the devices sent arrives once, batches in sequence order.
 */
class OutageTest {
    private static final UplinkCodec UPLINK = new UplinkCodec(new TelemetryCodec());

    @TempDir
    Path dir;

    private final String run = UUID.randomUUID().toString().substring(0, 6);
    private final List<AutoCloseable> closeAfter = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = closeAfter.size() - 1; i >= 0; i--) closeAfter.get(i).close();
    }

    @Test
    void irrigationGoesOnOfflineAndEveryReadingArrivesOnceInOrderAfterwards() throws Exception {
        var field = EmbeddedBroker.start(0); // brokers of its own: the test counts every reading
        closeAfter.add(field);
        int cloudPort = FreePorts.tcp();
        var cloud = EmbeddedBroker.start(cloudPort);
        String plot = "u" + run;
        String yaml = """
                gateway: gw-%1$s
                cooperative: htx-outage
                field-broker: %2$s
                cloud-broker: %3$s
                outbox: { path: %4$s, linger: 100ms }
                plots:
                  - id: %5$s
                    crop: rice
                    area-ha: 1.0
                    sowing-date: %6$s
                    water-level: %5$s-wl
                    rain: %5$s-rain
                    flow: %5$s-flow
                    valve: %5$s-valve
                    valve-flow-lpm: 8000
                control:
                  rice:
                    plausible: { max-jump: 100 } # an hour of field per second
                """.formatted(
                        run,
                        field.url(),
                        cloud.url(),
                        dir.resolve("outbox.db"),
                        plot,
                        LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).minusDays(30));
        var agent = new EdgeAgent(AgentConfig.fromYaml(yaml), Clock.systemUTC());
        closeAfter.add(agent);
        await().atMost(Duration.ofSeconds(10)).until(() -> agent.uplink().connected());

        cloud.close(); // the cloud is gone
        Path record = dir.resolve("sent.jsonl");
        var params = FieldParameters.defaults();
        var p = params.paddy();
        params = params.withPaddy(new FieldParameters.Paddy(
                        p.etMmPerDay(),
                        p.seepagePercolationMmPerDay(),
                        p.drainablePorosity(),
                        p.bundHeightCm(),
                        p.floorCm(),
                        -13.0,
                        0,
                        p.valveFlowLpmPerHa()))
                .withRain(new FieldParameters.Rain(0, 12, 2));
        var sim = new Simulation(SimulationConfig.builder()
                        .broker(field.url())
                        .plots(List.of(new vn.dongxanh.sim.PlotSpec(plot, Crop.RICE, 1.0, 8000)))
                        .interval(Duration.ofMillis(200))
                        .speed(3600)
                        .seed(5)
                        .field(params)
                        .record(record)
                        .build())
                .start();
        // Two days of field time pass offline: the gateway waters the field when it dries out.
        await().atMost(Duration.ofSeconds(60)).until(() -> sim.plotState(plot).valveOpen());
        await().atMost(Duration.ofSeconds(60)).until(() -> !sim.plotState(plot).valveOpen());
        Thread.sleep(3_000);
        sim.close();
        assertThat(agent.outbox().backlog().readings()).isPositive();

        var back = EmbeddedBroker.start(cloudPort);
        closeAfter.add(back);
        var batches = new CopyOnWriteArrayList<UplinkBatch>();
        var events = new CopyOnWriteArrayList<IrrigationEvent>();
        closeAfter.add(MqttListener.listen(
                back.url(),
                "cloud-" + run,
                (topic, m) -> {
                    if (topic.endsWith("/telemetry")) batches.add(UPLINK.decode(m.getPayload()));
                    if (topic.endsWith("/events")) events.add(EventCodec.decode(m.getPayload()));
                },
                new Topic.GatewayTelemetry("htx-outage", "gw-" + run).path(),
                new Topic.GatewayEvents("htx-outage", "gw-" + run).path()));

        List<Reading> sent = new ArrayList<>();
        for (String line : Files.readAllLines(record)) {
            var n = Json.MAPPER.readTree(line);
            sent.add(new Reading(
                    n.get("dev").stringValue(),
                    vn.dongxanh.contract.telemetry.Metric.byWireName(
                                    n.get("metric").stringValue())
                            .orElseThrow(),
                    java.time.Instant.ofEpochMilli(n.get("t").longValue()),
                    n.get("v").doubleValue()));
        }
        await().atMost(Duration.ofSeconds(60))
                .until(() -> batches.stream().mapToInt(b -> b.readings().size()).sum() >= sent.size());
        var received = batches.stream().flatMap(b -> b.readings().stream()).toList();
        assertThat(received).as("every reading once").containsExactlyInAnyOrderElementsOf(sent);
        for (int i = 1; i < batches.size(); i++) {
            assertThat(batches.get(i).sequence()).isEqualTo(batches.get(i - 1).sequence() + 1);
        }
        await().atMost(Duration.ofSeconds(10))
                .until(() -> events.stream().anyMatch(e -> e.kind() == IrrigationEvent.Kind.STOP));
        assertThat(events)
                .anyMatch(e ->
                        e.kind() == IrrigationEvent.Kind.START && e.reason().equals("BELOW_START_LEVEL"));
    }
}

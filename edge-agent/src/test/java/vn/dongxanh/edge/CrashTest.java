package vn.dongxanh.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dongxanh.contract.telemetry.Metric;
import vn.dongxanh.contract.telemetry.Reading;
import vn.dongxanh.contract.telemetry.TelemetryCodec;
import vn.dongxanh.contract.topic.Topic;
import vn.dongxanh.contract.uplink.UplinkBatch;
import vn.dongxanh.contract.uplink.UplinkCodec;
import vn.dongxanh.devkit.EmbeddedBroker;
import vn.dongxanh.devkit.MqttListener;

/**
 * {@code kill -9} of the agent process in the middle of heavy traffic: after a restart on the same
 * outbox, every reading the broker acknowledged to a device reaches the cloud, and once
 * redelivered batches are dropped by their sequence number (as ingest does), exactly once.
 */
class CrashTest {
    private static final TelemetryCodec CODEC = new TelemetryCodec();
    private static final UplinkCodec UPLINK = new UplinkCodec(CODEC);
    private static final int DEVICES = 4;
    private static final int MESSAGES_PER_DEVICE = 1500;
    private static final int READINGS_PER_MESSAGE = 5;

    @TempDir
    Path dir;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final List<AutoCloseable> closeAfter = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = closeAfter.size() - 1; i >= 0; i--) closeAfter.get(i).close();
    }

    private Process startAgent(Path config, Path log) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        var process = new ProcessBuilder(
                        java,
                        "--enable-native-access=ALL-UNNAMED",
                        "-cp",
                        System.getProperty("java.class.path"),
                        EdgeAgent.class.getName(),
                        "--config",
                        config.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        closeAfter.add(() -> process.destroyForcibly().waitFor());
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(log).contains("running"));
        return process;
    }

    @Test
    void nothingAcknowledgedIsLostOrDoubledAcrossAKill9() throws Exception {
        // A broker of our own: the machine's Mosquitto keeps at most 1,000 messages (its default
        // max_queued_messages) for an absent gateway and drops the rest while still acknowledging
        // them to the devices. A field broker is configured to keep them (CONFIGURATION.md).
        var fieldBroker = EmbeddedBroker.start(0);
        closeAfter.add(fieldBroker);
        String broker = fieldBroker.url();
        String coop = "htx-crash";
        String gateway = "gw-" + run;
        Path config = dir.resolve("edge.yaml");
        Files.writeString(config, """
                gateway: %s
                cooperative: %s
                field-broker: %s
                cloud-broker: %s
                outbox: { path: %s, linger: 50ms, batch-max-readings: 500 }
                """.formatted(gateway, coop, broker, broker, dir.resolve("outbox.db")));
        Path log = dir.resolve("agent.log");

        // The cloud side: keeps each sequence number once, as ingest-service does.
        Map<Long, UplinkBatch> bySequence = new ConcurrentHashMap<>();
        var redelivered = new AtomicInteger();
        closeAfter.add(MqttListener.listen(
                broker,
                "crash-cloud-" + run,
                (topic, m) -> {
                    var batch = UPLINK.decode(m.getPayload());
                    if (bySequence.putIfAbsent(batch.sequence(), batch) != null) redelivered.incrementAndGet();
                },
                new Topic.GatewayTelemetry(coop, gateway).path()));

        Process first = startAgent(config, log);

        // Devices publish as fast as the broker acknowledges; only acknowledged readings count.
        List<Reading> acknowledged = new CopyOnWriteArrayList<>();
        var published = new AtomicInteger();
        var devices = new ArrayList<Thread>();
        Instant t0 = Instant.now().minusSeconds(3600);
        for (int d = 0; d < DEVICES; d++) {
            String deviceId = "k" + run + "-" + d;
            var client = new MqttAsyncClient(broker, deviceId, new MemoryPersistence());
            var options = new MqttConnectionOptions();
            options.setReceiveMaximum(50);
            client.connect(options).waitForCompletion(10_000);
            closeAfter.add(() -> client.disconnectForcibly(0, 500, false));
            devices.add(Thread.ofPlatform().start(() -> {
                for (int m = 0; m < MESSAGES_PER_DEVICE; m++) {
                    var readings = new ArrayList<Reading>();
                    for (int r = 0; r < READINGS_PER_MESSAGE; r++) {
                        int n = m * READINGS_PER_MESSAGE + r;
                        readings.add(new Reading(deviceId, Metric.WATER_LEVEL, t0.plusMillis(n * 10L), n / 100.0));
                    }
                    try {
                        client.publish(new Topic.DeviceTelemetry(deviceId).path(), CODEC.encode(readings), 1, false)
                                .waitForCompletion(10_000);
                        acknowledged.addAll(readings);
                        published.incrementAndGet();
                        Thread.sleep(4); // ≈ 1,000 messages/s in all: heavy, yet within the broker's offline queue
                    } catch (MqttException e) {
                        m--; // not acknowledged: the device tries again, as firmware does
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }));
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> published.get() > DEVICES * MESSAGES_PER_DEVICE / 3);
        first.destroyForcibly(); // SIGKILL: no shutdown hook, no clean close of SQLite or MQTT
        first.waitFor();
        int atKill = published.get();
        startAgent(config, log);

        for (Thread t : devices) t.join(120_000);
        int expected = DEVICES * MESSAGES_PER_DEVICE * READINGS_PER_MESSAGE;
        assertThat(acknowledged).hasSize(expected);
        assertThat(atKill).isLessThan(DEVICES * MESSAGES_PER_DEVICE);

        try {
            await().atMost(Duration.ofSeconds(90))
                    .until(() -> bySequence.values().stream()
                                    .mapToInt(b -> b.readings().size())
                                    .sum()
                            >= expected);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            var lines = Files.readAllLines(log);
            throw new AssertionError(
                    "received "
                            + bySequence.values().stream()
                                    .mapToInt(b -> b.readings().size())
                                    .sum()
                            + " of " + expected + " readings in " + bySequence.size() + " batches; agent log:\n"
                            + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())),
                    e);
        }
        var received = new LinkedHashMap<Reading, Integer>();
        bySequence.values().forEach(b -> b.readings().forEach(r -> received.merge(r, 1, Integer::sum)));
        assertThat(received.keySet()).containsExactlyInAnyOrderElementsOf(acknowledged);
        assertThat(received.values())
                .as("each reading once after sequence dedupe")
                .containsOnly(1);
    }
}

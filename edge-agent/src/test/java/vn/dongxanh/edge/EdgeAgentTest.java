package vn.dongxanh.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.californium.core.CoapResource;
import org.eclipse.californium.core.CoapServer;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.server.resources.CoapExchange;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.paho.mqttv5.client.MqttClient;
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
import vn.dongxanh.devkit.FreePorts;
import vn.dongxanh.devkit.LocalServices;
import vn.dongxanh.devkit.MqttListener;
import vn.dongxanh.devkit.Retained;
import vn.dongxanh.edge.config.AgentConfig;

/** The gateway over a real broker: devices in, sequenced batches out, nothing lost across an outage. */
class EdgeAgentTest {
    private static final TelemetryCodec CODEC = new TelemetryCodec();
    private static final UplinkCodec UPLINK = new UplinkCodec(CODEC);

    @TempDir
    Path dir;

    private final List<AutoCloseable> closeAfter = new ArrayList<>();
    private final String run = UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void closeAll() throws Exception {
        for (int i = closeAfter.size() - 1; i >= 0; i--) closeAfter.get(i).close();
    }

    private AgentConfig config(String fieldBroker, String cloudBroker, List<URI> coap) {
        var d = AgentConfig.DEFAULTS;
        return new AgentConfig(
                "gw-" + run,
                "htx-test",
                fieldBroker,
                cloudBroker,
                Duration.ofSeconds(30),
                coap.stream().map(vn.dongxanh.edge.config.CoapDevice::plain).toList(),
                new AgentConfig.Outbox(
                        dir.resolve("outbox.db"),
                        50,
                        Duration.ofMillis(100),
                        "FULL",
                        Duration.ofDays(7),
                        1_000_000,
                        Duration.ofMinutes(2)),
                new AgentConfig.Uplink(Duration.ofSeconds(5), Duration.ofMillis(200), Duration.ofSeconds(1)),
                List.of(),
                d.control());
    }

    /** Collects uplink batches of one gateway from the cloud broker. */
    private List<UplinkBatch> collectUplink(String broker, AgentConfig config) throws MqttException {
        closeAfter.add(() -> Retained.clear(
                broker, List.of(new Topic.GatewayState(config.cooperativeId(), config.gatewayId()).path())));
        var batches = new CopyOnWriteArrayList<UplinkBatch>();
        var listener = MqttListener.listen(
                broker,
                "cloud-" + run,
                (topic, m) -> batches.add(UPLINK.decode(m.getPayload())),
                new Topic.GatewayTelemetry(config.cooperativeId(), config.gatewayId()).path());
        closeAfter.add(listener);
        return batches;
    }

    private MqttClient device(String broker, String deviceId) throws MqttException {
        var client = new MqttClient(broker, deviceId, new MemoryPersistence());
        client.connect();
        closeAfter.add(() -> client.disconnectForcibly(0, 500));
        return client;
    }

    private static List<Reading> publish(MqttClient device, String deviceId, int count, Instant from)
            throws MqttException {
        var sent = new ArrayList<Reading>();
        for (int i = 0; i < count; i++) {
            var r = new Reading(deviceId, Metric.WATER_LEVEL, from.plusMillis(i * 1000L), -3.5 + i * 0.01);
            publishWithRetry(device, new Topic.DeviceTelemetry(deviceId).path(), CODEC.encode(List.of(r)));
            sent.add(r);
        }
        return sent;
    }

    /** Paho's sync client can report "too many publishes in progress" (32202) in a burst: wait and retry. */
    private static void publishWithRetry(MqttClient client, String topic, byte[] payload) throws MqttException {
        for (int attempt = 0; ; attempt++) {
            try {
                client.publish(topic, payload, 1, false);
                return;
            } catch (MqttException e) {
                if (e.getReasonCode() != 32202 || attempt > 100) throw e;
                try {
                    Thread.sleep(10);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private static List<Reading> readingsOf(List<UplinkBatch> batches) {
        return batches.stream().flatMap(b -> b.readings().stream()).toList();
    }

    @Test
    void carriesMqttAndCoapReadingsUpInSequencedBatches() throws Exception {
        String broker = LocalServices.mqttUrl();
        var coap = new ObservableTelemetry("c" + run + "-wl");
        closeAfter.add(coap::stop);
        var config = config(broker, broker, List.of(coap.uri()));
        var batches = collectUplink(broker, config);
        var agent = new EdgeAgent(config, Clock.systemUTC());
        closeAfter.add(agent);

        String deviceId = "d" + run + "-wl";
        var sent =
                publish(device(broker, deviceId), deviceId, 120, Instant.now().minusSeconds(200));
        coap.notifyReading(new Reading(coap.deviceId, Metric.WATER_LEVEL, Instant.now(), 4.25));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(readingsOf(batches)).containsAll(sent);
            assertThat(readingsOf(batches)).anyMatch(r -> r.deviceId().equals(coap.deviceId) && r.value() == 4.25);
        });
        var sequences = batches.stream().mapToLong(UplinkBatch::sequence).toArray();
        for (int i = 1; i < sequences.length; i++) assertThat(sequences[i]).isEqualTo(sequences[i - 1] + 1);
        assertThat(readingsOf(batches).stream().filter(r -> r.deviceId().equals(deviceId)))
                .containsExactlyElementsOf(sent);
    }

    @Test
    void keepsReadingsThroughACloudOutageAndDeliversEachOnceInOrder() throws Exception {
        // a field broker of its own: the test counts every reading the gateway holds
        var fieldBroker = EmbeddedBroker.start(0);
        closeAfter.add(fieldBroker);
        String field = fieldBroker.url();
        int cloudPort = FreePorts.tcp();
        var cloud = EmbeddedBroker.start(cloudPort);
        var config = config(field, cloud.url(), List.of());
        var agent = new EdgeAgent(config, Clock.systemUTC());
        closeAfter.add(agent);
        await().atMost(Duration.ofSeconds(10)).until(() -> agent.uplink().connected());

        cloud.close(); // the cloud goes away
        String deviceId = "o" + run + "-wl";
        var device = device(field, deviceId);
        var sent = publish(device, deviceId, 300, Instant.now().minusSeconds(600));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> agent.outbox().backlog().readings() == 300);

        var back = EmbeddedBroker.start(cloudPort); // and comes back on the same address
        closeAfter.add(back);
        var batches = collectUplink(back.url(), config);
        await().atMost(Duration.ofSeconds(30)).until(() -> readingsOf(batches).size() >= 300);
        assertThat(readingsOf(batches)).containsExactlyElementsOf(sent);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> agent.outbox().backlog().readings() == 0);
    }

    /** A minimal CoAP device: an observable /telemetry resource serving SenML. */
    private static final class ObservableTelemetry {
        final String deviceId;
        private final CoapServer server;
        private final Resource resource = new Resource();
        private final int port = FreePorts.udp();
        private volatile byte[] payload;

        ObservableTelemetry(String deviceId) {
            this.deviceId = deviceId;
            this.payload = CODEC.encode(List.of(new Reading(deviceId, Metric.BATTERY, Instant.now(), 99)));
            server = new CoapServer(Configuration.getStandard());
            server.addEndpoint(CoapEndpoint.builder()
                    .setInetSocketAddress(new java.net.InetSocketAddress("127.0.0.1", port))
                    .build());
            server.add(resource);
            server.start();
        }

        URI uri() {
            return URI.create("coap://127.0.0.1:" + port + "/telemetry");
        }

        void notifyReading(Reading r) {
            payload = CODEC.encode(List.of(r));
            resource.changed();
        }

        void stop() {
            server.destroy();
        }

        private final class Resource extends CoapResource {
            Resource() {
                super("telemetry");
                setObservable(true);
                setObserveType(CoAP.Type.CON);
                getAttributes().setObservable();
            }

            @Override
            public void handleGET(CoapExchange exchange) {
                exchange.respond(CoAP.ResponseCode.CONTENT, payload, 110);
            }
        }
    }
}

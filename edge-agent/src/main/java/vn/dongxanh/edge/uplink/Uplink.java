package vn.dongxanh.edge.uplink;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dongxanh.contract.Json;
import vn.dongxanh.contract.command.GatewayAck;
import vn.dongxanh.contract.command.GatewayRequest;
import vn.dongxanh.contract.command.GatewayRequestCodec;
import vn.dongxanh.contract.topic.Topic;
import vn.dongxanh.contract.uplink.UplinkBatch;
import vn.dongxanh.contract.uplink.UplinkCodec;
import vn.dongxanh.edge.BrokerLogin;
import vn.dongxanh.edge.config.AgentConfig;
import vn.dongxanh.edge.outbox.Outbox;

/**
 * Carries sealed outbox batches to the cloud broker, one at a time and in sequence order, and
 * deletes each only when the broker has acknowledged it (QoS 1 PUBACK). While the cloud is away
 * the outbox simply grows; when it returns, the backlog drains oldest first.
 */
public final class Uplink implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Uplink.class);

    private final AgentConfig config;
    private final Outbox outbox;
    private final UplinkCodec codec;
    private final Clock clock;
    private final MqttAsyncClient client;
    private final Topic.GatewayTelemetry telemetryTopic;
    private final Topic.GatewayState stateTopic;
    private final Topic.GatewayEvents eventsTopic;
    private final Topic.GatewayCommand commandTopic;
    private final Topic.GatewayCommandAck ackTopic;
    private final Supplier<Map<String, Object>> health;
    private final Consumer<GatewayRequest> requests;
    private final CommandGate gate;
    private final long startedAt;
    private volatile long nextHealth;
    private final Thread thread;
    private final AtomicLong batchesSent = new AtomicLong();
    private final AtomicLong readingsSent = new AtomicLong();
    private volatile boolean running = true;

    /**
     * @param health the gateway's state for its periodic health report
     * @param requests where requests from the cloud go
     */
    public Uplink(
            AgentConfig config,
            Outbox outbox,
            UplinkCodec codec,
            Clock clock,
            Supplier<Map<String, Object>> health,
            Consumer<GatewayRequest> requests)
            throws MqttException {
        this.health = health;
        this.requests = requests;
        this.startedAt = clock.millis();
        this.config = config;
        this.outbox = outbox;
        this.codec = codec;
        this.clock = clock;
        this.telemetryTopic = new Topic.GatewayTelemetry(config.cooperativeId(), config.gatewayId());
        this.stateTopic = new Topic.GatewayState(config.cooperativeId(), config.gatewayId());
        this.eventsTopic = new Topic.GatewayEvents(config.cooperativeId(), config.gatewayId());
        this.commandTopic = new Topic.GatewayCommand(config.cooperativeId(), config.gatewayId());
        this.ackTopic = new Topic.GatewayCommandAck(config.cooperativeId(), config.gatewayId());
        this.gate = new CommandGate(commandTopic.path(), requests, this::answer, clock);
        this.client = new MqttAsyncClient(
                config.cloudBroker(),
                "gw-" + config.cooperativeId() + "-" + config.gatewayId(),
                new MemoryPersistence());
        client.setCallback(new Callback());
        var options = new MqttConnectionOptions();
        options.setCleanStart(true);
        BrokerLogin.apply(options, config.cloudBroker(), config.cloudAccess());
        options.setAutomaticReconnect(true);
        options.setAutomaticReconnectDelay(1, 30);
        var will = new MqttMessage(state(false));
        will.setQos(1);
        will.setRetained(true);
        options.setWill(stateTopic.path(), will);
        try {
            client.connect(options);
        } catch (MqttException e) {
            // Offline at start is normal in the field: automatic reconnect keeps trying.
            log.warn("cloud broker {} not reachable yet: {}", config.cloudBroker(), e.getMessage());
        }
        this.thread = Thread.ofPlatform().name("uplink").start(this::run);
    }

    private byte[] state(boolean online) {
        return ("{\"online\":" + online + ",\"at\":\"" + clock.instant() + "\"}").getBytes(StandardCharsets.UTF_8);
    }

    /** The retained health report: uptime, backlog, devices online, valves open. */
    private byte[] healthReport() {
        var report = Json.MAPPER.createObjectNode();
        report.put("online", true);
        report.put("at", clock.instant().toString());
        report.put("uptime_s", (clock.millis() - startedAt) / 1000);
        try {
            var backlog = outbox.backlog();
            report.put("backlog_readings", backlog.readings());
            report.put("backlog_batches", backlog.batches());
            report.put(
                    "backlog_oldest_s",
                    backlog.oldest()
                            .map(o -> (clock.millis() - o.toEpochMilli()) / 1000)
                            .orElse(0L));
        } catch (java.sql.SQLException e) {
            report.put("backlog_error", e.getMessage());
        }
        report.put("batches_sent", batchesSent.get());
        report.put("readings_sent", readingsSent.get());
        health.get().forEach((k, v) -> report.putPOJO(k, v));
        return Json.MAPPER.writeValueAsBytes(report);
    }

    private final class Callback implements MqttCallback {
        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            log.info("cloud broker {} {}", serverURI, reconnect ? "reconnected" : "connected");
            try {
                // subscribe first: whoever sees this gateway online can send it requests at once
                client.subscribe(commandTopic.path(), 1);
                client.publish(stateTopic.path(), healthReport(), 1, true);
            } catch (MqttException e) {
                log.debug("state publish or command subscription failed: {}", e.getMessage());
            }
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            log.warn("cloud broker disconnected: {}", response.getReasonString());
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            log.warn("cloud broker error: {}", exception.getMessage());
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            gate.accept(topic, message.getPayload());
        }

        @Override
        public void deliveryComplete(IMqttToken token) {}

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {}
    }

    private void run() {
        var out = config.outbox();
        long idleMillis = Math.max(10, Math.min(out.linger().toMillis(), 100));
        while (running) {
            try {
                if (!client.isConnected()) {
                    Thread.sleep(200);
                    continue;
                }
                if (clock.millis() >= nextHealth) {
                    client.publish(stateTopic.path(), healthReport(), 1, true);
                    nextHealth =
                            clock.millis() + config.uplink().healthInterval().toMillis();
                }
                sendEvents();
                var next = outbox.nextBatch(out.batchMaxReadings(), out.linger());
                if (next.isEmpty()) {
                    Thread.sleep(idleMillis);
                    continue;
                }
                var sealed = next.get();
                var batch = new UplinkBatch(
                        config.cooperativeId(),
                        config.gatewayId(),
                        sealed.sequence(),
                        clock.instant(),
                        sealed.readings());
                if (send(batch)) {
                    outbox.acknowledge(sealed.sequence());
                    batchesSent.incrementAndGet();
                    readingsSent.addAndGet(sealed.readings().size());
                } else {
                    Thread.sleep(config.uplink().retryDelay().toMillis());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (Exception e) {
                log.error("uplink loop: {}", e.toString());
                sleepQuietly(config.uplink().retryDelay().toMillis());
            }
        }
    }

    /** Events go up before readings: they are few and people wait for them. */
    private void sendEvents() throws java.sql.SQLException {
        for (var event : outbox.nextEvents(100)) {
            try {
                IMqttToken token = client.publish(eventsTopic.path(), event.payload(), 1, false);
                token.waitForCompletion(config.uplink().ackTimeout().toMillis());
                if (token.getException() != null) return;
                outbox.acknowledgeEvent(event.id());
            } catch (MqttException e) {
                log.debug("event {} not yet sent: {}", event.id(), e.getMessage());
                return;
            }
        }
    }

    /** Answers a cloud request; an answer that cannot be sent now is logged (the cloud times out). */
    public void answer(GatewayAck ack) {
        try {
            client.publish(ackTopic.path(), GatewayRequestCodec.encode(ack), 1, false);
        } catch (MqttException e) {
            log.warn("answer {} to request {} not sent: {}", ack.result(), ack.requestId(), e.getMessage());
        }
    }

    /** True once the broker acknowledged the batch; false to try again later (same sequence). */
    private boolean send(UplinkBatch batch) {
        try {
            IMqttToken token = client.publish(telemetryTopic.path(), codec.encode(batch), 1, false);
            token.waitForCompletion(config.uplink().ackTimeout().toMillis());
            return token.isComplete() && token.getException() == null;
        } catch (MqttException e) {
            log.warn(
                    "batch {} not acknowledged by the cloud broker ({}); will resend",
                    batch.sequence(),
                    e.getMessage());
            return false;
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean connected() {
        return client.isConnected();
    }

    public long batchesSent() {
        return batchesSent.get();
    }

    public long readingsSent() {
        return readingsSent.get();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(5_000);
        try {
            if (client.isConnected()) {
                client.publish(stateTopic.path(), state(false), 1, true).waitForCompletion(2_000);
                client.disconnect().waitForCompletion(5_000);
            }
            client.close();
        } catch (MqttException e) {
            log.debug("cloud client close: {}", e.getMessage());
        }
    }
}

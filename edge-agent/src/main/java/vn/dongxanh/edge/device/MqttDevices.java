package vn.dongxanh.edge.device;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.MqttSubscription;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dongxanh.contract.Json;
import vn.dongxanh.contract.command.CommandAck;
import vn.dongxanh.contract.command.CommandCodec;
import vn.dongxanh.contract.command.ValveCommand;
import vn.dongxanh.contract.senml.SenmlException;
import vn.dongxanh.contract.telemetry.Reading;
import vn.dongxanh.contract.telemetry.TelemetryCodec;
import vn.dongxanh.contract.topic.Topic;
import vn.dongxanh.contract.topic.Topics;
import vn.dongxanh.edge.BrokerLogin;
import vn.dongxanh.edge.ReadingSink;
import vn.dongxanh.edge.config.BrokerAccess;

/**
 * Devices on the field broker. Telemetry is acknowledged to the broker only after the outbox
 * has stored it (manual acks), so a gateway crash between receipt and storage makes the broker
 * deliver it again instead of losing it. A persistent session keeps QoS 1 messages queued
 * while the gateway is away.
 */
public final class MqttDevices implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(MqttDevices.class);

    private final MqttAsyncClient client;
    private final TelemetryCodec codec;
    private final ReadingSink sink;
    private final Map<String, Boolean> online = new ConcurrentHashMap<>();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private volatile Consumer<CommandAck> ackListener = ack -> {};

    /** @param sessionExpiry how long the broker keeps our session, queueing device messages, while we are away */
    public MqttDevices(
            String brokerUrl, String clientId, java.time.Duration sessionExpiry, TelemetryCodec codec, ReadingSink sink)
            throws MqttException {
        this(brokerUrl, BrokerAccess.NONE, clientId, sessionExpiry, codec, sink);
    }

    /** @param access credentials and TLS trust for the field broker */
    public MqttDevices(
            String brokerUrl,
            BrokerAccess access,
            String clientId,
            java.time.Duration sessionExpiry,
            TelemetryCodec codec,
            ReadingSink sink)
            throws MqttException {
        this.codec = codec;
        this.sink = sink;
        this.client = new MqttAsyncClient(brokerUrl, clientId, new MemoryPersistence());
        client.setManualAcks(true);
        client.setCallback(new Callback());
        var options = new MqttConnectionOptions();
        options.setCleanStart(false);
        BrokerLogin.apply(options, brokerUrl, access);
        options.setSessionExpiryInterval(sessionExpiry.toSeconds());
        options.setAutomaticReconnect(true);
        options.setAutomaticReconnectDelay(1, 30);
        options.setReceiveMaximum(1000);
        client.connect(options).waitForCompletion(10_000);
    }

    private final class Callback implements MqttCallback {
        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            try {
                client.subscribe(new MqttSubscription[] {
                    new MqttSubscription(Topics.ALL_DEVICE_TELEMETRY, 1),
                    new MqttSubscription(Topics.ALL_DEVICE_STATES, 1),
                    new MqttSubscription(Topics.ALL_DEVICE_ACKS, 1)
                });
                log.info(
                        "field broker {} {}: subscribed to device telemetry, state and acks",
                        serverURI,
                        reconnect ? "reconnected" : "connected");
            } catch (MqttException e) {
                log.error("subscribing on the field broker failed: {}", e.getMessage());
            }
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            Topic parsed;
            try {
                parsed = Topics.parse(topic);
            } catch (IllegalArgumentException e) {
                ack(message);
                return;
            }
            switch (parsed) {
                case Topic.DeviceTelemetry t -> telemetry(t.deviceId(), message);
                case Topic.DeviceCommandAck a -> {
                    commandAck(a.deviceId(), message.getPayload());
                    ack(message);
                }
                case Topic.DeviceState s -> {
                    online.put(s.deviceId(), isOnline(message.getPayload()));
                    ack(message);
                }
                default -> ack(message);
            }
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            log.warn("field broker disconnected: {}", response.getReasonString());
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            log.warn("field broker error: {}", exception.getMessage());
        }

        @Override
        public void deliveryComplete(IMqttToken token) {}

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {}
    }

    private void telemetry(String deviceId, MqttMessage message) {
        List<Reading> readings;
        try {
            readings = codec.decode(message.getPayload());
        } catch (SenmlException e) {
            rejected.incrementAndGet();
            log.warn("refused telemetry from device {}: {} ({})", deviceId, e.getMessage(), e.reason());
            ack(message);
            return;
        }
        var foreign =
                readings.stream().filter(r -> !r.deviceId().equals(deviceId)).findFirst();
        if (foreign.isPresent()) {
            rejected.incrementAndGet();
            log.warn(
                    "refused telemetry on device {}'s topic naming device {}",
                    deviceId,
                    foreign.get().deviceId());
            ack(message);
            return;
        }
        received.addAndGet(readings.size());
        sink.accept(readings, () -> ack(message));
    }

    private void commandAck(String deviceId, byte[] payload) {
        try {
            CommandAck ack = CommandCodec.decodeAck(payload);
            if (!ack.deviceId().equals(deviceId)) {
                log.warn("ignored an ack on device {}'s topic naming device {}", deviceId, ack.deviceId());
                return;
            }
            ackListener.accept(ack);
        } catch (IllegalArgumentException e) {
            log.warn("refused a command ack from device {}: {}", deviceId, e.getMessage());
        }
    }

    /** Where acks of valve and pump commands go. */
    public void onCommandAck(Consumer<CommandAck> listener) {
        this.ackListener = listener;
    }

    /** Sends a command to a device (QoS 1); false when the field broker is not reachable now. */
    public boolean send(ValveCommand command) {
        try {
            client.publish(new Topic.DeviceCommand(command.deviceId()).path(), CommandCodec.encode(command), 1, false);
            return true;
        } catch (MqttException e) {
            log.warn("command {} to {} not sent: {}", command.commandId(), command.deviceId(), e.getMessage());
            return false;
        }
    }

    private void ack(MqttMessage message) {
        try {
            client.messageArrivedComplete(message.getId(), message.getQos());
        } catch (MqttException e) {
            log.debug("ack of message {} failed: {}", message.getId(), e.getMessage());
        }
    }

    private static boolean isOnline(byte[] payload) {
        try {
            return Json.MAPPER.readTree(payload).path("online").asBoolean(false);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Devices whose last state message said online. */
    public Set<String> devicesOnline() {
        return online.entrySet().stream()
                .filter(Map.Entry::getValue)
                .map(Map.Entry::getKey)
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    public long readingsReceived() {
        return received.get();
    }

    public long messagesRejected() {
        return rejected.get();
    }

    @Override
    public void close() {
        try {
            client.disconnect().waitForCompletion(5_000);
        } catch (MqttException e) {
            log.debug("field broker disconnect: {}", e.getMessage());
        }
        try {
            client.close();
        } catch (MqttException e) {
            log.debug("field client close: {}", e.getMessage());
        }
    }
}

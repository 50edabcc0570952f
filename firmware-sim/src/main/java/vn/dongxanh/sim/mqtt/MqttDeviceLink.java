package vn.dongxanh.sim.mqtt;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
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
import vn.dongxanh.contract.command.CommandAck;
import vn.dongxanh.contract.command.CommandCodec;
import vn.dongxanh.contract.telemetry.Reading;
import vn.dongxanh.contract.telemetry.TelemetryCodec;
import vn.dongxanh.contract.topic.Topic;
import vn.dongxanh.sim.Recorder;
import vn.dongxanh.sim.SimClock;
import vn.dongxanh.sim.device.DeviceLink;
import vn.dongxanh.sim.device.SimDevice;
import vn.dongxanh.sim.device.ValveController;

/**
 * One device's own MQTT 5 client (client id = device id), so that each device has its own last
 * will. On connect it publishes its retained online state, and a valve subscribes to its command
 * topic; telemetry is SenML at QoS 1; a clean close publishes the retained offline state first.
 */
public final class MqttDeviceLink implements DeviceLink {
    private static final Logger log = LoggerFactory.getLogger(MqttDeviceLink.class);
    private static final int QOS = 1;

    private final String brokerUrl;
    private final DeviceCredentials credentials;
    private final SimDevice device;
    private final TelemetryCodec codec;
    private final Recorder recorder;
    private final SimClock clock;
    private final Executor work;
    private final Duration timeout;
    private final String telemetryTopic;
    private final String stateTopic;
    private final String commandTopic;
    private final String ackTopic;
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
    private volatile MqttAsyncClient client;
    private volatile boolean closed;

    /**
     * @param work runs command handling and reconnect work off Paho's callback thread
     * @param timeout how long to wait for the broker when connecting and closing
     */
    public MqttDeviceLink(
            String brokerUrl,
            SimDevice device,
            TelemetryCodec codec,
            Recorder recorder,
            SimClock clock,
            Executor work,
            Duration timeout) {
        this(brokerUrl, DeviceCredentials.NONE, device, codec, recorder, clock, work, timeout);
    }

    /** @param credentials the device's login on a secured broker ({@link DeviceCredentials#NONE}: anonymous) */
    public MqttDeviceLink(
            String brokerUrl,
            DeviceCredentials credentials,
            SimDevice device,
            TelemetryCodec codec,
            Recorder recorder,
            SimClock clock,
            Executor work,
            Duration timeout) {
        this.brokerUrl = brokerUrl;
        this.credentials = credentials;
        this.device = device;
        this.codec = codec;
        this.recorder = recorder;
        this.clock = clock;
        this.work = work;
        this.timeout = timeout;
        this.telemetryTopic = new Topic.DeviceTelemetry(device.id()).path();
        this.stateTopic = new Topic.DeviceState(device.id()).path();
        this.commandTopic = new Topic.DeviceCommand(device.id()).path();
        this.ackTopic = new Topic.DeviceCommandAck(device.id()).path();
    }

    /** Connects, subscribes (valves) and publishes the online state; waits for all of it. */
    public synchronized void connect() {
        MqttAsyncClient c = null;
        try {
            c = new MqttAsyncClient(brokerUrl, device.id(), new MemoryPersistence());
            c.setCallback(new Callback());
            c.connect(options()).waitForCompletion(timeout.toMillis());
            client = c;
            announce(c);
        } catch (MqttException | RuntimeException e) {
            closeQuietly(c);
            throw new IllegalStateException(
                    "device " + device.id() + " cannot connect to " + brokerUrl + ": " + e.getMessage(), e);
        }
    }

    private MqttConnectionOptions options() {
        var o = new MqttConnectionOptions();
        o.setCleanStart(true);
        o.setAutomaticReconnect(true);
        o.setAutomaticReconnectDelay(1, 30);
        o.setConnectionTimeout((int) Math.max(1, timeout.toSeconds()));
        o.setKeepAliveInterval(30);
        credentials.apply(device.id(), brokerUrl, o);
        var will = new MqttMessage(DeviceStateMessage.offline(device, null));
        will.setQos(QOS);
        will.setRetained(true);
        o.setWill(stateTopic, will);
        return o;
    }

    /** Subscribe (valve) and say online; must not run on Paho's callback thread (it waits). */
    private void announce(MqttAsyncClient c) throws MqttException {
        if (device instanceof ValveController) {
            c.subscribe(commandTopic, QOS).waitForCompletion(timeout.toMillis());
        }
        c.publish(stateTopic, DeviceStateMessage.online(device, clock.wallNow()), QOS, true)
                .waitForCompletion(timeout.toMillis());
    }

    @Override
    public void publish(List<Reading> readings) {
        MqttAsyncClient c = client;
        if (closed || c == null || !c.isConnected()) {
            lost.incrementAndGet();
            return;
        }
        byte[] payload = codec.encode(readings);
        // What the receiver will decode: recorded once the broker has the message.
        List<Reading> asReceived = codec.decode(payload);
        try {
            c.publish(telemetryTopic, payload, QOS, false, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    if (accepted(token)) {
                        acknowledged.incrementAndGet();
                        recorder.record(asReceived);
                    } else {
                        lost.incrementAndGet();
                    }
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    lost.incrementAndGet();
                    log.debug("{}: publish failed: {}", device.id(), e.getMessage());
                }
            });
        } catch (MqttException e) {
            lost.incrementAndGet();
            log.debug("{}: publish not sent: {}", device.id(), e.getMessage());
        }
    }

    /** A PUBACK reason code of 0x80 or more is a refusal (MQTT 5). */
    private static boolean accepted(IMqttToken token) {
        int[] codes = token.getReasonCodes();
        if (codes == null) return true;
        for (int code : codes) {
            if (code >= 0x80) return false;
        }
        return true;
    }

    private void command(byte[] payload) {
        if (!(device instanceof ValveController valve)) return;
        valve.handle(payload).ifPresent(this::sendAck);
    }

    private void sendAck(CommandAck ack) {
        MqttAsyncClient c = client;
        if (c == null || !c.isConnected()) {
            log.warn("{}: ack {} not sent: not connected", device.id(), ack.commandId());
            return;
        }
        try {
            c.publish(ackTopic, CommandCodec.encode(ack), QOS, false);
        } catch (MqttException e) {
            log.warn("{}: ack {} not sent: {}", device.id(), ack.commandId(), e.getMessage());
        }
    }

    @Override
    public synchronized void drop() {
        MqttAsyncClient c = client;
        client = null;
        if (c == null) return;
        try {
            // No DISCONNECT packet: to the broker this is a lost connection, so it sends the will.
            c.disconnectForcibly(0, 0, false);
        } catch (MqttException e) {
            log.debug("{}: forced disconnect: {}", device.id(), e.getMessage());
        }
        closeQuietly(c);
    }

    @Override
    public void restore() {
        work.execute(() -> {
            if (closed) return;
            try {
                connect();
                log.info("{}: reconnected", device.id());
            } catch (RuntimeException e) {
                log.warn("{}: reconnect failed: {}", device.id(), e.getMessage());
            }
        });
    }

    @Override
    public String describe() {
        return "mqtt device " + device.id() + " on " + brokerUrl;
    }

    /** Reports the broker acknowledged. */
    public long acknowledged() {
        return acknowledged.get();
    }

    /** Reports lost: not connected, refused, or failed. */
    public long lost() {
        return lost.get();
    }

    public boolean isConnected() {
        MqttAsyncClient c = client;
        return c != null && c.isConnected();
    }

    @Override
    public synchronized void close() {
        if (closed) return;
        closed = true;
        MqttAsyncClient c = client;
        client = null;
        if (c == null) return;
        try {
            if (c.isConnected()) {
                c.publish(stateTopic, DeviceStateMessage.offline(device, clock.wallNow()), QOS, true)
                        .waitForCompletion(timeout.toMillis());
                c.disconnect(timeout.toMillis()).waitForCompletion(timeout.toMillis());
            }
        } catch (MqttException e) {
            log.warn("{}: clean disconnect failed: {}", device.id(), e.getMessage());
        }
        closeQuietly(c);
    }

    private void closeQuietly(MqttAsyncClient c) {
        if (c == null) return;
        try {
            if (c.isConnected()) c.disconnectForcibly(0, 0, false);
            c.close(true);
        } catch (MqttException e) {
            log.debug("{}: close: {}", device.id(), e.getMessage());
        }
    }

    private final class Callback implements MqttCallback {
        @Override
        public void connectComplete(boolean reconnect, String serverURI) {
            if (!reconnect) return;
            log.info("{}: reconnected to {}", device.id(), serverURI);
            MqttAsyncClient c = client;
            // Clean start lost the subscription; say online again. Off this thread: it waits.
            work.execute(() -> {
                try {
                    if (c != null && !closed) announce(c);
                } catch (MqttException e) {
                    log.warn("{}: after reconnect: {}", device.id(), e.getMessage());
                }
            });
        }

        @Override
        public void messageArrived(String topic, MqttMessage message) {
            if (commandTopic.equals(topic)) {
                byte[] payload = message.getPayload();
                work.execute(() -> command(payload));
            }
        }

        @Override
        public void disconnected(MqttDisconnectResponse response) {
            if (!closed) log.warn("{}: disconnected: {}", device.id(), response.getReasonString());
        }

        @Override
        public void mqttErrorOccurred(MqttException exception) {
            log.warn("{}: MQTT error: {}", device.id(), exception.getMessage());
        }

        @Override
        public void deliveryComplete(IMqttToken token) {}

        @Override
        public void authPacketArrived(int reasonCode, MqttProperties properties) {}
    }
}

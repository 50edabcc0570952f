package vn.dongxanh.sim;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Predicate;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import vn.dongxanh.contract.topic.Topic;
import vn.dongxanh.devkit.LocalServices;

/**
 * A test's view of the real field broker: a subscriber that keeps every message, a publisher,
 * and cleanup of the retained states the simulated devices leave behind.
 */
public final class TestBroker implements AutoCloseable {
    /** A message as received. */
    public record Received(String topic, byte[] payload, boolean retained) {
        public String text() {
            return new String(payload, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private final String url;
    private final MqttClient client;
    private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();

    public TestBroker(String... filters) throws MqttException {
        this.url = LocalServices.mqttUrl();
        this.client = new MqttClient(url, "test-" + UUID.randomUUID(), new MemoryPersistence());
        client.setCallback(new MqttCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage message) {
                received.add(new Received(topic, message.getPayload(), message.isRetained()));
            }

            @Override
            public void disconnected(MqttDisconnectResponse r) {}

            @Override
            public void mqttErrorOccurred(MqttException e) {}

            @Override
            public void deliveryComplete(IMqttToken t) {}

            @Override
            public void connectComplete(boolean reconnect, String uri) {}

            @Override
            public void authPacketArrived(int code, MqttProperties p) {}
        });
        var options = new MqttConnectionOptions();
        options.setCleanStart(true);
        client.connect(options);
        for (String f : filters) client.subscribe(f, 1);
    }

    public String url() {
        return url;
    }

    public void subscribe(String filter) throws MqttException {
        client.subscribe(filter, 1);
    }

    public void publish(String topic, byte[] payload) throws MqttException {
        client.publish(topic, payload, 1, false);
    }

    public List<Received> received() {
        return new ArrayList<>(received);
    }

    public List<Received> received(Predicate<Received> filter) {
        return received.stream().filter(filter).toList();
    }

    /** Removes the retained state of these devices so the shared broker stays clean. */
    public void clearRetainedStates(Collection<String> deviceIds) throws MqttException {
        for (String id : deviceIds) {
            client.publish(new Topic.DeviceState(id).path(), new byte[0], 1, true);
        }
    }

    @Override
    public void close() throws MqttException {
        if (client.isConnected()) client.disconnect();
        client.close();
    }

    /** A unique plot id prefix, so that parallel runs on the shared broker do not meet. */
    public static String uniquePrefix() {
        return "t" + Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits()) % 2_000_000_000L, 36) + "-";
    }
}

package vn.dongxanh.devkit;

import java.util.function.BiConsumer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/**
 * A test's ear on a broker: subscribes to topics at QoS 1 and hands every message to a
 * callback; it can also publish (as the cloud or a device would). Closing disconnects at once.
 */
public final class MqttListener implements AutoCloseable {
    private final MqttClient client;

    private MqttListener(MqttClient client) {
        this.client = client;
    }

    /** How to log in on a secured broker: a user, its password and (for ssl://) the CA to trust, or null. */
    public record Login(String username, String password, java.nio.file.Path caPem) {
        @Override
        public String toString() {
            return "Login[" + username + "]";
        }
    }

    /** Connects (clean session, automatic reconnect) and subscribes to the topics. */
    public static MqttListener listen(
            String brokerUrl, String clientId, BiConsumer<String, MqttMessage> onMessage, String... topics) {
        return listen(brokerUrl, clientId, null, onMessage, topics);
    }

    /** The same, logged in as {@code login} (null: anonymous). */
    public static MqttListener listen(
            String brokerUrl,
            String clientId,
            Login login,
            BiConsumer<String, MqttMessage> onMessage,
            String... topics) {
        try {
            var client = new MqttClient(brokerUrl, clientId, new MemoryPersistence());
            client.setCallback(new MqttCallback() {
                @Override
                public void messageArrived(String topic, MqttMessage message) {
                    onMessage.accept(topic, message);
                }

                @Override
                public void disconnected(MqttDisconnectResponse response) {}

                @Override
                public void mqttErrorOccurred(MqttException exception) {}

                @Override
                public void deliveryComplete(IMqttToken token) {}

                @Override
                public void connectComplete(boolean reconnect, String serverURI) {}

                @Override
                public void authPacketArrived(int reasonCode, MqttProperties properties) {}
            });
            var options = new MqttConnectionOptions();
            options.setAutomaticReconnect(true);
            if (login != null) {
                options.setUserName(login.username());
                options.setPassword(login.password().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                if (login.caPem() != null)
                    options.setSocketFactory(vn.dongxanh.devkit.mqtt.TrustedCa.socketFactory(login.caPem()));
            }
            client.connect(options);
            if (topics.length > 0) {
                int[] qos = new int[topics.length];
                java.util.Arrays.fill(qos, 1);
                client.subscribe(topics, qos);
            }
            return new MqttListener(client);
        } catch (MqttException e) {
            throw new IllegalStateException("cannot listen on " + brokerUrl + ": " + e.getMessage(), e);
        }
    }

    /** Publishes at QoS 1 and waits for the broker to take it. */
    public void publish(String topic, byte[] payload) throws MqttException {
        client.publish(topic, payload, 1, false);
    }

    @Override
    public void close() throws MqttException {
        client.disconnectForcibly(0, 500);
        client.close();
    }
}

package vn.dongxanh.bench.mqtt;

import java.util.function.BiConsumer;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** Paho MQTT 5 clients for the benchmarks' devices, subscribers and publishers. */
public final class Mqtt {
    private Mqtt() {}

    /**
     * A connected client with a clean, non-persistent session; {@code onMessage} runs on Paho's
     * callback thread for every message (a client-level callback, which also works for shared
     * subscriptions).
     */
    public static MqttClient connect(String url, String clientId, BiConsumer<String, MqttMessage> onMessage)
            throws MqttException {
        return connect(url, clientId, onMessage, false);
    }

    /** As above; {@code tcpNoDelay} turns Nagle's algorithm off (see {@link NoDelaySockets}). */
    public static MqttClient connect(
            String url, String clientId, BiConsumer<String, MqttMessage> onMessage, boolean tcpNoDelay)
            throws MqttException {
        var client = new MqttClient(url, clientId, new MemoryPersistence());
        client.setCallback(callback(onMessage));
        var options = new MqttConnectionOptions();
        options.setCleanStart(true);
        options.setSessionExpiryInterval(0L);
        if (tcpNoDelay) options.setSocketFactory(new NoDelaySockets());
        client.connect(options);
        return client;
    }

    /** Socket factory with Nagle's algorithm off, for clients built by hand. */
    public static javax.net.SocketFactory noDelaySockets() {
        return new NoDelaySockets();
    }

    /**
     * Publishes QoS 1 and returns once the broker has it. Paho's synchronous client can refuse a
     * publish right after the previous one completed (32202, "too many publishes in progress":
     * the message id is released a moment after the PUBACK), so that refusal is retried.
     */
    public static void publish(MqttClient client, String topic, byte[] payload, boolean retained) throws MqttException {
        for (int attempt = 0; ; attempt++) {
            try {
                client.publish(topic, payload, 1, retained);
                return;
            } catch (MqttException e) {
                if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT || attempt >= 1_000) throw e;
                try {
                    Thread.sleep(1);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    public static void closeQuietly(MqttClient client) {
        try {
            if (client.isConnected()) client.disconnect(2_000);
        } catch (MqttException e) {
            // closing after a benchmark: nothing to recover
        }
        try {
            client.close();
        } catch (MqttException e) {
            // as above
        }
    }

    public static MqttCallback callback(BiConsumer<String, MqttMessage> onMessage) {
        return new MqttCallback() {
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
        };
    }
}

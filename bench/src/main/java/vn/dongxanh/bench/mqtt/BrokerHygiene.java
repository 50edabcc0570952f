package vn.dongxanh.bench.mqtt;

import java.util.Collection;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * The broker may be the machine's shared Mosquitto: what a benchmark leaves there (retained
 * device states, the agent's persistent field session) would pile up run after run, so it is
 * removed afterwards. Best effort: a failure here never changes a figure.
 */
public final class BrokerHygiene {
    private BrokerHygiene() {}

    /** Ends a persistent session (and the messages queued for it) by reconnecting clean. */
    public static void endSession(String url, String clientId) {
        try {
            var client = new MqttClient(url, clientId, new MemoryPersistence());
            var options = new MqttConnectionOptions();
            options.setCleanStart(true);
            options.setSessionExpiryInterval(0L);
            client.connect(options);
            Mqtt.closeQuietly(client);
        } catch (MqttException e) {
            System.err.println("could not end session " + clientId + ": " + e.getMessage());
        }
    }

    /** Deletes retained messages by publishing empty retained ones. */
    public static void clearRetained(String url, String clientId, Collection<String> topics) {
        try {
            var client = Mqtt.connect(url, clientId, (t, m) -> {});
            for (String topic : topics) Mqtt.publish(client, topic, new byte[0], true);
            Mqtt.closeQuietly(client);
        } catch (MqttException e) {
            System.err.println("could not clear retained messages: " + e.getMessage());
        }
    }
}

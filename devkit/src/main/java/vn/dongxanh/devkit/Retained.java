package vn.dongxanh.devkit;

import java.util.Collection;
import java.util.UUID;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;

/**
 * Removes retained messages a test left on a shared broker (a device's last state, a gateway's
 * health), so the machine's broker does not fill up with the states of runs long gone.
 */
public final class Retained {
    private Retained() {}

    /** Publishes an empty retained message on each topic, which deletes what was retained there. */
    public static void clear(String brokerUrl, Collection<String> topics) {
        try {
            var client = new MqttClient(brokerUrl, "dx-clear-" + UUID.randomUUID(), new MemoryPersistence());
            client.connect();
            try {
                for (String topic : topics) client.publish(topic, new byte[0], 1, true);
            } finally {
                client.disconnect();
                client.close();
            }
        } catch (MqttException e) {
            throw new IllegalStateException("clearing retained messages on " + brokerUrl + ": " + e.getMessage(), e);
        }
    }
}

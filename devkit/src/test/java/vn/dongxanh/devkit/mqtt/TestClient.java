package vn.dongxanh.devkit.mqtt;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;

/** A Paho v5 client for the security tests: connects as a user (or anonymously) and records what it hears. */
final class TestClient implements AutoCloseable {
    record Heard(String topic, String payload) {}

    final MqttAsyncClient client;
    final List<Heard> heard = new CopyOnWriteArrayList<>();

    private TestClient(MqttAsyncClient client) {
        this.client = client;
    }

    /** @param user null for an anonymous client; @param ca null to use the JVM's default trust */
    static TestClient connect(String url, String user, String password, Path ca) throws MqttException {
        var c = new MqttAsyncClient(url, "t-" + java.util.UUID.randomUUID(), new MemoryPersistence());
        var t = new TestClient(c);
        c.setCallback(new MqttCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage message) {
                t.heard.add(new Heard(topic, new String(message.getPayload(), StandardCharsets.UTF_8)));
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
        var o = new MqttConnectionOptions();
        o.setConnectionTimeout(5);
        if (user != null) {
            o.setUserName(user);
            o.setPassword(password.getBytes(StandardCharsets.UTF_8));
        }
        if (ca != null) o.setSocketFactory(TrustedCa.socketFactory(ca));
        try {
            c.connect(o).waitForCompletion(10_000);
        } catch (MqttException e) {
            c.close(true);
            throw e;
        }
        return t;
    }

    /** Subscribes at QoS 1; returns the broker's reason code (0/1 granted, 128+ refused). */
    int subscribe(String filter) throws MqttException {
        IMqttToken token = client.subscribe(filter, 1);
        token.waitForCompletion(5_000);
        return token.getReasonCodes()[0];
    }

    /** Publishes at QoS 1; returns the PUBACK reason code, or -1 when the broker cut the connection instead. */
    int publish(String topic, String payload) {
        try {
            IMqttToken token = client.publish(topic, payload.getBytes(StandardCharsets.UTF_8), 1, false);
            token.waitForCompletion(5_000);
            int[] codes = token.getReasonCodes();
            return codes == null || codes.length == 0 ? 0 : codes[0];
        } catch (MqttException e) {
            return e.getReasonCode() >= 128 ? e.getReasonCode() : -1;
        } catch (RuntimeException e) {
            // Paho 1.2.5 can fail inside when the broker closes the connection right after the PUBACK
            return -1;
        }
    }

    List<String> payloads() {
        return heard.stream().map(Heard::payload).toList();
    }

    @Override
    public void close() {
        try {
            if (client.isConnected()) client.disconnectForcibly(0, 1000, false);
        } catch (MqttException | RuntimeException ignored) {
            // already gone
        }
        try {
            client.close(true);
        } catch (MqttException | RuntimeException ignored) {
            // best effort
        }
    }
}

package vn.dongxanh.ingest.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import vn.dongxanh.devkit.EmbeddedBroker;
import vn.dongxanh.devkit.mqtt.AccessPlan;
import vn.dongxanh.devkit.mqtt.BrokerSecrets;
import vn.dongxanh.devkit.mqtt.LocalCertificates;
import vn.dongxanh.devkit.mqtt.Principals;

/** The service's MQTT login (user, password, CA to trust) against a secured broker over TLS. */
@Timeout(60)
class MqttLoginTest {
    private static MqttProperties props(String url, String user, String password, String tlsCa) {
        return new MqttProperties(
                true,
                url,
                "ingest-login-test",
                "ingest",
                user,
                password,
                "dx/v1/coop/+/gw/+/telemetry",
                "dx/v1/coop/+/gw/+/events",
                "dx/v1/coop/+/gw/+/state",
                Duration.ofMinutes(1),
                Duration.ofSeconds(30),
                Duration.ofSeconds(5),
                Duration.ofSeconds(1),
                Duration.ofSeconds(5),
                tlsCa);
    }

    private static void connect(MqttProperties p) throws MqttException {
        var client = new MqttAsyncClient(p.url(), p.clientId(), new MemoryPersistence());
        try {
            var o = new MqttConnectionOptions();
            o.setConnectionTimeout(5);
            client.connect(MqttLogin.apply(p, o)).waitForCompletion(10_000);
            assertThat(client.isConnected()).isTrue();
            client.disconnect().waitForCompletion(2_000);
        } finally {
            client.close(true);
        }
    }

    @Test
    void connectsOverTlsTrustingTheGivenCaWithItsServiceIdentity(@TempDir Path dir) throws Exception {
        var secrets = BrokerSecrets.ensure(dir.resolve("mqtt"), AccessPlan.of(List.of()));
        var tls = LocalCertificates.ensure(dir.resolve("tls"));
        try (var broker = EmbeddedBroker.startSecured(
                0, secrets.auth(), new EmbeddedBroker.Tls(0, tls.keystore(), tls.keystorePassword()))) {
            String password = secrets.password(Principals.INGEST);
            connect(props(broker.tlsUrl(), Principals.INGEST, password, tls.ca().toString()));
            assertThatThrownBy(() -> connect(props(broker.tlsUrl(), Principals.INGEST, password, "")))
                    .as("the JVM's trust store does not know the local CA")
                    .isInstanceOf(MqttException.class);
            assertThatThrownBy(() ->
                            connect(props(broker.tlsUrl(), "", "", tls.ca().toString())))
                    .as("anonymous")
                    .isInstanceOf(MqttException.class);
        }
    }
}

package vn.dongxanh.devkit.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.awaitility.core.ConditionFactory;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import vn.dongxanh.contract.topic.Topic;
import vn.dongxanh.devkit.EmbeddedBroker;

/**
 * What a secured broker must do, proved against a real one (the embedded HiveMQ and a private
 * Mosquitto run the same cases): nobody without credentials, each principal only on its topics,
 * a valve command only from the command link (cloud) or the gateway's field side, TLS with the
 * generated CA. Brokers differ in how they refuse (HiveMQ: SUBACK 135, PUBACK 135 and a
 * disconnect; Mosquitto: PUBACK 135, a granted subscription that delivers nothing), so the cases
 * assert what matters to the field: nothing forged is ever delivered.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(120)
abstract class BrokerSecurityContract {
    /**
     * Awaitility, without failing on other threads' exceptions: Paho 1.2.5's receiver thread of a
     * client this test already closed can still meet the refused publish's ack and throw inside
     * Paho (a null token store); that is Paho's shutdown race, not the broker's answer under test.
     */
    private static ConditionFactory eventually() {
        return await().dontCatchUncaughtExceptions();
    }

    static final String COOP_A = "htx-a";
    static final String GW_A = "gw-a";
    static final String COOP_B = "htx-b";
    static final String GW_B = "gw-b";

    Path dir;
    BrokerSecrets secrets;
    LocalCertificates tls;

    /** Starts the broker under test with these principals and certificates. */
    abstract void startBroker(BrokerAuth auth, LocalCertificates tls);

    abstract void stopBroker();

    abstract String url();

    abstract String tlsUrl();

    @BeforeAll
    void secure() throws Exception {
        dir = Files.createTempDirectory("dx-broker-auth-");
        secrets = BrokerSecrets.ensure(
                dir.resolve("mqtt"),
                AccessPlan.of(List.of(
                        new AccessPlan.Gateway(COOP_A, GW_A, List.of("a-wl", "a-valve")),
                        new AccessPlan.Gateway(COOP_B, GW_B, List.of("b-valve")))));
        tls = LocalCertificates.ensure(dir.resolve("tls"));
        startBroker(secrets.auth(), tls);
    }

    @AfterAll
    void stop() {
        stopBroker();
        EmbeddedBroker.deleteTree(dir);
    }

    TestClient as(String user) throws MqttException {
        return TestClient.connect(url(), user, password(user), null);
    }

    String password(String user) {
        if (user.startsWith("dev-")) {
            try {
                var p = new java.util.Properties();
                p.load(Files.newBufferedReader(secrets.deviceCredentialsFile()));
                return p.getProperty(user.substring(4));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        return secrets.password(user);
    }

    @Test
    void anAnonymousClientIsRefused() {
        assertThatThrownBy(() -> TestClient.connect(url(), null, null, null)).isInstanceOf(MqttException.class);
    }

    @Test
    void theRightPasswordConnectsAndAWrongOneIsRefused() throws Exception {
        try (var gw = as(Principals.gatewayUser(GW_A))) {
            assertThat(gw.client.isConnected()).isTrue();
        }
        assertThatThrownBy(() -> TestClient.connect(url(), Principals.gatewayUser(GW_A), "not-the-password", null))
                .isInstanceOf(MqttException.class);
        assertThatThrownBy(() -> TestClient.connect(url(), "nobody", password(Principals.gatewayUser(GW_A)), null))
                .isInstanceOf(MqttException.class);
    }

    @Test
    void aGatewayCannotPublishOnAnotherGatewaysTelemetry() throws Exception {
        try (var ingest = as(Principals.INGEST);
                var a = as(Principals.gatewayUser(GW_A));
                var b = as(Principals.gatewayUser(GW_B))) {
            assertThat(ingest.subscribe("$share/ingest/dx/v1/coop/+/gw/+/telemetry"))
                    .isLessThan(128);
            String bTelemetry = new Topic.GatewayTelemetry(COOP_B, GW_B).path();

            int forged = a.publish(bTelemetry, "forged by A");
            assertThat(forged).as("PUBACK reason of the forged batch").isNotIn(0, 16);
            assertThat(b.publish(bTelemetry, "B's own batch")).isZero();

            // B's own batch, sent after the forged one was refused, arrives; the forgery never does
            eventually()
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> ingest.payloads().contains("B's own batch"));
            assertThat(ingest.payloads()).containsExactly("B's own batch");
        }
    }

    @Test
    void aGatewayHearsNoOtherGatewaysCommands() throws Exception {
        try (var ingest = as(Principals.INGEST);
                var a = as(Principals.gatewayUser(GW_A));
                var b = as(Principals.gatewayUser(GW_B))) {
            String bCommands = new Topic.GatewayCommand(COOP_B, GW_B).path();
            a.subscribe(bCommands); // refused (HiveMQ) or granted and never delivered (Mosquitto)
            a.subscribe("dx/v1/coop/+/gw/+/cmd");
            assertThat(b.subscribe(bCommands)).isLessThan(128);

            assertThat(ingest.publish(bCommands, "request for B")).isZero();

            eventually().atMost(Duration.ofSeconds(10)).until(() -> b.payloads().contains("request for B"));
            assertThat(a.heard).isEmpty();
        }
    }

    @Test
    void onlyTheCommandLinkReachesAGatewaysCommandTopic() throws Exception {
        String aCommands = new Topic.GatewayCommand(COOP_A, GW_A).path();
        try (var gateway = as(Principals.gatewayUser(GW_A))) {
            assertThat(gateway.subscribe(aCommands)).isLessThan(128);
            for (String forger : List.of(
                    Principals.gatewayUser(GW_B),
                    Principals.gatewayUser(GW_A),
                    Principals.deviceUser("a-valve"),
                    Principals.fieldUser(GW_A))) {
                try (var f = as(forger)) {
                    assertThat(f.publish(aCommands, "forged by " + forger))
                            .as("PUBACK to " + forger)
                            .isNotIn(0, 16);
                }
            }
            try (var ingest = as(Principals.INGEST)) {
                assertThat(ingest.publish(aCommands, "from the command link")).isZero();
            }
            eventually()
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> gateway.payloads().contains("from the command link"));
            assertThat(gateway.payloads()).containsExactly("from the command link");
        }
    }

    @Test
    void onlyTheGatewaysFieldSideReachesAValve() throws Exception {
        String valveCommands = new Topic.DeviceCommand("a-valve").path();
        try (var valve = as(Principals.deviceUser("a-valve"))) {
            assertThat(valve.subscribe(valveCommands)).isLessThan(128);
            for (String forger : List.of(
                    Principals.deviceUser("a-wl"),
                    Principals.deviceUser("b-valve"),
                    Principals.gatewayUser(GW_A),
                    Principals.INGEST,
                    Principals.fieldUser(GW_B))) {
                try (var f = as(forger)) {
                    assertThat(f.publish(valveCommands, "forged by " + forger))
                            .as("PUBACK to " + forger)
                            .isNotIn(0, 16);
                }
            }
            try (var edge = as(Principals.fieldUser(GW_A))) {
                assertThat(edge.publish(valveCommands, "from the edge agent")).isZero();
            }
            eventually()
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> valve.payloads().contains("from the edge agent"));
            assertThat(valve.payloads()).containsExactly("from the edge agent");
        }
    }

    @Test
    void aDeviceCannotForgeAnotherDevicesReadings() throws Exception {
        try (var edge = as(Principals.fieldUser(GW_A));
                var wl = as(Principals.deviceUser("a-wl"))) {
            assertThat(edge.subscribe("dx/v1/dev/+/up")).isLessThan(128);
            assertThat(wl.publish(new Topic.DeviceTelemetry("a-valve").path(), "forged reading"))
                    .isNotIn(0, 16);
            try (var wl2 = as(Principals.deviceUser("a-wl"))) {
                assertThat(wl2.publish(new Topic.DeviceTelemetry("a-wl").path(), "own reading"))
                        .isZero();
            }
            eventually()
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> edge.payloads().contains("own reading"));
            assertThat(edge.payloads()).containsExactly("own reading");
        }
    }

    @Test
    void tlsWorksWithTheGeneratedCaAndNotWithout() throws Exception {
        String user = Principals.gatewayUser(GW_A);
        try (var gw = TestClient.connect(tlsUrl(), user, password(user), tls.ca())) {
            assertThat(gw.client.isConnected()).isTrue();
            // 16: accepted, no subscribers
            assertThat(gw.publish(new Topic.GatewayState(COOP_A, GW_A).path(), "{\"online\":true}"))
                    .isIn(0, 16);
        }
        // the JVM's default trust store does not know the local CA
        assertThatThrownBy(() -> TestClient.connect(tlsUrl(), user, password(user), null))
                .isInstanceOf(MqttException.class);
        // and over TLS the credentials are still required
        assertThatThrownBy(() -> TestClient.connect(tlsUrl(), null, null, tls.ca()))
                .isInstanceOf(MqttException.class);
    }
}

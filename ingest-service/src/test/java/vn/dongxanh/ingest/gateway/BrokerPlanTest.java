package vn.dongxanh.ingest.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.UUID;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import vn.dongxanh.contract.identity.PlatformRole;
import vn.dongxanh.contract.topic.Topic;
import vn.dongxanh.devkit.mqtt.BrokerAuthTool;
import vn.dongxanh.devkit.mqtt.MosquittoProcess;
import vn.dongxanh.ingest.IngestTestSupport;
import vn.dongxanh.ingest.TestHttp;

/**
 * The brokers' credentials made from the registry: devices registered behind gateways in
 * ingest-service → {@code BrokerAuthTool --from-ingest} with a service token → a real Mosquitto
 * started on the generated password file and ACL. A gateway publishes on its own cooperative's
 * topics only, anonymous clients are refused, and regenerating keeps every existing password.
 */
class BrokerPlanTest extends IngestTestSupport {
    @TempDir
    Path dir;

    private void device(String coop, String id, String gateway) {
        TestHttp.Reply r = manager(coop)
                .post(
                        "/api/devices",
                        "{\"id\":\"" + id + "\",\"cooperative\":\"" + coop
                                + "\",\"kind\":\"water_level\",\"gateway\":\"" + gateway + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    private int generate(Path tokenFile) {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        int code = BrokerAuthTool.run(
                new String[] {
                    "--out", dir.resolve("mqtt").toString(),
                    "--from-ingest", "http://127.0.0.1:" + port,
                    "--token-file", tokenFile.toString()
                },
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        lastOutput = out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
        return code;
    }

    private String lastOutput = "";

    private Properties credentials(String user) throws IOException {
        var p = new Properties();
        p.load(new StringReader(Files.readString(dir.resolve("mqtt/clients/" + user + ".credentials"))));
        return p;
    }

    private static MqttAsyncClient connect(String url, Properties credentials) throws MqttException {
        var client = new MqttAsyncClient(url, "t-" + UUID.randomUUID(), new MemoryPersistence());
        var o = new MqttConnectionOptions();
        o.setConnectionTimeout(5);
        if (credentials != null) {
            o.setUserName(credentials.getProperty("username"));
            o.setPassword(credentials.getProperty("password").getBytes(StandardCharsets.UTF_8));
        }
        try {
            client.connect(o).waitForCompletion(10_000);
        } catch (MqttException e) {
            client.close(true);
            throw e;
        }
        return client;
    }

    /** PUBACK reason code of a QoS 1 publish (0 taken, 16 taken with no subscriber, 135 not authorised). */
    private static int publish(MqttAsyncClient client, String topic) {
        try {
            IMqttToken delivery = client.publish(topic, "{}".getBytes(StandardCharsets.UTF_8), 1, false);
            delivery.waitForCompletion(5_000);
            int[] codes = delivery.getReasonCodes();
            return codes == null || codes.length == 0 ? 0 : codes[0];
        } catch (MqttException e) {
            return e.getReasonCode();
        }
    }

    private static void close(MqttAsyncClient client) {
        try {
            if (client.isConnected()) client.disconnectForcibly(0, 1000, false);
            client.close(true);
        } catch (MqttException | RuntimeException e) {
            // already gone
        }
    }

    @Test
    void theRegistryMakesTheBrokersFilesAndTheBrokerEnforcesThem() throws Exception {
        assumeTrue(MosquittoProcess.available(), "no mosquitto binary on this machine");
        String a = coop;
        String b = coop + "b";
        for (String c : new String[] {a, b}) {
            assertThat(department()
                            .post("/api/cooperatives", "{\"id\":\"" + c + "\",\"name\":\"HTX " + c + "\"}")
                            .status())
                    .isEqualTo(201);
        }
        String gwA = "gwa-" + a;
        String gwB = "gwb-" + a;
        device(a, "wl-a-" + a, gwA);
        device(b, "wl-b-" + a, gwB);
        // a gateway id is one broker user: another cooperative cannot claim it
        TestHttp.Reply taken = manager(b)
                .post(
                        "/api/devices",
                        "{\"id\":\"wl-x-" + a + "\",\"cooperative\":\"" + b + "\",\"kind\":\"valve\",\"gateway\":\""
                                + gwA + "\"}");
        assertThat(taken.status()).isEqualTo(409);
        assertThat(taken.json().get("detail").stringValue()).contains("gateway id '" + gwA + "' is taken");

        // the plan: the department and services only
        assertThat(as(PlatformRole.COOP_MANAGER, a)
                        .get("/api/broker/access-plan")
                        .status())
                .isEqualTo(403);
        JsonNode plan =
                as(PlatformRole.SERVICE, null).get("/api/broker/access-plan").json();
        assertThat(plan.get("gateways")).anySatisfy(g -> {
            assertThat(g.get("gateway").stringValue()).isEqualTo(gwA);
            assertThat(g.get("cooperative").stringValue()).isEqualTo(a);
            assertThat(g.get("devices").get(0).stringValue()).isEqualTo("wl-a-" + a);
        });

        // a token without the role is refused by ingest, and the tool says so
        Path tokenFile = dir.resolve("token");
        Files.writeString(tokenFile, token(PlatformRole.COOP_OPERATOR, a));
        assertThat(generate(tokenFile)).isEqualTo(1);
        assertThat(lastOutput).contains("403").contains("SERVICE");

        Files.writeString(tokenFile, token(PlatformRole.SERVICE, null) + "\n");
        assertThat(generate(tokenFile)).as(lastOutput).isZero();
        assertThat(lastOutput).contains("kill -HUP");
        Path passwordFile = dir.resolve("mqtt/mosquitto/password_file");
        Path aclFile = dir.resolve("mqtt/mosquitto/acl_file");
        Properties gatewayA = credentials("gw-" + gwA);

        try (var mosquitto = MosquittoProcess.start(passwordFile, aclFile)) {
            assertThatThrownBy(() -> connect(mosquitto.url(), null))
                    .as("anonymous")
                    .isInstanceOf(MqttException.class);
            var wrong = new Properties();
            wrong.setProperty("username", "gw-" + gwA);
            wrong.setProperty("password", "not-the-password");
            assertThatThrownBy(() -> connect(mosquitto.url(), wrong)).isInstanceOf(MqttException.class);

            MqttAsyncClient gateway = connect(mosquitto.url(), gatewayA);
            try {
                assertThat(publish(gateway, new Topic.GatewayTelemetry(a, gwA).path()))
                        .as("own telemetry topic")
                        .isIn(0, 16);
                assertThat(publish(gateway, new Topic.GatewayTelemetry(b, gwB).path()))
                        .as("cooperative B's gateway topic")
                        .isEqualTo(135);
            } finally {
                close(gateway);
            }

            // a new gateway in the registry; regenerated, every existing password stays
            String gwA2 = "gwc-" + a;
            device(a, "wl-c-" + a, gwA2);
            byte[] before = Files.readAllBytes(dir.resolve("mqtt/clients/gw-" + gwA + ".credentials"));
            assertThat(generate(tokenFile)).as(lastOutput).isZero();
            assertThat(Files.readAllBytes(dir.resolve("mqtt/clients/gw-" + gwA + ".credentials")))
                    .isEqualTo(before);
            Properties gatewayA2 = credentials("gw-" + gwA2);
            assertThatThrownBy(() -> connect(mosquitto.url(), gatewayA2))
                    .as("not in the files Mosquitto read at start")
                    .isInstanceOf(MqttException.class);

            mosquitto.reload();
            MqttAsyncClient second = await("the new gateway accepted after kill -HUP")
                    .ignoreExceptions()
                    .dontCatchUncaughtExceptions()
                    .atMost(WAIT)
                    .until(() -> connect(mosquitto.url(), gatewayA2), c -> c.isConnected());
            MqttAsyncClient first = connect(mosquitto.url(), gatewayA);
            try {
                assertThat(publish(second, new Topic.GatewayTelemetry(a, gwA2).path()))
                        .isIn(0, 16);
                assertThat(publish(second, new Topic.GatewayTelemetry(a, gwA).path()))
                        .as("another gateway's topic, even of its own cooperative")
                        .isEqualTo(135);
                assertThat(publish(first, new Topic.GatewayTelemetry(a, gwA).path()))
                        .as("the first gateway, same password after regeneration")
                        .isIn(0, 16);
            } finally {
                close(second);
                close(first);
            }
        }
    }
}

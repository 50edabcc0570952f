package vn.dongxanh.ingest.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatusCode;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import vn.dongxanh.contract.Json;
import vn.dongxanh.contract.command.GatewayAck;
import vn.dongxanh.contract.command.GatewayRequest;
import vn.dongxanh.contract.command.GatewayRequestCodec;
import vn.dongxanh.contract.identity.PlatformRole;
import vn.dongxanh.contract.topic.Topic;
import vn.dongxanh.devkit.LocalServices;
import vn.dongxanh.ingest.IngestTestSupport;

/**
 * Valve commands through a real broker to a stand-in gateway that answers as the edge agent
 * does: applied, refused, or — for a gateway that is not there — nothing at all.
 */
class CommandApiTest extends IngestTestSupport {
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

    @DynamicPropertySource
    static void commands(DynamicPropertyRegistry registry) {
        registry.add("dx.ingest.commands.ack-group", () -> "acks-" + RUN);
        registry.add("dx.ingest.commands.timeout-grace", () -> "1s");
        registry.add("dx.ingest.commands.sweep-every", () -> "500ms");
    }

    private RestClient http;
    private String token;
    private static boolean registered;
    private MqttClient gateway;
    private final List<GatewayRequest> received = new CopyOnWriteArrayList<>();

    record Reply(int status, JsonNode json) {}

    @BeforeEach
    void gatewayStandIn() throws MqttException {
        http = RestClient.builder().baseUrl("http://127.0.0.1:" + port).build();
        // a field operator of the cooperative sends the commands (managers may too: AccessMatrixTest)
        token = token(PlatformRole.COOP_OPERATOR, coop);
        if (!registered) {
            // commands go only to devices registered to the sender's cooperative
            assertThat(department()
                            .post("/api/cooperatives", "{\"id\":\"" + coop + "\",\"name\":\"HTX\"}")
                            .status())
                    .isEqualTo(201);
            for (String device : List.of("p01-valve", "bad-valve", "p02-valve")) {
                assertThat(manager(coop)
                                .post(
                                        "/api/devices",
                                        "{\"id\":\"" + device + "\",\"cooperative\":\"" + coop
                                                + "\",\"kind\":\"valve\"}")
                                .status())
                        .isEqualTo(201);
            }
            registered = true;
        }
        gateway = new MqttClient(LocalServices.mqttUrl(), "gw-standin-" + RUN, new MemoryPersistence());
        gateway.setCallback(new MqttCallback() {
            public void messageArrived(String topic, MqttMessage m) throws MqttException {
                var request = GatewayRequestCodec.decode(m.getPayload());
                received.add(request);
                var valve = (GatewayRequest.Valve) request;
                var ack = valve.command().deviceId().startsWith("bad")
                        ? new GatewayAck(
                                request.requestId(),
                                GatewayAck.Result.REFUSED,
                                "run time exceeds the limit",
                                Instant.now())
                        : new GatewayAck(request.requestId(), GatewayAck.Result.APPLIED, "", Instant.now());
                gateway.publish(
                        new Topic.GatewayCommandAck(coop, "gw-1").path(), GatewayRequestCodec.encode(ack), 1, false);
            }

            public void disconnected(MqttDisconnectResponse r) {}

            public void mqttErrorOccurred(MqttException e) {}

            public void deliveryComplete(IMqttToken t) {}

            public void connectComplete(boolean reconnect, String uri) {}

            public void authPacketArrived(int c, MqttProperties p) {}
        });
        gateway.connect();
        gateway.subscribe(new Topic.GatewayCommand(coop, "gw-1").path(), 1);
    }

    @AfterEach
    void closeGateway() throws MqttException {
        gateway.disconnectForcibly(0, 500);
        gateway.close();
    }

    private Reply post(Map<String, Object> body) {
        return http.post()
                .uri("/api/commands")
                .header("Authorization", "Bearer " + token)
                .contentType(org.springframework.http.MediaType.APPLICATION_JSON)
                .body(Json.MAPPER.writeValueAsString(body))
                .exchange((req, res) -> new Reply(
                        res.getStatusCode().value(),
                        Json.MAPPER.readTree(res.getBody().readAllBytes())));
    }

    private JsonNode get(String id) {
        return http.get()
                .uri("/api/commands/{id}", id)
                .header("Authorization", "Bearer " + token)
                .exchange((req, res) -> {
                    assertThat(res.getStatusCode()).isEqualTo(HttpStatusCode.valueOf(200));
                    return Json.MAPPER.readTree(res.getBody().readAllBytes());
                });
    }

    @Test
    void aCommandTheGatewayAppliesEndsApplied() {
        var r = post(Map.of(
                "cooperative", coop, "gateway", "gw-1", "device", "p01-valve", "action", "OPEN", "runSeconds", 1800));
        assertThat(r.status()).isEqualTo(202);
        String id = r.json().path("id").stringValue();
        assertThat(r.json().path("state").stringValue()).isIn("PENDING", "SENT");
        await().atMost(WAIT).until(() -> get(id).path("state").stringValue().equals("APPLIED"));
        var request = (GatewayRequest.Valve) received.stream()
                .filter(q -> q.requestId().equals(id))
                .findFirst()
                .orElseThrow();
        assertThat(request.command().runTime()).isEqualTo(Duration.ofMinutes(30));
        assertThat(request.command().deadline()).isAfter(request.command().issuedAt());
        // who sent it is recorded and shown
        assertThat(get(id).path("sentBy").stringValue()).isEqualTo("coop_operator@" + coop);
        assertThat(get(id).path("sentByOrganisation").stringValue()).isEqualTo(coop);
    }

    @Test
    void anotherGatewaysAnswerDoesNotSettleACommand() throws MqttException {
        // a command to a gateway that is not there: only gw-absent may answer it
        String absent = post(Map.of(
                        "cooperative",
                        coop,
                        "gateway",
                        "gw-absent",
                        "device",
                        "p02-valve",
                        "action",
                        "OPEN",
                        "runSeconds",
                        60))
                .json()
                .path("id")
                .stringValue();
        // gw-1 answers it APPLIED on its own answer topic (which the broker lets it use)...
        gateway.publish(
                new Topic.GatewayCommandAck(coop, "gw-1").path(),
                GatewayRequestCodec.encode(new GatewayAck(absent, GatewayAck.Result.APPLIED, "forged", Instant.now())),
                1,
                false);
        // ...then a command gw-1 really answers, from the same client on the same topic: in order,
        // so once it is APPLIED the forged answer has been read
        String real = post(Map.of("cooperative", coop, "gateway", "gw-1", "device", "p01-valve", "action", "CLOSE"))
                .json()
                .path("id")
                .stringValue();
        await().atMost(WAIT).until(() -> get(real).path("state").stringValue().equals("APPLIED"));
        assertThat(get(absent).path("state").stringValue()).isIn("PENDING", "SENT");
    }

    @Test
    void aDeviceNotRegisteredToTheCooperativeGetsNoCommand() {
        var r = post(Map.of("cooperative", coop, "gateway", "gw-1", "device", "elsewhere-valve", "action", "CLOSE"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().path("detail").stringValue())
                .isEqualTo("device 'elsewhere-valve' is not registered to cooperative '" + coop + "'");
    }

    @Test
    void aRefusalIsKeptWithItsReason() {
        var r = post(Map.of(
                "cooperative", coop, "gateway", "gw-1", "device", "bad-valve", "action", "OPEN", "runSeconds", 60));
        String id = r.json().path("id").stringValue();
        await().atMost(WAIT).until(() -> get(id).path("state").stringValue().equals("REFUSED"));
        assertThat(get(id).path("reason").stringValue()).contains("exceeds the limit");
    }

    @Test
    void aCommandNobodyAnswersTimesOut() {
        var r = post(Map.of(
                "cooperative",
                coop,
                "gateway",
                "gw-absent",
                "device",
                "p02-valve",
                "action",
                "CLOSE",
                "ttlSeconds",
                1));
        String id = r.json().path("id").stringValue();
        await().atMost(WAIT).until(() -> get(id).path("state").stringValue().equals("TIMED_OUT"));
        assertThat(get(id).path("reason").stringValue()).contains("no answer");
    }

    @Test
    void badCommandsAreRefusedWithAReason() {
        var noRun = post(Map.of("cooperative", coop, "gateway", "gw-1", "device", "p01-valve", "action", "OPEN"));
        assertThat(noRun.status()).isEqualTo(400);
        assertThat(noRun.json().path("detail").stringValue()).contains("runSeconds");
        var badAction = post(Map.of("cooperative", coop, "gateway", "gw-1", "device", "p01-valve", "action", "HALF"));
        assertThat(badAction.json().path("detail").stringValue()).contains("OPEN or CLOSE");
        var badDevice = post(Map.of("cooperative", coop, "gateway", "gw-1", "device", "P01 VALVE", "action", "CLOSE"));
        assertThat(badDevice.status()).isEqualTo(400);
        assertThat(badDevice.json().path("detail").stringValue()).contains("device id");
        var tooLong = post(Map.of(
                "cooperative",
                coop,
                "gateway",
                "gw-1",
                "device",
                "p01-valve",
                "action",
                "OPEN",
                "runSeconds",
                999_999));
        assertThat(tooLong.json().path("detail").stringValue()).contains("exceeds the limit");
        Integer missing = http.get()
                .uri("/api/commands/{id}", "nope")
                .header("Authorization", "Bearer " + token)
                .exchange((req, res) -> res.getStatusCode().value());
        assertThat(missing).isEqualTo(404);
    }
}

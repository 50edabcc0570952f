package vn.dongxanh.ingest.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
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
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import vn.dongxanh.contract.command.GatewayAck;
import vn.dongxanh.contract.command.GatewayRequest;
import vn.dongxanh.contract.command.GatewayRequestCodec;
import vn.dongxanh.contract.identity.PlatformRole;
import vn.dongxanh.contract.topic.Topic;
import vn.dongxanh.devkit.LocalServices;
import vn.dongxanh.ingest.IngestTestSupport;
import vn.dongxanh.ingest.TestHttp;

/**
 * Overrides and schedules of a plot's valve through the real broker to a stand-in gateway that
 * answers as the edge agent does (applies, or refuses plot "pc-bad"), and to a gateway that is not
 * there (nothing answers).
 */
class PlotControlTest extends IngestTestSupport {
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String GATEWAY = "gwpc-" + RUN;
    private static final String ABSENT = "gwpc-absent-" + RUN;
    private static boolean registered;

    @DynamicPropertySource
    static void commands(DynamicPropertyRegistry registry) {
        registry.add("dx.ingest.commands.ack-group", () -> "pc-acks-" + RUN);
        // an unanswered override or schedule times out quickly here
        registry.add("dx.ingest.commands.default-ttl", () -> "2s");
        registry.add("dx.ingest.commands.timeout-grace", () -> "1s");
        registry.add("dx.ingest.commands.sweep-every", () -> "500ms");
    }

    private MqttClient gateway;
    private final List<GatewayRequest> received = new CopyOnWriteArrayList<>();
    private TestHttp op;

    @BeforeEach
    void gatewayStandIn() throws MqttException {
        op = as(PlatformRole.COOP_OPERATOR, coop);
        if (!registered) {
            assertThat(department()
                            .post("/api/cooperatives", "{\"id\":\"" + coop + "\",\"name\":\"HTX\"}")
                            .status())
                    .isEqualTo(201);
            TestHttp mgr = manager(coop);
            for (String plot : List.of("pc1", "pc2", "pc-bad", "pc-off", "pc-none")) {
                assertThat(mgr.post(
                                        "/api/plots",
                                        "{\"id\":\"" + plot + "\",\"cooperative\":\"" + coop
                                                + "\",\"name\":\"R\",\"areaHa\":1}")
                                .status())
                        .isEqualTo(201);
            }
            device(mgr, "pc1-wl", "pc1", "water_level", null);
            device(mgr, "pc1-valve", "pc1", "valve", GATEWAY);
            // a plot whose only device said behind which gateway is its sensor
            device(mgr, "pc2-wl", "pc2", "water_level", GATEWAY);
            device(mgr, "pc-bad-valve", "pc-bad", "valve", GATEWAY);
            device(mgr, "pc-off-valve", "pc-off", "valve", ABSENT);
            device(mgr, "pc-none-valve", "pc-none", "valve", null);
            registered = true;
        }
        gateway = new MqttClient(LocalServices.mqttUrl(), "gwpc-standin-" + RUN, new MemoryPersistence());
        gateway.setCallback(new MqttCallback() {
            public void messageArrived(String topic, MqttMessage m) throws MqttException {
                var request = GatewayRequestCodec.decode(m.getPayload());
                received.add(request);
                boolean refuse = switch (request) {
                    case GatewayRequest.Override o -> o.plotId().equals("pc-bad");
                    case GatewayRequest.Schedule s -> s.plotId().equals("pc-bad");
                    default -> false;
                };
                var ack = refuse
                        ? new GatewayAck(request.requestId(), GatewayAck.Result.REFUSED, "unknown plot", Instant.now())
                        : new GatewayAck(request.requestId(), GatewayAck.Result.APPLIED, "", Instant.now());
                gateway.publish(
                        new Topic.GatewayCommandAck(coop, GATEWAY).path(), GatewayRequestCodec.encode(ack), 1, false);
            }

            public void disconnected(MqttDisconnectResponse r) {}

            public void mqttErrorOccurred(MqttException e) {}

            public void deliveryComplete(IMqttToken t) {}

            public void connectComplete(boolean reconnect, String uri) {}

            public void authPacketArrived(int c, MqttProperties p) {}
        });
        gateway.connect();
        gateway.subscribe(new Topic.GatewayCommand(coop, GATEWAY).path(), 1);
    }

    @AfterEach
    void closeGateway() throws MqttException {
        gateway.disconnectForcibly(0, 500);
        gateway.close();
    }

    private static void device(TestHttp mgr, String id, String plot, String kind, String gw) {
        String body = "{\"id\":\"" + id + "\",\"cooperative\":\"" + coop + "\",\"plot\":\"" + plot + "\",\"kind\":\""
                + kind + "\"" + (gw == null ? "" : ",\"gateway\":\"" + gw + "\"") + "}";
        var r = mgr.post("/api/devices", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
    }

    private JsonNode answered(String plot, String kind, String id, String state) {
        return await(kind + " " + id + " " + state)
                .atMost(WAIT)
                .until(
                        () -> op.get("/api/plots/" + plot + "/" + kind + "/" + id)
                                .json(),
                        j -> j.path("state").stringValue().equals(state));
    }

    private <T extends GatewayRequest> T receivedAs(Class<T> type, String id) {
        return received.stream()
                .filter(type::isInstance)
                .map(type::cast)
                .filter(r -> r.requestId().equals(id))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void anOverrideGoesToThePlotsGatewayIsAppliedAndListedUntilItsEnd() {
        Instant until = Instant.now().plus(Duration.ofMinutes(30)).truncatedTo(ChronoUnit.SECONDS);
        var r = op.post("/api/plots/pc1/overrides", "{\"hold\":\"CLOSED\",\"until\":\"" + until + "\"}");
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        String id = r.json().path("id").stringValue();
        assertThat(r.headers().getLocation()).hasToString("/api/plots/pc1/overrides/" + id);
        assertThat(r.json().path("gateway").stringValue()).isEqualTo(GATEWAY);
        assertThat(r.json().path("phase").stringValue()).isEqualTo("WAITING");
        JsonNode applied = answered("pc1", "overrides", id, "APPLIED");
        assertThat(applied.path("phase").stringValue()).isEqualTo("ACTIVE");
        assertThat(Instant.parse(applied.path("endsAt").stringValue())).isEqualTo(until);
        assertThat(applied.path("sentBy").stringValue()).isEqualTo("coop_operator@" + coop);
        var sent = receivedAs(GatewayRequest.Override.class, id);
        assertThat(sent.plotId()).isEqualTo("pc1");
        assertThat(sent.state()).isEqualTo(GatewayRequest.Override.State.CLOSED);
        assertThat(sent.until()).isEqualTo(until);

        // back to automatic: the earlier override is replaced, the AUTO one ended it
        var auto = op.post("/api/plots/pc1/overrides", "{\"hold\":\"AUTO\"}");
        assertThat(auto.status()).as(auto.body()).isEqualTo(202);
        String autoId = auto.json().path("id").stringValue();
        assertThat(answered("pc1", "overrides", autoId, "APPLIED").path("phase").stringValue())
                .isEqualTo("ENDED");
        JsonNode list = op.get("/api/plots/pc1/overrides").json();
        assertThat(list.get(0).path("id").stringValue()).isEqualTo(autoId);
        assertThat(list.get(1).path("id").stringValue()).isEqualTo(id);
        assertThat(list.get(1).path("phase").stringValue()).isEqualTo("REPLACED");
        // the department reads them too
        assertThat(department().get("/api/plots/pc1/overrides").json().size()).isEqualTo(list.size());
    }

    @Test
    void aValveCommandTheGatewayAppliesReplacesAnOverride() {
        var r = op.post("/api/plots/pc1/overrides", "{\"hold\":\"OPEN\",\"durationSeconds\":600}");
        String id = r.json().path("id").stringValue();
        assertThat(answered("pc1", "overrides", id, "APPLIED").path("phase").stringValue())
                .isEqualTo("ACTIVE");
        var c = op.post(
                "/api/commands",
                "{\"cooperative\":\"" + coop + "\",\"gateway\":\"" + GATEWAY
                        + "\",\"device\":\"pc1-valve\",\"action\":\"CLOSE\"}");
        assertThat(c.status()).as(c.body()).isEqualTo(202);
        await().atMost(WAIT)
                .until(() -> op.get("/api/plots/pc1/overrides/" + id)
                        .json()
                        .path("phase")
                        .stringValue()
                        .equals("REPLACED"));
    }

    @Test
    void anOverrideEndsWhenItsTimeRunsOut() {
        var r = op.post("/api/plots/pc2/overrides", "{\"hold\":\"CLOSED\",\"durationSeconds\":2}");
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        assertThat(r.json().path("gateway").stringValue())
                .as("the gateway of the plot's other device")
                .isEqualTo(GATEWAY);
        String id = r.json().path("id").stringValue();
        answered("pc2", "overrides", id, "APPLIED");
        await().atMost(WAIT)
                .until(() -> op.get("/api/plots/pc2/overrides/" + id)
                        .json()
                        .path("phase")
                        .stringValue()
                        .equals("ENDED"));
    }

    @Test
    void aScheduleIsAppliedAndUpcomingWithItsDefaultExpiry() {
        Instant start = Instant.now().plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.SECONDS);
        var r = op.post("/api/plots/pc1/schedules", "{\"start\":\"" + start + "\",\"runSeconds\":1200}");
        assertThat(r.status()).as(r.body()).isEqualTo(202);
        String id = r.json().path("id").stringValue();
        JsonNode applied = answered("pc1", "schedules", id, "APPLIED");
        assertThat(applied.path("phase").stringValue()).isEqualTo("UPCOMING");
        assertThat(Instant.parse(applied.path("endsAt").stringValue())).isEqualTo(start.plusSeconds(1200));
        var sent = receivedAs(GatewayRequest.Schedule.class, id);
        assertThat(sent.start()).isEqualTo(start);
        assertThat(sent.runTime()).isEqualTo(Duration.ofMinutes(20));
        assertThat(sent.expires()).isEqualTo(start.plus(Duration.ofHours(1)));
        assertThat(op.get("/api/plots/pc1/schedules").json())
                .anySatisfy(s -> assertThat(s.path("id").stringValue()).isEqualTo(id));
        // a schedule is not an override
        assertThat(op.get("/api/plots/pc1/overrides/" + id).status()).isEqualTo(404);
    }

    @Test
    void aRefusalIsKeptWithTheGatewaysReasonAndSilenceTimesOut() {
        var refused = op.post("/api/plots/pc-bad/overrides", "{\"hold\":\"OPEN\",\"durationSeconds\":60}");
        JsonNode r = answered("pc-bad", "overrides", refused.json().path("id").stringValue(), "REFUSED");
        assertThat(r.path("reason").stringValue()).isEqualTo("unknown plot");
        assertThat(r.path("phase").stringValue()).isEqualTo("NOT_APPLIED");
        var silent = op.post(
                "/api/plots/pc-off/schedules",
                "{\"start\":\"" + Instant.now().plusSeconds(600) + "\",\"runSeconds\":60}");
        assertThat(silent.json().path("gateway").stringValue()).isEqualTo(ABSENT);
        JsonNode t = answered("pc-off", "schedules", silent.json().path("id").stringValue(), "TIMED_OUT");
        assertThat(t.path("reason").stringValue()).contains("no answer");
    }

    @Test
    void badRequestsAreProblemsNamingTheCause() {
        bad("/api/plots/pc1/overrides", "{\"hold\":\"HALF\",\"durationSeconds\":60}", "OPEN, CLOSED or AUTO");
        bad("/api/plots/pc1/overrides", "{\"hold\":\"OPEN\"}", "either until or durationSeconds");
        bad(
                "/api/plots/pc1/overrides",
                "{\"hold\":\"OPEN\",\"until\":\"" + Instant.now().plusSeconds(60) + "\",\"durationSeconds\":60}",
                "either until or durationSeconds");
        bad("/api/plots/pc1/overrides", "{\"hold\":\"AUTO\",\"durationSeconds\":60}", "AUTO ends the override now");
        bad("/api/plots/pc1/overrides", "{\"hold\":\"CLOSED\",\"until\":\"tomorrow\"}", "is not an instant");
        bad(
                "/api/plots/pc1/overrides",
                "{\"hold\":\"CLOSED\",\"until\":\"" + Instant.now().minusSeconds(60) + "\"}",
                "not in the future");
        bad("/api/plots/pc1/overrides", "{\"hold\":\"OPEN\",\"durationSeconds\":18000}", "may last at most 14400 s");
        bad("/api/plots/pc1/overrides", "{\"hold\":\"CLOSED\",\"durationSeconds\":-5}", "durationSeconds must be");
        bad("/api/plots/pc1/schedules", "{\"runSeconds\":60}", "start is required");
        bad(
                "/api/plots/pc1/schedules",
                "{\"start\":\"" + Instant.now().minus(Duration.ofHours(1)) + "\",\"runSeconds\":60}",
                "in the past");
        bad(
                "/api/plots/pc1/schedules",
                "{\"start\":\"" + Instant.now().plus(Duration.ofDays(8)) + "\",\"runSeconds\":60}",
                "ahead");
        bad(
                "/api/plots/pc1/schedules",
                "{\"start\":\"" + Instant.now().plusSeconds(600) + "\",\"runSeconds\":99999}",
                "runSeconds must be between 1 and 14400");
        Instant start = Instant.now().plusSeconds(600);
        bad(
                "/api/plots/pc1/schedules",
                "{\"start\":\"" + start + "\",\"runSeconds\":60,\"expires\":\"" + start.minusSeconds(1) + "\"}",
                "not after start");
        var noGateway = op.post("/api/plots/pc-none/overrides", "{\"hold\":\"CLOSED\",\"durationSeconds\":60}");
        assertThat(noGateway.status()).isEqualTo(409);
        assertThat(noGateway.isProblem()).isTrue();
        assertThat(noGateway.json().path("detail").stringValue()).contains("no gateway is known for plot 'pc-none'");
        var missing = op.post("/api/plots/nowhere/overrides", "{\"hold\":\"AUTO\"}");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.isProblem()).isTrue();
        assertThat(received)
                .noneMatch(q ->
                        q instanceof GatewayRequest.Override o && o.plotId().equals("pc-none"));
    }

    private void bad(String path, String body, String cause) {
        var r = op.post(path, body);
        assertThat(r.status()).as(body + " → " + r.body()).isEqualTo(400);
        assertThat(r.isProblem()).isTrue();
        assertThat(r.json().path("detail").stringValue()).as(body).contains(cause);
    }
}

package vn.dongxanh.ingest.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.dongxanh.contract.telemetry.Metric.BATTERY;
import static vn.dongxanh.contract.telemetry.Metric.RAIN;
import static vn.dongxanh.contract.telemetry.Metric.SOIL_MOISTURE;
import static vn.dongxanh.contract.telemetry.Metric.VALVE;
import static vn.dongxanh.contract.telemetry.Metric.WATER_LEVEL;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import vn.dongxanh.contract.command.GatewayAck;
import vn.dongxanh.contract.command.GatewayRequestCodec;
import vn.dongxanh.contract.dashboard.ControlKind;
import vn.dongxanh.contract.event.EventCodec;
import vn.dongxanh.contract.event.IrrigationEvent;
import vn.dongxanh.contract.identity.PlatformRole;
import vn.dongxanh.contract.telemetry.Reading;
import vn.dongxanh.contract.topic.Topic;
import vn.dongxanh.devkit.LocalServices;
import vn.dongxanh.ingest.IngestTestSupport;
import vn.dongxanh.ingest.TestHttp;

/**
 * The cooperative dashboard's API on the real service, database and broker: readings published as
 * a gateway does, the overview read back, the live stream read over HTTP as a browser does, alarms
 * acknowledged.
 */
class DashboardTest extends IngestTestSupport {
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final String GATEWAY = "gw-d";
    private static final AtomicLong SEQ = new AtomicLong();
    private static boolean registered;

    @DynamicPropertySource
    static void commands(DynamicPropertyRegistry registry) {
        registry.add("dx.ingest.commands.ack-group", () -> "acks-" + RUN);
        registry.add("dx.ingest.dashboard.heartbeat", () -> "1s");
    }

    @BeforeEach
    void register() {
        if (registered) return;
        ok(department().post("/api/cooperatives", "{\"id\":\"" + coop + "\",\"name\":\"HTX Đồng Xanh\"}"));
        TestHttp mgr = manager(coop);
        ok(mgr.post(
                "/api/plots",
                "{\"id\":\"rice1\",\"cooperative\":\"" + coop
                        + "\",\"name\":\"Ruộng 1\",\"crop\":\"rice\",\"areaHa\":1}"));
        ok(mgr.post(
                "/api/plots",
                "{\"id\":\"veg1\",\"cooperative\":\"" + coop
                        + "\",\"name\":\"Vườn rau\",\"crop\":\"cải\",\"areaHa\":0.2}"));
        for (String[] d : List.of(
                new String[] {"rice1-wl", "rice1", "water_level"},
                new String[] {"rice1-valve", "rice1", "valve"},
                new String[] {"rice1-rain", "rice1", "rain_gauge"},
                new String[] {"veg1-sm", "veg1", "soil_moisture"})) {
            ok(mgr.post(
                    "/api/devices", "{\"id\":\"" + d[0] + "\",\"plot\":\"" + d[1] + "\",\"kind\":\"" + d[2] + "\"}"));
        }
        registered = true;
    }

    private static void ok(TestHttp.Reply r) {
        assertThat(r.status()).as(r.body()).isBetween(200, 299);
    }

    private static void publishReadings(Reading... readings) throws Exception {
        publish(batch(GATEWAY, SEQ.incrementAndGet(), List.of(readings)));
    }

    /** Rain of a few minutes ago, but never before local midnight (the test may run just after it). */
    private static Instant today(Instant now, long minutesAgo) {
        Instant midnight = LocalDate.ofInstant(now, ZONE).atStartOfDay(ZONE).toInstant();
        Instant t = now.minus(minutesAgo, ChronoUnit.MINUTES);
        return t.isBefore(midnight) ? midnight.plusMillis(minutesAgo) : t;
    }

    private static JsonNode plot(JsonNode overview, String id) {
        for (JsonNode p : overview.get("plots"))
            if (p.get("plotId").stringValue().equals(id)) return p;
        return null;
    }

    @Test
    void theOverviewShowsEachPlotAgainstItsControlAndGreysASilentOne() throws Exception {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        publishReadings(
                new Reading("rice1-wl", WATER_LEVEL, now.minusSeconds(30), -12.5),
                new Reading("rice1-valve", VALVE, now.minusSeconds(30), 1),
                new Reading("rice1-rain", RAIN, today(now, 2), 3.0),
                new Reading("rice1-rain", RAIN, today(now, 1), 2.0),
                new Reading("rice1-rain", RAIN, now.minus(2, ChronoUnit.DAYS), 50.0), // not today
                new Reading("veg1-sm", SOIL_MOISTURE, now.minus(40, ChronoUnit.MINUTES), 0.22));
        publish(
                new Topic.GatewayEvents(coop, GATEWAY).path(),
                EventCodec.encode(new IrrigationEvent(
                        UUID.randomUUID().toString(),
                        "rice1",
                        "rice1-valve",
                        IrrigationEvent.Kind.START,
                        "BELOW_START_LEVEL",
                        "tillering (AWD), water -15.2 cm ≤ -15.0 cm",
                        Map.of("water_level", -15.2),
                        Duration.ofMinutes(90),
                        now.minusSeconds(60),
                        new IrrigationEvent.Control(ControlKind.AWD, "tillering", -15.0, 5.0))));

        TestHttp mgr = manager(coop);
        JsonNode overview = await("overview with the readings and the decision")
                .atMost(WAIT)
                .until(
                        () -> mgr.get("/api/cooperatives/" + coop + "/overview").json(),
                        o -> plot(o, "rice1").hasNonNull("measurement")
                                && plot(o, "rice1").hasNonNull("lastDecision")
                                && plot(o, "veg1").hasNonNull("measurement")
                                && plot(o, "rice1").path("rainTodayMm").asDouble() == 5.0);

        assertThat(overview.get("cooperativeId").stringValue()).isEqualTo(coop);
        JsonNode rice = plot(overview, "rice1");
        assertThat(rice.get("name").stringValue()).isEqualTo("Ruộng 1");
        assertThat(rice.get("crop").stringValue()).isEqualTo("rice");
        assertThat(rice.get("control").stringValue()).isEqualTo("AWD");
        assertThat(rice.get("growthStage").stringValue()).isEqualTo("tillering");
        assertThat(rice.get("thresholds").get("low").doubleValue()).isEqualTo(-15.0);
        assertThat(rice.get("thresholds").get("high").doubleValue()).isEqualTo(5.0);
        JsonNode level = rice.get("measurement");
        assertThat(level.get("metric").stringValue()).isEqualTo("water_level");
        assertThat(level.get("value").doubleValue()).isEqualTo(-12.5);
        assertThat(level.get("unit").stringValue()).isEqualTo("cm");
        assertThat(level.get("stale").booleanValue()).isFalse();
        assertThat(rice.get("valve").stringValue()).isEqualTo("OPEN");
        assertThat(rice.get("pump").stringValue()).isEqualTo("UNKNOWN");
        assertThat(rice.get("gatewayId").stringValue()).isEqualTo(GATEWAY);
        assertThat(rice.get("lastDecision").get("reason").stringValue()).isEqualTo("BELOW_START_LEVEL");

        JsonNode veg = plot(overview, "veg1");
        assertThat(veg.get("control").isNull())
                .as("no decision told its control yet")
                .isTrue();
        JsonNode moisture = veg.get("measurement");
        assertThat(moisture.get("metric").stringValue()).isEqualTo("soil_moisture");
        assertThat(moisture.get("unit").stringValue()).isEqualTo("m3/m3");
        assertThat(moisture.get("stale").booleanValue())
                .as("40 min silent > 15 min")
                .isTrue();
        assertThat(moisture.get("ageSeconds").longValue()).isGreaterThanOrEqualTo(40 * 60);
        assertThat(veg.get("valve").stringValue()).isEqualTo("UNKNOWN");
        assertThat(veg.get("rainTodayMm").isNull()).isTrue();

        assertThat(overview.get("gateways"))
                .anySatisfy(g -> assertThat(g.get("gatewayId").stringValue()).isEqualTo(GATEWAY));

        // another cooperative's manager learns nothing, not even that it exists
        TestHttp.Reply other = manager("x" + coop).get("/api/cooperatives/" + coop + "/overview");
        assertThat(other.status()).isEqualTo(404);
        assertThat(other.isProblem()).isTrue();
        TestHttp.Reply bad = mgr.get("/api/cooperatives/NOT%20AN%20ID/overview");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.isProblem()).isTrue();
    }

    @Test
    void theStreamSendsThePlotWhenAReadingArrivesAndEveryStateOfACommand() throws Exception {
        MqttClient gateway = standInGateway();
        try (var stream =
                new SseClient(port, "/api/cooperatives/" + coop + "/stream", token(PlatformRole.COOP_MANAGER, coop))) {
            assertThat(stream.status).isEqualTo(200);
            assertThat(stream.contentType).startsWith("text/event-stream");
            // the stream starts with the overview
            await("snapshot").atMost(WAIT).until(() -> stream.named("plot").size() >= 2);

            // a reading published as a gateway does → a plot event carrying it
            Instant published = Instant.now();
            double value = -(1 + (published.toEpochMilli() % 1000) / 100.0);
            publishReadings(new Reading("rice1-wl", WATER_LEVEL, published.truncatedTo(ChronoUnit.MILLIS), value));
            SseClient.Event plot = await("plot event with the new reading")
                    .atMost(WAIT)
                    .until(
                            () -> stream.named("plot").stream()
                                    .filter(e ->
                                            e.data().get("plotId").stringValue().equals("rice1")
                                                    && e.data()
                                                                    .path("measurement")
                                                                    .path("value")
                                                                    .asDouble()
                                                            == value)
                                    .findFirst()
                                    .orElse(null),
                            e -> e != null);
            System.out.printf(
                    "dashboard stream: reading published → plot event in %d ms%n",
                    Duration.between(published, plot.received()).toMillis());

            // a valve command: its every state is told, here PENDING, SENT and the gateway's APPLIED
            TestHttp.Reply command = as(PlatformRole.COOP_OPERATOR, coop)
                    .post(
                            "/api/commands",
                            "{\"cooperative\":\"" + coop + "\",\"gateway\":\"" + GATEWAY
                                    + "\",\"device\":\"rice1-valve\",\"action\":\"CLOSE\"}");
            assertThat(command.status()).as(command.body()).isEqualTo(202);
            String id = command.json().get("id").stringValue();
            await("command states")
                    .atMost(WAIT)
                    .untilAsserted(() -> assertThat(stream.named("command").stream()
                                    .filter(e -> e.data()
                                            .get("commandId")
                                            .stringValue()
                                            .equals(id))
                                    .map(e -> e.data().get("state").stringValue()))
                            .containsSubsequence("PENDING", "SENT", "APPLIED"));
            assertThat(stream.named("command").getLast().data().get("plotId").stringValue())
                    .isEqualTo("rice1");

            // idle: heartbeats keep the connection open
            await("heartbeat").atMost(WAIT).until(() -> stream.comments.contains("heartbeat"));
        } finally {
            gateway.disconnect();
            gateway.close();
        }
        // another cooperative's stream is not there
        TestHttp.Reply other = manager("x" + coop).get("/api/cooperatives/" + coop + "/stream");
        assertThat(other.status()).isEqualTo(404);
        assertThat(other.isProblem()).isTrue();
    }

    @Test
    void anAlarmIsAcknowledgedOnceWithANoteAndTheStreamTellsIt() throws Exception {
        TestHttp mgr = manager(coop);
        ok(mgr.post("/api/devices", "{\"id\":\"veg1-batt\",\"plot\":\"veg1\",\"kind\":\"soil_moisture\"}"));
        JsonNode rule = mgr.post(
                        "/api/alarm-rules",
                        "{\"plot\":\"veg1\",\"kind\":\"BATTERY_LOW\",\"params\":{\"threshold\":20}}")
                .json();
        try (var stream =
                new SseClient(port, "/api/cooperatives/" + coop + "/stream", token(PlatformRole.COOP_MANAGER, coop))) {
            publishReadings(new Reading("veg1-batt", BATTERY, Instant.now().truncatedTo(ChronoUnit.MILLIS), 5));
            JsonNode alarm = await("battery alarm")
                    .atMost(WAIT)
                    .until(
                            () -> mgr.get("/api/alarms?state=RAISED&rule="
                                            + rule.get("id").longValue())
                                    .json(),
                            l -> l.size() == 1)
                    .get(0);
            long id = alarm.get("id").longValue();
            String path = "/api/alarms/" + id + "/acknowledgement";
            await("raised alarm on the stream")
                    .atMost(WAIT)
                    .until(() -> stream.named("alarm").stream()
                            .anyMatch(e -> e.data().get("alarmId").longValue() == id
                                    && e.data().get("state").stringValue().equals("RAISED")));

            assertThat(manager("x" + coop).post(path, "{}").status()).isEqualTo(404);
            assertThat(department().post(path, "{}").status()).isEqualTo(403);
            TestHttp.Reply bad = mgr.post(path, "{\"note\":\"x\",\"by\":\"Nguyễn Văn A\"}");
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.isProblem()).isTrue();
            assertThat(bad.json().get("detail").stringValue()).contains("unknown field 'by'");
            assertThat(mgr.post(path, "{\"note\":\"" + "x".repeat(1001) + "\"}").status())
                    .isEqualTo(400);

            TestHttp.Reply ack = as(PlatformRole.COOP_OPERATOR, coop).post(path, "{\"note\":\"thay pin chiều nay\"}");
            assertThat(ack.status()).as(ack.body()).isEqualTo(200);
            assertThat(ack.json().get("acknowledgedBy").stringValue()).isEqualTo("coop_operator@" + coop);
            assertThat(ack.json().get("acknowledgeNote").stringValue()).isEqualTo("thay pin chiều nay");
            assertThat(ack.json().get("acknowledgedAt").isNull()).isFalse();
            assertThat(ack.json().get("state").stringValue())
                    .as("still raised until it clears")
                    .isEqualTo("RAISED");

            TestHttp.Reply again = mgr.post(path, "{\"note\":\"me too\"}");
            assertThat(again.status()).isEqualTo(409);
            assertThat(again.isProblem()).isTrue();

            await("acknowledged alarm on the stream")
                    .atMost(WAIT)
                    .until(() -> stream.named("alarm").stream()
                            .anyMatch(e -> e.data().get("alarmId").longValue() == id
                                    && e.data()
                                            .path("acknowledgedBy")
                                            .asString("")
                                            .equals("coop_operator@" + coop)));

            // history: acknowledged or not
            assertThat(mgr.get("/api/alarms?acknowledged=true&plot=veg1").json())
                    .anySatisfy(a -> assertThat(a.get("id").longValue()).isEqualTo(id));
            assertThat(mgr.get("/api/alarms?acknowledged=false&plot=veg1").json())
                    .noneSatisfy(a -> assertThat(a.get("id").longValue()).isEqualTo(id));
            assertThat(mgr.get("/api/alarms?acknowledged=maybe").status()).isEqualTo(400);

            // and in the audit log, by subject
            await("audit row")
                    .atMost(WAIT)
                    .untilAsserted(() -> assertThat(
                                    mgr.get("/api/audit?limit=1000").json())
                            .anySatisfy(row -> {
                                assertThat(row.get("operation").stringValue())
                                        .isEqualTo("POST /api/alarms/{id}/acknowledgement");
                                assertThat(row.get("subject").stringValue()).isEqualTo("coop_operator@" + coop);
                                assertThat(row.get("status").intValue()).isEqualTo(200);
                            }));
        }
    }

    @Test
    void theOverviewOfTwoHundredPlotsIsReadInAFewQueries() throws Exception {
        String big = coop + "-big";
        ok(department().post("/api/cooperatives", "{\"id\":\"" + big + "\",\"name\":\"HTX lớn\"}"));
        var plots = new ArrayList<Object[]>();
        var devices = new ArrayList<Object[]>();
        for (int i = 0; i < 200; i++) {
            plots.add(new Object[] {big + "-p" + i, big, "Ruộng " + i, i % 2 == 0 ? "rice" : "rau"});
            devices.add(
                    new Object[] {big + "-d" + i, big, big + "-p" + i, i % 2 == 0 ? "WATER_LEVEL" : "SOIL_MOISTURE"});
        }
        // the registry straight into the tables: 400 API calls would only slow the test
        jdbc.batchUpdate("INSERT INTO plot (id, cooperative_id, name, crop, area_ha) VALUES (?, ?, ?, ?, 1)", plots);
        jdbc.batchUpdate("INSERT INTO device (id, cooperative_id, plot_id, kind) VALUES (?, ?, ?, ?)", devices);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        var readings = new ArrayList<Reading>();
        for (int i = 0; i < 200; i++) {
            for (int k = 0; k < 12; k++) {
                readings.add(
                        i % 2 == 0
                                ? new Reading(
                                        big + "-d" + i, WATER_LEVEL, now.minus(5L * k, ChronoUnit.MINUTES), -3.0 - k)
                                : new Reading(
                                        big + "-d" + i, SOIL_MOISTURE, now.minus(5L * k, ChronoUnit.MINUTES), 0.3));
            }
        }
        publishReadings(readings.toArray(Reading[]::new));
        TestHttp dept = department();
        await("all 200 plots with a value")
                .atMost(WAIT)
                .until(
                        () -> dept.get("/api/cooperatives/" + big + "/overview").json(),
                        o -> o.get("plots").size() == 200
                                && java.util.stream.StreamSupport.stream(
                                                o.get("plots").spliterator(), false)
                                        .allMatch(p -> p.hasNonNull("measurement")));
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 10; i++) {
            long t0 = System.nanoTime();
            TestHttp.Reply r = dept.get("/api/cooperatives/" + big + "/overview");
            best = Math.min(best, (System.nanoTime() - t0) / 1_000_000);
            assertThat(r.status()).isEqualTo(200);
        }
        System.out.printf("dashboard overview of 200 plots: best of 10 round trips %d ms%n", best);
        // the goal is 100 ms of server time (bench/ measures it); here the bound only catches a per-plot query
        assertThat(best).isLessThan(1000);
    }

    /** A gateway that applies every command it is sent, as the edge agent does. */
    private MqttClient standInGateway() throws MqttException {
        var gateway = new MqttClient(LocalServices.mqttUrl(), "gw-standin-" + RUN, new MemoryPersistence());
        gateway.setCallback(new MqttCallback() {
            public void messageArrived(String topic, MqttMessage m) throws MqttException {
                var request = GatewayRequestCodec.decode(m.getPayload());
                var ack = new GatewayAck(request.requestId(), GatewayAck.Result.APPLIED, "", Instant.now());
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
        return gateway;
    }
}

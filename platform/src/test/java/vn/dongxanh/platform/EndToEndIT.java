package vn.dongxanh.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dongxanh.contract.Json;
import vn.dongxanh.contract.identity.PlatformRole;
import vn.dongxanh.contract.identity.TokenClaims;
import vn.dongxanh.contract.telemetry.Metric;
import vn.dongxanh.contract.telemetry.Reading;
import vn.dongxanh.contract.telemetry.TelemetryCodec;
import vn.dongxanh.contract.topic.Topic;
import vn.dongxanh.contract.uplink.UplinkBatch;
import vn.dongxanh.contract.uplink.UplinkCodec;
import vn.dongxanh.devkit.FreePorts;
import vn.dongxanh.devkit.LocalServices;
import vn.dongxanh.devkit.MqttListener;
import vn.dongxanh.devkit.Retained;
import vn.dongxanh.devkit.TokenIssuer;

/**
 * The walking skeleton over real parts, each the packaged jar of its module: firmware-sim
 * devices → MQTT broker → edge-agent → MQTT broker → ingest-service → PostgreSQL.
 */
class EndToEndIT {
    private static final Path HOME = Path.of(System.getProperty("dx.home"));
    private static final UplinkCodec UPLINK = new UplinkCodec(new TelemetryCodec());

    @TempDir
    Path work;

    private final List<AutoCloseable> closeAfter = new ArrayList<>();
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final HttpClient http = HttpClient.newHttpClient();
    /** The OpenID Connect issuer ingest-service trusts here (a stand-in: discovery + JWKS). */
    private final TokenIssuer issuer = TokenIssuer.start();
    /** The cooperative's manager: registers the valve and opens it. */
    private String manager;

    @AfterEach
    void stopAll() throws Exception {
        for (int i = closeAfter.size() - 1; i >= 0; i--) closeAfter.get(i).close();
    }

    private record Row(String device, String metric, long timeMillis, double value) {}

    @Test
    void everySimulatedReadingIsStoredOnceDuplicatesAndGarbageAreNot() throws Exception {
        String broker = LocalServices.mqttUrl();
        var db = LocalServices.freshDatabase("e2e");
        closeAfter.add(db);
        Path logs = Files.createDirectories(work.resolve("logs"));
        int port = FreePorts.tcp();
        int managementPort = FreePorts.tcp();
        closeAfter.add(issuer);
        // A cooperative of this run only, and ingest listening to it only: other gateways on the
        // machine's broker (other runs, other tests) forward every device they hear, ours too.
        String coop = "htx-e2e-" + run;
        String gateway = "gw-" + run;

        var ingest = Child.start(
                "ingest-service",
                HOME.resolve("ingest-service/target/ingest-service.jar"),
                List.of(),
                Map.of(
                        "DX_INGEST_PORT",
                        Integer.toString(port),
                        "DX_INGEST_MANAGEMENT_PORT",
                        Integer.toString(managementPort),
                        "DX_INGEST_OIDC_ISSUER_URI",
                        issuer.issuerUri(),
                        "DX_MQTT_URL",
                        broker,
                        // a group and a short-lived session of its own: the machine's broker may hold
                        // sessions of earlier runs, and must not keep this one queueing after the test
                        "DX_MQTT_SHARE_GROUP",
                        "e2e-" + run,
                        "DX_INGEST_MQTT_SESSIONEXPIRY",
                        "30s",
                        "DX_INGEST_MQTT_TOPICFILTER",
                        "dx/v1/coop/" + coop + "/gw/+/telemetry",
                        "DX_INGEST_DB_URL",
                        db.jdbcUrl(),
                        "DX_INGEST_DB_USER",
                        db.user(),
                        "DX_INGEST_DB_PASSWORD",
                        db.password()),
                logs);
        closeAfter.add(ingest);
        awaitHealthy(ingest, port);

        var leftovers = new ArrayList<String>(List.of(new Topic.GatewayState(coop, gateway).path()));
        for (String plot : List.of("e" + run + "a", "e" + run + "b")) {
            for (String kind : List.of("wl", "sm", "rain", "flow", "valve")) {
                leftovers.add(new Topic.DeviceState(plot + "-" + kind).path());
            }
        }
        closeAfter.add(() -> Retained.clear(broker, leftovers)); // runs last: after every part stopped

        var uplink = new CopyOnWriteArrayList<byte[]>();
        var cloud = subscriber(broker, new Topic.GatewayTelemetry(coop, gateway).path(), uplink);

        Path edgeConfig = work.resolve("edge.yaml");
        Files.writeString(edgeConfig, """
                gateway: %s
                cooperative: %s
                field-broker: %s
                cloud-broker: %s
                field-session-expiry: 30s
                outbox:
                  path: %s
                  linger: 200ms
                plots:
                  - id: e%s
                    crop: rice
                    area-ha: 1.5
                    sowing-date: %s
                    water-level: e%s-wl
                    valve: e%s-valve
                    valve-flow-lpm: 12000
                """.formatted(
                gateway,
                coop,
                broker,
                broker,
                work.resolve("outbox.db"),
                run + "a",
                // in the pre-harvest drain: the gateway itself never opens this valve
                java.time.LocalDate.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh")).minusDays(95),
                run + "a",
                run + "a"));
        var edge = Child.start(
                "edge-agent",
                HOME.resolve("edge-agent/target/edge-agent.jar"),
                List.of("--config", edgeConfig.toString()),
                Map.of(),
                logs);
        closeAfter.add(edge);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Files.readString(edge.log()).contains("running"));

        // Plot ids unique to this run, so devices of other runs on the same broker do not mix in.
        Path record = work.resolve("sent.jsonl");
        String plots = "e" + run + "a:rice:1.5,e" + run + "b:vegetable:0.8";
        var sim = Child.start(
                "firmware-sim",
                HOME.resolve("firmware-sim/target/firmware-sim.jar"),
                List.of(
                        "--broker",
                        broker,
                        "--plots",
                        plots,
                        "--interval",
                        "300ms",
                        "--speed",
                        "600",
                        "--duration",
                        "8s",
                        "--record",
                        record.toString()),
                Map.of(),
                logs);
        closeAfter.add(sim);
        // The cooperative opens a valve from the cloud: ingest → broker → edge agent (checks its
        // limits) → the simulated valve, and the answers travel back the same way.
        String valve = "e" + run + "a-valve";
        manager = issuer.tokenFor("manager", coop, PlatformRole.COOP_MANAGER, TokenClaims.INGEST_AUDIENCE);
        String department =
                issuer.tokenFor("officer", "so-nnptnt", PlatformRole.DEPARTMENT_OFFICER, TokenClaims.INGEST_AUDIENCE);
        // only a valve registered to the manager's cooperative takes its commands
        assertThat(post(port, "/api/cooperatives", "{\"id\":\"%s\",\"name\":\"HTX e2e\"}".formatted(coop), department))
                .isEqualTo(201);
        assertThat(post(
                        port,
                        "/api/devices",
                        "{\"id\":\"%s\",\"cooperative\":\"%s\",\"kind\":\"valve\"}".formatted(valve, coop),
                        manager))
                .isEqualTo(201);
        String commandId = await().atMost(Duration.ofSeconds(20))
                .until(() -> postCommand(port, coop, gateway, valve), id -> id != null);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> commandState(port, commandId).equals("APPLIED"));
        await().atMost(Duration.ofSeconds(60)).until(() -> !sim.alive());

        List<Row> sent = readRecord(record);
        assertThat(sent).as("readings the simulator published").hasSizeGreaterThan(50);
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> storedRows(db.jdbcUrl(), "e" + run).size() >= sent.size());
        List<Row> stored = storedRows(db.jdbcUrl(), "e" + run);
        assertThat(stored)
                .as("each sent reading stored exactly once, same value and time")
                .containsExactlyInAnyOrderElementsOf(sent);

        // A batch delivered again (as after a lost PUBACK) changes nothing.
        assertThat(uplink).isNotEmpty();
        double duplicatesBefore = metric(managementPort, "dx_ingest_messages_total", "outcome=\"duplicate\"");
        cloud.publish(new Topic.GatewayTelemetry(coop, gateway).path(), uplink.getFirst());
        await().atMost(Duration.ofSeconds(20))
                .until(() ->
                        metric(managementPort, "dx_ingest_messages_total", "outcome=\"duplicate\"") > duplicatesBefore);
        assertThat(storedRows(db.jdbcUrl(), "e" + run)).hasSameSizeAs(sent);

        // Garbage between two good batches: refused, counted, logged, and the good ones stored.
        String probe = "gw-probe-" + run;
        String topic = new Topic.GatewayTelemetry(coop, probe).path();
        String device = "q" + run + "-wl";
        Instant t = Instant.now().minusSeconds(5);
        var before = new Reading(device, Metric.WATER_LEVEL, t, -7.25);
        var after = new Reading(device, Metric.WATER_LEVEL, t.plusSeconds(1), -7.5);
        double rejectedBefore = metric(managementPort, "dx_ingest_rejected_total", "");
        cloud.publish(topic, UPLINK.encode(new UplinkBatch(coop, probe, 1, Instant.now(), List.of(before))));
        cloud.publish(
                topic,
                ("{\"v\":1,\"coop\":\"" + coop + "\",\"seq\":2,\"senml\":[{\"n\":\"x\"}]}")
                        .getBytes(StandardCharsets.UTF_8));
        cloud.publish(topic, UPLINK.encode(new UplinkBatch(coop, probe, 3, Instant.now(), List.of(after))));
        await().atMost(Duration.ofSeconds(20))
                .until(() -> storedRows(db.jdbcUrl(), "q" + run).size() == 2);
        assertThat(storedRows(db.jdbcUrl(), "q" + run))
                .containsExactlyInAnyOrder(
                        new Row(device, "water_level", t.toEpochMilli(), -7.25),
                        new Row(device, "water_level", t.plusSeconds(1).toEpochMilli(), -7.5));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> metric(managementPort, "dx_ingest_rejected_total", "") >= rejectedBefore + 1);
        assertThat(Files.readString(ingest.log())).containsPattern("(?i)WARN.*reject.*" + Pattern.quote(topic));
        try (var c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
                var s = c.createStatement();
                var rs = s.executeQuery("select count(*) from rejected_message where topic = '" + topic + "'")) {
            rs.next();
            assertThat(rs.getInt(1)).isEqualTo(1);
        }
    }

    /** POSTs an OPEN command; null until the gateway is there to take it (ingest answers 202 anyway). */
    private String postCommand(int port, String coop, String gateway, String valve) throws Exception {
        var body =
                "{\"cooperative\":\"%s\",\"gateway\":\"%s\",\"device\":\"%s\",\"action\":\"OPEN\",\"runSeconds\":60,\"ttlSeconds\":5}"
                        .formatted(coop, gateway, valve);
        var response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/commands"))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + manager)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(202);
        String id = Json.MAPPER.readTree(response.body()).path("id").stringValue();
        // a command the agent received before it had read back the valve may be refused: try again
        await().atMost(Duration.ofSeconds(15))
                .until(() -> !List.of("PENDING", "SENT").contains(commandState(port, id)));
        return commandState(port, id).equals("APPLIED") ? id : null;
    }

    private String commandState(int port, String id) throws Exception {
        var response = http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/commands/" + id))
                        .header("Authorization", "Bearer " + manager)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return Json.MAPPER.readTree(response.body()).path("state").stringValue();
    }

    private static List<Row> readRecord(Path file) throws Exception {
        var rows = new ArrayList<Row>();
        for (String line : Files.readAllLines(file)) {
            if (line.isBlank()) continue;
            var n = Json.MAPPER.readTree(line);
            rows.add(new Row(
                    n.get("dev").stringValue(),
                    n.get("metric").stringValue(),
                    n.get("t").longValue(),
                    n.get("v").doubleValue()));
        }
        return rows;
    }

    private static List<Row> storedRows(String jdbcUrl, String devicePrefix) throws Exception {
        var rows = new ArrayList<Row>();
        try (var c = DriverManager.getConnection(jdbcUrl, "postgres", "");
                var ps = c.prepareStatement("""
                        select s.device_id, s.metric, r.time, r.value
                        from reading r join series s on s.id = r.series_id
                        where s.device_id like ?""")) {
            ps.setString(1, devicePrefix + "%");
            try (var rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(new Row(
                            rs.getString(1), rs.getString(2), rs.getTimestamp(3).getTime(), rs.getDouble(4)));
                }
            }
        }
        return rows;
    }

    private int post(int port, String path, String json, String token) throws Exception {
        return http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                                .header("Content-Type", "application/json")
                                .header("Authorization", "Bearer " + token)
                                .POST(HttpRequest.BodyPublishers.ofString(json))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    /** A counter from ingest-service's Prometheus endpoint, on its management port. */
    private double metric(int port, String name, String label) throws Exception {
        String body = http.send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
        double sum = 0;
        Matcher m =
                Pattern.compile("(?m)^" + name + "(\\{[^}]*})? ([0-9.eE+-]+)$").matcher(body);
        while (m.find()) {
            if (label.isEmpty() || (m.group(1) != null && m.group(1).contains(label))) {
                sum += Double.parseDouble(m.group(2));
            }
        }
        return sum;
    }

    private void awaitHealthy(Child child, int port) {
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    assertThat(child.alive())
                            .as(child.name() + " died:\n" + child.tail(40))
                            .isTrue();
                    try {
                        var r = http.send(
                                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                        return r.statusCode() == 200 && r.body().contains("\"UP\"");
                    } catch (java.io.IOException e) {
                        return false;
                    }
                });
    }

    private MqttListener subscriber(String broker, String topic, List<byte[]> into) {
        var listener = MqttListener.listen(
                broker,
                "e2e-" + run,
                (t, m) -> {
                    if (t.equals(topic)) into.add(m.getPayload());
                },
                topic);
        closeAfter.add(listener);
        return listener;
    }
}

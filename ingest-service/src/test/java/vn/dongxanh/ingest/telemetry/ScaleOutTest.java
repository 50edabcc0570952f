package vn.dongxanh.ingest.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dongxanh.contract.telemetry.Metric;
import vn.dongxanh.contract.telemetry.Reading;
import vn.dongxanh.contract.telemetry.TelemetryCodec;
import vn.dongxanh.contract.topic.Topic;
import vn.dongxanh.contract.uplink.UplinkBatch;
import vn.dongxanh.contract.uplink.UplinkCodec;
import vn.dongxanh.devkit.FreePorts;
import vn.dongxanh.devkit.LocalServices;
import vn.dongxanh.ingest.IngestApplication;

/**
 * Two ingest instances, each a JVM process of its own, share the telemetry subscription on the local
 * broker and one database. A steady stream of uplink batches is split between them; one is killed
 * ({@code kill -9}) mid-stream and the stream goes on. At the end every reading is in the database
 * exactly once.
 *
 * <p>How the broker treats the dead member decides what "goes on" needs. Mosquitto 2.0 (checked by hand
 * on this machine with two {@code mosquitto_sub -c} members of one share group, one killed with
 * SIGKILL) keeps dealing the group's messages round-robin to the dead member's persistent session while
 * it is unexpired, and delivers them — with what was in flight and unacknowledged — only when a client
 * with the same id connects again; when the session expires they are gone. It does not hand them to
 * the surviving member. So, as an orchestrator would, the test restarts the killed instance with the
 * same client id (within the session expiry), and that drains its session. The test measures and logs
 * how many batches were missing while the instance was down (on Mosquitto about half of those published
 * meanwhile; on a broker that redistributes, none). Duplicates — batches committed but not acked when
 * the process died, redelivered — are dropped by the uplink ledger, which the exact count checks.
 */
class ScaleOutTest {
    private static final Logger log = LoggerFactory.getLogger(ScaleOutTest.class);
    private static final UplinkCodec CODEC = new UplinkCodec(new TelemetryCodec());
    private static final int GATEWAYS = 30;
    private static final int BATCHES = 3000;
    private static final int READINGS_PER_BATCH = 10;
    /** Steady rate of the stream: one batch every this many ms (≈ 60 batches/s, 50 s in all). */
    private static final long EVERY_MS = 16;

    private static final int KILL_AT = 1000;
    /** Batches published as fast as possible just before the kill. */
    private static final int BURST = 200;
    /** Batches published while the killed instance is down, before it is restarted. */
    private static final int DOWN_FOR = 300;

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Pattern STORED =
            Pattern.compile("(?m)^dx_ingest_messages_total\\{[^}]*outcome=\"stored\"[^}]*}\\s+(\\S+)");
    private static final Pattern DUPLICATE =
            Pattern.compile("(?m)^dx_ingest_messages_total\\{[^}]*outcome=\"duplicate\"[^}]*}\\s+(\\S+)");

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String run = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
    private final String coop = "so" + run;
    private final String group = "ingest-so-" + run;
    private final String brokerUrl = LocalServices.mqttUrl();
    private final List<Instance> instances = new ArrayList<>();
    private LocalServices.TestDatabase db;

    /** One ingest JVM. */
    private final class Instance {
        final String name;
        final String clientId;
        final int port;
        /** Metrics are on the management port (loopback), not on the API port. */
        final int managementPort;

        final Process process;
        final Path logFile;

        Instance(String name, String clientId, String jdbcUrl, int generation) throws IOException {
            this.name = name;
            this.clientId = clientId;
            this.port = FreePorts.tcp();
            this.managementPort = FreePorts.tcp();
            Path dir = Path.of("target", "scale-out");
            Files.createDirectories(dir);
            this.logFile = dir.resolve(run + "-" + name + "-" + generation + ".log");
            String java = ProcessHandle.current()
                    .info()
                    .command()
                    .orElse(Path.of(System.getProperty("java.home"), "bin", "java")
                            .toString());
            var command = List.of(
                    java,
                    "-Xmx256m",
                    "-XX:+UseSerialGC",
                    "-XX:TieredStopAtLevel=1",
                    "-cp",
                    System.getProperty("java.class.path"),
                    IngestApplication.class.getName(),
                    "--server.port=" + port,
                    "--management.server.port=" + managementPort,
                    "--spring.datasource.url=" + jdbcUrl,
                    "--spring.datasource.username=" + db.user(),
                    "--spring.datasource.password=" + db.password(),
                    "--dx.ingest.mqtt.url=" + brokerUrl,
                    "--dx.ingest.mqtt.client-id=" + clientId,
                    "--dx.ingest.mqtt.share-group=" + group,
                    "--dx.ingest.mqtt.topic-filter=dx/v1/coop/" + coop + "/gw/+/telemetry",
                    "--dx.ingest.mqtt.events-filter=dx/v1/coop/" + coop + "/gw/+/events",
                    "--dx.ingest.mqtt.state-filter=dx/v1/coop/" + coop + "/gw/+/state",
                    // long enough for a restart, short enough not to linger on a shared broker
                    "--dx.ingest.mqtt.session-expiry=120s",
                    "--dx.ingest.commands.enabled=false",
                    "--spring.main.banner-mode=off");
            this.process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile())
                    .start();
            instances.add(this);
        }

        String base() {
            return "http://127.0.0.1:" + port;
        }

        boolean up() {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "instance " + name + " exited (" + process.exitValue() + "); see " + logFile.toAbsolutePath());
            }
            try {
                HttpResponse<String> r = http.send(
                        HttpRequest.newBuilder(URI.create(base() + "/actuator/health"))
                                .timeout(Duration.ofSeconds(5))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                return r.statusCode() == 200 && r.body().contains("\"UP\"");
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        double stored() {
            return metric(STORED);
        }

        double duplicates() {
            return metric(DUPLICATE);
        }

        private double metric(Pattern p) {
            try {
                String body = http.send(
                                HttpRequest.newBuilder(URI.create(
                                                "http://127.0.0.1:" + managementPort + "/actuator/prometheus"))
                                        .timeout(Duration.ofSeconds(5))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .body();
                Matcher m = p.matcher(body);
                return m.find() ? Double.parseDouble(m.group(1)) : 0;
            } catch (IOException e) {
                throw new IllegalStateException("cannot scrape " + name + ": " + e.getMessage(), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        void kill() throws InterruptedException {
            process.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, no MQTT DISCONNECT
        }

        void stop() throws InterruptedException {
            if (!process.isAlive()) return;
            process.destroy();
            if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS))
                process.destroyForcibly().waitFor();
        }
    }

    @Test
    void twoInstancesSplitTheStreamAndLoseOrDuplicateNothingWhenOneIsKilled() throws Exception {
        String clientA = "ingest-so-a-" + run;
        String clientB = "ingest-so-b-" + run;
        MqttClient publisher = null;
        try (var database = LocalServices.freshDatabase("ingest_scale")) {
            db = database;
            try {
                Instance a = new Instance("a", clientA, db.jdbcUrl(), 1);
                Instance b = new Instance("b", clientB, db.jdbcUrl(), 1);
                await("both instances up")
                        .atMost(START_TIMEOUT)
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> a.up() && b.up());

                publisher = new MqttClient(brokerUrl, "ingest-so-pub-" + run, new MemoryPersistence());
                var options = new MqttConnectionOptions();
                options.setCleanStart(true);
                publisher.connect(options);

                Instant base = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
                long start = System.nanoTime();
                long next = start;
                Instance restarted = null;
                CompletableFuture<String> whileDown = CompletableFuture.completedFuture("not measured");
                double bBeforeBurst = 0;
                for (int i = 0; i < BATCHES; i++) {
                    boolean burst = i >= KILL_AT - BURST && i < KILL_AT;
                    long wait = next - System.nanoTime();
                    if (wait > 0 && !burst) Thread.sleep(Duration.ofNanos(wait));
                    next += Duration.ofMillis(EVERY_MS).toNanos();
                    publish(publisher, batch(base, i));

                    if (i == KILL_AT - BURST - 1) {
                        // the load is split: both have stored batches
                        await("both instances storing")
                                .atMost(Duration.ofSeconds(30))
                                .until(() -> a.stored() > 0 && b.stored() > 0);
                        bBeforeBurst = b.stored();
                        log.info("before the burst and the kill: a stored {}, b stored {}", a.stored(), bBeforeBurst);
                    }
                    if (i == KILL_AT - 1) {
                        // right after a burst, so that b dies with batches received and not yet committed
                        // (or committed and not yet acked)
                        b.kill();
                        log.info("killed instance b (kill -9) after batch {}", i);
                        next = System.nanoTime(); // steady again from here, no burst to catch up
                    }
                    if (i == KILL_AT + DOWN_FOR - 1) {
                        // as an orchestrator would: the same instance (same client id) comes back
                        Instance b2 = new Instance("b", clientB, db.jdbcUrl(), 2);
                        restarted = b2;
                        // measured aside (the stream goes on) once a has had time to store its share,
                        // long before b is up again
                        whileDown = CompletableFuture.supplyAsync(() -> missingWhileDown(b2));
                    }
                }
                log.info(
                        "published {} batches in {} ms",
                        BATCHES,
                        Duration.ofNanos(System.nanoTime() - start).toMillis());
                log.info("while b was down: {}", whileDown.get());

                Instance b2 = restarted;
                await("restarted instance up")
                        .atMost(START_TIMEOUT)
                        .pollInterval(Duration.ofMillis(500))
                        .until(b2::up);
                long expected = (long) BATCHES * READINGS_PER_BATCH;
                await("every reading stored")
                        .atMost(Duration.ofSeconds(90))
                        .pollInterval(Duration.ofMillis(500))
                        .until(() -> count("SELECT count(*) FROM reading") >= expected);
                // let redeliveries still on their way arrive: they must not add a row
                Thread.sleep(Duration.ofSeconds(2));

                log.info(
                        "after: a stored {} (duplicates {}), restarted b stored {} (duplicates {})",
                        a.stored(),
                        a.duplicates(),
                        b2.stored(),
                        b2.duplicates());
                // every batch was stored once by one of the three lives: what a and the restarted b did not
                // store, b stored before it died — at least what it had before the burst, at most that plus
                // the burst (the rest of its share of the burst died in flight and came back to b's session)
                double bFirstLife = BATCHES - a.stored() - b2.stored();
                log.info(
                        "so b stored {} before the kill, {} of them during the burst of {}",
                        bFirstLife,
                        bFirstLife - bBeforeBurst,
                        BURST);
                assertThat(bFirstLife).isBetween(bBeforeBurst, bBeforeBurst + BURST);
                assertThat(count("SELECT count(*) FROM uplink_batch")).isEqualTo(BATCHES);
                assertThat(count("SELECT count(*) FROM reading"))
                        .as("no reading twice")
                        .isEqualTo(expected);
                assertThat(keys()).as("every reading, exactly the ones sent").isEqualTo(expectedKeys(base));
                assertThat(count("SELECT count(*) FROM rejected_message")).isZero();
            } finally {
                for (Instance in : instances) in.stop();
                if (publisher != null) {
                    publisher.disconnect();
                    publisher.close();
                }
                dropSessions(clientA, clientB);
            }
        }
    }

    private UplinkBatch batch(Instant base, int i) {
        int gw = i % GATEWAYS;
        long seq = i / GATEWAYS + 1;
        var readings = new ArrayList<Reading>(READINGS_PER_BATCH);
        for (int k = 0; k < READINGS_PER_BATCH; k++) {
            readings.add(new Reading(device(gw, k), Metric.WATER_LEVEL, base.plusSeconds(seq), seq + k / 10.0));
        }
        return new UplinkBatch(coop, gateway(gw), seq, Instant.now(), readings);
    }

    private static String gateway(int gw) {
        return "gw-%02d".formatted(gw);
    }

    private static String device(int gw, int k) {
        return "d%02d-%d".formatted(gw, k);
    }

    private Set<String> expectedKeys(Instant base) {
        var keys = new HashSet<String>();
        for (int i = 0; i < BATCHES; i++) {
            long seq = i / GATEWAYS + 1;
            for (int k = 0; k < READINGS_PER_BATCH; k++) {
                keys.add(device(i % GATEWAYS, k) + "@" + base.plusSeconds(seq).toEpochMilli());
            }
        }
        return keys;
    }

    private void publish(MqttClient publisher, UplinkBatch batch) throws MqttException, InterruptedException {
        var message = new MqttMessage(CODEC.encode(batch));
        message.setQos(1);
        String topic = new Topic.GatewayTelemetry(coop, batch.gatewayId()).path();
        for (int attempt = 1; ; attempt++) {
            try {
                publisher.publish(topic, message);
                return;
            } catch (MqttException e) {
                // Paho may count a publish as in flight a moment after its PUBACK has released publish()
                if (e.getReasonCode() != MqttClientException.REASON_CODE_MAX_INFLIGHT || attempt == 100) throw e;
                Thread.sleep(10);
            }
        }
    }

    /**
     * How many of the batches published while b was down were still not stored two seconds later (a had
     * stored its share by then): those the broker holds for b.
     */
    private String missingWhileDown(Instance restarted) {
        try {
            Thread.sleep(Duration.ofSeconds(2));
            var sent = new HashSet<String>();
            for (int i = KILL_AT; i < KILL_AT + DOWN_FOR; i++)
                sent.add(gateway(i % GATEWAYS) + "#" + (i / GATEWAYS + 1));
            boolean bUp = restarted.up();
            try (Connection c = connect();
                    Statement st = c.createStatement();
                    ResultSet rs = st.executeQuery("SELECT gateway_id, seq FROM uplink_batch")) {
                while (rs.next()) sent.remove(rs.getString(1) + "#" + rs.getLong(2));
            }
            return sent.size() + " of the " + DOWN_FOR + " batches published were not stored (held for b)"
                    + (bUp ? ", but b was already up again" : "");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (SQLException e) {
            return "could not count: " + e.getMessage();
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection c = connect();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private Set<String> keys() throws SQLException {
        var keys = new HashSet<String>();
        try (Connection c = connect();
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT s.device_id, r.time FROM reading r JOIN series s ON s.id = r.series_id")) {
            while (rs.next()) {
                keys.add(rs.getString(1) + "@" + rs.getTimestamp(2).toInstant().toEpochMilli());
            }
        }
        return keys;
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
    }

    /** Ends the instances' broker sessions (clean start, no expiry), so nothing is queued for them later. */
    private void dropSessions(String... clientIds) {
        for (String id : clientIds) {
            try {
                var c = new MqttClient(brokerUrl, id, new MemoryPersistence());
                var o = new MqttConnectionOptions();
                o.setCleanStart(true);
                o.setSessionExpiryInterval(0L);
                c.connect(o);
                c.disconnect();
                c.close();
            } catch (MqttException e) {
                log.warn("could not drop the session of {}: {}", id, e.getMessage());
            }
        }
    }
}

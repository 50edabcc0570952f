package vn.dongxanh.ingest.alarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.dongxanh.contract.telemetry.Metric.BATTERY;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.dongxanh.contract.telemetry.Reading;
import vn.dongxanh.ingest.IngestApplication;
import vn.dongxanh.ingest.IngestTestSupport;
import vn.dongxanh.ingest.TestHttp;

/**
 * Webhook delivery of raised and cleared alarms to a real HTTP receiver on a free loopback port: a
 * receiver that fails (500) gets the same delivery again with backoff until it accepts it, attempts are
 * visible in the API, a clear never overtakes its raise, and the outbox survives a dead sender: another
 * instance started on the same database delivers what the first one had queued.
 */
class AlarmWebhookTest extends IngestTestSupport {
    private static final String SECRET = "s3cret-" + System.nanoTime();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicLong SEQ = new AtomicLong();

    /** One request the receiver got, and what it answered. */
    record Received(long delivery, String event, int attempt, String signature, String body, int answered) {
        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    private static HttpServer receiver;
    private static final List<Received> received = new CopyOnWriteArrayList<>();
    /** False: the receiver answers 500 (it is "down"); true: 204. */
    private static volatile boolean accept;

    @DynamicPropertySource
    static void webhook(DynamicPropertyRegistry registry) {
        receiver = startReceiver();
        registry.add("dx.ingest.alarms.webhook-url", AlarmWebhookTest::url);
        registry.add("dx.ingest.alarms.webhook-secret", () -> SECRET);
        registry.add("dx.ingest.alarms.retry-backoff", () -> "200ms");
        registry.add("dx.ingest.alarms.max-retry-backoff", () -> "400ms");
        registry.add("dx.ingest.alarms.delivery-poll-every", () -> "100ms");
        registry.add("dx.ingest.alarms.evaluate-every", () -> "300ms");
        registry.add("dx.ingest.alarms.after-batch-delay", () -> "100ms");
    }

    private static String url() {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    }

    private static HttpServer startReceiver() {
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            s.createContext("/hook", exchange -> {
                byte[] body = exchange.getRequestBody().readAllBytes();
                int status = accept ? 204 : 500;
                var h = exchange.getRequestHeaders();
                received.add(new Received(
                        Long.parseLong(h.getFirst("X-DX-Delivery")),
                        h.getFirst("X-DX-Event"),
                        Integer.parseInt(h.getFirst("X-DX-Attempt")),
                        h.getFirst("X-DX-Signature"),
                        new String(body, StandardCharsets.UTF_8),
                        status));
                exchange.sendResponseHeaders(status, -1);
                exchange.close();
            });
            s.start();
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @AfterAll
    static void stopReceiver() {
        if (receiver != null) receiver.stop(0);
    }

    @Autowired
    private WebhookSender sender;

    private TestHttp http;
    private Instant now;

    @BeforeEach
    void client() {
        http = department();
        now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    private JsonNode created(TestHttp.Reply r) {
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    /** A cooperative, plot and battery-powered device, with a BATTERY_LOW rule at 20 %. */
    private JsonNode setUp(String c) {
        created(http.post("/api/cooperatives", "{\"id\":\"" + c + "\",\"name\":\"HTX\"}"));
        TestHttp manager = manager(c);
        created(manager.post(
                "/api/plots", "{\"id\":\"" + c + "-p\",\"cooperative\":\"" + c + "\",\"name\":\"1\",\"areaHa\":1}"));
        created(manager.post("/api/devices", "{\"id\":\"" + c + "-d\",\"plot\":\"" + c + "-p\",\"kind\":\"valve\"}"));
        return created(manager.post(
                "/api/alarm-rules",
                "{\"plot\":\"" + c + "-p\",\"kind\":\"BATTERY_LOW\",\"params\":{\"threshold\":20,\"hysteresis\":5}}"));
    }

    private void battery(String device, Instant at, double percent) throws Exception {
        double stored = messages("stored");
        publish(batch("gw-hook", SEQ.incrementAndGet(), List.of(new Reading(device, BATTERY, at, percent))));
        awaitMessages("stored", stored + 1);
    }

    private JsonNode alarmOf(JsonNode rule, String state) {
        JsonNode list = http.get(
                        "/api/alarms?state=" + state + "&rule=" + rule.get("id").longValue())
                .json();
        return list.isEmpty() ? null : list.get(0);
    }

    private JsonNode awaitAlarm(JsonNode rule, String state) {
        await(state + " alarm").atMost(WAIT).until(() -> alarmOf(rule, state) != null);
        return alarmOf(rule, state);
    }

    private JsonNode detail(long alarmId) {
        return http.get("/api/alarms/" + alarmId).json();
    }

    private List<Received> requestsFor(long delivery) {
        return received.stream().filter(r -> r.delivery() == delivery).toList();
    }

    private static String hmac(String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aFailingReceiverGetsTheSameDeliveryAgainUntilItAcceptsAndAClearNeverOvertakesItsRaise() throws Exception {
        JsonNode rule = setUp("wh-c1");
        accept = false;
        battery("wh-c1-d", now.minusSeconds(30), 10);
        long alarmId = awaitAlarm(rule, "RAISED").get("id").longValue();

        // the receiver answers 500: attempts pile up, visible in the API, the delivery stays pending
        await("failed attempts").atMost(WAIT).until(() -> {
            JsonNode d = detail(alarmId).get("deliveries");
            return d.size() == 1 && d.get(0).get("attempts").intValue() >= 3;
        });
        JsonNode pending = detail(alarmId).get("deliveries").get(0);
        assertThat(pending.get("event").stringValue()).isEqualTo("RAISED");
        assertThat(pending.get("state").stringValue()).isEqualTo("PENDING");
        assertThat(pending.get("lastStatus").intValue()).isEqualTo(500);
        assertThat(pending.get("lastError").stringValue()).isEqualTo("HTTP 500");
        assertThat(pending.get("nextAttemptAt").isNull()).isFalse();
        long raiseDelivery = pending.get("id").longValue();

        // the alarm clears meanwhile; its clear waits behind the raise
        battery("wh-c1-d", now, 60);
        awaitAlarm(rule, "CLEARED");
        await("clear queued")
                .atMost(WAIT)
                .until(() -> detail(alarmId).get("deliveries").size() == 2);
        long clearDelivery = detail(alarmId).get("deliveries").get(1).get("id").longValue();
        int before = requestsFor(raiseDelivery).size();
        await("two more attempts of the raise")
                .atMost(WAIT)
                .until(() -> requestsFor(raiseDelivery).size() >= before + 2);
        assertThat(requestsFor(clearDelivery))
                .as("nothing of the clear is sent while the raise fails")
                .isEmpty();

        accept = true;
        await("both delivered").atMost(WAIT).until(() -> {
            JsonNode d = detail(alarmId).get("deliveries");
            return d.get(0).get("state").stringValue().equals("DELIVERED")
                    && d.get(1).get("state").stringValue().equals("DELIVERED");
        });

        List<Received> raise = requestsFor(raiseDelivery);
        assertThat(raise)
                .extracting(Received::attempt)
                .as("one request per attempt, counted")
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, raise.size())
                        .boxed()
                        .toList());
        assertThat(raise).extracting(Received::answered).last().isEqualTo(204);
        assertThat(raise.subList(0, raise.size() - 1)).allMatch(r -> r.answered() == 500);
        assertThat(raise)
                .extracting(Received::body)
                .as("the same body every time")
                .containsOnly(raise.getFirst().body());
        JsonNode delivered = detail(alarmId).get("deliveries");
        assertThat(delivered.get(0).get("attempts").intValue()).isEqualTo(raise.size());
        assertThat(delivered.get(0).get("lastStatus").intValue()).isEqualTo(204);
        assertThat(delivered.get(0).get("deliveredAt").isNull()).isFalse();
        assertThat(delivered.get(0).get("nextAttemptAt").isNull()).isTrue();

        // the raise was accepted before the clear was first sent
        List<Received> accepted = received.stream()
                .filter(r -> r.answered() == 204 && (r.delivery() == raiseDelivery || r.delivery() == clearDelivery))
                .toList();
        assertThat(accepted).extracting(Received::event).containsExactly("RAISED", "CLEARED");
        assertThat(requestsFor(clearDelivery)).hasSize(1);

        // what the receiver got: signed JSON with the alarm as the API shows it
        Received first = raise.getLast();
        assertThat(first.signature()).isEqualTo(hmac(first.body()));
        JsonNode body = first.json();
        assertThat(body.get("deliveryId").longValue()).isEqualTo(raiseDelivery);
        assertThat(body.get("event").stringValue()).isEqualTo("RAISED");
        JsonNode alarm = body.get("alarm");
        assertThat(alarm.get("id").longValue()).isEqualTo(alarmId);
        assertThat(alarm.get("kind").stringValue()).isEqualTo("BATTERY_LOW");
        assertThat(alarm.get("state").stringValue()).isEqualTo("RAISED");
        assertThat(alarm.get("subject").stringValue()).isEqualTo("wh-c1-d");
        assertThat(alarm.get("plot").stringValue()).isEqualTo("wh-c1-p");
        assertThat(alarm.get("raisedValues").get("percent").doubleValue()).isEqualTo(10.0);
        assertThat(alarm.has("deliveries")).isFalse();
        JsonNode clear = requestsFor(clearDelivery).getFirst().json();
        assertThat(clear.get("event").stringValue()).isEqualTo("CLEARED");
        assertThat(clear.get("alarm").get("state").stringValue()).isEqualTo("CLEARED");
        assertThat(clear.get("alarm").get("clearedValues").get("percent").doubleValue())
                .isEqualTo(60.0);
    }

    @Test
    void deliveriesQueuedByAnInstanceThatStoppedAreSentByAnotherOnTheSameDatabase() throws Exception {
        JsonNode rule = setUp("wh-c2");
        accept = true;
        sender.stop(); // this instance no longer sends: its queued deliveries sit in the outbox
        ConfigurableApplicationContext other = null;
        try {
            battery("wh-c2-d", now.minusSeconds(5), 5);
            long alarmId = awaitAlarm(rule, "RAISED").get("id").longValue();
            await().atMost(WAIT).until(() -> detail(alarmId).get("deliveries").size() == 1);
            Thread.sleep(Duration.ofMillis(600)); // several poll periods: nobody sends it
            JsonNode queued = detail(alarmId).get("deliveries").get(0);
            assertThat(queued.get("state").stringValue()).isEqualTo("PENDING");
            assertThat(queued.get("attempts").intValue()).isZero();
            long delivery = queued.get("id").longValue();
            assertThat(requestsFor(delivery)).isEmpty();

            other = new SpringApplicationBuilder(IngestApplication.class)
                    .run(
                            "--server.port=0",
                            "--spring.datasource.url=" + db.jdbcUrl(),
                            "--spring.datasource.username=" + db.user(),
                            "--spring.datasource.password=" + db.password(),
                            "--dx.ingest.mqtt.enabled=false",
                            "--dx.ingest.commands.enabled=false",
                            "--dx.ingest.alarms.webhook-url=" + url(),
                            "--dx.ingest.alarms.webhook-secret=" + SECRET,
                            "--dx.ingest.alarms.delivery-poll-every=100ms",
                            "--spring.main.banner-mode=off");
            await("delivered by the other instance")
                    .atMost(WAIT)
                    .until(() -> requestsFor(delivery).size() == 1
                            && detail(alarmId)
                                    .get("deliveries")
                                    .get(0)
                                    .get("state")
                                    .stringValue()
                                    .equals("DELIVERED"));
            Received r = requestsFor(delivery).getFirst();
            assertThat(r.attempt()).isEqualTo(1);
            assertThat(r.json().get("alarm").get("id").longValue()).isEqualTo(alarmId);
        } finally {
            if (other != null) other.close();
            sender.start();
        }
    }
}

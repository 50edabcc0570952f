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
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.dongxanh.contract.identity.PlatformRole;
import vn.dongxanh.contract.telemetry.Reading;
import vn.dongxanh.ingest.IngestTestSupport;
import vn.dongxanh.ingest.TestHttp;

/**
 * Per-user alarm notifications: preferences saved and checked, the webhook gets a delivery naming the
 * user who asked (by subject) with a short text, and a flapping sensor reaches that user only as often
 * as the rate limit lets it, while the service-wide delivery still gets every raise and clear.
 */
class NotificationTest extends IngestTestSupport {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final AtomicLong SEQ = new AtomicLong();
    private static final List<JsonNode> received = new CopyOnWriteArrayList<>();
    private static HttpServer receiver;

    @DynamicPropertySource
    static void webhook(DynamicPropertyRegistry registry) {
        receiver = startReceiver();
        registry.add(
                "dx.ingest.alarms.webhook-url",
                () -> "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook");
        registry.add("dx.ingest.alarms.delivery-poll-every", () -> "100ms");
        registry.add("dx.ingest.alarms.evaluate-every", () -> "300ms");
        registry.add("dx.ingest.alarms.after-batch-delay", () -> "100ms");
        registry.add("dx.ingest.alarms.notifications.max-per-window", () -> "2");
        registry.add("dx.ingest.alarms.notifications.window", () -> "1h");
    }

    private static HttpServer startReceiver() {
        try {
            HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            s.createContext("/hook", exchange -> {
                received.add(
                        JSON.readTree(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
                exchange.sendResponseHeaders(204, -1);
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

    private static void ok(TestHttp.Reply r) {
        assertThat(r.status()).as(r.body()).isBetween(200, 299);
    }

    private static List<JsonNode> forRecipient(String subject) {
        return received.stream()
                .filter(j -> j.path("recipient").path("subject").asString("").equals(subject))
                .toList();
    }

    @Test
    void aFlappingSensorReachesAUserOnlyAsOftenAsTheRateLimitLetsIt() throws Exception {
        ok(department().post("/api/cooperatives", "{\"id\":\"" + coop + "\",\"name\":\"HTX\"}"));
        ok(department().post("/api/cooperatives", "{\"id\":\"x" + coop + "\",\"name\":\"HTX khác\"}"));
        TestHttp mgr = manager(coop);
        ok(mgr.post(
                "/api/plots", "{\"id\":\"nt-veg\",\"cooperative\":\"" + coop + "\",\"name\":\"Rau\",\"areaHa\":0.1}"));
        ok(manager("x" + coop)
                .post(
                        "/api/plots",
                        "{\"id\":\"nt-other\",\"cooperative\":\"x" + coop + "\",\"name\":\"B\",\"areaHa\":1}"));
        ok(mgr.post("/api/devices", "{\"id\":\"nt-sm\",\"plot\":\"nt-veg\",\"kind\":\"soil_moisture\"}"));
        JsonNode rule = mgr.post(
                        "/api/alarm-rules",
                        "{\"plot\":\"nt-veg\",\"kind\":\"BATTERY_LOW\",\"params\":{\"threshold\":20,\"hysteresis\":5}}")
                .json();

        // nothing saved yet: both channels off, the limit shown
        JsonNode fresh = mgr.get("/api/me/alarm-notifications").json();
        assertThat(fresh.get("webhook").booleanValue()).isFalse();
        assertThat(fresh.get("rateLimit").get("max").intValue()).isEqualTo(2);
        assertThat(fresh.get("rateLimit").get("windowSeconds").longValue()).isEqualTo(3600);

        // bad choices are refused naming the cause
        TestHttp.Reply badKind = mgr.put(
                "/api/me/alarm-notifications", "{\"kinds\":[\"FIRE\"],\"plots\":[],\"browser\":true,\"webhook\":true}");
        assertThat(badKind.status()).isEqualTo(400);
        assertThat(badKind.isProblem()).isTrue();
        assertThat(badKind.json().get("detail").stringValue()).contains("FIRE");
        TestHttp.Reply otherPlot = mgr.put(
                "/api/me/alarm-notifications",
                "{\"kinds\":[],\"plots\":[\"nt-other\"],\"browser\":true,\"webhook\":true}");
        assertThat(otherPlot.status()).isEqualTo(400);
        assertThat(otherPlot.json().get("detail").stringValue()).contains("nt-other");
        assertThat(department().get("/api/me/alarm-notifications").status()).isEqualTo(403);

        // the manager wants battery alarms of the plot by webhook; the operator only silent devices
        TestHttp.Reply saved = mgr.put(
                "/api/me/alarm-notifications",
                "{\"kinds\":[\"BATTERY_LOW\"],\"plots\":[\"nt-veg\"],\"browser\":true,\"webhook\":true}");
        assertThat(saved.status()).as(saved.body()).isEqualTo(200);
        assertThat(mgr.get("/api/me/alarm-notifications")
                        .json()
                        .get("kinds")
                        .get(0)
                        .stringValue())
                .isEqualTo("BATTERY_LOW");
        ok(as(PlatformRole.COOP_OPERATOR, coop)
                .put(
                        "/api/me/alarm-notifications",
                        "{\"kinds\":[\"NO_DATA\"],\"plots\":[],\"browser\":false,\"webhook\":true}"));

        // the battery flaps three times: raised, cleared, raised, cleared, raised, cleared
        long ruleId = rule.get("id").longValue();
        Instant cleared = Instant.EPOCH;
        for (int i = 1; i <= 3; i++) {
            // each low reading after the last clearing one (which is 500 ms ahead of its own): on a quiet
            // machine a loop turns faster than that, and an older reading does not raise anything
            Instant t = Instant.now().truncatedTo(ChronoUnit.MILLIS);
            if (!t.isAfter(cleared)) t = cleared.plusMillis(1);
            cleared = t.plusMillis(500);
            publish(batch("gw-nt", SEQ.incrementAndGet(), List.of(new Reading("nt-sm", BATTERY, t, 5))));
            int raised = i;
            await("raise " + i)
                    .atMost(WAIT)
                    .until(() -> mgr.get("/api/alarms?rule=" + ruleId).json().size() == raised);
            publish(batch("gw-nt", SEQ.incrementAndGet(), List.of(new Reading("nt-sm", BATTERY, cleared, 60))));
            await("clear " + i)
                    .atMost(WAIT)
                    .until(() -> mgr.get("/api/alarms?state=RAISED&rule=" + ruleId)
                            .json()
                            .isEmpty());
        }
        // the service-wide webhook got all six; the manager two, then the limit; the operator none
        await("six service-wide deliveries")
                .atMost(WAIT)
                .until(() -> received.stream().filter(j -> !j.has("recipient")).count() == 6);
        await("the manager's deliveries")
                .atMost(WAIT)
                .until(() -> forRecipient("coop_manager@" + coop).size() == 2);
        List<JsonNode> mine = forRecipient("coop_manager@" + coop);
        assertThat(mine.get(0).get("event").stringValue()).isEqualTo("RAISED");
        String text = mine.get(0).get("text").stringValue();
        assertThat(text).startsWith("[Dong Xanh] RAISED BATTERY_LOW nt-veg: ").hasSizeLessThanOrEqualTo(160);
        assertThat(mine.get(0).get("alarm").get("kind").stringValue()).isEqualTo("BATTERY_LOW");
        assertThat(forRecipient("coop_operator@" + coop)).isEmpty();
        assertThat(count("dx.alarm.notifications", "outcome", "rate_limited")).isEqualTo(4);
    }
}

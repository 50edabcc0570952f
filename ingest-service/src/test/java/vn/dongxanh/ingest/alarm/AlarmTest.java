package vn.dongxanh.ingest.alarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.dongxanh.contract.telemetry.Metric.BATTERY;
import static vn.dongxanh.contract.telemetry.Metric.FLOW;
import static vn.dongxanh.contract.telemetry.Metric.SOIL_MOISTURE;
import static vn.dongxanh.contract.telemetry.Metric.VALVE;
import static vn.dongxanh.contract.telemetry.Metric.WATER_LEVEL;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import vn.dongxanh.contract.telemetry.Metric;
import vn.dongxanh.contract.telemetry.Reading;
import vn.dongxanh.contract.topic.Topic;
import vn.dongxanh.ingest.IngestTestSupport;
import vn.dongxanh.ingest.TestHttp;

/**
 * Alarm rules over HTTP and alarms raised and cleared from real telemetry through the broker: every rule
 * kind, hysteresis, defaults from configuration, history, and the rule lifecycle.
 */
class AlarmTest extends IngestTestSupport {
    private static final AtomicLong SEQ = new AtomicLong();

    @DynamicPropertySource
    static void alarms(DynamicPropertyRegistry registry) {
        registry.add("dx.ingest.alarms.evaluate-every", () -> "300ms");
        registry.add("dx.ingest.alarms.after-batch-delay", () -> "100ms");
    }

    private TestHttp http; // the department: registers cooperatives, reads everything
    /** Which cooperative each plot belongs to, so that its manager writes for it. */
    private final Map<String, String> plotCoop = new HashMap<>();

    private Instant now;

    @BeforeEach
    void client() {
        http = department();
        now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    }

    // ---- helpers ----

    private JsonNode created(TestHttp.Reply r) {
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    private void cooperative(String id) {
        created(http.post("/api/cooperatives", "{\"id\":\"" + id + "\",\"name\":\"HTX " + id + "\"}"));
    }

    private void plot(String id, String coopId) {
        plotCoop.put(id, coopId);
        created(manager(coopId)
                .post(
                        "/api/plots",
                        "{\"id\":\"" + id + "\",\"cooperative\":\"" + coopId + "\",\"name\":\"" + id
                                + "\",\"areaHa\":1}"));
    }

    private void device(String id, String plot, String kind) {
        created(manager(plotCoop.get(plot))
                .post("/api/devices", "{\"id\":\"" + id + "\",\"plot\":\"" + plot + "\",\"kind\":\"" + kind + "\"}"));
    }

    private void coopDevice(String id, String coopId, String kind) {
        created(manager(coopId)
                .post(
                        "/api/devices",
                        "{\"id\":\"" + id + "\",\"cooperative\":\"" + coopId + "\",\"kind\":\"" + kind + "\"}"));
    }

    private JsonNode rule(String json) {
        return created(ruleOwner(json).post("/api/alarm-rules", json));
    }

    /** The manager of the cooperative a rule's JSON names, directly or through its plot. */
    private TestHttp ruleOwner(String json) {
        JsonNode o = tools.jackson.databind.json.JsonMapper.builder().build().readTree(json);
        String coop = o.hasNonNull("cooperative")
                ? o.get("cooperative").stringValue()
                : plotCoop.get(o.get("plot").stringValue());
        return manager(coop);
    }

    /** Publishes readings as one uplink batch and waits until it is stored. */
    private void send(Reading... readings) throws Exception {
        double stored = messages("stored");
        publish(batch("gw-alarm", SEQ.incrementAndGet(), List.of(readings)));
        awaitMessages("stored", stored + 1);
    }

    private static Reading r(String device, Metric metric, Instant at, double value) {
        return new Reading(device, metric, at, value);
    }

    /** Waits for an evaluation of the rule that began after now (so it saw everything committed so far). */
    private void evaluated(JsonNode rule) {
        Instant after = Instant.now();
        String path = "/api/alarm-rules/" + rule.get("id").longValue();
        await("evaluation of rule " + rule.get("id")).atMost(WAIT).until(() -> {
            JsonNode at = http.get(path).json().get("evaluatedAt");
            return at != null && !at.isNull() && Instant.parse(at.stringValue()).isAfter(after);
        });
    }

    private List<JsonNode> alarms(JsonNode rule) {
        var out = new ArrayList<JsonNode>();
        http.get("/api/alarms?rule=" + rule.get("id").longValue()).json().forEach(out::add);
        return out;
    }

    private JsonNode only(JsonNode rule) {
        List<JsonNode> a = alarms(rule);
        assertThat(a).hasSize(1);
        return a.getFirst();
    }

    private static double num(JsonNode alarm, String values, String field) {
        return alarm.get(values).get(field).doubleValue();
    }

    // ---- rule kinds ----

    @Test
    void aWaterLevelOscillatingAroundTheThresholdRaisesOnceAndClearsOnlyPastTheClearLevel() throws Exception {
        cooperative("al-c1");
        plot("al-p1", "al-c1");
        device("al-wl1", "al-p1", "water_level");
        JsonNode rule = rule("{\"plot\":\"al-p1\",\"kind\":\"OUT_OF_BAND\","
                + "\"params\":{\"metric\":\"water_level\",\"high\":10,\"hysteresis\":2}}");
        assertThat(rule.get("scope").stringValue()).isEqualTo("plot");
        assertThat(rule.get("cooperative").stringValue()).isEqualTo("al-c1");
        assertThat(rule.get("params").get("low").isNull())
                .as("no low alarm by default")
                .isTrue();
        assertThat(rule.get("params").get("highForS").longValue()).isZero();

        Instant t = now.minusSeconds(600);
        send(r("al-wl1", WATER_LEVEL, t, 5.0));
        evaluated(rule);
        assertThat(alarms(rule)).isEmpty();

        send(r("al-wl1", WATER_LEVEL, t.plusSeconds(10), 10.5));
        await().atMost(WAIT).until(() -> alarms(rule).size() == 1);
        JsonNode raised = only(rule);
        assertThat(raised.get("state").stringValue()).isEqualTo("RAISED");
        assertThat(raised.get("facet").stringValue()).isEqualTo("high");
        assertThat(raised.get("subjectType").stringValue()).isEqualTo("DEVICE");
        assertThat(raised.get("subject").stringValue()).isEqualTo("al-wl1");
        assertThat(raised.get("plot").stringValue()).isEqualTo("al-p1");
        assertThat(num(raised, "raisedValues", "value")).isEqualTo(10.5);
        assertThat(raised.get("message").stringValue()).contains("water_level 10.5 cm at or above 10.0 cm");

        // below the raise level but above the clear level (8): the alarm holds, and is not raised again
        double[] wobble = {9.0, 10.8, 8.5, 10.2};
        for (int i = 0; i < wobble.length; i++) {
            send(r("al-wl1", WATER_LEVEL, t.plusSeconds(20 + 10L * i), wobble[i]));
            evaluated(rule);
            JsonNode a = only(rule);
            assertThat(a.get("state").stringValue()).as("after %s", wobble[i]).isEqualTo("RAISED");
            assertThat(num(a, "lastValues", "value")).isEqualTo(wobble[i]);
        }
        JsonNode held = only(rule);
        assertThat(num(held, "worstValues", "value")).as("the worst value seen").isEqualTo(10.8);
        assertThat(num(held, "raisedValues", "value")).isEqualTo(10.5);

        send(r("al-wl1", WATER_LEVEL, t.plusSeconds(100), 8.0));
        await().atMost(WAIT).until(() -> only(rule).get("state").stringValue().equals("CLEARED"));
        JsonNode cleared = only(rule);
        assertThat(num(cleared, "clearedValues", "value")).isEqualTo(8.0);
        assertThat(cleared.get("clearReason").stringValue()).contains("back at or below 8.0");
        assertThat(cleared.get("clearedAt").isNull()).isFalse();

        send(r("al-wl1", WATER_LEVEL, t.plusSeconds(110), 9.5));
        evaluated(rule);
        assertThat(alarms(rule))
                .as("9.5 is below the raise level: no new alarm")
                .hasSize(1);

        send(r("al-wl1", WATER_LEVEL, t.plusSeconds(120), 10.0));
        await().atMost(WAIT).until(() -> alarms(rule).size() == 2);
        List<JsonNode> both = alarms(rule);
        assertThat(both.get(0).get("state").stringValue()).isEqualTo("RAISED"); // newest first
        assertThat(both.get(1).get("state").stringValue()).isEqualTo("CLEARED");

        // filters
        assertThat(http.get("/api/alarms?state=RAISED&plot=al-p1").json())
                .extracting(n -> n.get("id").longValue())
                .containsExactly(both.get(0).get("id").longValue());
        assertThat(http.get("/api/alarms?state=CLEARED&cooperative=al-c1").json())
                .extracting(n -> n.get("id").longValue())
                .containsExactly(both.get(1).get("id").longValue());
        assertThat(http.get("/api/alarms?cooperative=al-none").json()).isEmpty();
        JsonNode one =
                http.get("/api/alarms/" + both.get(1).get("id").longValue()).json();
        assertThat(one.get("state").stringValue()).isEqualTo("CLEARED");
        assertThat(one.get("deliveries"))
                .as("no webhook configured: nothing queued")
                .isEmpty();
    }

    @Test
    void soilMoistureRulesTakeTheConfiguredDefaultsAndTheHighSideMustHoldForADay() throws Exception {
        cooperative("al-c2");
        coopDevice("al-sm1", "al-c2", "soil_moisture");
        coopDevice("al-sm2", "al-c2", "soil_moisture");
        coopDevice("al-sm3", "al-c2", "soil_moisture");
        JsonNode rule =
                rule("{\"cooperative\":\"al-c2\",\"kind\":\"OUT_OF_BAND\",\"params\":{\"metric\":\"soil_moisture\"}}");
        JsonNode p = rule.get("params");
        assertThat(rule.get("scope").stringValue()).isEqualTo("cooperative");
        assertThat(p.get("low").doubleValue()).isEqualTo(0.16);
        assertThat(p.get("high").doubleValue()).isEqualTo(0.40);
        assertThat(p.get("highForS").longValue()).isEqualTo(Duration.ofHours(24).toSeconds());
        assertThat(p.get("hysteresis").doubleValue()).isEqualTo(0.02);
        assertThat(rule.get("name").stringValue()).isEqualTo("OUT_OF_BAND on cooperative al-c2");

        send(
                r("al-sm1", SOIL_MOISTURE, now.minusSeconds(60), 0.12), // dry: the low alarm at once
                r("al-sm2", SOIL_MOISTURE, now.minusSeconds(60), 0.45), // wet for a minute: not yet
                r("al-sm3", SOIL_MOISTURE, now.minus(Duration.ofHours(25)), 0.44), // wet for over a day
                r("al-sm3", SOIL_MOISTURE, now.minus(Duration.ofHours(12)), 0.47),
                r("al-sm3", SOIL_MOISTURE, now.minusSeconds(60), 0.45));
        await().atMost(WAIT).until(() -> alarms(rule).size() == 2);
        evaluated(rule);
        List<JsonNode> a = alarms(rule);
        assertThat(a)
                .extracting(n ->
                        n.get("subject").stringValue() + "/" + n.get("facet").stringValue())
                .containsExactlyInAnyOrder("al-sm1/low", "al-sm3/high");
        JsonNode wet = a.stream()
                .filter(n -> n.get("subject").stringValue().equals("al-sm3"))
                .findFirst()
                .orElseThrow();
        assertThat(wet.get("raisedValues").get("since").stringValue())
                .isEqualTo(now.minus(Duration.ofHours(25)).toString());
        assertThat(wet.get("plot").isNull()).as("a device without a plot").isTrue();

        // the low side clears at 0.16 + 0.02 and not before
        send(r("al-sm1", SOIL_MOISTURE, now.minusSeconds(30), 0.17));
        evaluated(rule);
        assertThat(alarms(rule)).allMatch(n -> n.get("state").stringValue().equals("RAISED"));
        send(r("al-sm1", SOIL_MOISTURE, now.minusSeconds(20), 0.18));
        await().atMost(WAIT)
                .until(() -> alarms(rule).stream()
                        .anyMatch(n -> n.get("subject").stringValue().equals("al-sm1")
                                && n.get("state").stringValue().equals("CLEARED")));
    }

    @Test
    void aSilentDeviceRaisesNoDataAndAReadingClearsIt() throws Exception {
        cooperative("al-c3");
        plot("al-p3", "al-c3");
        device("al-nd1", "al-p3", "water_level");
        device("al-nd2", "al-p3", "water_level");
        send(
                r("al-nd1", WATER_LEVEL, now.minus(Duration.ofMinutes(20)), 1.0),
                r("al-nd2", WATER_LEVEL, now.minusSeconds(5), 1.0));
        JsonNode byDefault = rule("{\"plot\":\"al-p3\",\"kind\":\"NO_DATA\"}");
        assertThat(byDefault.get("params").get("durationS").longValue())
                .isEqualTo(Duration.ofMinutes(15).toSeconds());
        assertThat(manager("al-c3")
                        .delete("/api/alarm-rules/" + byDefault.get("id").longValue())
                        .status())
                .isEqualTo(204);

        JsonNode rule = rule("{\"plot\":\"al-p3\",\"kind\":\"NO_DATA\",\"params\":{\"durationS\":600}}");
        await().atMost(WAIT).until(() -> alarms(rule).size() == 1);
        evaluated(rule);
        JsonNode a = only(rule);
        assertThat(a.get("subject").stringValue()).isEqualTo("al-nd1");
        assertThat(a.get("raisedValues").get("silentS").longValue()).isGreaterThanOrEqualTo(1200);
        assertThat(a.get("raisedValues").get("lastReadingAt").stringValue())
                .isEqualTo(now.minus(Duration.ofMinutes(20)).toString());

        send(r("al-nd1", WATER_LEVEL, now, 1.5));
        await().atMost(WAIT).until(() -> only(rule).get("state").stringValue().equals("CLEARED"));
        assertThat(only(rule).get("clearReason").stringValue()).contains("reported at");
    }

    @Test
    void aValveOpenLongerThanAllowedRaisesAndClosingItClears() throws Exception {
        cooperative("al-c4");
        plot("al-p4", "al-c4");
        device("al-v1", "al-p4", "valve");
        device("al-v2", "al-p4", "valve");
        send(
                r("al-v1", VALVE, now.minus(Duration.ofHours(3)), 0),
                r("al-v1", VALVE, now.minus(Duration.ofHours(2)), 1),
                r("al-v1", VALVE, now.minus(Duration.ofHours(1)), 1),
                r("al-v2", VALVE, now.minus(Duration.ofMinutes(30)), 1)); // open, but not for long
        JsonNode rule = rule("{\"plot\":\"al-p4\",\"kind\":\"VALVE_OPEN_TOO_LONG\",\"params\":{\"durationS\":3600}}");
        await().atMost(WAIT).until(() -> alarms(rule).size() == 1);
        evaluated(rule);
        JsonNode a = only(rule);
        assertThat(a.get("subject").stringValue()).isEqualTo("al-v1");
        assertThat(a.get("raisedValues").get("openSince").stringValue())
                .isEqualTo(now.minus(Duration.ofHours(2)).toString());
        assertThat(a.get("raisedValues").get("openS").longValue()).isGreaterThanOrEqualTo(7200);

        send(r("al-v1", VALVE, now, 0));
        await().atMost(WAIT).until(() -> only(rule).get("state").stringValue().equals("CLEARED"));
        assertThat(only(rule).get("clearReason").stringValue()).isEqualTo("valve al-v1 closed");
    }

    @Test
    void flowWhileEveryValveIsClosedRaisesALeakAndOpeningAValveExplainsIt() throws Exception {
        cooperative("al-c5");
        plot("al-p5", "al-c5"); // leaking for 20 minutes
        plot("al-p6", "al-c5"); // flowing for 2 minutes only
        device("al-p5-valve", "al-p5", "valve");
        device("al-p5-flow", "al-p5", "flow_meter");
        device("al-p6-valve", "al-p6", "valve");
        device("al-p6-flow", "al-p6", "flow_meter");
        send(
                r("al-p5-valve", VALVE, now.minus(Duration.ofMinutes(30)), 0),
                r("al-p5-flow", FLOW, now.minus(Duration.ofMinutes(25)), 0.0),
                r("al-p5-flow", FLOW, now.minus(Duration.ofMinutes(20)), 12.0),
                r("al-p5-flow", FLOW, now.minusSeconds(60), 11.4),
                r("al-p6-valve", VALVE, now.minus(Duration.ofMinutes(30)), 0),
                r("al-p6-flow", FLOW, now.minus(Duration.ofMinutes(10)), 0.0),
                r("al-p6-flow", FLOW, now.minus(Duration.ofMinutes(2)), 30.0));
        JsonNode rule =
                rule("{\"cooperative\":\"al-c5\",\"kind\":\"LEAK\",\"params\":{\"threshold\":5,\"durationS\":600}}");
        assertThat(rule.get("params").get("hysteresis").doubleValue())
                .as("the default")
                .isEqualTo(2.0);
        await().atMost(WAIT).until(() -> alarms(rule).size() == 1);
        evaluated(rule);
        JsonNode a = only(rule);
        assertThat(a.get("subjectType").stringValue()).isEqualTo("PLOT");
        assertThat(a.get("subject").stringValue()).isEqualTo("al-p5");
        assertThat(a.get("raisedValues").get("since").stringValue())
                .as("the flow started after the valve closed")
                .isEqualTo(now.minus(Duration.ofMinutes(20)).toString());
        assertThat(num(a, "raisedValues", "flowLpm")).isCloseTo(11.4, org.assertj.core.data.Offset.offset(1e-9));

        send(r("al-p5-valve", VALVE, now, 1));
        await().atMost(WAIT).until(() -> only(rule).get("state").stringValue().equals("CLEARED"));
        assertThat(only(rule).get("clearReason").stringValue()).isEqualTo("a valve of plot al-p5 is open");
    }

    @Test
    void aLowBatteryRaisesAtTheThresholdAndClearsOnlyAboveTheHysteresis() throws Exception {
        cooperative("al-c6");
        plot("al-p7", "al-c6");
        device("al-bat", "al-p7", "water_level");
        JsonNode rule = rule("{\"cooperative\":\"al-c6\",\"kind\":\"BATTERY_LOW\"}");
        assertThat(rule.get("params").get("threshold").doubleValue()).isEqualTo(20.0);
        assertThat(rule.get("params").get("hysteresis").doubleValue()).isEqualTo(5.0);

        send(r("al-bat", BATTERY, now.minusSeconds(50), 18));
        await().atMost(WAIT).until(() -> alarms(rule).size() == 1);
        double[] wobble = {22, 19, 24.9};
        for (int i = 0; i < wobble.length; i++) {
            double v = wobble[i];
            send(r("al-bat", BATTERY, now.minusSeconds(40 - 10L * i), v));
            evaluated(rule);
            assertThat(only(rule).get("state").stringValue()).as("at %s %%", v).isEqualTo("RAISED");
        }
        assertThat(num(only(rule), "worstValues", "percent")).isEqualTo(18.0);
        send(r("al-bat", BATTERY, now, 26));
        await().atMost(WAIT).until(() -> only(rule).get("state").stringValue().equals("CLEARED"));
        assertThat(num(only(rule), "clearedValues", "percent")).isEqualTo(26.0);
    }

    @Test
    void aGatewayBacklogGettingOlderReportAfterReportOrTooOldRaises() throws Exception {
        cooperative(coop); // gateways belong to the cooperative of their topic
        JsonNode rule =
                rule("{\"cooperative\":\"" + coop + "\",\"kind\":\"BACKLOG_GROWING\",\"params\":{\"reports\":3}}");
        assertThat(rule.get("params").get("thresholdS").longValue()).isEqualTo(900);

        // growing: 0, 30, 60 (two rises, not yet), 90 (three) → raised; then drained → cleared
        long[] oldest = {0, 30, 60};
        for (int i = 0; i < oldest.length; i++) state("gw-bl", i, oldest[i]);
        evaluated(rule);
        assertThat(alarms(rule)).isEmpty();
        state("gw-bl", 3, 90);
        await().atMost(WAIT).until(() -> alarms(rule).size() == 1);
        JsonNode a = only(rule);
        assertThat(a.get("subjectType").stringValue()).isEqualTo("GATEWAY");
        assertThat(a.get("subject").stringValue()).isEqualTo("gw-bl");
        assertThat(a.get("raisedValues").get("growingReports").intValue()).isEqualTo(3);
        assertThat(a.get("message").stringValue()).contains("older in 3 reports in a row");
        state("gw-bl", 4, 0);
        await().atMost(WAIT).until(() -> only(rule).get("state").stringValue().equals("CLEARED"));

        // too old at once
        state("gw-bl2", 0, 2000);
        await().atMost(WAIT).until(() -> alarms(rule).size() == 2);
        JsonNode old = alarms(rule).getFirst();
        assertThat(old.get("subject").stringValue()).isEqualTo("gw-bl2");
        assertThat(old.get("message").stringValue()).contains("(limit 900 s)");
    }

    /** A retained health report of a gateway of this class's cooperative; waits until it is stored. */
    private void state(String gateway, int i, long oldestS) throws Exception {
        double stored = stateMessages("stored");
        String json = "{\"online\":true,\"at\":\"" + now.plusSeconds(i) + "\",\"backlog_oldest_s\":" + oldestS
                + ",\"backlog_readings\":" + oldestS * 2 + "}";
        publish(new Topic.GatewayState(coop, gateway).path(), utf8(json), true);
        await().atMost(WAIT).until(() -> stateMessages("stored") >= stored + 1);
    }

    // ---- the rule API ----

    private void assertBad(TestHttp.Reply r, String detail) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.isProblem()).isTrue();
        assertThat(r.json().get("detail").stringValue()).contains(detail);
    }

    @Test
    void badRulesGetA400SayingWhy() {
        cooperative("al-c7");
        plot("al-p8", "al-c7");
        cooperative("al-c8");
        String p = "/api/alarm-rules";
        TestHttp c7 = manager("al-c7");
        assertBad(c7.post(p, "{\"plot\":\"al-p8\",\"kind\":\"FIRE\"}"), "'kind' must be one of OUT_OF_BAND");
        assertBad(c7.post(p, "{\"kind\":\"NO_DATA\"}"), "a rule needs 'plot'");
        assertBad(c7.post(p, "{\"plot\":\"al-nope\",\"kind\":\"NO_DATA\"}"), "plot 'al-nope' is not registered");
        // the manager of a cooperative the registry does not know (yet)
        assertBad(
                manager("al-nope").post(p, "{\"cooperative\":\"al-nope\",\"kind\":\"NO_DATA\"}"),
                "cooperative 'al-nope' is not");
        // naming another cooperative is refused before anything is looked up; its manager cannot see al-p8
        TestHttp.Reply foreign = c7.post(p, "{\"plot\":\"al-p8\",\"cooperative\":\"al-c8\",\"kind\":\"NO_DATA\"}");
        assertThat(foreign.status()).as(foreign.body()).isEqualTo(403);
        assertThat(foreign.json().get("detail").stringValue()).contains("not for cooperative 'al-c8'");
        assertBad(
                manager("al-c8").post(p, "{\"plot\":\"al-p8\",\"cooperative\":\"al-c8\",\"kind\":\"NO_DATA\"}"),
                "plot 'al-p8' is not registered");
        assertBad(c7.post(p, "{\"plot\":\"al-p8\",\"kind\":\"BACKLOG_GROWING\"}"), "give 'cooperative', not 'plot'");
        assertBad(
                c7.post(p, "{\"plot\":\"al-p8\",\"kind\":\"OUT_OF_BAND\",\"params\":{\"metric\":\"rain\"}}"),
                "'params.metric' must be water_level or soil_moisture");
        assertBad(
                c7.post(
                        p,
                        "{\"plot\":\"al-p8\",\"kind\":\"OUT_OF_BAND\",\"params\":{\"metric\":\"water_level\",\"low\":5,"
                                + "\"high\":5}}"),
                "must be below 'params.high'");
        assertBad(
                c7.post(
                        p,
                        "{\"plot\":\"al-p8\",\"kind\":\"OUT_OF_BAND\",\"params\":{\"metric\":\"water_level\","
                                + "\"low\":null,\"high\":null}}"),
                "needs 'params.low' or 'params.high'");
        assertBad(
                c7.post(p, "{\"plot\":\"al-p8\",\"kind\":\"NO_DATA\",\"params\":{\"durationS\":0}}"),
                "'params.durationS' must be from 1 to");
        assertBad(
                c7.post(p, "{\"plot\":\"al-p8\",\"kind\":\"NO_DATA\",\"params\":{\"minutes\":5}}"),
                "unknown field(s) [minutes] in 'params'");
        assertBad(
                c7.post(p, "{\"plot\":\"al-p8\",\"kind\":\"BATTERY_LOW\",\"params\":{\"threshold\":120}}"),
                "'params.threshold' must be between 0.0 and 100.0");
        assertBad(
                c7.post(p, "{\"plot\":\"al-p8\",\"kind\":\"NO_DATA\",\"colour\":\"red\"}"),
                "unknown field(s) [colour]");
        assertBad(c7.post(p, "{\"plot\":\"al-p8\",\"kind\":\"NO_DATA\",\"id\":7}"), "unknown field(s) [id]");
        assertBad(c7.post(p, "{\"plot\":\"al-p8\",\"kind\":\"NO_DATA\",\"scope\":\"cooperative\"}"), "'scope' is");
        assertBad(c7.post(p, "not json"), "the body is not JSON");
        assertBad(http.get(p + "/abc"), "id 'abc' is not a positive whole number");
        assertBad(http.get("/api/alarms?state=OPEN"), "state must be RAISED or CLEARED");
        assertThat(http.get(p + "/999999").status()).isEqualTo(404);
        assertThat(c7.delete(p + "/999999").status()).isEqualTo(404);
        assertThat(c7.put(p + "/999999", "{\"plot\":\"al-p8\",\"kind\":\"NO_DATA\"}")
                        .status())
                .isEqualTo(404);
        assertThat(http.get("/api/alarms/999999").status()).isEqualTo(404);
    }

    @Test
    void rulesAreChangedDisabledAndDeletedAndTheirAlarmsStayAsHistory() throws Exception {
        cooperative("al-c9");
        plot("al-p9", "al-c9");
        device("al-b9", "al-p9", "soil_moisture");
        JsonNode rule = rule(
                "{\"name\":\"pin yếu\",\"plot\":\"al-p9\",\"kind\":\"BATTERY_LOW\",\"params\":{\"threshold\":10}}");
        long id = rule.get("id").longValue();
        String path = "/api/alarm-rules/" + id;
        TestHttp c9 = manager("al-c9");
        send(r("al-b9", BATTERY, now.minusSeconds(10), 15));
        evaluated(rule);
        assertThat(alarms(rule)).as("15 % is above 10 %").isEmpty();

        // PUT with what GET returned, changed: now 15 % is low
        JsonNode got = http.get(path).json();
        String body = got.toString().replace("\"threshold\":10.0", "\"threshold\":20.0");
        TestHttp.Reply put = c9.put(path, body);
        assertThat(put.status()).as(put.body()).isEqualTo(200);
        assertThat(put.json().get("params").get("threshold").doubleValue()).isEqualTo(20.0);
        assertThat(put.json().get("name").stringValue()).isEqualTo("pin yếu");
        await().atMost(WAIT).until(() -> alarms(rule).size() == 1);
        assertThat(only(rule).get("ruleName").stringValue()).isEqualTo("pin yếu");
        assertThat(http.get("/api/alarm-rules?plot=al-p9").json())
                .extracting(n -> n.get("id").longValue())
                .containsExactly(id);

        assertBad(c9.put(path, body.replace("BATTERY_LOW", "NO_DATA")), "a rule's kind cannot change");
        assertBad(c9.put(path, body.replace("\"id\":" + id, "\"id\":" + (id + 1))), "ids cannot change");

        // disabled: its alarm clears; enabled again: raised anew
        assertThat(c9.put(path, body.replace("\"enabled\":true", "\"enabled\":false"))
                        .status())
                .isEqualTo(200);
        await().atMost(WAIT).until(() -> only(rule).get("state").stringValue().equals("CLEARED"));
        assertThat(only(rule).get("clearReason").stringValue()).isEqualTo("rule disabled");
        assertThat(c9.put(path, body).status()).isEqualTo(200);
        await().atMost(WAIT).until(() -> alarms(rule).size() == 2);

        // deleted: its raised alarm clears at once, the history stays
        assertThat(c9.delete(path).status()).isEqualTo(204);
        assertThat(http.get(path).status()).isEqualTo(404);
        List<JsonNode> history = alarms(rule);
        assertThat(history)
                .hasSize(2)
                .allMatch(n -> n.get("state").stringValue().equals("CLEARED"));
        assertThat(history.getFirst().get("clearReason").stringValue()).isEqualTo("rule deleted");
    }
}

package vn.dongxanh.ingest.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Gauge;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.dongxanh.contract.event.EventCodec;
import vn.dongxanh.contract.event.IrrigationEvent;
import vn.dongxanh.contract.topic.Topic;
import vn.dongxanh.ingest.IngestTestSupport;
import vn.dongxanh.ingest.TestHttp;

/** Irrigation events and gateway states over MQTT: stored once, figures in the table, gauges and the API. */
class GatewayIntakeTest extends IngestTestSupport {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant AT =
            Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(300);

    private TestHttp http;

    @BeforeEach
    void client() {
        http = manager(coop); // the gateways of this class publish for cooperative coop
    }

    private static String events(String gateway) {
        return new Topic.GatewayEvents(coop, gateway).path();
    }

    private static String state(String gateway) {
        return new Topic.GatewayState(coop, gateway).path();
    }

    private static IrrigationEvent event(String plot, IrrigationEvent.Kind kind, Instant at) {
        var readings = new LinkedHashMap<String, Double>();
        readings.put("water_level", -15.25);
        readings.put("rain_24h", 0.0);
        return new IrrigationEvent(
                UUID.randomUUID().toString(),
                plot,
                plot + "-valve",
                kind,
                "BELOW_START_LEVEL",
                "water level -15.25 cm <= -15 cm",
                readings,
                Duration.ofMinutes(90),
                at);
    }

    @Test
    void anEventIsStoredOnceHoweverOftenItIsDelivered() throws Exception {
        IrrigationEvent start = event("ev-p1", IrrigationEvent.Kind.START, AT);
        double stored = eventMessages("stored");
        double duplicate = eventMessages("duplicate");

        publish(events("gw-e"), EventCodec.encode(start));
        await().atMost(WAIT).until(() -> eventMessages("stored") >= stored + 1);
        publish(events("gw-e"), EventCodec.encode(start)); // the edge resends when our PUBACK was lost
        publish(events("gw-e"), EventCodec.encode(start));
        publish(events("gw-e"), EventCodec.encode(start));
        await().atMost(WAIT).until(() -> eventMessages("duplicate") >= duplicate + 3);

        List<Map<String, Object>> rows = jdbc.queryForList(
                "SELECT gateway_id, cooperative_id, plot_id, valve_id, kind, reason, detail, readings::text AS readings,"
                        + " run_s, at FROM irrigation_event WHERE event_id = ?",
                start.eventId());
        assertThat(rows).hasSize(1);
        Map<String, Object> row = rows.getFirst();
        assertThat(row.get("gateway_id")).isEqualTo("gw-e");
        assertThat(row.get("cooperative_id")).isEqualTo(coop);
        assertThat(row.get("plot_id")).isEqualTo("ev-p1");
        assertThat(row.get("valve_id")).isEqualTo("ev-p1-valve");
        assertThat(row.get("kind")).isEqualTo("START");
        assertThat(row.get("reason")).isEqualTo("BELOW_START_LEVEL");
        assertThat(row.get("detail")).isEqualTo("water level -15.25 cm <= -15 cm");
        JsonNode readings = JSON.readTree((String) row.get("readings"));
        assertThat(readings.get("water_level").doubleValue()).isEqualTo(-15.25);
        assertThat(readings.get("rain_24h").doubleValue()).isEqualTo(0.0);
        assertThat(row.get("run_s")).isEqualTo(5400L);
        assertThat(((Timestamp) row.get("at")).toInstant()).isEqualTo(AT);
        assertThat(eventMessages("stored")).isEqualTo(stored + 1);

        // the event made the gateway known
        TestHttp.Reply gw = http.get("/api/gateways/gw-e");
        assertThat(gw.status()).isEqualTo(200);
        assertThat(gw.json().get("cooperative").stringValue()).isEqualTo(coop);
        assertThat(gw.json().get("lastSeen").isNull()).isFalse();
    }

    @Test
    void aBrokenEventIsDeadLetteredAndItsNeighboursStored() throws Exception {
        IrrigationEvent good = event("ev-p2", IrrigationEvent.Kind.ALARM, AT);
        byte[] noKind = utf8("{\"id\":\"x1\",\"plot\":\"ev-p2\",\"reason\":\"R\",\"at\":\"" + AT + "\"}");
        double stored = eventMessages("stored");
        double rejected = eventMessages("rejected");
        double invalid = count("dx.ingest.rejected", "reason", "INVALID_EVENT");

        publish(events("gw-e2"), noKind);
        publish(events("gw-e2"), EventCodec.encode(good));
        await().atMost(WAIT)
                .until(() -> eventMessages("stored") >= stored + 1 && eventMessages("rejected") >= rejected + 1);

        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM irrigation_event WHERE event_id = ?", Integer.class, good.eventId()))
                .isEqualTo(1);
        Map<String, Object> dead = jdbc.queryForMap(
                "SELECT topic, reason, detail, payload FROM rejected_message WHERE topic = ?", events("gw-e2"));
        assertThat(dead.get("reason")).isEqualTo("INVALID_EVENT");
        assertThat((String) dead.get("detail")).contains("kind");
        assertThat((byte[]) dead.get("payload")).isEqualTo(noKind);
        assertThat(count("dx.ingest.rejected", "reason", "INVALID_EVENT")).isEqualTo(invalid + 1);
    }

    @Test
    void theRetainedStateKeepsTheGatewayRowAndGaugesCurrent() throws Exception {
        Instant connectedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(100);
        Instant reportAt = connectedAt.plusSeconds(60);
        String report = "{\"online\":true,\"at\":\"" + reportAt + "\",\"uptime_s\":60,\"backlog_readings\":120,"
                + "\"backlog_batches\":3,\"backlog_oldest_s\":45,\"batches_sent\":17,\"readings_sent\":900,"
                + "\"devices_online\":4,\"valves_open\":1,\"readings_compacted\":0}";
        double stored = stateMessages("stored");

        publish(state("gw-s"), utf8(report), true);
        await().atMost(WAIT).until(() -> stateMessages("stored") >= stored + 1);

        Map<String, Object> row = jdbc.queryForMap("SELECT * FROM gateway WHERE id = 'gw-s'");
        assertThat(row.get("cooperative_id")).isEqualTo(coop);
        assertThat(row.get("online")).isEqualTo(true);
        assertThat(((Timestamp) row.get("state_at")).toInstant()).isEqualTo(reportAt);
        assertThat(row.get("uptime_s")).isEqualTo(60L);
        assertThat(row.get("backlog_readings")).isEqualTo(120L);
        assertThat(row.get("backlog_batches")).isEqualTo(3L);
        assertThat(row.get("backlog_oldest_s")).isEqualTo(45L);
        assertThat(row.get("batches_sent")).isEqualTo(17L);
        assertThat(row.get("readings_sent")).isEqualTo(900L);
        assertThat(row.get("devices_online")).isEqualTo(4);
        assertThat(row.get("valves_open")).isEqualTo(1);
        assertThat(row.get("readings_compacted")).isEqualTo(0L);
        assertThat(gauge("dx.gateway.backlog.readings", "gw-s")).isEqualTo(120);
        assertThat(gauge("dx.gateway.backlog.batches", "gw-s")).isEqualTo(3);
        assertThat(gauge("dx.gateway.online", "gw-s")).isEqualTo(1);
        // the age grows from the reported 45 s while the backlog is not reported gone
        assertThat(gauge("dx.gateway.backlog.oldest", "gw-s")).isBetween(45.0, 45.0 + WAIT.toSeconds());
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(
                                management().get("/actuator/prometheus").body())
                        .contains("dx_gateway_backlog_readings{gateway=\"gw-s\"} 120.0")
                        .contains("dx_gateway_backlog_oldest_seconds{gateway=\"gw-s\"}")
                        .contains("dx_ingest_gateway_states_total{outcome=\"stored\"}"));

        // the last will: written when the gateway connected, so older than the report, and still wins
        publish(state("gw-s"), utf8("{\"online\":false,\"at\":\"" + connectedAt + "\"}"), true);
        await().atMost(WAIT).until(() -> stateMessages("stored") >= stored + 2);

        assertThat(gauge("dx.gateway.online", "gw-s")).isZero();
        assertThat(gauge("dx.gateway.backlog.readings", "gw-s")).isEqualTo(120); // the last known figure stays
        TestHttp.Reply r = http.get("/api/gateways?cooperative=" + coop);
        assertThat(r.status()).isEqualTo(200);
        JsonNode gw = find(r.json(), "gw-s");
        assertThat(gw.get("online").booleanValue()).isFalse();
        assertThat(gw.get("health").get("backlogReadings").longValue()).isEqualTo(120);
        assertThat(gw.get("health").get("at").stringValue()).isEqualTo(connectedAt.toString());
        // an offline will does not count as hearing from the gateway
        assertThat(Instant.parse(gw.get("lastSeen").stringValue()))
                .isBefore(Instant.parse(gw.get("health").get("receivedAt").stringValue()));

        // clearing the retained message says nothing about the gateway
        double ignored = stateMessages("ignored");
        publish(state("gw-s"), new byte[0], true);
        await().atMost(WAIT).until(() -> stateMessages("ignored") >= ignored + 1);
        assertThat(jdbc.queryForObject("SELECT online FROM gateway WHERE id = 'gw-s'", Boolean.class))
                .isFalse();
    }

    @Test
    void aMalformedStateIsDeadLettered() throws Exception {
        double rejected = stateMessages("rejected");
        publish(state("gw-s2"), utf8("{\"online\":\"yes\",\"at\":\"" + AT + "\"}"));
        publish(state("gw-s2"), utf8("{\"online\":true,\"at\":\"" + AT + "\",\"backlog_readings\":-1}"));
        await().atMost(WAIT).until(() -> stateMessages("rejected") >= rejected + 2);

        assertThat(jdbc.queryForList(
                        "SELECT detail FROM rejected_message WHERE reason = 'INVALID_STATE' ORDER BY id", String.class))
                .anySatisfy(d -> assertThat(d).contains("'online'"))
                .anySatisfy(d -> assertThat(d).contains("'backlog_readings' must be a whole number >= 0"));
        assertThat(http.get("/api/gateways/gw-s2").status()).isEqualTo(404);
    }

    @Test
    void unknownGatewaysAndBadIdsAreExplained() {
        TestHttp.Reply missing = http.get("/api/gateways/gw-nobody");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.isProblem()).isTrue();
        assertThat(missing.json().get("detail").stringValue()).contains("gw-nobody");
        TestHttp.Reply bad = http.get("/api/gateways/GW-X");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("detail").stringValue()).contains("gateway id 'GW-X' is invalid");
    }

    private double gauge(String name, String gateway) {
        Gauge g = registry.find(name).tag("gateway", gateway).gauge();
        assertThat(g).as(name + " for " + gateway).isNotNull();
        return g.value();
    }

    private static JsonNode find(JsonNode array, String id) {
        for (JsonNode n : array) {
            if (n.get("id").stringValue().equals(id)) return n;
        }
        throw new AssertionError("no " + id + " in " + array);
    }
}

package vn.dongxanh.ingest.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.dongxanh.contract.telemetry.Metric.BATTERY;
import static vn.dongxanh.contract.telemetry.Metric.FLOW;
import static vn.dongxanh.contract.telemetry.Metric.SOIL_MOISTURE;
import static vn.dongxanh.contract.telemetry.Metric.VALVE;
import static vn.dongxanh.contract.telemetry.Metric.WATER_LEVEL;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.dongxanh.contract.telemetry.Metric;
import vn.dongxanh.contract.telemetry.Reading;
import vn.dongxanh.contract.uplink.UplinkBatch;
import vn.dongxanh.ingest.IngestTestSupport;

/** MQTT in, rows out: exact storage, redelivery, dead letters, many batches. */
class TelemetryIntakeTest extends IngestTestSupport {
    private static final Instant BASE =
            Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(600).plusMillis(123);

    private List<Reading> stored(String devicePrefix) {
        return jdbc.query(
                "SELECT s.device_id, s.metric, r.time, r.value FROM reading r JOIN series s ON s.id = r.series_id"
                        + " WHERE s.device_id LIKE ? ORDER BY s.device_id, s.metric, r.time",
                (rs, i) -> new Reading(
                        rs.getString(1),
                        Metric.byWireName(rs.getString(2)).orElseThrow(),
                        rs.getObject(3, OffsetDateTime.class).toInstant(),
                        rs.getDouble(4)),
                devicePrefix + "%");
    }

    @Test
    void storesEveryReadingWithItsExactTimeAndValue() throws Exception {
        var readings = List.of(
                new Reading("a-wl1", WATER_LEVEL, BASE, 12.5),
                new Reading("a-wl1", WATER_LEVEL, BASE.plusMillis(61_001), -3.25),
                new Reading("a-sm1", SOIL_MOISTURE, BASE.plusMillis(5), 0.31),
                new Reading("a-vl1", VALVE, BASE.plusMillis(7), 1),
                new Reading("a-fl1", FLOW, BASE.plusMillis(9), 30.0),
                new Reading("a-fl1", BATTERY, BASE.plusMillis(999), 87.0));
        UplinkBatch batch = batch("gw-a", 1, readings);
        double stored = messages("stored");
        double readingsStored = count("dx.ingest.readings.stored");

        publish(batch);
        awaitMessages("stored", stored + 1);

        assertThat(stored("a-")).containsExactlyInAnyOrderElementsOf(readings);
        assertThat(count("dx.ingest.readings.stored")).isEqualTo(readingsStored + readings.size());
        Map<String, Object> ledger = jdbc.queryForMap(
                "SELECT cooperative_id, readings, sent_at FROM uplink_batch WHERE gateway_id = 'gw-a' AND seq = 1");
        assertThat(ledger.get("cooperative_id")).isEqualTo(coop);
        assertThat(ledger.get("readings")).isEqualTo(readings.size());
        assertThat(jdbc.queryForObject(
                        "SELECT unit FROM series WHERE device_id = 'a-fl1' AND metric = 'flow'", String.class))
                .isEqualTo("L/min");
        assertThat(jdbc.queryForObject(
                        "SELECT unit FROM series WHERE device_id = 'a-sm1' AND metric = 'soil_moisture'", String.class))
                .isEqualTo("m3/m3");
    }

    @Test
    void redeliveredBatchesAreStoredOnce() throws Exception {
        var readings = List.of(
                new Reading("b-wl1", WATER_LEVEL, BASE, 4.0),
                new Reading("b-wl1", WATER_LEVEL, BASE.plusSeconds(60), 4.5),
                new Reading("b-wl1", WATER_LEVEL, BASE.plusSeconds(120), 5.0));
        UplinkBatch batch = batch("gw-b", 7, readings);
        double stored = messages("stored");
        double duplicate = messages("duplicate");

        publish(batch);
        awaitMessages("stored", stored + 1);
        publish(batch); // a redelivery after the ack was lost
        awaitMessages("duplicate", duplicate + 1);
        publish(batch); // two more, back to back: likely in one transaction with each other
        publish(batch);
        awaitMessages("duplicate", duplicate + 3);

        assertThat(stored("b-")).containsExactlyElementsOf(readings);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM uplink_batch WHERE gateway_id = 'gw-b' AND seq = 7", Integer.class))
                .isEqualTo(1);
        assertThat(messages("stored")).isEqualTo(stored + 1);
        assertThat(messages("duplicate")).isEqualTo(duplicate + 3);
    }

    @Test
    void malformedMessagesAreDeadLetteredWithoutHarmingTheirNeighbours() throws Exception {
        var good1 = batch("gw-c", 1, List.of(new Reading("c-wl1", WATER_LEVEL, BASE, 1.0)));
        var good2 = batch("gw-c", 2, List.of(new Reading("c-wl2", WATER_LEVEL, BASE, 2.0)));
        byte[] notJson = utf8("{not json");
        byte[] otherGateway = CODEC.encode(batch("gw-x", 1, List.of(new Reading("c-wl3", WATER_LEVEL, BASE, 3.0))));
        byte[] unknownMetric = utf8("{\"v\":1,\"coop\":\"" + coop + "\",\"gw\":\"gw-c\",\"seq\":3,\"sent\":\""
                + Instant.now() + "\",\"senml\":[{\"bn\":\"c-wl4:\",\"bt\":" + BASE.getEpochSecond()
                + ",\"n\":\"salinity\",\"u\":\"/\",\"v\":0.1}]}");
        String badTopic = "dx/v1/coop/" + coop + "/gw/GW-C/telemetry";
        double stored = messages("stored");
        double rejected = messages("rejected");
        double notJsonCount = count("dx.ingest.rejected", "reason", "NOT_JSON");

        publish(good1);
        publish(topic("gw-c"), notJson);
        publish(topic("gw-c"), otherGateway);
        publish(badTopic, CODEC.encode(good1));
        publish(topic("gw-c"), unknownMetric);
        publish(good2);
        awaitMessages("stored", stored + 2);
        awaitMessages("rejected", rejected + 4);

        assertThat(stored("c-"))
                .containsExactly(
                        new Reading("c-wl1", WATER_LEVEL, BASE, 1.0), new Reading("c-wl2", WATER_LEVEL, BASE, 2.0));
        List<Map<String, Object>> dead = jdbc.queryForList(
                "SELECT topic, reason, detail, payload, payload_bytes FROM rejected_message ORDER BY id");
        assertThat(dead)
                .extracting(r -> r.get("reason"))
                .containsExactlyInAnyOrder("NOT_JSON", "TOPIC_MISMATCH", "BAD_TOPIC", "UNKNOWN_METRIC");
        Map<String, Object> notJsonRow = dead.stream()
                .filter(r -> r.get("reason").equals("NOT_JSON"))
                .findFirst()
                .orElseThrow();
        assertThat(notJsonRow.get("topic")).isEqualTo(topic("gw-c"));
        assertThat((byte[]) notJsonRow.get("payload")).isEqualTo(notJson);
        assertThat(notJsonRow.get("payload_bytes")).isEqualTo(notJson.length);
        assertThat((String) notJsonRow.get("detail")).contains("not JSON");
        assertThat(dead.stream().filter(r -> r.get("reason").equals("UNKNOWN_METRIC")))
                .singleElement()
                .satisfies(r -> assertThat((String) r.get("detail")).contains("salinity"));
        assertThat(dead.stream().filter(r -> r.get("reason").equals("BAD_TOPIC")))
                .singleElement()
                .satisfies(r -> assertThat(r.get("topic")).isEqualTo(badTopic));
        assertThat(count("dx.ingest.rejected", "reason", "NOT_JSON")).isEqualTo(notJsonCount + 1);
        assertThat(messages("stored")).isEqualTo(stored + 2);
    }

    @Test
    void manyBatchesInARowAreAllStored() throws Exception {
        int batches = 300;
        int perBatch = 5;
        double stored = messages("stored");
        var sent = new ArrayList<Reading>();
        for (int seq = 1; seq <= batches; seq++) {
            var readings = new ArrayList<Reading>();
            for (int d = 0; d < perBatch; d++) {
                readings.add(new Reading("m-wl" + d, WATER_LEVEL, BASE.plusMillis(seq * 10L), seq + d / 10.0));
            }
            sent.addAll(readings);
            publish(batch("gw-m", seq, readings));
        }
        awaitMessages("stored", stored + batches);

        assertThat(stored("m-")).containsExactlyInAnyOrderElementsOf(sent);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM uplink_batch WHERE gateway_id = 'gw-m'", Integer.class))
                .isEqualTo(batches);
        var latency =
                registry.find("dx.ingest.batch.latency").tag("from", "sent").timer();
        assertThat(latency).isNotNull();
        assertThat(latency.count()).isGreaterThanOrEqualTo(batches);
    }
}

package vn.dongxanh.ingest.irrigation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static vn.dongxanh.contract.telemetry.Metric.FLOW;
import static vn.dongxanh.contract.telemetry.Metric.SOIL_MOISTURE;
import static vn.dongxanh.contract.telemetry.Metric.VALVE;
import static vn.dongxanh.contract.telemetry.Metric.WATER_LEVEL;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import vn.dongxanh.contract.event.EventCodec;
import vn.dongxanh.contract.event.IrrigationEvent;
import vn.dongxanh.contract.irrigation.PlotActivity;
import vn.dongxanh.contract.irrigation.PlotActivityCodec;
import vn.dongxanh.contract.irrigation.SeasonSummary;
import vn.dongxanh.contract.irrigation.SeasonSummaryCodec;
import vn.dongxanh.contract.telemetry.Reading;
import vn.dongxanh.contract.topic.Topic;
import vn.dongxanh.ingest.IngestTestSupport;
import vn.dongxanh.ingest.TestHttp;

/**
 * Water per day, irrigation events, season summary and latest values over HTTP, on a dataset built
 * so that every figure has a known answer: three past local days D1..D3 of a rice plot (flow meter,
 * water-level sensor, events) and a vegetable plot (valves only, soil-moisture sensor).
 */
class IrrigationApiTest extends IngestTestSupport {
    private static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final LocalDate D1 = LocalDate.now(ZONE).minusDays(3);
    private static final LocalDate D2 = D1.plusDays(1);
    private static final LocalDate D3 = D1.plusDays(2);
    private static final double EPS = 1e-6;
    private static boolean loaded;
    private static Instant freshAt;

    private TestHttp http;
    private long seq;

    private static Instant at(LocalDate day, int hour, int minute) {
        return day.atTime(LocalTime.of(hour, minute)).atZone(ZONE).toInstant();
    }

    @BeforeEach
    void load() throws Exception {
        http = manager(coop);
        if (loaded) return;
        created(department().post("/api/cooperatives", "{\"id\":\"" + coop + "\",\"name\":\"HTX thử\"}"));
        created(http.post(
                "/api/plots",
                "{\"id\":\"ia-rice\",\"cooperative\":\"" + coop + "\",\"name\":\"Lúa\",\"crop\":\"rice\","
                        + "\"areaHa\":2.0,\"growingAreaCode\":\"VN-QNG-0001\"}"));
        created(http.post(
                "/api/plots",
                "{\"id\":\"ia-veg\",\"cooperative\":\"" + coop + "\",\"name\":\"Rau\",\"crop\":\"leafy_greens\","
                        + "\"areaHa\":0.5,\"valveFlowLpm\":600}"));
        created(http.post(
                "/api/plots", "{\"id\":\"ia-none\",\"cooperative\":\"" + coop + "\",\"name\":\"-\",\"areaHa\":1}"));
        device("ia-rice-wl", "ia-rice", "water_level", 300);
        device("ia-rice-flow", "ia-rice", "flow_meter", null);
        device("ia-veg-sm", "ia-veg", "soil_moisture", null);
        device("ia-veg-valve", "ia-veg", "valve", null);
        created(http.post(
                "/api/devices", "{\"id\":\"ia-rain\",\"cooperative\":\"" + coop + "\",\"kind\":\"rain_gauge\"}"));

        var r = new ArrayList<Reading>();
        // rice flow meter (L/min), known integrals by the trapezoid rule:
        // D1: ramp 0→600 over 5 min (1500 L), 600 for 60 min (36000 L), ramp down (1500 L) = 39 m3
        r.add(new Reading("ia-rice-flow", FLOW, at(D1, 6, 0), 0));
        for (int m = 5; m <= 65; m += 5)
            r.add(new Reading("ia-rice-flow", FLOW, at(D1, 6, 0).plusSeconds(60L * m), 600));
        r.add(new Reading("ia-rice-flow", FLOW, at(D1, 7, 10), 0));
        // D2: 600 for 5 min (3000 L), 55 min of silence (> max-gap 15 min: not counted), ramp down (1500 L)
        r.add(new Reading("ia-rice-flow", FLOW, at(D2, 10, 0), 600));
        r.add(new Reading("ia-rice-flow", FLOW, at(D2, 10, 5), 600));
        r.add(new Reading("ia-rice-flow", FLOW, at(D2, 11, 0), 600));
        r.add(new Reading("ia-rice-flow", FLOW, at(D2, 11, 5), 0));
        // across midnight: 0 at 23:58, 120 at 00:02 → 60 at midnight: 60 L on D2, 180 L on D3; then 300 L
        r.add(new Reading("ia-rice-flow", FLOW, at(D2, 23, 58), 0));
        r.add(new Reading("ia-rice-flow", FLOW, at(D3, 0, 2), 120));
        r.add(new Reading("ia-rice-flow", FLOW, at(D3, 0, 7), 0));
        // rice water level every 5 min: D1 complete, D2 first half, D3 complete plus a burst of 18 in one hour
        for (int i = 0; i < 288; i++)
            r.add(new Reading("ia-rice-wl", WATER_LEVEL, at(D1, 0, 0).plusSeconds(300L * i), -5));
        for (int i = 0; i < 144; i++)
            r.add(new Reading("ia-rice-wl", WATER_LEVEL, at(D2, 0, 0).plusSeconds(300L * i), -8));
        for (int i = 0; i < 288; i++)
            r.add(new Reading("ia-rice-wl", WATER_LEVEL, at(D3, 0, 0).plusSeconds(300L * i), -10));
        for (int i = 0; i < 18; i++)
            r.add(new Reading("ia-rice-wl", WATER_LEVEL, at(D3, 10, 0).plusSeconds(7L + 13L * i), -10));
        // vegetable soil moisture: one reading an hour on D1 only
        for (int h = 0; h < 24; h++) r.add(new Reading("ia-veg-sm", SOIL_MOISTURE, at(D1, h, 30), 0.25));
        // vegetable valve (600 L/min registered): D1 open 08:00–08:15 (15 min) and 20:00 + at most 15 min
        // (the next reading is 30 min later); D2 23:50 → D3 00:05 (10 + 5 min); D3 12:00 with no later reading
        valve(r, at(D1, 8, 0), 1, at(D1, 8, 5), 1, at(D1, 8, 10), 1, at(D1, 8, 15), 0);
        valve(r, at(D1, 20, 0), 1, at(D1, 20, 30), 0);
        valve(r, at(D2, 23, 50), 1, at(D2, 23, 55), 1, at(D3, 0, 0), 1, at(D3, 0, 5), 0);
        valve(r, at(D3, 12, 0), 1);
        // one fresh reading, for "latest"
        freshAt = Instant.now().truncatedTo(ChronoUnit.MILLIS).minusSeconds(60);
        r.add(new Reading("ia-rice-wl", WATER_LEVEL, freshAt, 2.5));
        double stored = messages("stored");
        int batches = 0;
        for (int i = 0; i < r.size(); i += 200) {
            publish(batch("gw-ia", ++seq, r.subList(i, Math.min(r.size(), i + 200))));
            batches++;
        }
        awaitMessages("stored", stored + batches);

        // events of the rice plot
        double events = eventMessages("stored");
        event(IrrigationEvent.Kind.START, at(D1, 6, 0));
        event(IrrigationEvent.Kind.STOP, at(D1, 7, 10));
        event(IrrigationEvent.Kind.START, at(D2, 10, 0));
        event(IrrigationEvent.Kind.STOP, at(D2, 11, 5));
        event(IrrigationEvent.Kind.SKIP, at(D2, 15, 0));
        event(IrrigationEvent.Kind.ALARM, at(D3, 0, 0));
        event(IrrigationEvent.Kind.ALARM, at(D3, 1, 0));
        org.awaitility.Awaitility.await().atMost(WAIT).until(() -> eventMessages("stored") >= events + 7);
        // the same plot id under another cooperative is another plot
        jdbc.update(
                "INSERT INTO irrigation_event (gateway_id, event_id, cooperative_id, plot_id, valve_id, kind, reason,"
                        + " detail, readings, run_s, at, received_at) VALUES ('gw-x', 'foreign', 'other-coop',"
                        + " 'ia-rice', '', 'START', 'R', '', '{}', 0, ?, now())",
                java.sql.Timestamp.from(at(D3, 5, 0)));
        loaded = true;
    }

    private static void valve(List<Reading> out, Object... timesAndValues) {
        for (int i = 0; i < timesAndValues.length; i += 2) {
            out.add(new Reading(
                    "ia-veg-valve",
                    VALVE,
                    (Instant) timesAndValues[i],
                    ((Integer) timesAndValues[i + 1]).doubleValue()));
        }
    }

    private void event(IrrigationEvent.Kind kind, Instant at) throws Exception {
        var e = new IrrigationEvent(
                UUID.randomUUID().toString(),
                "ia-rice",
                "ia-rice-valve",
                kind,
                kind == IrrigationEvent.Kind.ALARM ? "SENSOR_SILENT" : "BELOW_START_LEVEL",
                "",
                Map.of("water_level", -15.5),
                kind == IrrigationEvent.Kind.START ? Duration.ofMinutes(90) : Duration.ZERO,
                at);
        publish(new Topic.GatewayEvents(coop, "gw-ia").path(), EventCodec.encode(e));
    }

    private void device(String id, String plot, String kind, Integer interval) {
        created(http.post(
                "/api/devices",
                "{\"id\":\"" + id + "\",\"plot\":\"" + plot + "\",\"kind\":\"" + kind + "\""
                        + (interval == null ? "" : ",\"reportingIntervalS\":" + interval) + "}"));
    }

    private static JsonNode created(TestHttp.Reply r) {
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    private JsonNode ok(String uri) {
        TestHttp.Reply r = http.get(uri);
        assertThat(r.status()).as(uri + " → " + r.body()).isEqualTo(200);
        return r.json();
    }

    private static void day(JsonNode day, LocalDate date, double m3, double area) {
        assertThat(day.get("date").stringValue()).isEqualTo(date.toString());
        assertThat(day.get("m3").doubleValue()).as(date.toString()).isCloseTo(m3, within(EPS));
        assertThat(day.get("mm").doubleValue()).as(date.toString()).isCloseTo(m3 / (area * 10), within(EPS));
        assertThat(day.get("source").stringValue()).isEqualTo("raw");
    }

    @Test
    void waterFromAFlowMeterIsIntegratedPerDay() {
        JsonNode w = ok("/api/plots/ia-rice/water?from=" + D1 + "&to=" + D3);
        assertThat(w.get("method").stringValue()).isEqualTo("flow_meter");
        assertThat(w.get("devices")).extracting(JsonNode::stringValue).containsExactly("ia-rice-flow");
        assertThat(w.get("zone").stringValue()).isEqualTo("Asia/Ho_Chi_Minh");
        JsonNode days = w.get("days");
        assertThat(days).hasSize(3);
        day(days.get(0), D1, 39.0, 2.0);
        day(days.get(1), D2, 4.56, 2.0);
        day(days.get(2), D3, 0.48, 2.0);
        assertThat(w.get("totalM3").doubleValue()).isCloseTo(44.04, within(EPS));
        assertThat(w.get("totalMm").doubleValue()).isCloseTo(2.202, within(EPS));

        // one day alone gives the same figure: nothing leaks in from the neighbours
        JsonNode d2 = ok("/api/plots/ia-rice/water?from=" + D2 + "&to=" + D2);
        assertThat(d2.get("days")).hasSize(1);
        assertThat(d2.get("totalM3").doubleValue()).isCloseTo(4.56, within(EPS));
    }

    @Test
    void withoutAFlowMeterWaterIsValveOpenTimeTimesTheValveFlow() {
        JsonNode w = ok("/api/plots/ia-veg/water?from=" + D1 + "&to=" + D3);
        assertThat(w.get("method").stringValue()).isEqualTo("valve_time");
        assertThat(w.get("valveFlowLpm").doubleValue()).isEqualTo(600);
        assertThat(w.get("valveFlowSource").stringValue()).isEqualTo("plot");
        JsonNode days = w.get("days");
        day(days.get(0), D1, 18.0, 0.5);
        day(days.get(1), D2, 6.0, 0.5);
        day(days.get(2), D3, 12.0, 0.5);
        assertThat(w.get("totalMm").doubleValue()).isCloseTo(7.2, within(EPS));

        JsonNode none = ok("/api/plots/ia-none/water?from=" + D1 + "&to=" + D3);
        assertThat(none.get("method").stringValue()).isEqualTo("none");
        assertThat(none.get("totalM3").doubleValue()).isZero();
        assertThat(none.get("days")).hasSize(3);
    }

    @Test
    void theSeasonSummaryAddsUpTheSeason() {
        JsonNode s = ok("/api/plots/ia-rice/season-summary?from=" + D1 + "&to=" + D3);
        assertThat(s.get("plot").stringValue()).isEqualTo("ia-rice");
        assertThat(s.get("cooperative").stringValue()).isEqualTo(coop);
        assertThat(s.get("growingAreaCode").stringValue()).isEqualTo("VN-QNG-0001");
        assertThat(s.get("from").stringValue()).isEqualTo(D1.toString());
        assertThat(s.get("to").stringValue()).isEqualTo(D3.toString());
        assertThat(s.get("days").longValue()).isEqualTo(3);
        // D1 and D2 had a START; D3 only 0.48 m3 (< 1 m3) and alarms
        assertThat(s.get("daysIrrigated").longValue()).isEqualTo(2);
        assertThat(s.get("water").get("m3").doubleValue()).isCloseTo(44.04, within(EPS));
        assertThat(s.get("water").get("mm").doubleValue()).isCloseTo(2.202, within(EPS));
        assertThat(s.get("water").get("method").stringValue()).isEqualTo("flow_meter");
        JsonNode ev = s.get("events");
        assertThat(ev.get("start").longValue()).isEqualTo(2);
        assertThat(ev.get("stop").longValue()).isEqualTo(2);
        assertThat(ev.get("skip").longValue()).isEqualTo(1);
        assertThat(ev.get("alarm").longValue()).isEqualTo(2);
        assertThat(s.get("alarms").longValue()).isEqualTo(2);
        // 864 expected (3 days / 5 min); counted 288 + 144 + 288 (the burst hour is capped at 12)
        JsonNode cov = s.get("sensorCoverage");
        assertThat(cov.get("sensors")).hasSize(1);
        JsonNode wl = cov.get("sensors").get(0);
        assertThat(wl.get("device").stringValue()).isEqualTo("ia-rice-wl");
        assertThat(wl.get("kind").stringValue()).isEqualTo("water_level");
        assertThat(wl.get("reportingIntervalS").longValue()).isEqualTo(300);
        assertThat(wl.get("expected").longValue()).isEqualTo(864);
        assertThat(wl.get("received").longValue()).isEqualTo(738);
        assertThat(wl.get("percent").doubleValue()).isCloseTo(100.0 * 720 / 864, within(EPS));
        assertThat(cov.get("percent").doubleValue()).isCloseTo(100.0 * 720 / 864, within(EPS));
        // the level over the season from the hourly rollup (every reading counted, the burst too), in cm
        assertThat(wl.get("min").doubleValue()).isEqualTo(-10.0);
        assertThat(wl.get("max").doubleValue()).isEqualTo(-5.0);
        assertThat(wl.get("mean").doubleValue()).isCloseTo((288 * -5.0 + 144 * -8.0 + 306 * -10.0) / 738, within(EPS));

        JsonNode veg = ok("/api/plots/ia-veg/season-summary?from=" + D1 + "&to=" + D3);
        assertThat(veg.get("daysIrrigated").longValue()).isEqualTo(3); // by water: 18, 6 and 12 m3
        assertThat(veg.get("alarms").longValue()).isZero();
        JsonNode sm = veg.get("sensorCoverage").get("sensors").get(0);
        assertThat(sm.get("reportingIntervalS").longValue()).isEqualTo(300); // the default, 5 min
        assertThat(sm.get("received").longValue()).isEqualTo(24);
        assertThat(sm.get("percent").doubleValue()).isCloseTo(100.0 * 24 / 864, within(EPS));
        assertThat(sm.get("mean").doubleValue()).isCloseTo(0.25, within(EPS));
        assertThat(sm.get("min").doubleValue()).isCloseTo(0.25, within(EPS));

        JsonNode none = ok("/api/plots/ia-none/season-summary?from=" + D1 + "&to=" + D3);
        assertThat(none.get("daysIrrigated").longValue()).isZero();
        assertThat(none.get("sensorCoverage").get("percent").isNull()).isTrue();
        assertThat(none.get("sensorCoverage").get("sensors")).isEmpty();
    }

    @Test
    void everyPlotsDaysOfReadingsAndIrrigationInOneAnswer() {
        // the daily rollup is kept up by a scheduled job on plain PostgreSQL: wait for it to have the days
        org.awaitility.Awaitility.await().atMost(WAIT).untilAsserted(() -> {
            TestHttp.Reply r = http.get("/api/plot-activity?from=" + D1 + "&to=" + D3);
            assertThat(r.status()).as(r.body()).isEqualTo(200);
            PlotActivity a = PlotActivityCodec.decode(r.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertThat(a.from()).isEqualTo(D1);
            assertThat(a.to()).isEqualTo(D3);
            assertThat(a.zone()).isEqualTo(ZONE.getId());
            assertThat(a.plots())
                    .containsExactly(
                            // water level all three days; flow or a START every day; the control started D1 and D2
                            // (the other cooperative's START on D3 for a plot of the same id is not this plot's)
                            new PlotActivity.Plot("ia-none", coop, 0, 0, "000", "000", "000"),
                            new PlotActivity.Plot("ia-rice", coop, 1, 0, "111", "111", "110"),
                            // soil moisture on D1 only; the valve open every day; no event
                            new PlotActivity.Plot("ia-veg", coop, 1, 1, "100", "111", "000"));
        });
        // a cooperative's user asking for another's gets nothing; a bad range is explained
        assertThat(ok("/api/plot-activity?from=" + D1 + "&to=" + D3 + "&cooperative=someone-else")
                        .get("plots"))
                .isEmpty();
        assertBad("/api/plot-activity?from=" + D3 + "&to=" + D1, "is before from");
    }

    @Test
    void theSeasonSummaryIsExactlyTheContractsShape() {
        for (String plot : List.of("ia-rice", "ia-veg", "ia-none")) {
            TestHttp.Reply r = http.get("/api/plots/" + plot + "/season-summary?from=" + D1 + "&to=" + D3);
            assertThat(r.status()).isEqualTo(200);
            SeasonSummary decoded =
                    SeasonSummaryCodec.decode(r.body().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            assertThat(decoded.plot()).isEqualTo(plot);
            // what the contract's codec writes for it is what was served: same fields, names and values
            assertThat(vn.dongxanh.contract.Json.MAPPER.readTree(SeasonSummaryCodec.encode(decoded)))
                    .isEqualTo(r.json());
        }
    }

    @Test
    void eventsOfAPlotComeInTimeOrderAndOnlyFromItsCooperative() {
        JsonNode all = ok("/api/plots/ia-rice/irrigation-events?from=" + D1 + "&to=" + D3);
        assertThat(all)
                .extracting(n -> n.get("kind").stringValue())
                .containsExactly("START", "STOP", "START", "STOP", "SKIP", "ALARM", "ALARM");
        JsonNode first = all.get(0);
        assertThat(first.get("gateway").stringValue()).isEqualTo("gw-ia");
        assertThat(first.get("runS").longValue()).isEqualTo(5400);
        assertThat(first.get("readings").get("water_level").doubleValue()).isEqualTo(-15.5);
        assertThat(Instant.parse(first.get("at").stringValue())).isEqualTo(at(D1, 6, 0));

        JsonNode alarms = ok(
                "/api/plots/ia-rice/irrigation-events?from=" + at(D1, 0, 0) + "&to=" + at(D3, 0, 30) + "&kind=ALARM");
        assertThat(alarms).hasSize(1);
        TestHttp.Reply bad = http.get("/api/plots/ia-rice/irrigation-events?kind=RAIN");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().get("detail").stringValue()).contains("kind 'RAIN'");
    }

    @Test
    void latestValuesOfAPlotAndACooperative() {
        JsonNode plot = ok("/api/plots/ia-rice/latest");
        assertThat(plot.get("series"))
                .extracting(n ->
                        n.get("device").stringValue() + "/" + n.get("metric").stringValue())
                .containsExactly("ia-rice-flow/flow", "ia-rice-wl/water_level");
        JsonNode wl = plot.get("series").get(1);
        assertThat(Instant.parse(wl.get("t").stringValue())).isEqualTo(freshAt);
        assertThat(wl.get("v").doubleValue()).isEqualTo(2.5);
        assertThat(wl.get("stale").booleanValue()).isFalse();
        JsonNode flow = plot.get("series").get(0);
        assertThat(Instant.parse(flow.get("t").stringValue())).isEqualTo(at(D3, 0, 7));
        assertThat(flow.get("stale").booleanValue()).isTrue();

        JsonNode c = ok("/api/cooperatives/" + coop + "/latest");
        assertThat(c.get("series"))
                .extracting(n -> n.get("device").stringValue())
                .containsExactly("ia-rice-flow", "ia-rice-wl", "ia-veg-sm", "ia-veg-valve");
        assertThat(http.get("/api/plots/ia-nowhere/latest").status()).isEqualTo(404);
        assertThat(http.get("/api/cooperatives/nobody/latest").status()).isEqualTo(404);
    }

    @Test
    void badRangesAreExplained() {
        assertBad("/api/plots/ia-rice/water?from=" + D1, "'to' is required");
        assertBad("/api/plots/ia-rice/water?from=" + D3 + "&to=" + D1, "is before from");
        assertBad("/api/plots/ia-rice/water?from=yesterday&to=" + D1, "from 'yesterday' is not a date");
        assertBad("/api/plots/ia-rice/season-summary?from=2020-01-01&to=2026-01-01", "at most 1000");
        assertThat(http.get("/api/plots/ia-nowhere/water?from=" + D1 + "&to=" + D1)
                        .status())
                .isEqualTo(404);
    }

    @Test
    void openApiDocumentsTheSeasonSummaryForTraceability() {
        TestHttp.Reply r = management().get(API_DOCS);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode docs = r.json();
        JsonNode schema = docs.get("components").get("schemas").get("SeasonSummary");
        assertThat(schema.get("description").stringValue()).contains("buyers and auditors");
        assertThat(schema.get("properties").propertyNames())
                .contains("daysIrrigated", "water", "sensorCoverage", "alarms", "events", "growingAreaCode");
        assertThat(docs.get("paths")
                        .get("/api/plots/{plot}/season-summary")
                        .get("get")
                        .get("summary")
                        .stringValue())
                .isEqualTo("Irrigation evidence of a plot over a season");
        assertThat(docs.get("components")
                        .get("schemas")
                        .get("WaterReport")
                        .get("description")
                        .stringValue())
                .contains("trapezoid");
        assertThat(docs.get("paths").has("/api/series/aggregate")).isTrue();
    }

    private void assertBad(String uri, String detail) {
        TestHttp.Reply r = http.get(uri);
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().get("detail").stringValue()).contains(detail);
    }
}

package vn.dongxanh.trace.epcis;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import vn.dongxanh.contract.irrigation.SeasonSummary;
import vn.dongxanh.contract.irrigation.SeasonSummaryCodec;
import vn.dongxanh.devkit.FreePorts;
import vn.dongxanh.devkit.LocalServices;
import vn.dongxanh.trace.TestHttp;
import vn.dongxanh.trace.TestProperties;
import vn.dongxanh.trace.ledger.TestChain;

/**
 * EPCIS as OpenEPCIS users expect it, over real HTTP and PostgreSQL: one event found by Digital
 * Link, EPC URN and GTIN + lot; capture answers 202 with a job polled at its Location; a reused
 * eventID with other content is a 409, the same content again a duplicate; bad fields are 400
 * naming the field by JSON pointer; the harvest event carries the certificate and the season's
 * sensor summary from ingest (stood in for by a local HTTP server answering the contract's codec).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"dx.trace.public-url=https://dx.example.vn", "dx.trace.ingest.read-timeout=2s"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class EpcisCaptureTest {
    private static final LocalServices.TestDatabase DB = LocalServices.freshDatabase("trace_epcis_capture");
    private static final TestChain CHAIN = TestChain.start();
    private static final int INGEST_PORT = FreePorts.tcp();
    private static final LocalDate D = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh"));
    private static final String RICE = "08931234567897";
    /** The same GTIN as an EPC URN's company prefix (8931234) and indicator + item reference (056789). */
    private static final String URN_PREFIX = "urn:epc:class:lgtin:8931234.056789.";

    private static HttpServer ingest;
    private static Long certificate;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestProperties.service(registry, DB, CHAIN);
        registry.add("dx.trace.ingest.base-url", () -> "http://127.0.0.1:" + INGEST_PORT);
    }

    @AfterAll
    static void cleanUp(@Autowired DataSource dataSource) throws Exception {
        if (ingest != null) ingest.stop(0);
        TestProperties.release(dataSource, DB, CHAIN);
    }

    @LocalServerPort
    int port;

    TestHttp http;

    private TestHttp.Response ok(TestHttp.Response r, int status) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        return r;
    }

    @BeforeEach
    void prepare() throws Exception {
        http = new TestHttp(port);
        if (certificate != null) return;
        startIngest();
        for (String[] org :
                new String[][] {{"htx-a", "COOPERATIVE"}, {"htx-b", "COOPERATIVE"}, {"cb-1", "CERTIFICATION_BODY"}}) {
            ok(
                    http.post(
                            "/api/organisations",
                            Map.of("id", org[0], "kind", org[1], "name", "Org " + org[0]),
                            "dept"),
                    201);
        }
        ok(
                http.post(
                        "/api/plots",
                        Map.of(
                                "id",
                                "cap-1",
                                "name",
                                "Ruộng",
                                "crop",
                                "rice",
                                "geometry",
                                TestHttp.square(108.85, 14.95, 120)),
                        "htx-a"),
                201);
        ok(
                http.post(
                        "/api/codes",
                        Map.of(
                                "code",
                                "VN-51-0031",
                                "crop",
                                "rice",
                                "plotIds",
                                List.of("cap-1"),
                                "applicationDate",
                                D.minusDays(60).toString()),
                        "htx-a"),
                201);
        for (String[] step : new String[][] {{"UNDER_INSPECTION", "50"}, {"ISSUED", "40"}}) {
            ok(
                    http.post(
                            "/api/codes/VN-51-0031/status",
                            Map.of(
                                    "status",
                                    step[0],
                                    "reason",
                                    "ok",
                                    "effectiveDate",
                                    D.minusDays(Long.parseLong(step[1])).toString()),
                            "dept"),
                    200);
        }
        ok(http.post("/api/products", Map.of("gtin", RICE, "name", "Lúa tươi", "crop", "rice"), "htx-a"), 201);
        certificate = ok(
                        http.post(
                                "/api/certificates",
                                Map.of(
                                        "scheme",
                                        "VIETGAP",
                                        "number",
                                        "VietGAP-TT-13-09-51-0099",
                                        "holderId",
                                        "htx-a",
                                        "validFrom",
                                        D.minusDays(200).toString(),
                                        "validTo",
                                        D.plusDays(200).toString(),
                                        "crops",
                                        List.of("rice")),
                                "cb"),
                        201)
                .body()
                .get("id")
                .longValue();
        ok(
                http.post(
                        "/api/batches",
                        Map.of(
                                "gtin",
                                RICE,
                                "lot",
                                "H-1",
                                "code",
                                "VN-51-0031",
                                "harvestDate",
                                D.minusDays(5).toString(),
                                "quantityKg",
                                1000,
                                "certificateIds",
                                List.of(certificate)),
                        "htx-a"),
                201);
    }

    /** ingest's stand-in: every plot's season has one water-level sensor, between -12 and 4.5 cm. */
    private static void startIngest() throws Exception {
        ingest = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), INGEST_PORT), 0);
        ingest.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath(); // /api/plots/{plot}/season-summary
            String plot = path.split("/")[3];
            var query = exchange.getRequestURI().getQuery(); // from=…&to=…
            LocalDate from = LocalDate.parse(query.replaceAll(".*from=([0-9-]+).*", "$1"));
            LocalDate to = LocalDate.parse(query.replaceAll(".*to=([0-9-]+).*", "$1"));
            SeasonSummary s = new SeasonSummary(
                    plot,
                    "htx-a",
                    "Ruộng",
                    "rice",
                    0.2,
                    "VN-51-0031",
                    from,
                    to,
                    "Asia/Ho_Chi_Minh",
                    Instant.now(),
                    to.toEpochDay() - from.toEpochDay() + 1,
                    10,
                    new SeasonSummary.Water(120, 60, "flow_meter"),
                    new SeasonSummary.Events(10, 10, 2, 0),
                    0,
                    new SeasonSummary.SensorCoverage(
                            96.5,
                            List.of(new SeasonSummary.Sensor(
                                    plot + "-wl", "water_level", 300, 1000, 965, 96.5, -12.0, -3.456, 4.5))));
            byte[] body = SeasonSummaryCodec.encode(s);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        ingest.start();
    }

    private static Map<String, Object> event(String epcClass, String eventId, Object quantity) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("type", "ObjectEvent");
        if (eventId != null) e.put("eventID", eventId);
        e.put("eventTime", D.minusDays(2).atTime(9, 0) + ":00+07:00");
        e.put("eventTimeZoneOffset", "+07:00");
        e.put("epcList", List.of());
        e.put("action", "OBSERVE");
        e.put("bizStep", "inspecting");
        e.put("disposition", "active");
        e.put("quantityList", List.of(Map.of("epcClass", epcClass, "quantity", quantity, "uom", "KGM")));
        return e;
    }

    private static Map<String, Object> document(List<Map<String, Object>> events) {
        return Map.of(
                "@context", List.of(Epcis.CONTEXT),
                "type", "EPCISDocument",
                "schemaVersion", "2.0",
                "creationDate", Instant.now().toString(),
                "epcisBody", Map.of("eventList", events));
    }

    private List<String> eventIds(String query) {
        return ok(http.get("/api/epcis/events?" + query, "htx-a"), 200)
                .body()
                .get("epcisBody")
                .get("eventList")
                .valueStream()
                .map(e -> e.get("eventID").stringValue())
                .toList();
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void oneEventIsFoundByDigitalLinkUriEpcUrnAndGtinWithLot() {
        String id = "urn:uuid:" + java.util.UUID.randomUUID();
        // captured in EPC URN form
        ok(http.post("/api/epcis/capture", document(List.of(event(URN_PREFIX + "H-1", id, 12))), "htx-a"), 202);
        for (String query : List.of(
                "epc=" + enc(URN_PREFIX + "H-1"),
                "epc=" + enc("https://id.gs1.org/01/" + RICE + "/10/H-1"),
                "epc=" + enc("https://dx.example.vn/01/" + RICE.substring(1) + "/10/H-1"), // another host, GTIN-13
                "gtin=" + RICE + "&lot=H-1",
                "gtin=" + RICE.substring(1) + "&lot=H-1")) {
            assertThat(eventIds(query)).as(query).contains(id);
        }
        // and the harvest, generated in Digital Link form, is found by its URN
        assertThat(eventIds("epc=" + enc(URN_PREFIX + "H-1"))).hasSizeGreaterThanOrEqualTo(2);
        TestHttp.Response badGtin = http.get("/api/epcis/events?gtin=08931234567890&lot=H-1", "htx-a");
        assertThat(badGtin.status()).isEqualTo(400);
        assertThat(badGtin.body().get("pointer").stringValue()).isEqualTo("/gtin");
    }

    @Test
    void captureAnswers202WithAJobPolledAtItsLocation() {
        TestHttp.Response accepted = ok(
                http.post(
                        "/api/epcis/capture",
                        document(List.of(event("https://id.gs1.org/01/" + RICE + "/10/H-1", null, 3))),
                        "htx-a"),
                202);
        String location = accepted.headers().get("Location");
        assertThat(location).startsWith("/api/epcis/capture/");
        JsonNode job = ok(http.get(location, "htx-a"), 200).body();
        assertThat(job.get("captureID").stringValue()).isEqualTo(location.substring(location.lastIndexOf('/') + 1));
        assertThat(job.get("running").booleanValue()).isFalse();
        assertThat(job.get("success").booleanValue()).isTrue();
        assertThat(job.get("state").stringValue()).isEqualTo("succeeded");
        assertThat(job.get("errors")).isEmpty();
        JsonNode stored = job.get("events").get(0);
        // an event without an eventID gets its CBV 2.0 event hash as its id
        assertThat(stored.get("eventHash").stringValue()).matches("ni:///sha-256;[0-9a-f]{64}\\?ver=CBV2\\.0");
        assertThat(stored.get("eventID").stringValue())
                .isEqualTo(stored.get("eventHash").stringValue());
        assertThat(http.get(location, "htx-b").status())
                .as("another cooperative's job")
                .isEqualTo(404);
        assertThat(http.get(location, "dept").status()).isEqualTo(200);

        // a refused capture is a failed job, its errors kept
        Map<String, Object> bad = event("https://id.gs1.org/01/" + RICE + "/10/H-1", null, 3);
        bad.put("disposition", "mouldy");
        TestHttp.Response refused = http.post("/api/epcis/capture", document(List.of(bad)), "htx-a");
        assertThat(refused.status()).isEqualTo(400);
        String failedId = refused.body().get("captureID").stringValue();
        JsonNode failed =
                ok(http.get("/api/epcis/capture/" + failedId, "htx-a"), 200).body();
        assertThat(failed.get("state").stringValue()).isEqualTo("failed");
        assertThat(failed.get("success").booleanValue()).isFalse();
        assertThat(failed.get("errors").get(0).get("pointer").stringValue())
                .isEqualTo("/epcisBody/eventList/0/disposition");
        assertThat(http.get("/api/epcis/capture/" + java.util.UUID.randomUUID(), "htx-a")
                        .status())
                .isEqualTo(404);
    }

    @Test
    void aReusedEventIdIsAConflictUnlessTheContentIsTheSame() {
        String id = "urn:uuid:" + java.util.UUID.randomUUID();
        String lot = "https://id.gs1.org/01/" + RICE + "/10/H-1";
        ok(http.post("/api/epcis/capture", document(List.of(event(lot, id, 7))), "htx-a"), 202);
        // the same content, its fields in another order and the lot spelt as a URN: a duplicate
        Map<String, Object> reordered = new LinkedHashMap<>();
        List.copyOf(event(URN_PREFIX + "H-1", id, 7).entrySet())
                .reversed()
                .forEach(e -> reordered.put(e.getKey(), e.getValue()));
        JsonNode again = ok(http.post("/api/epcis/capture", document(List.of(reordered)), "htx-a"), 202)
                .body();
        assertThat(again.get("duplicates").valueStream().map(JsonNode::stringValue))
                .containsExactly(id);
        assertThat(again.get("stored")).isEmpty();

        TestHttp.Response conflict = http.post("/api/epcis/capture", document(List.of(event(lot, id, 8))), "htx-a");
        assertThat(conflict.status()).as(conflict.text()).isEqualTo(409);
        assertThat(conflict.contentType()).startsWith("application/problem+json");
        assertThat(conflict.body().get("rule").stringValue()).isEqualTo("epcis-event-id-conflict");
        assertThat(conflict.body().get("pointer").stringValue()).isEqualTo("/epcisBody/eventList/0/eventID");
        assertThat(conflict.detail()).contains(id);
        assertThat(eventIds("epc=" + enc(lot)).stream().filter(id::equals)).hasSize(1);
    }

    @Test
    void impossibleEventsAreRefusedNamingTheField() {
        String lot = "https://id.gs1.org/01/" + RICE + "/10/H-1";
        Map<String, Map.Entry<String, Object>> cases = new LinkedHashMap<>();
        cases.put("/epcisBody/eventList/0/quantityList/0/quantity", Map.entry("quantity", -5));
        cases.put(
                "/epcisBody/eventList/0/eventTime",
                Map.entry(
                        "eventTime",
                        Instant.now().plusSeconds(86_400).toString().replace("Z", "+00:00")));
        cases.put("/epcisBody/eventList/0/bizStep", Map.entry("bizStep", "harvesting"));
        cases.put("/epcisBody/eventList/0/disposition", Map.entry("disposition", "urn:example:disp:rotten"));
        for (var c : cases.entrySet()) {
            Map<String, Object> e = event(lot, null, 1);
            if (c.getValue().getKey().equals("quantity")) {
                e.put(
                        "quantityList",
                        List.of(Map.of("epcClass", lot, "quantity", c.getValue().getValue(), "uom", "KGM")));
            } else {
                e.put(c.getValue().getKey(), c.getValue().getValue());
            }
            TestHttp.Response r = http.post("/api/epcis/capture", document(List.of(e)), "htx-a");
            assertThat(r.status()).as(c.getKey() + ": " + r.text()).isEqualTo(400);
            assertThat(r.contentType()).startsWith("application/problem+json");
            assertThat(r.body().get("pointer").stringValue()).isEqualTo(c.getKey());
        }
        for (String time : List.of(
                "1999-12-31T23:00:00+07:00", "2026-02-30T10:00:00+07:00", "2026-05-01T08:00+07:00", "yesterday")) {
            Map<String, Object> e = event(lot, null, 1);
            e.put("eventTime", time);
            TestHttp.Response r = http.post("/api/epcis/capture", document(List.of(e)), "htx-a");
            assertThat(r.status()).as(time).isEqualTo(400);
            assertThat(r.body().get("pointer").stringValue()).isEqualTo("/epcisBody/eventList/0/eventTime");
        }
        // a CBV disposition in its URI form passes
        Map<String, Object> uri = event(lot, null, 2);
        uri.put("disposition", "https://ref.gs1.org/cbv/Disp-in_progress");
        ok(http.post("/api/epcis/capture", document(List.of(uri)), "htx-a"), 202);
    }

    @Test
    void theHarvestEventCarriesItsCertificateAndTheSeasonsWaterLevel() {
        JsonNode harvest = ok(http.get("/api/epcis/events?gtin=" + RICE + "&lot=H-1", "htx-a"), 200)
                .body()
                .get("epcisBody")
                .get("eventList")
                .valueStream()
                .filter(e -> "commissioning".equals(e.path("bizStep").asString("")))
                .findFirst()
                .orElseThrow();
        assertThat(harvest.get("eventID").stringValue())
                .as("the platform's own events are named by their event hash")
                .matches("ni:///sha-256;[0-9a-f]{64}\\?ver=CBV2\\.0");
        assertThat(harvest.get("certificationInfo").valueStream().map(JsonNode::stringValue))
                .containsExactly("https://dx.example.vn/api/certificates/" + certificate);
        JsonNode element = harvest.get("sensorElementList").get(0);
        assertThat(element.get("sensorMetadata").get("deviceID").stringValue()).isEqualTo("urn:dx:device:cap-1-wl");
        JsonNode report = element.get("sensorReport").get(0);
        assertThat(report.get("type").stringValue()).isEqualTo("Length");
        assertThat(report.get("uom").stringValue()).isEqualTo("CMT");
        assertThat(report.get("minValue").decimalValue()).isEqualByComparingTo("-12");
        assertThat(report.get("meanValue").decimalValue()).isEqualByComparingTo("-3.46");
        assertThat(report.get("maxValue").decimalValue()).isEqualByComparingTo("4.5");
        assertThat(report.get("dx:readingCoveragePercent").decimalValue()).isEqualByComparingTo("96.5");
        // the season: from harvest-season-days before the harvest (no sowing in the diary) to the harvest
        assertThat(Instant.parse(element.get("sensorMetadata").get("startTime").stringValue()))
                .isEqualTo(D.minusDays(5 + 120)
                        .atStartOfDay(ZoneId.of("Asia/Ho_Chi_Minh"))
                        .toInstant());
    }
}

package vn.dongxanh.trace.epcis;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
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
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import vn.dongxanh.devkit.LocalServices;
import vn.dongxanh.trace.TestHttp;
import vn.dongxanh.trace.TestProperties;
import vn.dongxanh.trace.ledger.TestChain;
import vn.dongxanh.trace.qr.QrDecoding;
import vn.dongxanh.trace.record.CanonicalJson;

/** EPCIS 2.0 capture/export round trip, the batch's QR and the Digital Link resolver answering it. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "dx.trace.public-url=https://dx.example.vn")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class EpcisAndResolverTest {
    private static final LocalServices.TestDatabase DB = LocalServices.freshDatabase("trace_epcis");
    private static final TestChain CHAIN = TestChain.start();
    private static final LocalDate D = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh"));
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ZoneOffset VN = ZoneOffset.ofHours(7);
    private static final String RICE = "08931234567897"; // harvest lot GTIN (bulk rice)
    private static final String BAG = "08931234567880"; // 5 kg bag of rice
    private static Long batchId;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestProperties.service(registry, DB, CHAIN);
    }

    @AfterAll
    static void cleanUp(@Autowired DataSource dataSource) throws Exception {
        TestProperties.release(dataSource, DB, CHAIN);
    }

    @LocalServerPort
    int port;

    TestHttp http;
    final EpcisEvents events = new EpcisEvents(JSON, "https://id.gs1.org");

    private TestHttp.Response ok(TestHttp.Response r, int status) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        return r;
    }

    @BeforeEach
    void prepare() {
        http = new TestHttp(port);
        if (batchId != null) {
            return;
        }
        ok(
                http.post(
                        "/api/organisations",
                        Map.of("id", "htx-a", "kind", "COOPERATIVE", "name", "HTX Đức Phong"),
                        "dept"),
                201);
        ok(
                http.post(
                        "/api/plots",
                        Map.of(
                                "id",
                                "lua-1",
                                "name",
                                "Ruộng 1",
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
                                "VN-51-0013",
                                "crop",
                                "rice",
                                "plotIds",
                                List.of("lua-1"),
                                "applicationDate",
                                D.minusDays(60).toString()),
                        "htx-a"),
                201);
        for (String[] step : new String[][] {{"UNDER_INSPECTION", "50"}, {"ISSUED", "40"}}) {
            ok(
                    http.post(
                            "/api/codes/VN-51-0013/status",
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
        // the packed bags are htx-a's product too: a cooperative captures events only about its own lots
        ok(http.post("/api/products", Map.of("gtin", BAG, "name", "Gạo túi 5 kg", "crop", "rice"), "htx-a"), 201);
        batchId = ok(
                        http.post(
                                "/api/batches",
                                Map.of(
                                        "gtin",
                                        RICE,
                                        "lot",
                                        "L-2026-01",
                                        "code",
                                        "VN-51-0013",
                                        "harvestDate",
                                        D.minusDays(5).toString(),
                                        "quantityKg",
                                        2000),
                                "htx-a"),
                        201)
                .body()
                .get("id")
                .longValue();
    }

    private JsonNode export(String epc) {
        return ok(http.get("/api/epcis/events?epc=" + URLEncoder.encode(epc, StandardCharsets.UTF_8), "htx-a"), 200)
                .body();
    }

    @Test
    void aNewBatchIsCommissionedAsAnEpcisObjectEvent() {
        JsonNode doc = export(events.lgtin(RICE, "L-2026-01"));
        assertThat(doc.get("type").stringValue()).isEqualTo("EPCISDocument");
        assertThat(doc.get("schemaVersion").stringValue()).isEqualTo("2.0");
        assertThat(doc.get("@context").get(0).stringValue()).isEqualTo(Epcis.CONTEXT);
        JsonNode harvest = doc.get("epcisBody").get("eventList").get(0);
        assertThat(harvest.get("type").stringValue()).isEqualTo("ObjectEvent");
        assertThat(harvest.get("action").stringValue()).isEqualTo("ADD");
        assertThat(harvest.get("bizStep").stringValue()).isEqualTo("commissioning");
        assertThat(harvest.get("quantityList").get(0).get("quantity").decimalValue())
                .isEqualByComparingTo("2000");
        assertThat(harvest.get("quantityList").get(0).get("uom").stringValue()).isEqualTo("KGM");
        assertThat(harvest.get("bizLocation").get("id").stringValue()).startsWith("geo:14.95");
        assertThat(harvest.get("dx:growingAreaCode").stringValue()).isEqualTo("VN-51-0013");
        assertThat(harvest.get("eventTimeZoneOffset").stringValue()).isEqualTo("+07:00");
    }

    @Test
    void packingShippingAndReceivingRoundTripThroughCaptureAndExport() {
        String lot = events.lgtin(RICE, "L-2026-01");
        String bags = events.lgtin(BAG, "P-2026-01");
        Instant t = D.minusDays(4).atTime(8, 0).toInstant(VN);
        var packed = new EpcisEvents.Quantity(bags, new BigDecimal("1950"));
        List<ObjectNode> sent = List.of(
                events.packing(
                        t,
                        VN,
                        List.of(new EpcisEvents.Quantity(lot, new BigDecimal("2000"))),
                        List.of(packed),
                        "geo:14.950500,108.850600"),
                events.shipping(
                        t.plusSeconds(7200),
                        VN,
                        List.of(packed),
                        "urn:dx:desadv:htx-a:2026-001",
                        "urn:dx:organisation:htx-a",
                        "urn:dx:organisation:coopmart-qn"),
                events.receiving(
                        t.plusSeconds(86_400),
                        VN,
                        List.of(packed),
                        "urn:dx:organisation:coopmart-qn",
                        "geo:15.120000,108.800000"));
        JsonNode result = ok(http.post("/api/epcis/capture", events.document(Instant.now(), sent), "htx-a"), 202)
                .body();
        assertThat(result.get("stored")).hasSize(3);

        JsonNode exported = export(bags);
        List<JsonNode> back =
                exported.get("epcisBody").get("eventList").valueStream().toList();
        assertThat(back).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(CanonicalJson.canonicalize(JSON.writeValueAsString(back.get(i))))
                    .as("event %d comes back as it went in", i)
                    .isEqualTo(CanonicalJson.canonicalize(JSON.writeValueAsString(sent.get(i))));
        }
        assertThat(back.stream().map(e -> e.get("bizStep").stringValue()))
                .containsExactly("packing", "shipping", "receiving");
        assertThat(export(lot)
                        .get("epcisBody")
                        .get("eventList")
                        .valueStream()
                        .map(e -> e.get("type").stringValue()))
                .as("the harvest lot: its commissioning, then the packing that used it")
                .containsExactly("ObjectEvent", "TransformationEvent");

        // the exported document can be captured again: nothing is stored twice
        JsonNode again =
                ok(http.post("/api/epcis/capture", exported, "htx-a"), 202).body();
        assertThat(again.get("stored")).isEmpty();
        assertThat(again.get("duplicates")).hasSize(3);
    }

    @Test
    void aCooperativeCapturesOnlyAboutItsOwnLotsAndLotsShippedToIt() {
        String lot = events.lgtin(RICE, "L-2026-01"); // htx-a's batch
        Instant t = D.minusDays(3).atTime(9, 0).toInstant(VN);
        var part = new EpcisEvents.Quantity(lot, new BigDecimal("500"));
        ObjectNode receivedByB =
                events.receiving(t.plusSeconds(3600), VN, List.of(part), "urn:dx:organisation:htx-b", "geo:15.1,108.8");

        TestHttp.Response refused =
                http.post("/api/epcis/capture", events.document(Instant.now(), List.of(receivedByB)), "htx-b");
        assertThat(refused.status()).as(refused.text()).isEqualTo(403);
        assertThat(refused.body().get("rule").stringValue()).isEqualTo("lot-not-owned");
        assertThat(refused.detail())
                .contains("event 0: lot L-2026-01 of GTIN " + RICE)
                .contains("belongs to htx-a")
                .contains("only about its own lots and lots shipped to it");

        String unknownGtin = "0893123456799" + vn.dongxanh.trace.gs1.Gs1.checkDigit("0893123456799");
        ObjectNode stranger = events.receiving(
                t,
                VN,
                List.of(new EpcisEvents.Quantity(events.lgtin(unknownGtin, "X-1"), BigDecimal.ONE)),
                "urn:dx:organisation:htx-b",
                "geo:15.1,108.8");
        TestHttp.Response unknown =
                http.post("/api/epcis/capture", events.document(Instant.now(), List.of(stranger)), "htx-b");
        assertThat(unknown.status()).isEqualTo(403);
        assertThat(unknown.detail()).contains("lot X-1 of GTIN " + unknownGtin).contains("not a registered product");

        // htx-a ships part of the lot to htx-b: from then on htx-b may capture events about it
        ObjectNode shipped = events.shipping(
                t,
                VN,
                List.of(part),
                "urn:dx:desadv:htx-a:2026-002",
                "urn:dx:organisation:htx-a",
                "urn:dx:organisation:htx-b");
        ok(http.post("/api/epcis/capture", events.document(Instant.now(), List.of(shipped)), "htx-a"), 202);
        JsonNode accepted = ok(
                        http.post("/api/epcis/capture", events.document(Instant.now(), List.of(receivedByB)), "htx-b"),
                        202)
                .body();
        assertThat(accepted.get("stored")).hasSize(1);
        // the department captures about any lot
        ObjectNode inspection = events.receiving(
                t.plusSeconds(7200),
                VN,
                List.of(new EpcisEvents.Quantity(events.lgtin(RICE, "L-2026-01"), BigDecimal.TEN)),
                "urn:dx:organisation:so-nnmt",
                "geo:15.1,108.8");
        assertThat(http.post("/api/epcis/capture", events.document(Instant.now(), List.of(inspection)), "dept")
                        .status())
                .isEqualTo(202);
    }

    @Test
    void quantitiesTravelAsDecimalStringsAndNumbersCanonicalJsonWouldChangeAreRefused() {
        // the batch's record carries its quantity as a decimal string, exactly as entered
        long recordId = ok(http.get("/api/batches/" + batchId, "htx-a"), 200)
                .body()
                .get("recordId")
                .longValue();
        JsonNode record = JSON.readTree(ok(http.get("/api/records/" + recordId, "htx-a"), 200)
                .body()
                .get("content")
                .stringValue());
        assertThat(record.get("body").get("quantityKg").isString()).isTrue();
        assertThat(record.get("body").get("quantityKg").stringValue()).isEqualTo("2000");

        // an EPCIS quantity RFC 8785 would print differently (an IEEE double has ~17 digits) is refused
        ObjectNode tooFine = events.harvest(
                Instant.now(),
                VN,
                new EpcisEvents.Quantity(events.lgtin(RICE, "L-FINE"), new BigDecimal("1234567.12345678912")),
                "geo:14.9,108.8",
                "VN-51-0013",
                List.of(),
                List.of());
        TestHttp.Response refused =
                http.post("/api/epcis/capture", events.document(Instant.now(), List.of(tooFine)), "htx-a");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().get("rule").stringValue()).isEqualTo("inexact-number");
        assertThat(refused.body().get("field").stringValue()).isEqualTo("/body/quantityList/0/quantity");
        assertThat(refused.detail()).contains("1234567.12345678912").contains("decimal string");
        assertThat(export(events.lgtin(RICE, "L-FINE")).get("epcisBody").get("eventList"))
                .as("nothing was stored")
                .isEmpty();
    }

    @Test
    void eventsOutsideEpcis2AndCbv2AreRefusedWithTheReason() {
        ObjectNode bad = events.harvest(
                Instant.now(),
                VN,
                new EpcisEvents.Quantity(events.lgtin(RICE, "L-X"), BigDecimal.TEN),
                "geo:14.9,108.8",
                "VN-51-0013",
                List.of(),
                List.of());
        bad.put("bizStep", "harvesting");
        TestHttp.Response refused =
                http.post("/api/epcis/capture", events.document(Instant.now(), List.of(bad)), "htx-a");
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.body().get("pointer").stringValue()).isEqualTo("/epcisBody/eventList/0/bizStep");
        assertThat(refused.detail()).contains("'harvesting' is not a CBV 2.0 business step");
        assertThat(http.post("/api/epcis/capture", events.document(Instant.now(), List.of(bad)), null)
                        .status())
                .isEqualTo(401);
    }

    @Test
    void theBatchQrCarriesItsDigitalLinkAndTheResolverAnswersIt() throws Exception {
        HttpResponse<byte[]> png = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(
                                        URI.create("http://127.0.0.1:" + port + "/api/batches/" + batchId + "/qr.png"))
                                .build(),
                        HttpResponse.BodyHandlers.ofByteArray());
        assertThat(png.statusCode()).isEqualTo(200);
        assertThat(png.headers().firstValue("Content-Type")).contains("image/png");
        String link = QrDecoding.decodePng(png.body());
        assertThat(link).isEqualTo("https://dx.example.vn/01/" + RICE + "/10/L-2026-01");
        String svg = http.get("/api/batches/" + batchId + "/qr.svg").text();
        assertThat(QrDecoding.decodeSvg(svg, 6)).isEqualTo(link);

        // the resolver answers the path of the decoded link
        String path = URI.create(link).getPath();
        TestHttp.Response answer = ok(http.get(path), 200);
        JsonNode doc = answer.body();
        assertThat(doc.get("@id").stringValue()).isEqualTo(link);
        assertThat(doc.get("@context").get("@vocab").stringValue()).isEqualTo("https://gs1.org/voc/");
        assertThat(doc.get("productName").stringValue()).isEqualTo("Lúa tươi");
        assertThat(doc.get("dx:growingArea").get("dx:status").stringValue()).isEqualTo("ISSUED");
        assertThat(doc.get("dx:growingArea").get("dx:statusOnHarvestDate").stringValue())
                .isEqualTo("ISSUED");
        assertThat(doc.get("linkset")
                        .get(0)
                        .get("https://gs1.org/voc/epcis")
                        .get(0)
                        .get("href")
                        .stringValue())
                .contains("/api/epcis/events?epc=");

        HttpClient noRedirects = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        HttpResponse<String> canonical = noRedirects.send(
                HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + "/01/" + RICE.substring(1) + "/10/L-2026-01"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(canonical.statusCode())
                .as("GTIN-13 form moves to the GTIN-14 URI")
                .isEqualTo(301);
        assertThat(canonical.headers().firstValue("Location")).contains(link);
        HttpResponse<String> epcisLink = noRedirects.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path + "?linkType=gs1:epcis"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(epcisLink.statusCode()).isEqualTo(307);
        assertThat(epcisLink.headers().firstValue("Location").orElseThrow())
                .startsWith("https://dx.example.vn/api/epcis/events?epc=");
        assertThat(http.get("/01/" + RICE + "/10/NO-SUCH-LOT").status()).isEqualTo(404);

        // no buyer page configured here: a browser gets the JSON-LD, and no pip link is offered
        HttpResponse<String> browser = noRedirects.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(browser.statusCode()).isEqualTo(200);
        assertThat(browser.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/ld+json"));
        assertThat(browser.body()).doesNotContain("<html").doesNotContain("https://gs1.org/voc/pip");
    }
}

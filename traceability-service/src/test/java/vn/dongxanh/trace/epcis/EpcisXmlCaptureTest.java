package vn.dongxanh.trace.epcis;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
 * EPCIS 2.0 XML capture over real HTTP and PostgreSQL, set up as {@link EpcisCaptureTest}: the
 * same event captured as JSON and as XML is stored with one event hash, the one OpenEPCIS computes
 * from the XML itself; an XML event is found by GTIN and lot and goes through the same checks and
 * ownership; malformed XML, another document and a DOCTYPE (an external entity) are 400 problems,
 * and no file is read; another content type stays 415.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"dx.trace.public-url=https://dx.example.vn", "dx.trace.ingest.read-timeout=2s"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class EpcisXmlCaptureTest {
    private static final LocalServices.TestDatabase DB = LocalServices.freshDatabase("trace_epcis_xml");
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

    @Autowired
    EpcisService epcis;

    private static final String LOT_URN = URN_PREFIX + "H-1";
    private static final String LOT_LINK = "https://id.gs1.org/01/" + RICE + "/10/H-1";
    private static final String TIME = D.minusDays(2).atTime(9, 0) + ":00+07:00";

    /** One ObjectEvent in EPCIS 2.0 XML: CBV values in their URN form, the lot as an EPC URN. */
    private static String xml(String eventId, String disposition) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" xmlns:dx="https://ns.dongxanh.vn/epcis/"
                    xmlns:gs1="https://gs1.org/voc/" schemaVersion="2.0" creationDate="%s">
                  <EPCISBody><EventList><ObjectEvent>
                    <eventTime>%s</eventTime>
                    <eventTimeZoneOffset>+07:00</eventTimeZoneOffset>
                    <eventID>%s</eventID>
                    <certificationInfo>https://dx.example.vn/api/certificates/1</certificationInfo>
                    <epcList/>
                    <action>OBSERVE</action>
                    <bizStep>urn:epcglobal:cbv:bizstep:inspecting</bizStep>
                    <disposition>%s</disposition>
                    <readPoint><id>urn:epc:id:sgln:8931234.00001.0</id></readPoint>
                    <bizLocation><id>urn:epc:id:sgln:8931234.00002.0</id></bizLocation>
                    <bizTransactionList>
                      <bizTransaction type="urn:epcglobal:cbv:btt:po">urn:epcglobal:cbv:bt:8931234000007:PO-17</bizTransaction>
                    </bizTransactionList>
                    <quantityList>
                      <quantityElement><epcClass>%s</epcClass><quantity>12.345</quantity><uom>KGM</uom></quantityElement>
                    </quantityList>
                    <sourceList>
                      <source type="urn:epcglobal:cbv:sdt:owning_party">urn:epc:id:pgln:8931234.00001</source>
                    </sourceList>
                    <destinationList>
                      <destination type="urn:epcglobal:cbv:sdt:owning_party">urn:epc:id:pgln:8931234.00002</destination>
                    </destinationList>
                    <sensorElementList><sensorElement>
                      <sensorMetadata time="%s" deviceID="urn:epc:id:giai:8931234.wl1"/>
                      <sensorReport type="gs1:Temperature" value="26.5" uom="CEL"/>
                    </sensorElement></sensorElementList>
                    <dx:growingAreaCode>VN-51-0031</dx:growingAreaCode>
                  </ObjectEvent></EventList></EPCISBody>
                </epcis:EPCISDocument>
                """.formatted(Instant.now(), TIME, eventId, disposition, LOT_URN, TIME);
    }

    /** The same event as JSON-LD: bare CBV names, the lot as a Digital Link URI. */
    private static Map<String, Object> json(String eventId) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("type", "ObjectEvent");
        e.put("eventID", eventId);
        e.put("eventTime", TIME);
        e.put("eventTimeZoneOffset", "+07:00");
        e.put("certificationInfo", "https://dx.example.vn/api/certificates/1");
        e.put("epcList", List.of());
        e.put("action", "OBSERVE");
        e.put("bizStep", "inspecting");
        e.put("disposition", "active");
        e.put("readPoint", Map.of("id", "urn:epc:id:sgln:8931234.00001.0"));
        e.put("bizLocation", Map.of("id", "urn:epc:id:sgln:8931234.00002.0"));
        e.put(
                "bizTransactionList",
                List.of(Map.of("type", "po", "bizTransaction", "urn:epcglobal:cbv:bt:8931234000007:PO-17")));
        e.put(
                "quantityList",
                List.of(Map.of("epcClass", LOT_LINK, "quantity", new BigDecimal("12.345"), "uom", "KGM")));
        e.put("sourceList", List.of(Map.of("type", "owning_party", "source", "urn:epc:id:pgln:8931234.00001")));
        e.put(
                "destinationList",
                List.of(Map.of("type", "owning_party", "destination", "urn:epc:id:pgln:8931234.00002")));
        e.put(
                "sensorElementList",
                List.of(Map.of(
                        "sensorMetadata",
                        Map.of("time", TIME, "deviceID", "urn:epc:id:giai:8931234.wl1"),
                        "sensorReport",
                        List.of(Map.of("type", "gs1:Temperature", "value", new BigDecimal("26.5"), "uom", "CEL")))));
        e.put("dx:growingAreaCode", "VN-51-0031");
        return Map.of(
                "@context", List.of(Epcis.CONTEXT, Map.of("dx", Epcis.DX_NAMESPACE)),
                "type", "EPCISDocument",
                "schemaVersion", "2.0",
                "creationDate", Instant.now().toString(),
                "epcisBody", Map.of("eventList", List.of(e)));
    }

    private TestHttp.Response postXml(String contentType, String document, String user) {
        return http.postRaw("/api/epcis/capture", contentType, document, user);
    }

    private List<JsonNode> lotEvents() {
        return ok(http.get("/api/epcis/events?gtin=" + RICE + "&lot=H-1", "htx-a"), 200)
                .body()
                .get("epcisBody")
                .get("eventList")
                .valueStream()
                .toList();
    }

    @Test
    void theSameEventAsJsonAndAsXmlIsStoredWithOneHashOpenEpcisGivesTheXml() {
        String jsonId = "urn:uuid:" + UUID.randomUUID();
        String xmlId = "urn:uuid:" + UUID.randomUUID();
        JsonNode fromJson = ok(http.post("/api/epcis/capture", json(jsonId), "htx-a"), 202)
                .body()
                .get("events")
                .get(0);
        String document = xml(xmlId, "urn:epcglobal:cbv:disp:active");
        TestHttp.Response accepted = ok(postXml("application/xml", document, "htx-a"), 202);
        assertThat(accepted.headers().get("Location")).startsWith("/api/epcis/capture/");
        JsonNode fromXml = accepted.body().get("events").get(0);
        assertThat(fromXml.get("eventID").stringValue()).isEqualTo(xmlId);
        assertThat(fromXml.get("stored").booleanValue()).isTrue();

        String hash = epcis.hashOf(xmlId).orElseThrow();
        assertThat(hash).isEqualTo(fromXml.get("eventHash").stringValue());
        assertThat(epcis.hashOf(jsonId)).as("the JSON capture's stored hash").contains(hash);
        assertThat(EventHash.ofXml(new ByteArrayInputStream(document.getBytes(StandardCharsets.UTF_8))))
                .as("OpenEPCIS' hash of the XML document itself")
                .containsExactly(hash);

        // the XML of the JSON capture's event (text/xml this time): the same content, a duplicate
        JsonNode again = ok(postXml("text/xml", xml(jsonId, "urn:epcglobal:cbv:disp:active"), "htx-a"), 202)
                .body();
        assertThat(again.get("duplicates").valueStream().map(JsonNode::stringValue))
                .containsExactly(jsonId);
        assertThat(again.get("stored")).isEmpty();

        // found by GTIN and lot, as the JSON binding writes it
        JsonNode stored = lotEvents().stream()
                .filter(e -> xmlId.equals(e.path("eventID").asString("")))
                .findFirst()
                .orElseThrow();
        assertThat(stored.get("bizStep").stringValue()).isEqualTo("inspecting");
        assertThat(stored.get("disposition").stringValue()).isEqualTo("active");
        JsonNode quantity = stored.get("quantityList").get(0);
        assertThat(quantity.get("epcClass").stringValue()).isEqualTo(LOT_URN);
        assertThat(quantity.get("quantity").decimalValue()).isEqualByComparingTo("12.345");
        assertThat(quantity.get("uom").stringValue()).isEqualTo("KGM");
        assertThat(stored.get("bizTransactionList").get(0).get("type").stringValue())
                .isEqualTo("po");
        assertThat(stored.get("sourceList").get(0).get("source").stringValue())
                .isEqualTo("urn:epc:id:pgln:8931234.00001");
        assertThat(stored.get("dx:growingAreaCode").stringValue()).isEqualTo("VN-51-0031");
    }

    @Test
    void anXmlEventGoesThroughTheSameChecksOwnershipAndAccess() {
        TestHttp.Response bad =
                postXml("application/xml", xml("urn:uuid:" + UUID.randomUUID(), "urn:example:disp:rotten"), "htx-a");
        assertThat(bad.status()).as(bad.text()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");
        assertThat(bad.body().get("pointer").stringValue()).isEqualTo("/epcisBody/eventList/0/disposition");
        TestHttp.Response notTheirs = postXml(
                "application/xml", xml("urn:uuid:" + UUID.randomUUID(), "urn:epcglobal:cbv:disp:active"), "htx-b");
        assertThat(notTheirs.status()).as(notTheirs.text()).isEqualTo(403);
        // the caller is checked before the XML is read: even a DOCTYPE gets 401 / 403 first
        String doctype = "<!DOCTYPE x [<!ENTITY e \"e\">]><x>&e;</x>";
        assertThat(postXml("application/xml", doctype, "cb").status()).isEqualTo(403);
        assertThat(postXml("application/xml", doctype, null).status()).isEqualTo(401);
    }

    @Test
    void malformedXmlAndOtherDocumentsAre400AndOtherTypes415() {
        String good = xml("urn:uuid:" + UUID.randomUUID(), "urn:epcglobal:cbv:disp:active");
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put(good.substring(0, good.indexOf("<quantityList>")), "not well-formed");
        cases.put(good.replace("urn:epcglobal:epcis:xsd:2", "urn:epcglobal:epcis:xsd:1"), "urn:epcglobal:epcis:xsd:1");
        cases.put("<?xml version=\"1.0\"?><Invoice xmlns=\"urn:example:invoice\"/>", "root element is Invoice");
        cases.put("", "no XML document");
        for (var c : cases.entrySet()) {
            TestHttp.Response r = postXml("application/xml", c.getKey(), "htx-a");
            assertThat(r.status()).as(c.getValue() + ": " + r.text()).isEqualTo(400);
            assertThat(r.contentType()).startsWith("application/problem+json");
            if (!c.getKey().isEmpty()) {
                assertThat(r.body().get("rule").stringValue()).isEqualTo("epcis-xml-invalid");
                assertThat(r.detail()).contains(c.getValue());
            }
        }
        assertThat(postXml("text/plain", good, "htx-a").status()).isEqualTo(415);
    }

    @Test
    void aDoctypeWithAnExternalEntityIs400AndNoFileIsRead(@TempDir Path dir) throws Exception {
        String secret = "dx-secret-" + UUID.randomUUID();
        Path file = Files.writeString(dir.resolve("secret.txt"), secret);
        String id = "urn:uuid:" + UUID.randomUUID();
        String document = xml(id, "urn:epcglobal:cbv:disp:active")
                .replace(
                        "<epcis:EPCISDocument",
                        "<!DOCTYPE epcis:EPCISDocument [<!ENTITY xxe SYSTEM \"" + file.toUri() + "\">]>\n"
                                + "<epcis:EPCISDocument")
                .replace("VN-51-0031", "&xxe;");
        TestHttp.Response r = postXml("application/xml", document, "htx-a");
        assertThat(r.status()).as(r.text()).isEqualTo(400);
        assertThat(r.contentType()).startsWith("application/problem+json");
        assertThat(r.detail()).contains("DOCTYPE");
        assertThat(r.text()).doesNotContain(secret);
        assertThat(lotEvents())
                .noneMatch(e -> id.equals(e.path("eventID").asString(""))
                        || e.toString().contains(secret));
    }
}

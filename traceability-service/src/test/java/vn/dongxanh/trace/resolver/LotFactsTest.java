package vn.dongxanh.trace.resolver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpHeaders;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.dongxanh.devkit.LocalServices;
import vn.dongxanh.trace.TestHttp;
import vn.dongxanh.trace.TestProperties;
import vn.dongxanh.trace.ledger.TestChain;

/**
 * A lot's facts for the buyer page (plain JSON), the resolver's JSON-LD for machines and its
 * redirect of browsers to the buyer page (module web), over real HTTP.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "dx.trace.public-url=https://dx.example.vn",
            "dx.trace.buyer-page-url=https://web.example.vn/",
            "dx.trace.anchor.interval=1s"
        })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class LotFactsTest {
    private static final LocalServices.TestDatabase DB = LocalServices.freshDatabase("trace_page");
    private static final TestChain CHAIN = TestChain.start();
    private static final LocalDate D = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh"));
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String GTIN = "08931234567897";
    private static final String LOT = "L-PAGE-1";
    private static final String PATH = "/01/" + GTIN + "/10/" + LOT;
    private static final String SELF = "https://dx.example.vn" + PATH;
    private static final String PAGE = "https://web.example.vn" + PATH;
    private static final String FACTS = "/api/lots/" + GTIN + "/" + LOT;
    private static final String HOSTILE = "<script>alert('x')</script> Gạo \"Mộ Đức\" & co";
    private static final String BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    private static final String CODE = "VN-51-0041";
    private static Long recordId;

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

    private record Answer(int status, HttpHeaders headers, String body) {}

    /** GET with the given Accept header (null: none sent). */
    private Answer get(String path, String accept) {
        var spec = RestClient.create().get().uri("http://127.0.0.1:" + port + path);
        if (accept != null) {
            spec = spec.header(HttpHeaders.ACCEPT, accept);
        }
        return spec.exchange((request, response) -> new Answer(
                response.getStatusCode().value(),
                response.getHeaders(),
                new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8)));
    }

    private TestHttp.Response ok(TestHttp.Response r, int status) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        return r;
    }

    @BeforeEach
    void prepare() {
        http = new TestHttp(port);
        if (recordId != null) {
            return;
        }
        ok(
                http.post(
                        "/api/organisations",
                        Map.of("id", "htx-a", "kind", "COOPERATIVE", "name", "HTX <b>A</b>"),
                        "dept"),
                201);
        ok(
                http.post(
                        "/api/organisations",
                        Map.of("id", "cb-1", "kind", "CERTIFICATION_BODY", "name", "Trung tâm Chứng nhận <1>"),
                        "dept"),
                201);
        ok(
                http.post(
                        "/api/plots",
                        Map.of(
                                "id",
                                "lua-p",
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
                                CODE,
                                "crop",
                                "rice",
                                "plotIds",
                                List.of("lua-p"),
                                "applicationDate",
                                D.minusDays(60).toString()),
                        "htx-a"),
                201);
        for (String[] step : new String[][] {{"UNDER_INSPECTION", "50"}, {"ISSUED", "40"}}) {
            ok(
                    http.post(
                            "/api/codes/" + CODE + "/status",
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
        long certificate = ok(
                        http.post(
                                "/api/certificates",
                                Map.of(
                                        "scheme",
                                        "VIETGAP",
                                        "number",
                                        "VietGAP-TT-13-09-51-0123",
                                        "holderId",
                                        "htx-a",
                                        "validFrom",
                                        D.minusDays(100).toString(),
                                        "validTo",
                                        D.plusDays(300).toString(),
                                        "crops",
                                        List.of("rice")),
                                "cb"),
                        201)
                .body()
                .get("id")
                .longValue();
        ok(http.post("/api/products", Map.of("gtin", GTIN, "name", HOSTILE, "crop", "rice"), "htx-a"), 201);
        recordId = ok(
                        http.post(
                                "/api/batches",
                                Map.of(
                                        "gtin",
                                        GTIN,
                                        "lot",
                                        LOT,
                                        "code",
                                        CODE,
                                        "harvestDate",
                                        D.minusDays(5).toString(),
                                        "quantityKg",
                                        1250.5,
                                        "certificateIds",
                                        List.of(certificate)),
                                "htx-a"),
                        201)
                .body()
                .get("recordId")
                .longValue();
    }

    @Test
    void theFactsDocumentHasTheLotItsCodeCertificateAndLedgerStateAndNamesNoPerson() {
        // wait for the batch's record to be anchored, so there is a transaction to show
        await().atMost(Duration.ofSeconds(60))
                .until(() -> !http.get("/api/records/" + recordId)
                        .body()
                        .get("status")
                        .stringValue()
                        .equals("PENDING"));
        JsonNode anchor = http.get("/api/records/" + recordId + "/proof").body().get("anchor");

        Answer answer = get(FACTS, null);
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.headers().getContentType().toString()).startsWith("application/json");
        JsonNode facts = JSON.readTree(answer.body());
        assertThat(facts.get("gtin").stringValue()).isEqualTo(GTIN);
        assertThat(facts.get("lot").stringValue()).isEqualTo(LOT);
        assertThat(facts.get("digitalLink").stringValue()).isEqualTo(SELF);
        assertThat(facts.get("epc").stringValue()).endsWith("/01/" + GTIN + "/10/" + LOT);
        assertThat(facts.get("product").get("name").stringValue())
                .as("the name as typed: escaping is the page's")
                .isEqualTo(HOSTILE);
        assertThat(facts.get("product").get("crop").stringValue()).isEqualTo("rice");
        assertThat(facts.get("harvestDate").stringValue())
                .isEqualTo(D.minusDays(5).toString());
        assertThat(facts.get("quantityKg").decimalValue()).isEqualByComparingTo("1250.5");
        assertThat(facts.get("cooperative").get("name").stringValue()).isEqualTo("HTX <b>A</b>");
        JsonNode area = facts.get("growingArea");
        assertThat(area.get("code").stringValue()).isEqualTo(CODE);
        assertThat(area.get("status").stringValue()).isEqualTo("ISSUED");
        assertThat(area.get("statusOnHarvestDate").stringValue()).isEqualTo("ISSUED");
        assertThat(area.get("plots").get(0).stringValue()).isEqualTo("lua-p");
        JsonNode cert = facts.get("certificates").get(0);
        assertThat(cert.get("scheme").stringValue()).isEqualTo("VIETGAP");
        assertThat(cert.get("number").stringValue()).isEqualTo("VietGAP-TT-13-09-51-0123");
        assertThat(cert.get("status").stringValue()).isEqualTo("VALID");
        assertThat(cert.get("issuer").stringValue()).isEqualTo("Trung tâm Chứng nhận <1>");
        assertThat(cert.get("validFrom").stringValue())
                .isEqualTo(D.minusDays(100).toString());
        assertThat(facts.get("irrigation")).isEmpty();
        JsonNode record = facts.get("record");
        assertThat(record.get("id").longValue()).isEqualTo(recordId);
        assertThat(record.get("status").stringValue()).isIn("ANCHORED", "CONFIRMED");
        assertThat(record.get("root").stringValue())
                .isEqualTo(anchor.get("root").stringValue());
        assertThat(record.get("transactionHash").stringValue())
                .isEqualTo(anchor.get("transactionHash").stringValue());
        assertThat(record.get("blockNumber").longValue())
                .isEqualTo(anchor.get("blockNumber").longValue());
        assertThat(facts.get("asOf").stringValue()).isEqualTo(D.toString());

        // the department suspends the code: the CURRENT status changes, the harvest day's stays
        ok(
                http.post(
                        "/api/codes/" + CODE + "/status",
                        Map.of("status", "SUSPENDED", "reason", "residue found"),
                        "dept"),
                200);
        JsonNode after = JSON.readTree(get(FACTS, null).body()).get("growingArea");
        assertThat(after.get("status").stringValue()).isEqualTo("SUSPENDED");
        assertThat(after.get("statusOnHarvestDate").stringValue()).isEqualTo("ISSUED");
        ok(http.post("/api/codes/" + CODE + "/status", Map.of("status", "ISSUED", "reason", "cleared"), "dept"), 200);
    }

    @Test
    void aBrowserIsSentToTheBuyerPageAndNoHtmlIsRenderedHere() {
        Answer page = get(PATH, BROWSER);
        assertThat(page.status()).isEqualTo(303);
        assertThat(page.headers().getLocation()).hasToString(PAGE);
        assertThat(page.body()).isEmpty();
        Answer english = get(PATH + "?lang=en", BROWSER);
        assertThat(english.headers().getLocation()).hasToString(PAGE + "?lang=en");
        Answer forced = get(PATH + "?format=html", "application/json");
        assertThat(forced.status()).isEqualTo(303);
        assertThat(forced.headers().getLocation()).hasToString(PAGE);
        // the page tells whether the lot exists; here a browser is sent there all the same
        Answer unknown = get("/01/" + GTIN + "/10/NO-SUCH", BROWSER);
        assertThat(unknown.status()).isEqualTo(303);
        assertThat(unknown.headers().getLocation()).hasToString("https://web.example.vn/01/" + GTIN + "/10/NO-SUCH");
    }

    @Test
    void machinesStillGetTheJsonLdAndThePipLinkNamesThePage() {
        List<JsonNode> answers = new ArrayList<>();
        for (String accept : new String[] {
            null, "*/*", "application/ld+json", "application/json", "text/html;q=0.5, application/json"
        }) {
            Answer a = get(PATH, accept);
            assertThat(a.status()).as("Accept %s", accept).isEqualTo(200);
            String type = a.headers().getContentType().toString();
            assertThat(type)
                    .as("Accept %s", accept)
                    .startsWith(
                            accept != null && accept.contains("application/json")
                                    ? "application/json"
                                    : "application/ld+json");
            answers.add(JSON.readTree(a.body()));
        }
        JsonNode doc = answers.getFirst();
        assertThat(answers).allSatisfy(a -> assertThat(a).isEqualTo(doc));
        List<String> keys = new ArrayList<>();
        doc.propertyNames().forEach(keys::add);
        assertThat(keys)
                .containsExactly(
                        "@context",
                        "@id",
                        "@type",
                        "gtin",
                        "productName",
                        "dx:crop",
                        "dx:lot",
                        "dx:harvestDate",
                        "dx:quantityKg",
                        "dx:cooperative",
                        "dx:growingArea",
                        "certification",
                        "dx:irrigation",
                        "dx:ledgerRecord",
                        "linkset");
        assertThat(doc.get("dx:irrigation"))
                .as("no irrigation summary in this lot's diary")
                .isEmpty();
        assertThat(doc.get("@id").stringValue()).isEqualTo(SELF);
        assertThat(doc.get("productName").stringValue())
                .as("JSON carries the name as typed")
                .isEqualTo(HOSTILE);
        assertThat(doc.get("certification")
                        .get(0)
                        .get("certificationIdentification")
                        .stringValue())
                .isEqualTo("VietGAP-TT-13-09-51-0123");
        assertThat(doc.get("dx:growingArea").get("dx:code").stringValue()).isEqualTo(CODE);
        JsonNode links = doc.get("linkset").get(0);
        assertThat(links.get("https://gs1.org/voc/pip").get(0).get("href").stringValue())
                .as("the product information page is the buyer page")
                .isEqualTo(PAGE);
        Answer redirect = get(PATH + "?linkType=gs1:pip", null);
        assertThat(redirect.status()).isEqualTo(307);
        assertThat(redirect.headers().getLocation()).hasToString(PAGE);

        // a GTIN-13 moves to the canonical URI and keeps the page's parameters
        Answer moved = get("/01/" + GTIN.substring(1) + "/10/" + LOT + "?format=html&lang=en", BROWSER);
        assertThat(moved.status()).isEqualTo(301);
        assertThat(moved.headers().getLocation()).hasToString(SELF + "?format=html&lang=en");
    }

    @Test
    void anUnknownLotIsA404ProblemInBothForms() {
        for (String path : new String[] {"/01/" + GTIN + "/10/NO-SUCH", "/api/lots/" + GTIN + "/NO-SUCH"}) {
            Answer json = get(path, "application/ld+json, application/json");
            assertThat(json.status()).as(path).isEqualTo(404);
            assertThat(json.headers().getContentType().toString()).startsWith("application/problem+json");
            assertThat(json.body()).contains("no lot NO-SUCH");
        }
        Answer bad = get("/api/lots/12345/" + LOT, null);
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.headers().getContentType().toString()).startsWith("application/problem+json");
    }
}

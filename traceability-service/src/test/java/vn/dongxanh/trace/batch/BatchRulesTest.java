package vn.dongxanh.trace.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import vn.dongxanh.devkit.LocalServices;
import vn.dongxanh.trace.TestHttp;
import vn.dongxanh.trace.TestProperties;
import vn.dongxanh.trace.gs1.Gs1;
import vn.dongxanh.trace.ledger.TestChain;

/**
 * Certificates, products, the farming diary and the refusal rules of batches. The code of the
 * cooperative has a history: applied D-100, inspected D-95, issued D-90, suspended D-30,
 * reinstated D-20 (D = today in Asia/Ho_Chi_Minh).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestMethodOrder(MethodOrderer.MethodName.class)
class BatchRulesTest {
    private static final LocalServices.TestDatabase DB = LocalServices.freshDatabase("trace_batch");
    private static final TestChain CHAIN = TestChain.start();
    private static final LocalDate D = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh"));
    private static final String CODE = "VN-51-0042";
    private static final String GTIN13 = "8931234567897";
    private static final String GTIN14 = "08931234567897";
    private static boolean prepared;
    private static long vietgap;
    private static long vietgapChiliOnly;
    private static long vietgapSuspended;

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

    private TestHttp.Response ok(TestHttp.Response r, int status) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        return r;
    }

    @BeforeEach
    void prepare() {
        http = new TestHttp(port);
        if (prepared) {
            return;
        }
        for (String[] org : new String[][] {
            {"htx-a", "COOPERATIVE"},
            {"htx-b", "COOPERATIVE"},
            {"cb-1", "CERTIFICATION_BODY"},
            {"so-nnmt", "DEPARTMENT"}
        }) {
            ok(http.post("/api/organisations", Map.of("id", org[0], "kind", org[1], "name", org[0]), "dept"), 201);
        }
        for (int i = 1; i <= 2; i++) {
            ok(
                    http.post(
                            "/api/plots",
                            Map.of(
                                    "id",
                                    "lua-" + i,
                                    "name",
                                    "Ruộng lúa " + i,
                                    "crop",
                                    "rice",
                                    "geometry",
                                    TestHttp.square(108.85 + i * 0.01, 14.95, 90)),
                            "htx-a"),
                    201);
        }
        ok(
                http.post(
                        "/api/codes",
                        Map.of(
                                "code",
                                CODE,
                                "crop",
                                "rice",
                                "plotIds",
                                List.of("lua-1", "lua-2"),
                                "applicationDate",
                                D.minusDays(100).toString()),
                        "htx-a"),
                201);
        changeStatus("UNDER_INSPECTION", 95);
        changeStatus("ISSUED", 90);
        changeStatus("SUSPENDED", 30);
        changeStatus("ISSUED", 20);
        ok(http.post("/api/products", Map.of("gtin", GTIN13, "name", "Gạo Mộ Đức", "crop", "rice"), "htx-a"), 201);
        vietgap = certificate("VietGAP-TT-13-09-51-0096", List.of("rice"), D.minusDays(200), D.minusDays(40));
        vietgapChiliOnly = certificate("VietGAP-TT-13-09-51-0097", List.of("chili"), D.minusDays(200), D.plusDays(200));
        vietgapSuspended = certificate("VietGAP-TT-13-09-51-0098", List.of("rice"), D.minusDays(200), D.plusDays(200));
        ok(
                http.post(
                        "/api/certificates/" + vietgapSuspended + "/state",
                        Map.of("state", "SUSPENDED", "reason", "audit found no diary"),
                        "cb"),
                200);
        prepared = true;
    }

    private void changeStatus(String to, int daysAgo) {
        ok(
                http.post(
                        "/api/codes/" + CODE + "/status",
                        Map.of(
                                "status",
                                to,
                                "reason",
                                "step " + to,
                                "effectiveDate",
                                D.minusDays(daysAgo).toString()),
                        "dept"),
                200);
    }

    private long certificate(String number, List<String> crops, LocalDate from, LocalDate to) {
        return ok(
                        http.post(
                                "/api/certificates",
                                Map.of(
                                        "scheme",
                                        "VIETGAP",
                                        "number",
                                        number,
                                        "holderId",
                                        "htx-a",
                                        "validFrom",
                                        from.toString(),
                                        "validTo",
                                        to.toString(),
                                        "crops",
                                        crops),
                                "cb"),
                        201)
                .body()
                .get("id")
                .longValue();
    }

    private TestHttp.Response batch(String lot, int harvestDaysAgo, List<Long> certificates) {
        Map<String, Object> body = new HashMap<>();
        body.put("gtin", GTIN13);
        body.put("lot", lot);
        body.put("code", CODE);
        body.put("harvestDate", D.minusDays(harvestDaysAgo).toString());
        body.put("quantityKg", 1500);
        body.put("certificateIds", certificates);
        return http.post("/api/batches", body, "htx-a");
    }

    private static void refused(TestHttp.Response r, String rule, String... inDetail) {
        assertThat(r.status()).as(r.text()).isEqualTo(422);
        assertThat(r.body().get("rule").stringValue()).isEqualTo(rule);
        assertThat(r.detail()).contains(inDetail);
    }

    @Test
    void a_aBatchBackedByTheRecordsIsCreatedAndRecorded() {
        TestHttp.Response created = ok(batch("L-OK-1", 50, List.of(vietgap)), 201);
        assertThat(created.body().get("gtin").stringValue()).isEqualTo(GTIN14);
        assertThat(created.body()
                        .get("plots")
                        .valueStream()
                        .map(p -> p.stringValue())
                        .toList())
                .containsExactly("lua-1", "lua-2");
        long record = created.body().get("recordId").longValue();
        assertThat(http.get("/api/records/" + record, "htx-a")
                        .body()
                        .get("kind")
                        .stringValue())
                .isEqualTo("batch");
        assertThat(ok(batch("L-OK-1", 50, List.of()), 409).body().get("rule").stringValue())
                .isEqualTo("duplicate");
    }

    @Test
    void b_refusedWhenTheCodeWasNotIssuedOnTheHarvestDate() {
        refused(
                batch("L-INSP", 93, List.of()),
                "code-not-issued",
                "UNDER_INSPECTION",
                D.minusDays(93).toString());
        refused(batch("L-SUSP", 25, List.of()), "code-not-issued", "SUSPENDED");
        refused(batch("L-EARLY", 150, List.of()), "code-not-issued", "not yet applied for");
        ok(batch("L-REINST", 15, List.of()), 201);
    }

    @Test
    void c_refusedWhenACertificateIsNotValidOrDoesNotCoverTheBatch() {
        refused(
                batch("L-CERT-EXP", 10, List.of(vietgap)),
                "certificate-not-valid",
                "VietGAP-TT-13-09-51-0096",
                D.minusDays(40).toString());
        refused(batch("L-CERT-SCOPE", 50, List.of(vietgapChiliOnly)), "certificate-scope", "chili", "not rice");
        refused(batch("L-CERT-SUSP", 50, List.of(vietgapSuspended)), "certificate-not-valid", "SUSPENDED");
        assertThat(http.get("/api/certificates/" + vietgap, "htx-a")
                        .body()
                        .get("status")
                        .stringValue())
                .isEqualTo("EXPIRED");
    }

    @Test
    void d_refusedInsideAPesticidePreHarvestInterval() {
        ok(
                http.post(
                        "/api/plots/lua-2/diary",
                        Map.of(
                                "date", D.minusDays(14).toString(),
                                "operation", "PESTICIDE",
                                "productName", "Regent 800WG",
                                "activeIngredients", "fipronil",
                                "phiDays", 7,
                                "target", "sâu đục thân"),
                        "htx-a"),
                201);
        refused(
                batch("L-PHI", 10, List.of()),
                "pre-harvest-interval",
                "lua-2",
                "Regent 800WG",
                "harvest allowed from " + D.minusDays(7),
                "not " + D.minusDays(10));
        ok(batch("L-PHI-OK", 7, List.of()), 201);
        // a diary entry by another cooperative is refused
        assertThat(http.post("/api/plots/lua-2/diary", Map.of("date", D.toString(), "operation", "FERTILISER"), "htx-b")
                        .status())
                .isEqualTo(403);
    }

    @Test
    void e_aPesticideWithoutAKnownPhiIsRefusedAndTheCropDefaultIsNeverBelowZero() {
        TestHttp.Response unknown = http.post(
                "/api/plots/lua-1/diary",
                Map.of("date", D.minusDays(3).toString(), "operation", "PESTICIDE", "productName", "Thuốc X"),
                "htx-a");
        refused(unknown, "phi-unknown", "Thuốc X", "never assumed to be 0");
        TestHttp.Response byClass = ok(
                http.post(
                        "/api/plots/lua-1/diary",
                        Map.of(
                                "date",
                                D.minusDays(3).toString(),
                                "operation",
                                "PESTICIDE",
                                "productName",
                                "Thuốc Y",
                                "phiFromCropDefault",
                                true),
                        "htx-a"),
                201);
        assertThat(byClass.body().get("phiDays").intValue()).as("rice default").isEqualTo(21);
        refused(batch("L-PHI-CLASS", 0, List.of()), "pre-harvest-interval", "Thuốc Y", "21 days");
    }

    @Test
    void f_productsNeedAValidGtinAndCertificatesFollowTheirSchemesRules() {
        TestHttp.Response badGtin =
                http.post("/api/products", Map.of("gtin", "8931234567891", "name", "x", "crop", "rice"), "htx-a");
        refused(badGtin, "gtin", "expected 7");
        assertThat(http.get("/api/products/" + GTIN13, "htx-a")
                        .body()
                        .get("gtin")
                        .stringValue())
                .isEqualTo(GTIN14);

        String good = "406000000000";
        String ggnValid = good + Gs1.checkDigit(good);
        String ggnWrong = good + (Gs1.checkDigit(good) + 1) % 10;
        TestHttp.Response warned = ok(globalGap("GG-1", ggnWrong), 201);
        assertThat(warned.body().get("warnings").get(0).stringValue()).contains("check digit");
        TestHttp.Response clean = ok(globalGap("GG-2", ggnValid), 201);
        assertThat(clean.body().get("warnings")).isEmpty();
        refused(globalGap("GG-3", "12345"), "ggn-format", "13 digits");

        Map<String, Object> ocop = new HashMap<>(Map.of(
                "scheme", "OCOP",
                "number", "123/QĐ-UBND",
                "holderId", "htx-a",
                "issuerName", "UBND tỉnh Quảng Ngãi",
                "validFrom", D.minusDays(10).toString(),
                "products", List.of(GTIN13)));
        ocop.put("stars", 6);
        refused(http.post("/api/certificates", ocop, "dept"), "ocop-stars", "3, 4 or 5");
        ocop.put("stars", 4);
        assertThat(http.post("/api/certificates", ocop, "cb").status())
                .as("OCOP is recognised by the People's Committee, registered by the department")
                .isEqualTo(403);
        TestHttp.Response recognised = ok(http.post("/api/certificates", ocop, "dept"), 201);
        assertThat(recognised.body().get("validTo").stringValue())
                .as("36 months")
                .isEqualTo(D.minusDays(10).plusMonths(36).minusDays(1).toString());
        ok(batch("L-OCOP", 5, List.of(recognised.body().get("id").longValue())), 201);

        Map<String, Object> tooLong = new HashMap<>(Map.of(
                "scheme",
                "VIETGAP",
                "number",
                "VietGAP-TT-13-09-51-0100",
                "holderId",
                "htx-a",
                "validFrom",
                D.toString(),
                "validTo",
                D.plusMonths(28).toString(),
                "crops",
                List.of("rice")));
        refused(http.post("/api/certificates", tooLong, "cb"), "certificate-validity", "24 months");
        tooLong.put("number", "VG 2025/17");
        tooLong.put("validTo", D.plusMonths(24).toString());
        TestHttp.Response oddNumber = ok(http.post("/api/certificates", tooLong, "cb"), 201);
        assertThat(oddNumber.body().get("warnings").get(0).stringValue()).contains("usual form");
    }

    private TestHttp.Response globalGap(String number, String ggn) {
        return http.post(
                "/api/certificates",
                Map.of(
                        "scheme",
                        "GLOBALGAP",
                        "number",
                        number,
                        "ggn",
                        ggn,
                        "holderId",
                        "htx-a",
                        "validFrom",
                        D.minusDays(30).toString(),
                        "validTo",
                        D.plusDays(300).toString(),
                        "crops",
                        List.of("rice")),
                "cb");
    }
}

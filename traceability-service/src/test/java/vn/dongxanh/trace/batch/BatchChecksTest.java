package vn.dongxanh.trace.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import vn.dongxanh.devkit.LocalServices;
import vn.dongxanh.trace.TestHttp;
import vn.dongxanh.trace.TestProperties;
import vn.dongxanh.trace.gs1.Gs1;

/**
 * The preview of a batch's checks ({@code POST /api/batches/checks}): for every kind of check, a
 * batch that passes it and one that fails it; each failure is the very refusal creation gives for
 * the same body (same rule, same words), and the preview stores nothing. The code was issued D-90,
 * suspended D-30, reinstated D-20 (D = today in Asia/Ho_Chi_Minh).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"dx.trace.ledger.mode=off", "dx.trace.ingest.pull-on-batch=false"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class BatchChecksTest {
    private static final LocalServices.TestDatabase DB = LocalServices.freshDatabase("trace_batch_checks");
    private static final LocalDate D = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh"));
    private static final String CODE = "VN-51-0042";
    private static final String CODE_B = "VN-51-0043";
    private static final String RICE = gtin("893123456001");
    private static final String CHILI = gtin("893123456002");
    private static final String RICE_OF_B = gtin("893123456003");
    private static boolean prepared;
    private static long vietgap;
    private static long vietgapExpired;
    private static long vietgapChiliOnly;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestProperties.database(registry, DB);
        TestProperties.issuer(registry);
    }

    @AfterAll
    static void cleanUp(@Autowired DataSource dataSource) throws Exception {
        if (dataSource instanceof AutoCloseable pool) pool.close();
        DB.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    TestHttp http;

    private static String gtin(String twelve) {
        return twelve + Gs1.checkDigit(twelve);
    }

    private TestHttp.Response ok(TestHttp.Response r, int status) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        return r;
    }

    @BeforeEach
    void prepare() {
        http = new TestHttp(port);
        if (prepared) return;
        for (String[] org : new String[][] {
            {"htx-a", "COOPERATIVE"},
            {"htx-b", "COOPERATIVE"},
            {"cb-1", "CERTIFICATION_BODY"},
            {"so-nnmt", "DEPARTMENT"}
        }) {
            ok(http.post("/api/organisations", Map.of("id", org[0], "kind", org[1], "name", org[0]), "dept"), 201);
        }
        plot("lua-1", "htx-a", 108.86);
        plot("lua-2", "htx-a", 108.87);
        plot("lua-3", "htx-a", 108.88); // of no code
        plot("lua-b", "htx-b", 108.90);
        code(CODE, List.of("lua-1", "lua-2"), "htx-a");
        code(CODE_B, List.of("lua-b"), "htx-b");
        status(CODE, "UNDER_INSPECTION", 95);
        status(CODE, "ISSUED", 90);
        status(CODE, "SUSPENDED", 30);
        status(CODE, "ISSUED", 20);
        status(CODE_B, "UNDER_INSPECTION", 95);
        status(CODE_B, "ISSUED", 90);
        ok(http.post("/api/products", Map.of("gtin", RICE, "name", "Gạo Mộ Đức", "crop", "rice"), "htx-a"), 201);
        ok(http.post("/api/products", Map.of("gtin", CHILI, "name", "Ớt Bình Sơn", "crop", "chili"), "htx-a"), 201);
        ok(http.post("/api/products", Map.of("gtin", RICE_OF_B, "name", "Gạo B", "crop", "rice"), "htx-b"), 201);
        vietgap = certificate("VietGAP-TT-13-09-51-0101", List.of("rice"), D.minusDays(200), D.plusDays(200));
        vietgapExpired = certificate("VietGAP-TT-13-09-51-0102", List.of("rice"), D.minusDays(400), D.minusDays(40));
        vietgapChiliOnly = certificate("VietGAP-TT-13-09-51-0103", List.of("chili"), D.minusDays(200), D.plusDays(200));
        // fipronil on lua-2 at D-14, 7 days' interval: harvest allowed from D-7
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
        prepared = true;
    }

    private void plot(String id, String manager, double lon) {
        ok(
                http.post(
                        "/api/plots",
                        Map.of(
                                "id",
                                id,
                                "name",
                                "Ruộng " + id,
                                "crop",
                                "rice",
                                "geometry",
                                TestHttp.square(lon, 14.95, 120)),
                        manager),
                201);
    }

    private void code(String code, List<String> plots, String manager) {
        ok(
                http.post(
                        "/api/codes",
                        Map.of(
                                "code",
                                code,
                                "crop",
                                "rice",
                                "plotIds",
                                plots,
                                "applicationDate",
                                D.minusDays(100).toString()),
                        manager),
                201);
    }

    private void status(String code, String to, int daysAgo) {
        ok(
                http.post(
                        "/api/codes/" + code + "/status",
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

    /** A batch every check passes (harvest D-3: code ISSUED, certificate valid, interval run out). */
    private static Map<String, Object> good(String lot) {
        Map<String, Object> body = new HashMap<>();
        body.put("gtin", RICE);
        body.put("lot", lot);
        body.put("code", CODE);
        body.put("harvestDate", D.minusDays(3).toString());
        body.put("quantityKg", 1500);
        body.put("certificateIds", List.of(vietgap));
        return body;
    }

    private static Map<String, Object> good(String lot, Consumer<Map<String, Object>> change) {
        Map<String, Object> body = good(lot);
        change.accept(body);
        return body;
    }

    private long stored() {
        return jdbc.queryForObject("select (select count(*) from batch) + (select count(*) from record)", Long.class);
    }

    /** The preview's answer, checking that it stored nothing. */
    private JsonNode preview(Map<String, Object> body) {
        long before = stored();
        JsonNode answer =
                ok(http.post("/api/batches/checks", body, "htx-a"), 200).body();
        assertThat(stored()).as("the preview stores nothing").isEqualTo(before);
        return answer;
    }

    private static JsonNode check(JsonNode answer, String rule) {
        return answer.get("checks")
                .valueStream()
                .filter(c -> c.get("rule").stringValue().equals(rule))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no check " + rule + " in " + answer));
    }

    /** The rule passes in the preview of this body. */
    private void passes(Map<String, Object> body, String rule) {
        JsonNode answer = preview(body);
        assertThat(check(answer, rule).get("outcome").stringValue())
                .as(rule + " in " + answer)
                .isEqualTo("PASS");
    }

    /**
     * The rule fails in the preview, as the first failure, and creation refuses the same body with
     * the same rule, status and words.
     */
    private void failsAsCreationDoes(Map<String, Object> body, String rule, int status, String... inMessage) {
        JsonNode answer = preview(body);
        assertThat(answer.get("passed").booleanValue()).isFalse();
        JsonNode first = answer.get("checks")
                .valueStream()
                .filter(c -> c.get("outcome").stringValue().equals("FAIL"))
                .findFirst()
                .orElseThrow();
        assertThat(first.get("rule").stringValue()).as(answer.toString()).isEqualTo(rule);
        assertThat(first.get("message").stringValue()).contains(inMessage);

        long before = stored();
        TestHttp.Response created = http.post("/api/batches", body, "htx-a");
        assertThat(created.status()).as(created.text()).isEqualTo(status);
        assertThat(created.contentType()).startsWith("application/problem+json");
        assertThat(created.body().get("rule").stringValue()).isEqualTo(rule);
        assertThat(created.detail()).isEqualTo(first.get("message").stringValue());
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void aBatchTheRecordsBackPassesEveryCheckAndCreationThenAcceptsIt() {
        JsonNode answer = preview(good("L-GOOD"));
        assertThat(answer.get("passed").booleanValue()).as(answer.toString()).isTrue();
        assertThat(answer.get("checks").valueStream().map(c -> c.get("outcome").stringValue()))
                .containsOnly("PASS");
        assertThat(answer.get("checks").valueStream().map(c -> c.get("check").stringValue()))
                .contains(
                        "request",
                        "harvest-date",
                        "product",
                        "lot",
                        "code",
                        "plots",
                        "certificate",
                        "pre-harvest-interval");
        assertThat(check(answer, "code-not-issued").get("message").stringValue())
                .contains("ISSUED on the harvest date " + D.minusDays(3));
        assertThat(check(answer, "certificate-not-valid").get("subject").stringValue())
                .isEqualTo(Long.toString(vietgap));
        ok(http.post("/api/batches", good("L-GOOD"), "htx-a"), 201);
        // now the lot is taken: the preview says so, creation answers 409 with the same words
        failsAsCreationDoes(good("L-GOOD"), "duplicate", 409, "lot L-GOOD", "exists");
    }

    @Test
    void theCooperativesBatchesArePagedNewestHarvestFirst() {
        for (int i = 1; i <= 3; i++) {
            int daysAgo = i;
            ok(
                    http.post(
                            "/api/batches",
                            good(
                                    "L-PAGE-" + i,
                                    b -> b.put(
                                            "harvestDate", D.minusDays(daysAgo).toString())),
                            "htx-a"),
                    201);
        }
        JsonNode all = ok(http.get("/api/batches?limit=500", "op-a"), 200).body();
        List<JsonNode> listed = all.valueStream().toList();
        assertThat(listed).extracting(b -> b.get("lot").stringValue()).contains("L-PAGE-1", "L-PAGE-2", "L-PAGE-3");
        for (int i = 1; i < listed.size(); i++) {
            JsonNode newer = listed.get(i - 1), older = listed.get(i);
            int byDate = newer.get("harvestDate")
                    .stringValue()
                    .compareTo(older.get("harvestDate").stringValue());
            assertThat(byDate > 0
                            || (byDate == 0
                                    && newer.get("id").longValue()
                                            > older.get("id").longValue()))
                    .as("newest harvest first, then the newest batch: " + newer + " before " + older)
                    .isTrue();
        }

        // two at a time, following the next links: the same batches in the same order, each once
        List<Long> paged = new java.util.ArrayList<>();
        String next = "/api/batches?limit=2";
        int pages = 0;
        while (next != null) {
            TestHttp.Response page = ok(http.get(next, "htx-a"), 200);
            assertThat(page.body().size()).isBetween(1, 2);
            page.body().forEach(b -> paged.add(b.get("id").longValue()));
            String link = page.headers().get("Link");
            next = link == null ? null : link.substring(link.indexOf('<') + 1, link.indexOf('>'));
            pages++;
        }
        assertThat(paged)
                .isEqualTo(listed.stream().map(b -> b.get("id").longValue()).toList());
        assertThat(pages).isEqualTo((listed.size() + 1) / 2);
        assertThat(ok(http.get("/api/batches?offset=" + listed.size(), "htx-a"), 200)
                        .body()
                        .size())
                .as("past the end: an empty page")
                .isZero();

        assertThat(ok(http.get("/api/batches", "htx-b"), 200)
                        .body()
                        .valueStream()
                        .map(b -> b.get("id").longValue()))
                .as("another cooperative's batches are not listed")
                .doesNotContainAnyElementsOf(paged);
        for (String bad : List.of("limit=0", "limit=501", "offset=-1", "offset=x")) {
            TestHttp.Response r = http.get("/api/batches?" + bad, "htx-a");
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.contentType()).as(bad).startsWith("application/problem+json");
        }
    }

    @Test
    void requestAndHarvestDate() {
        passes(good("L-R1"), "bad-request");
        failsAsCreationDoes(good("L-R2", b -> b.remove("quantityKg")), "bad-request", 400, "quantityKg");
        passes(good("L-R3"), "harvest-date");
        failsAsCreationDoes(
                good("L-R4", b -> b.put("harvestDate", D.plusDays(1).toString())), "harvest-date", 422, "future");
    }

    @Test
    void product() {
        failsAsCreationDoes(good("L-P1", b -> b.put("gtin", "12345")), "gtin", 422, "8, 12, 13 or 14 digits");
        failsAsCreationDoes(
                good("L-P2", b -> b.put("gtin", gtin("893999999999"))), "unknown-product", 422, "not registered");
        failsAsCreationDoes(good("L-P3", b -> b.put("gtin", RICE_OF_B)), "product-not-owned", 422, "htx-b");
        passes(good("L-P4"), "gtin");
        passes(good("L-P4"), "unknown-product");
        passes(good("L-P4"), "product-not-owned");
    }

    @Test
    void lot() {
        passes(good("L-L1"), "lot-format");
        failsAsCreationDoes(good("l lower", b -> {}), "lot-format", 422, "l lower");
        passes(good("L-L2"), "duplicate");
    }

    @Test
    void growingAreaCode() {
        failsAsCreationDoes(good("L-C1", b -> b.put("code", "VN-51-9999")), "unknown-code", 422, "VN-51-9999");
        failsAsCreationDoes(good("L-C2", b -> b.put("code", CODE_B)), "code-not-owned", 422, "htx-b");
        // suspended from D-30 to D-20
        failsAsCreationDoes(
                good("L-C3", b -> b.put("harvestDate", D.minusDays(25).toString())),
                "code-not-issued",
                422,
                "SUSPENDED");
        failsAsCreationDoes(
                good("L-C4", b -> {
                    b.put("gtin", CHILI);
                    b.put("certificateIds", List.of());
                }),
                "crop-mismatch",
                422,
                "chili");
        passes(good("L-C5"), "unknown-code");
        passes(good("L-C5"), "code-not-owned");
        passes(good("L-C5"), "code-not-issued");
        passes(good("L-C5"), "crop-mismatch");
    }

    @Test
    void plots() {
        failsAsCreationDoes(
                good("L-PL1", b -> b.put("plotIds", List.of("lua-1", "lua-3"))), "plot-not-in-code", 422, "lua-3");
        passes(good("L-PL2", b -> b.put("plotIds", List.of("lua-1"))), "plot-not-in-code");
    }

    @Test
    void certificates() {
        failsAsCreationDoes(
                good("L-CE1", b -> b.put("certificateIds", List.of(987654))), "unknown-certificate", 422, "987654");
        failsAsCreationDoes(
                good("L-CE2", b -> b.put("certificateIds", List.of(vietgapExpired))),
                "certificate-not-valid",
                422,
                "VietGAP-TT-13-09-51-0102");
        failsAsCreationDoes(
                good("L-CE3", b -> b.put("certificateIds", List.of(vietgapChiliOnly))),
                "certificate-scope",
                422,
                "chili");
        passes(good("L-CE4"), "unknown-certificate");
        passes(good("L-CE4"), "certificate-not-valid");
        passes(good("L-CE4"), "certificate-scope");
        // one entry per claimed certificate: the valid one passes beside the expired one that fails
        JsonNode both = preview(good("L-CE5", b -> b.put("certificateIds", List.of(vietgap, vietgapExpired))));
        assertThat(both.get("checks")
                        .valueStream()
                        .filter(c -> c.get("rule").stringValue().equals("certificate-not-valid"))
                        .map(c -> c.get("subject").stringValue() + ":"
                                + c.get("outcome").stringValue()))
                .containsExactly(vietgap + ":PASS", vietgapExpired + ":FAIL");
    }

    @Test
    void preHarvestInterval() {
        failsAsCreationDoes(
                good("L-PHI1", b -> b.put("harvestDate", D.minusDays(10).toString())),
                "pre-harvest-interval",
                422,
                "lua-2",
                "Regent 800WG",
                "harvest allowed from " + D.minusDays(7));
        passes(good("L-PHI2", b -> b.put("harvestDate", D.minusDays(7).toString())), "pre-harvest-interval");
        // only the plot with the spraying matters
        passes(
                good("L-PHI3", b -> {
                    b.put("harvestDate", D.minusDays(10).toString());
                    b.put("plotIds", List.of("lua-1"));
                }),
                "pre-harvest-interval");
    }

    @Test
    void checksThatNeedWhatFailedAreNotRunAndSaySo() {
        JsonNode answer = preview(good("L-N1", b -> b.put("code", "VN-51-9999")));
        assertThat(check(answer, "code-not-issued").get("outcome").stringValue())
                .isEqualTo("NOT_RUN");
        assertThat(check(answer, "plot-not-in-code").get("outcome").stringValue())
                .isEqualTo("NOT_RUN");
        assertThat(check(answer, "pre-harvest-interval").get("outcome").stringValue())
                .isEqualTo("NOT_RUN");
    }

    @Test
    void onlyAManagerPreviewsAndABodyThatIsNotJsonIs400() {
        assertThat(http.post("/api/batches/checks", good("L-A1"), null).status())
                .isEqualTo(401);
        assertThat(http.post("/api/batches/checks", good("L-A1"), "op-a").status())
                .isEqualTo(403);
        TestHttp.Response bad = http.post("/api/batches/checks", "{\"harvestDate\": \"yesterday\"}", "htx-a");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");
        assertThat(bad.detail()).contains("harvestDate");
    }
}

package vn.dongxanh.trace.growingarea;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
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
import vn.dongxanh.devkit.LocalServices;
import vn.dongxanh.trace.TestHttp;
import vn.dongxanh.trace.TestProperties;
import vn.dongxanh.trace.ledger.LedgerCalls;
import vn.dongxanh.trace.ledger.LedgerChain;
import vn.dongxanh.trace.ledger.TestChain;

/** Plots, code applications and their rules, and the department-only lifecycle, down to the chain. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"dx.trace.ledger.confirmations=1", "dx.trace.anchor.interval=1s"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class GrowingAreaCodeTest {
    private static final LocalServices.TestDatabase DB = LocalServices.freshDatabase("trace_codes");
    private static final TestChain CHAIN = TestChain.start();
    // near Mộ Đức, Quảng Ngãi
    private static final double LON = 108.85;
    private static final double LAT = 14.95;

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

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    LedgerChain ledger;

    TestHttp http;

    @BeforeEach
    void setUp() {
        http = new TestHttp(port);
        for (String[] org : new String[][] {{"htx-a", "COOPERATIVE"}, {"htx-b", "COOPERATIVE"}}) {
            if (http.get("/api/organisations/" + org[0], "dept").status() == 404) {
                assertThat(http.post(
                                        "/api/organisations",
                                        Map.of("id", org[0], "kind", org[1], "name", "HTX " + org[0]),
                                        "dept")
                                .status())
                        .isEqualTo(201);
            }
        }
    }

    private TestHttp.Response plot(String user, String id, String crop, double lonOffset, double side) {
        return http.post(
                "/api/plots",
                Map.of(
                        "id",
                        id,
                        "name",
                        "Ruộng " + id,
                        "crop",
                        crop,
                        "geometry",
                        TestHttp.square(LON + lonOffset, LAT, side)),
                user);
    }

    private TestHttp.Response apply(String user, String code, String crop, String... plots) {
        return http.post("/api/codes", Map.of("code", code, "crop", crop, "plotIds", List.of(plots)), user);
    }

    private TestHttp.Response status(String user, String code, String to, String reason) {
        return http.post(
                "/api/codes/" + code + "/status",
                Map.of(
                        "status",
                        to,
                        "reason",
                        reason,
                        "evidence",
                        List.of(Map.of("type", "inspection-report", "uri", "urn:dx:report:" + code + ":" + to))),
                user);
    }

    @Test
    void aPlotsAreaIsComputedFromItsPolygon() {
        TestHttp.Response created = plot("htx-a", "area-100m", "rice", 0.0, 100);
        assertThat(created.status()).isEqualTo(201);
        assertThat(created.body().get("areaHa").doubleValue())
                .isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(created.body().get("organisationId").stringValue()).isEqualTo("htx-a");

        var bowtie = Map.of(
                "id", "bowtie",
                "name", "x",
                "crop", "rice",
                "geometry",
                        Map.of(
                                "type",
                                "Polygon",
                                "coordinates",
                                List.of(List.of(
                                        List.of(LON, LAT),
                                        List.of(LON + 0.01, LAT + 0.01),
                                        List.of(LON + 0.01, LAT),
                                        List.of(LON, LAT + 0.01),
                                        List.of(LON, LAT)))));
        TestHttp.Response refused = http.post("/api/plots", bowtie, "htx-a");
        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.detail()).contains("not valid");
        assertThat(http.post("/api/plots", bowtie, null).status())
                .as("no anonymous writes")
                .isEqualTo(401);
    }

    @Test
    void aCooperativeListsItsOwnPlotsWithTheirPolygonsPageByPage() {
        for (int i = 1; i <= 3; i++) {
            assertThat(plot("htx-a", "list-a" + i, "rice", 0.2 + i * 0.01, 60).status())
                    .isEqualTo(201);
        }
        assertThat(plot("htx-b", "list-b1", "rice", 0.3, 60).status()).isEqualTo(201);

        TestHttp.Response all = http.get("/api/plots?limit=500", "op-a");
        assertThat(all.status()).as(all.text()).isEqualTo(200);
        List<String> listed = new java.util.ArrayList<>();
        all.body().forEach(p -> listed.add(p.get("id").stringValue()));
        assertThat(listed).contains("list-a1", "list-a2", "list-a3").doesNotContain("list-b1");
        assertThat(listed).as("in id order").isSorted();
        all.body().forEach(p -> {
            assertThat(p.get("organisationId").stringValue()).isEqualTo("htx-a");
            assertThat(p.get("geometry").get("type").stringValue()).isEqualTo("Polygon");
        });
        assertThat(all.headers()).doesNotContainKey("Link");
        List<String> ofB = new java.util.ArrayList<>();
        http.get("/api/plots", "htx-b").body().forEach(p -> ofB.add(p.get("id").stringValue()));
        assertThat(ofB).contains("list-b1").doesNotContain("list-a1");

        // two at a time, following the next links: the same plots, each once
        List<String> paged = new java.util.ArrayList<>();
        String next = "/api/plots?limit=2";
        int pages = 0;
        while (next != null) {
            TestHttp.Response page = http.get(next, "htx-a");
            assertThat(page.status()).isEqualTo(200);
            assertThat(page.body().size()).isBetween(1, 2);
            page.body().forEach(p -> paged.add(p.get("id").stringValue()));
            String link = page.headers().get("Link");
            next = link == null ? null : link.substring(link.indexOf('<') + 1, link.indexOf('>'));
            if (link != null) assertThat(link).endsWith("; rel=\"next\"");
            pages++;
        }
        assertThat(paged).isEqualTo(listed);
        assertThat(pages).isEqualTo((listed.size() + 1) / 2);

        for (String bad : List.of("limit=0", "limit=501", "offset=-1", "limit=x")) {
            TestHttp.Response r = http.get("/api/plots?" + bad, "htx-a");
            assertThat(r.status()).as(bad).isEqualTo(400);
            assertThat(r.contentType()).as(bad).startsWith("application/problem+json");
        }
        assertThat(http.get("/api/plots", "dept").status())
                .as("not a cooperative's user")
                .isEqualTo(403);
        assertThat(http.get("/api/plots").status()).isEqualTo(401);
    }

    @Test
    void anApplicationIsCheckedForFormatMinimumAreaAndCrop() {
        assertThat(plot("htx-a", "small-1", "leafy-greens", 0.01, 50).status()).isEqualTo(201); // 0.25 ha
        assertThat(plot("htx-a", "small-2", "leafy-greens", 0.02, 50).status()).isEqualTo(201);
        assertThat(plot("htx-a", "chili-1", "chili", 0.03, 120).status()).isEqualTo(201);

        TestHttp.Response format = apply("htx-a", "VN-5-13", "leafy-greens", "small-1");
        assertThat(format.status()).isEqualTo(422);
        assertThat(format.body().get("rule").stringValue()).isEqualTo("code-format");

        TestHttp.Response tooSmall = apply("htx-a", "VN-51-0201", "leafy-greens", "small-1", "small-2");
        assertThat(tooSmall.status()).isEqualTo(422);
        assertThat(tooSmall.body().get("rule").stringValue()).isEqualTo("minimum-area");
        assertThat(tooSmall.detail()).contains("0.5", "minimum of 1 ha");

        TestHttp.Response crop = apply("htx-a", "VN-51-0202", "leafy-greens", "small-1", "chili-1");
        assertThat(crop.status()).isEqualTo(422);
        assertThat(crop.body().get("rule").stringValue()).isEqualTo("crop-mismatch");

        TestHttp.Response notOwned = apply("htx-b", "VN-51-0203", "chili", "chili-1");
        assertThat(notOwned.status()).isEqualTo(422);
        assertThat(notOwned.body().get("rule").stringValue()).isEqualTo("plot-not-owned");

        assertThat(apply("dept", "VN-51-0204", "chili", "chili-1").status())
                .as("the department does not apply")
                .isEqualTo(403);
        assertThat(http.get("/api/codes/VN-51-0201", "dept").status()).isEqualTo(404);
    }

    @Test
    void plotsOfOneCodeCannotJoinOrOverlapAnother() {
        assertThat(plot("htx-a", "rice-a", "rice", 0.05, 110).status()).isEqualTo(201);
        assertThat(plot("htx-a", "rice-a-overlap", "rice", 0.05 + 0.0005, 110).status())
                .isEqualTo(201);
        assertThat(apply("htx-a", "VN-51-0301", "rice", "rice-a").status()).isEqualTo(201);

        TestHttp.Response shared = apply("htx-a", "VN-51-0302", "rice", "rice-a");
        assertThat(shared.status()).isEqualTo(422);
        assertThat(shared.body().get("rule").stringValue()).isEqualTo("plot-in-other-code");

        TestHttp.Response overlap = apply("htx-a", "VN-51-0303", "rice", "rice-a-overlap");
        assertThat(overlap.status()).isEqualTo(422);
        assertThat(overlap.body().get("rule").stringValue()).isEqualTo("plot-overlap");
    }

    @Test
    void onlyTheDepartmentChangesAStatusAndEveryChangeIsKeptAndSentToTheLedger() {
        String code = "VN-51-0013";
        assertThat(plot("htx-a", "lua-1", "rice", 0.1, 80).status()).isEqualTo(201);
        assertThat(plot("htx-a", "lua-2", "rice", 0.11, 80).status()).isEqualTo(201);
        TestHttp.Response applied = apply("htx-a", code, "rice", "lua-1", "lua-2");
        assertThat(applied.status()).isEqualTo(201);
        assertThat(applied.body().get("status").stringValue()).isEqualTo("APPLIED");
        assertThat(applied.body().get("areaHa").doubleValue())
                .isCloseTo(1.28, org.assertj.core.data.Offset.offset(0.02));

        assertThat(status("htx-a", code, "UNDER_INSPECTION", "we are ready").status())
                .as("a cooperative cannot move its own code")
                .isEqualTo(403);
        assertThat(status("dept", code, "UNDER_INSPECTION", "inspection planned")
                        .status())
                .isEqualTo(200);
        assertThat(status("dept", code, "ISSUED", "inspection passed").status()).isEqualTo(200);

        TestHttp.Response coopSuspends = status("htx-a", code, "SUSPENDED", "pause");
        assertThat(coopSuspends.status())
                .as("a cooperative trying to suspend is refused")
                .isEqualTo(403);
        assertThat(status("cb", code, "SUSPENDED", "pause").status()).isEqualTo(403);
        assertThat(http.get("/api/codes/" + code, "dept").body().get("status").stringValue())
                .isEqualTo("ISSUED");

        TestHttp.Response suspended = status("dept", code, "SUSPENDED", "pesticide residue above the limit");
        assertThat(suspended.status()).isEqualTo(200);
        assertThat(suspended.body().get("status").stringValue()).isEqualTo("SUSPENDED");
        assertThat(status("dept", code, "ISSUED", "re-inspection passed").status())
                .isEqualTo(200);
        assertThat(status("dept", code, "REVOKED", "code borrowing").status()).isEqualTo(200);

        TestHttp.Response afterRevoke = status("dept", code, "ISSUED", "change of mind");
        assertThat(afterRevoke.status()).isEqualTo(409);
        assertThat(afterRevoke.body().get("rule").stringValue()).isEqualTo("transition-not-allowed");
        assertThat(http.post("/api/codes/" + code + "/status", Map.of("status", "EXPIRED"), "dept")
                        .status())
                .as("a change needs a reason")
                .isEqualTo(400);

        // the register is public, with the whole history
        TestHttp.Response view = http.get("/api/codes/" + code, "dept");
        assertThat(view.status()).isEqualTo(200);
        List<String> steps = view.body()
                .get("history")
                .valueStream()
                .map(h -> h.get("to").stringValue() + ":" + h.get("reason").stringValue())
                .toList();
        assertThat(steps)
                .containsExactly(
                        "APPLIED:application",
                        "UNDER_INSPECTION:inspection planned",
                        "ISSUED:inspection passed",
                        "SUSPENDED:pesticide residue above the limit",
                        "ISSUED:re-inspection passed",
                        "REVOKED:code borrowing");
        assertThat(view.body()
                        .get("history")
                        .get(3)
                        .get("evidence")
                        .get(0)
                        .get("type")
                        .stringValue())
                .isEqualTo("inspection-report");
        assertThat(view.body().get("history").get(3).get("actor").stringValue()).isEqualTo("dept");

        // each change is its own ledger transaction; the chain ends where the database does
        await().atMost(Duration.ofSeconds(60))
                .until(() -> jdbc.queryForObject(
                                "select count(*) from ledger_tx where kind in ('REGISTER_CODE', 'CODE_STATUS')"
                                        + " and state = 'CONFIRMED' and reference like ?",
                                Integer.class,
                                code + "%")
                        == 6);
        assertThat(jdbc.queryForObject(
                        "select count(distinct tx_hash) from ledger_tx where reference like ?",
                        Integer.class,
                        code + "%"))
                .isEqualTo(6);
        assertThat(ledger.codeStatus(code)).isEqualTo(LedgerCalls.CodeStatusOnChain.REVOKED);
        // and each change is a record that gets anchored
        await().atMost(Duration.ofSeconds(60))
                .until(() -> view.body()
                        .get("history")
                        .valueStream()
                        .allMatch(h -> !http.get(
                                        "/api/records/" + h.get("recordId").longValue() + "/proof", "dept")
                                .body()
                                .get("status")
                                .stringValue()
                                .equals("PENDING")));
    }

    @Test
    void theDepartmentGrantsChainRolesThroughTheService() {
        String account = CHAIN.account(3).getAddress();
        assertThat(http.post("/api/ledger/roles", Map.of("role", "COOPERATIVE", "account", account), "htx-a")
                        .status())
                .isEqualTo(403);
        TestHttp.Response granted =
                http.post("/api/ledger/roles", Map.of("role", "COOPERATIVE", "account", account), "dept");
        assertThat(granted.status()).isEqualTo(202);
        long tx = granted.body().get("ledgerTx").longValue();
        await().atMost(Duration.ofSeconds(60))
                .until(() -> "CONFIRMED"
                        .equals(jdbc.queryForObject("select state from ledger_tx where id = ?", String.class, tx)));
        var contract = vn.dongxanh.trace.ledger.contract.DongXanhLedger.load(
                ledger.contractAddress(),
                CHAIN.web3j(),
                new org.web3j.tx.ReadonlyTransactionManager(CHAIN.web3j(), account),
                new org.web3j.tx.gas.StaticGasProvider(java.math.BigInteger.ZERO, java.math.BigInteger.ZERO));
        assertThat(contract.hasRole(LedgerCalls.roleId("COOPERATIVE"), account)
                        .sendAsync()
                        .join())
                .isTrue();
        TestHttp.Response info = http.get("/api/ledger");
        assertThat(info.body().get("contract").stringValue()).isEqualTo(ledger.contractAddress());
        assertThat(info.body().get("chainId").longValue()).isEqualTo(TestChain.CHAIN_ID);
        assertThat(http.get("/api/ledger/abi").body().get("abi").isArray()).isTrue();
    }
}

package vn.dongxanh.trace.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HexFormat;
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
import org.web3j.crypto.Hash;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.StaticGasProvider;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.dongxanh.devkit.LocalServices;
import vn.dongxanh.trace.TestHttp;
import vn.dongxanh.trace.TestProperties;
import vn.dongxanh.trace.ledger.LedgerChain;
import vn.dongxanh.trace.ledger.TestChain;
import vn.dongxanh.trace.ledger.contract.DongXanhLedger;

/**
 * People's names in anchored records are salted commitments: the public never sees the name, the
 * record still verifies on a real anvil chain, and only the record's organisation and the
 * department can disclose whose name it was.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"dx.trace.anchor.interval=1s"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class RecordPrivacyTest {
    private static final LocalServices.TestDatabase DB = LocalServices.freshDatabase("trace_privacy");
    private static final TestChain CHAIN = TestChain.start();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final LocalDate D = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh"));
    /** Typed with precomposed letters (NFC); a phone keyboard may send the decomposed form (NFD). */
    private static final String OPERATOR = Normalizer.normalize("Nguyễn Văn An", Normalizer.Form.NFC);

    private static final String INSPECTOR = "Trần Thị Bích";
    private static boolean prepared;

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
    LedgerChain ledger;

    TestHttp http;

    @BeforeEach
    void prepare() {
        http = new TestHttp(port);
        if (prepared) return;
        for (String org : List.of("htx-a", "htx-b")) {
            ok(http.post("/api/organisations", Map.of("id", org, "kind", "COOPERATIVE", "name", "HTX " + org), "dept"));
        }
        ok(http.post(
                "/api/plots",
                Map.of("id", "pv-1", "name", "Ruộng 1", "crop", "rice", "geometry", TestHttp.square(108.8, 14.9, 150)),
                "htx-a"));
        prepared = true;
    }

    private static TestHttp.Response ok(TestHttp.Response r) {
        assertThat(r.status()).as(r.text()).isBetween(200, 201);
        return r;
    }

    private static List<String> forms(String name) {
        return List.of(
                Normalizer.normalize(name, Normalizer.Form.NFC),
                Normalizer.normalize(name, Normalizer.Form.NFD),
                // the same, as JSON would escape it
                JSON.writeValueAsString(Normalizer.normalize(name, Normalizer.Form.NFC)),
                JSON.writeValueAsString(Normalizer.normalize(name, Normalizer.Form.NFD)));
    }

    @Test
    void aDiaryOperatorsNameIsACommitmentThatOnlyTheCooperativeAndTheDepartmentCanOpen() throws Exception {
        // the operator's name arrives decomposed: the commitment is to its NFC form all the same
        long recordId = ok(http.post(
                        "/api/plots/pv-1/diary",
                        Map.of(
                                "date",
                                D.minusDays(5).toString(),
                                "operation",
                                "FERTILISER",
                                "productName",
                                "NPK 16-16-8",
                                "operator",
                                Normalizer.normalize(OPERATOR, Normalizer.Form.NFD)),
                        "htx-a"))
                .body()
                .get("recordId")
                .longValue();

        // what anyone reads: no name in any form, a commitment with role and organisation instead
        TestHttp.Response record = ok(http.get("/api/records/" + recordId, "htx-a"));
        String content = record.body().get("content").stringValue();
        for (String form : forms(OPERATOR)) {
            assertThat(record.text()).doesNotContain(form);
            assertThat(new String(content.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                    .doesNotContain(form);
        }
        JsonNode operator = JSON.readTree(content).at("/body/operator");
        assertThat(operator.get("role").stringValue()).isEqualTo("COOP_OPERATOR");
        assertThat(operator.get("organisation").stringValue()).isEqualTo("htx-a");
        String commitment = operator.get("commitment").stringValue();
        assertThat(commitment).matches("^0x[0-9a-f]{64}$");
        assertThat(record.body().get("organisation").stringValue()).isEqualTo("htx-a");

        // the cooperative opens it: name and salt, and keccak256(salt ‖ UTF-8(name)) is what the record holds
        JsonNode disclosed = ok(http.call("GET", "/api/records/" + recordId + "/disclosure", null, "htx-a"))
                .body();
        JsonNode person = disclosed.get("people").get(0);
        assertThat(disclosed.get("people")).hasSize(1);
        assertThat(person.get("field").stringValue()).isEqualTo("/body/operator");
        assertThat(person.get("name").stringValue()).isEqualTo(OPERATOR);
        assertThat(person.get("matches").booleanValue()).isTrue();
        byte[] salt = HexFormat.of().parseHex(person.get("salt").stringValue().substring(2));
        assertThat(salt).hasSize(32);
        byte[] name = person.get("name").stringValue().getBytes(StandardCharsets.UTF_8);
        byte[] joined = new byte[salt.length + name.length];
        System.arraycopy(salt, 0, joined, 0, salt.length);
        System.arraycopy(name, 0, joined, salt.length, name.length);
        assertThat("0x" + HexFormat.of().formatHex(Hash.sha3(joined)))
                .as("recomputed by the test itself from the disclosed salt and name")
                .isEqualTo(commitment);

        // the department can too; another cooperative, a certification body and the public cannot
        assertThat(ok(http.call("GET", "/api/records/" + recordId + "/disclosure", null, "dept"))
                        .body()
                        .at("/people/0/name")
                        .stringValue())
                .isEqualTo(OPERATOR);
        TestHttp.Response other = http.call("GET", "/api/records/" + recordId + "/disclosure", null, "htx-b");
        // another cooperative cannot even see the record (404, as for everything it cannot see)
        assertThat(other.status()).as(other.text()).isEqualTo(404);
        for (String form : forms(OPERATOR)) assertThat(other.text()).doesNotContain(form);
        assertThat(http.call("GET", "/api/records/" + recordId + "/disclosure", null, "cb")
                        .status())
                .isEqualTo(404);
        TestHttp.Response anonymous = http.get("/api/records/" + recordId + "/disclosure");
        assertThat(anonymous.status()).isEqualTo(401);
        for (String form : forms(OPERATOR)) assertThat(anonymous.text()).doesNotContain(form);

        // and the record still verifies against the chain: Merkle proof, then the contract's verify
        await().atMost(Duration.ofSeconds(60))
                .until(
                        () -> http.get("/api/records/" + recordId, "htx-a")
                                .body()
                                .get("status")
                                .stringValue(),
                        s -> !s.equals("PENDING") && !s.equals("REANCHORING"));
        JsonNode proof =
                ok(http.get("/api/records/" + recordId + "/proof", "htx-a")).body();
        for (String form : forms(OPERATOR)) assertThat(proof.toString()).doesNotContain(form);
        Bytes32 leaf = CanonicalJson.leaf(proof.get("content").stringValue());
        Bytes32 root = Bytes32.of(proof.at("/anchor/root").stringValue());
        List<Bytes32> path = new ArrayList<>();
        proof.at("/anchor/proof").forEach(n -> path.add(Bytes32.of(n.stringValue())));
        assertThat(MerkleTree.verify(root, leaf, path)).isTrue();
        DongXanhLedger anyone = DongXanhLedger.load(
                ledger.contractAddress(),
                CHAIN.web3j(),
                new ReadonlyTransactionManager(CHAIN.web3j(), "0x000000000000000000000000000000000000dEaD"),
                new StaticGasProvider(BigInteger.ZERO, BigInteger.ZERO));
        // the contract takes the record hash (keccak256 of the content) and makes the leaf itself
        assertThat(anyone.verify(
                                root.bytes(),
                                LeafFormat.recordHash(proof.get("content").stringValue())
                                        .bytes(),
                                path.stream().map(Bytes32::bytes).toList())
                        .send())
                .isTrue();
        assertThat(ok(http.get("/api/records/" + recordId + "/verification", "htx-a"))
                        .body()
                        .get("verified")
                        .booleanValue())
                .isTrue();
    }

    @Test
    void aPlotsDiaryReadsTheNewestFirstWithTheOperatorsNameForItsCooperativeOnly() {
        ok(http.post(
                "/api/plots",
                Map.of(
                        "id",
                        "pv-read",
                        "name",
                        "Ruộng 2",
                        "crop",
                        "rice",
                        "geometry",
                        TestHttp.square(108.7, 14.9, 90)),
                "htx-a"));
        ok(http.post(
                "/api/plots/pv-read/diary",
                Map.of("date", D.minusDays(9).toString(), "operation", "SOWING", "operator", OPERATOR),
                "htx-a"));
        long sprayed = ok(http.post(
                        "/api/plots/pv-read/diary",
                        Map.of(
                                "date",
                                D.minusDays(3).toString(),
                                "operation",
                                "PESTICIDE",
                                "productName",
                                "Validacin 5L",
                                "activeIngredients",
                                "validamycin 5%",
                                "phiDays",
                                7,
                                "dosePerHa",
                                "1.5 l",
                                "operator",
                                OPERATOR),
                        "htx-a"))
                .body()
                .get("recordId")
                .longValue();
        ok(http.post(
                "/api/plots/pv-read/diary",
                Map.of("date", D.minusDays(6).toString(), "operation", "FERTILISER", "productName", "NPK"),
                "htx-a"));

        TestHttp.Response first = ok(http.get("/api/plots/pv-read/diary?limit=2", "htx-a"));
        JsonNode page = first.body();
        assertThat(page.size()).isEqualTo(2);
        assertThat(page.get(0).get("operation").stringValue()).isEqualTo("PESTICIDE");
        assertThat(page.get(0).get("recordId").longValue()).isEqualTo(sprayed);
        assertThat(page.get(0).get("phiDays").intValue()).isEqualTo(7);
        assertThat(page.get(0).get("harvestAllowedFrom").stringValue())
                .isEqualTo(D.minusDays(3).plusDays(7).toString());
        assertThat(page.get(0).get("activeIngredients").stringValue()).isEqualTo("validamycin 5%");
        assertThat(page.get(0).get("operator").stringValue())
                .as("the cooperative's own diary")
                .isEqualTo(OPERATOR);
        assertThat(page.get(1).get("operation").stringValue()).isEqualTo("FERTILISER");
        assertThat(page.get(1).get("harvestAllowedFrom").isNull()).isTrue();
        assertThat(first.headers().get("link")).contains("offset=2").contains("rel=\"next\"");
        TestHttp.Response last = ok(http.get("/api/plots/pv-read/diary?limit=2&offset=2", "htx-a"));
        assertThat(last.body().get(0).get("operation").stringValue()).isEqualTo("SOWING");
        assertThat(last.headers().get("link")).isNull();

        // the department reads the diary, not the names in it
        JsonNode dept = ok(http.get("/api/plots/pv-read/diary", "dept")).body();
        assertThat(dept.size()).isEqualTo(3);
        assertThat(dept.get(0).get("operator").isNull()).isTrue();
        assertThat(dept.toString()).doesNotContain("Nguy");
        // another cooperative does not see the plot; a bad page is a problem
        assertThat(http.get("/api/plots/pv-read/diary", "htx-b").status()).isEqualTo(404);
        TestHttp.Response bad = http.get("/api/plots/pv-read/diary?limit=0", "htx-a");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");
        assertThat(bad.detail()).contains("limit");
    }

    @Test
    void anInspectorNamedInACodesEvidenceIsACommitmentInTheRecordAndInTheCodesHistory() {
        ok(http.post("/api/codes", Map.of("code", "VN-51-0101", "crop", "rice", "plotIds", List.of("pv-1")), "htx-a"));
        JsonNode code = ok(http.post(
                        "/api/codes/VN-51-0101/status",
                        Map.of(
                                "status",
                                "UNDER_INSPECTION",
                                "reason",
                                "inspection planned",
                                "evidence",
                                List.of(Map.of("type", "inspection-plan", "inspector", INSPECTOR))),
                        "dept"))
                .body();
        JsonNode last = code.get("history").get(code.get("history").size() - 1);
        long recordId = last.get("recordId").longValue();
        TestHttp.Response record = ok(http.get("/api/records/" + recordId, "htx-a"));
        TestHttp.Response view = ok(http.get("/api/codes/VN-51-0101", "htx-a"));
        for (String form : forms(INSPECTOR)) {
            assertThat(record.text()).doesNotContain(form);
            assertThat(view.text()).doesNotContain(form);
        }
        JsonNode content = JSON.readTree(record.body().get("content").stringValue());
        assertThat(content.at("/body/evidence/0/inspector/role").stringValue()).isEqualTo("INSPECTOR");
        assertThat(content.at("/body/evidence/0/type").stringValue()).isEqualTo("inspection-plan");
        assertThat(content.at("/body/actor/roles/0").stringValue())
                .as("the actor by role and organisation, not by name")
                .isEqualTo("DEPARTMENT_OFFICER");
        assertThat(content.at("/body/actor/organisation").stringValue()).isEqualTo("so-nnmt");
        assertThat(content.toString()).doesNotContain("\"dept\"");
        JsonNode applied = JSON.readTree(ok(http.get(
                        "/api/records/"
                                + code.get("history").get(0).get("recordId").longValue(),
                        "htx-a"))
                .body()
                .get("content")
                .stringValue());
        assertThat(applied.at("/body/applicant/organisation").stringValue()).isEqualTo("htx-a");
        assertThat(applied.toString()).doesNotContain("\"htx-a-pw\"");

        JsonNode disclosed = ok(http.call("GET", "/api/records/" + recordId + "/disclosure", null, "dept"))
                .body();
        assertThat(disclosed.at("/people/0/field").stringValue()).isEqualTo("/body/evidence/0/inspector");
        assertThat(disclosed.at("/people/0/name").stringValue()).isEqualTo(INSPECTOR);
        assertThat(disclosed.at("/people/0/matches").booleanValue()).isTrue();
        assertThat(http.call("GET", "/api/records/" + recordId + "/disclosure", null, "htx-a")
                        .status())
                .as("the department's record: the cooperative does not see its inspector's name")
                .isEqualTo(403);
    }
}

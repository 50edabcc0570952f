package vn.dongxanh.trace.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.math.BigInteger;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.web3j.crypto.Credentials;
import org.web3j.crypto.WalletUtils;
import org.web3j.protocol.exceptions.TransactionException;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.StaticGasProvider;
import tools.jackson.databind.JsonNode;
import vn.dongxanh.devkit.LocalServices;
import vn.dongxanh.trace.TestHttp;
import vn.dongxanh.trace.TestProperties;
import vn.dongxanh.trace.ledger.contract.DongXanhLedger;
import vn.dongxanh.trace.record.Bytes32;

/**
 * On a real anvil chain: the department's calls come from the department's account, a
 * certification body's certificate and a cooperative's diary are anchored from their own accounts
 * (read back from the transactions' {@code from}), and an account without the role is refused by
 * the contract itself.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"dx.trace.anchor.interval=1s"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class LedgerSignersTest {
    private static final LocalServices.TestDatabase DB = LocalServices.freshDatabase("trace_signers");
    private static final TestChain CHAIN = TestChain.start();
    private static final Path KEYS = TestProperties.tempDir().resolve("signers");
    private static final LocalDate D = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh"));
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final StaticGasProvider GAS =
            new StaticGasProvider(BigInteger.valueOf(2_000_000_000L), BigInteger.valueOf(500_000));
    private static boolean prepared;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestProperties.service(registry, DB, CHAIN);
        registry.add("dx.trace.ledger.keystore.dir", KEYS::toString);
    }

    @AfterAll
    static void cleanUp(@Autowired DataSource dataSource) throws Exception {
        TestProperties.release(dataSource, DB, CHAIN);
    }

    @LocalServerPort
    int port;

    @Autowired
    LedgerChain ledger;

    @Autowired
    JdbcClient jdbc;

    TestHttp http;

    @BeforeEach
    void prepare() {
        http = new TestHttp(port);
        if (prepared) return;
        ok(http.post("/api/organisations", Map.of("id", "htx-a", "kind", "COOPERATIVE", "name", "HTX A"), "dept"));
        ok(http.post(
                "/api/organisations",
                Map.of("id", "cb-1", "kind", "CERTIFICATION_BODY", "name", "Chứng nhận 1"),
                "dept"));
        ok(http.post(
                "/api/plots",
                Map.of("id", "sg-1", "name", "Ruộng 1", "crop", "rice", "geometry", TestHttp.square(108.7, 14.8, 150)),
                "htx-a"));
        prepared = true;
    }

    private static TestHttp.Response ok(TestHttp.Response r) {
        assertThat(r.status()).as(r.text()).isBetween(200, 202);
        return r;
    }

    private static Credentials keyOf(String organisation) throws Exception {
        Path file = KEYS.resolve(organisation + ".json");
        await().atMost(PATIENCE).until(() -> file.toFile().exists());
        return WalletUtils.loadCredentials(TestProperties.KEYSTORE_PASSWORD, file.toFile());
    }

    private static String from(String txHash) throws Exception {
        return CHAIN.web3j()
                .ethGetTransactionByHash(txHash)
                .send()
                .getTransaction()
                .orElseThrow()
                .getFrom();
    }

    private DongXanhLedger contract(Credentials who) {
        return DongXanhLedger.load(ledger.contractAddress(), CHAIN.web3j(), CHAIN.transactions(who), GAS);
    }

    private DongXanhLedger anyone() {
        return DongXanhLedger.load(
                ledger.contractAddress(),
                CHAIN.web3j(),
                new ReadonlyTransactionManager(CHAIN.web3j(), "0x000000000000000000000000000000000000dEaD"),
                GAS);
    }

    /** The transaction that anchored the record's root, once it is on chain. */
    private JsonNode anchorOf(long recordId) {
        await().atMost(PATIENCE).until(() -> {
            String s = http.get("/api/records/" + recordId, "dept")
                    .body()
                    .get("status")
                    .stringValue();
            return s.equals("ANCHORED") || s.equals("CONFIRMED");
        });
        return ok(http.get("/api/records/" + recordId + "/proof", "dept"))
                .body()
                .get("anchor");
    }

    @Test
    void theDepartmentsCodeCallsTheBodysCertificateAndTheCooperativesDiaryComeFromTheirOwnAccounts() throws Exception {
        // a code application: registered on chain by the department, with the department's key
        ok(http.post("/api/codes", Map.of("code", "VN-51-0201", "crop", "rice", "plotIds", List.of("sg-1")), "htx-a"));
        String registration = await().atMost(PATIENCE)
                .until(
                        () -> jdbc.sql("select tx_hash from ledger_tx where kind = 'REGISTER_CODE' and reference = ?"
                                        + " and state in ('MINED', 'CONFIRMED')")
                                .param("VN-51-0201")
                                .query(String.class)
                                .optional()
                                .orElse(null),
                        h -> h != null);
        String department = ledger.account().toLowerCase();
        assertThat(from(registration)).isEqualTo(department);
        assertThat(anyone().hasRole(LedgerCalls.roleId("DEPARTMENT"), department)
                        .send())
                .isTrue();

        // a certificate: its record anchored in a root sent by the certification body's own account
        long certificateRecord = ok(http.post(
                        "/api/certificates",
                        Map.of(
                                "scheme",
                                "VIETGAP",
                                "number",
                                "VietGAP-TT-13-09-51-0201",
                                "holderId",
                                "htx-a",
                                "validFrom",
                                D.minusDays(10).toString(),
                                "validTo",
                                D.plusMonths(12).toString(),
                                "crops",
                                List.of("rice")),
                        "cb"))
                .body()
                .get("recordId")
                .longValue();
        String body = keyOf("cb-1").getAddress().toLowerCase();
        JsonNode certificateAnchor = anchorOf(certificateRecord);
        assertThat(from(certificateAnchor.get("transactionHash").stringValue())).isEqualTo(body);
        assertThat(body).isNotEqualTo(department);
        assertThat(anyone().hasRole(LedgerCalls.roleId("CERTIFICATION_BODY"), body)
                        .send())
                .as("granted by the department when the body was registered")
                .isTrue();
        assertThat(anyone().anchorOf(Bytes32.of(certificateAnchor.get("root").stringValue())
                                .bytes())
                        .send()
                        .component4()
                        .toLowerCase())
                .as("the contract itself records the body as the root's submitter")
                .isEqualTo(body);

        // a diary entry: anchored by the cooperative's own account
        long diaryRecord = ok(http.post(
                        "/api/plots/sg-1/diary",
                        Map.of("date", D.minusDays(2).toString(), "operation", "SOWING"),
                        "htx-a"))
                .body()
                .get("recordId")
                .longValue();
        String cooperative = keyOf("htx-a").getAddress().toLowerCase();
        assertThat(from(anchorOf(diaryRecord).get("transactionHash").stringValue()))
                .isEqualTo(cooperative);
        assertThat(cooperative).isNotIn(department, body);
        assertThat(certificateAnchor.get("root").stringValue())
                .as("organisations' records never share a root")
                .isNotEqualTo(anchorOf(diaryRecord).get("root").stringValue());
        assertThat(ok(http.get("/api/records/" + diaryRecord + "/verification", "htx-a"))
                        .body()
                        .get("verified")
                        .booleanValue())
                .isTrue();
    }

    @Test
    void anAccountWithoutTheRoleIsRefusedByTheContract() throws Exception {
        // the cooperative's own key holds COOPERATIVE, not DEPARTMENT: it cannot register a code
        Credentials cooperative = keyOf("htx-a");
        await().atMost(PATIENCE)
                .until(() -> anyone().hasRole(LedgerCalls.roleId("COOPERATIVE"), cooperative.getAddress())
                        .send());
        assertThatThrownBy(() -> contract(cooperative)
                        .registerCode("VN-51-0999", new byte[32])
                        .send())
                .isInstanceOf(TransactionException.class)
                .hasMessageContaining("0x0");
        assertThat(anyone().codeStatus("VN-51-0999").send().component1()).isEqualTo(BigInteger.ZERO);

        // an account no organisation was granted (a funded dev account) cannot anchor at all
        Credentials stranger = CHAIN.account(7);
        assertThat(anyone().hasRole(LedgerCalls.roleId("COOPERATIVE"), stranger.getAddress())
                        .send())
                .isFalse();
        byte[] root = Bytes32.of("0x" + "ab".repeat(32)).bytes();
        assertThatThrownBy(() -> contract(stranger).anchor(root, BigInteger.ONE).send())
                .isInstanceOf(TransactionException.class);
        assertThat(anyone().anchorOf(root).send().component1()).isEqualTo(BigInteger.ZERO);
    }
}

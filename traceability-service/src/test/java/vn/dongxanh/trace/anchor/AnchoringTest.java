package vn.dongxanh.trace.anchor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
import org.springframework.web.client.RestClient;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.StaticGasProvider;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.dongxanh.devkit.LocalServices;
import vn.dongxanh.trace.TestProperties;
import vn.dongxanh.trace.TestTokens;
import vn.dongxanh.trace.ledger.LedgerChain;
import vn.dongxanh.trace.ledger.TestChain;
import vn.dongxanh.trace.ledger.contract.DongXanhLedger;
import vn.dongxanh.trace.record.Bytes32;
import vn.dongxanh.trace.record.CanonicalJson;
import vn.dongxanh.trace.record.MerkleTree;
import vn.dongxanh.trace.record.RecordStore;

/** Records are gathered into roots, anchored on a real anvil, and proven — also across a chain restart. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"dx.trace.ledger.confirmations=3", "dx.trace.anchor.batch-size=4", "dx.trace.anchor.interval=1s"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class AnchoringTest {
    private static final LocalServices.TestDatabase DB = LocalServices.freshDatabase("trace_anchor");
    private static final TestChain CHAIN = TestChain.start();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestProperties.database(registry, DB);
        TestProperties.ledger(registry, CHAIN);
        TestProperties.issuer(registry);
    }

    @AfterAll
    static void cleanUp(@Autowired DataSource dataSource) throws Exception {
        if (dataSource instanceof AutoCloseable pool) pool.close();
        DB.close();
        CHAIN.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    RecordStore records;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    LedgerChain ledger;

    RestClient http;

    @BeforeEach
    void client() {
        http = RestClient.create("http://127.0.0.1:" + port);
    }

    private JsonNode get(String path) {
        return JSON.readTree(http.get()
                .uri(path)
                .header("Authorization", "Bearer " + TestTokens.token("dept"))
                .retrieve()
                .body(String.class));
    }

    private List<Long> append(String subject, int n) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            var body =
                    JSON.createObjectNode().put("subject", subject).put("n", i).put("weightKg", 12.5 + i);
            ids.add(records.append("test.event", subject, body).id());
        }
        return ids;
    }

    private String status(long id) {
        return get("/api/records/" + id + "/proof").get("status").stringValue();
    }

    private DongXanhLedger contractSeenByAnyone() {
        return DongXanhLedger.load(
                ledger.contractAddress(),
                CHAIN.web3j(),
                new ReadonlyTransactionManager(CHAIN.web3j(), "0x000000000000000000000000000000000000dEaD"),
                new StaticGasProvider(BigInteger.ZERO, BigInteger.ZERO));
    }

    @Test
    void recordsAreAnchoredAndTheirProofsVerifyInJavaAndThroughTheContract() throws Exception {
        List<Long> ids = new ArrayList<>(append("batch-a", 4)); // a full batch: anchored at once
        await().atMost(PATIENCE)
                .until(() -> ids.stream().allMatch(id -> !status(id).equals("PENDING")));
        ids.addAll(append("batch-a", 2)); // fewer than a batch: anchored when the interval has passed
        await().atMost(PATIENCE)
                .until(() -> ids.stream().allMatch(id -> !status(id).equals("PENDING")));
        CHAIN.mine(3);
        await().atMost(PATIENCE)
                .until(() -> ids.stream().allMatch(id -> status(id).equals("CONFIRMED")));

        DongXanhLedger contract = contractSeenByAnyone();
        for (long id : ids) {
            JsonNode proof = get("/api/records/" + id + "/proof");
            JsonNode anchor = proof.get("anchor");
            // recompute the leaf from the content alone, as a buyer would
            Bytes32 leaf = CanonicalJson.leaf(proof.get("content").stringValue());
            assertThat(leaf.hex()).isEqualTo(proof.get("leaf").stringValue());
            Bytes32 root = Bytes32.of(anchor.get("root").stringValue());
            List<Bytes32> path = new ArrayList<>();
            anchor.get("proof").forEach(node -> path.add(Bytes32.of(node.stringValue())));

            assertThat(MerkleTree.verify(root, leaf, path))
                    .as("Java check of record %d", id)
                    .isTrue();
            assertThat(contract.verify(
                                    root.bytes(),
                                    leaf.bytes(),
                                    path.stream().map(Bytes32::bytes).toList())
                            .send())
                    .as("contract check of record %d", id)
                    .isTrue();
            var receipt = CHAIN.web3j()
                    .ethGetTransactionReceipt(anchor.get("transactionHash").stringValue())
                    .send()
                    .getTransactionReceipt()
                    .orElseThrow();
            assertThat(receipt.getBlockNumber().longValueExact())
                    .isEqualTo(anchor.get("blockNumber").longValue());
            assertThat(contract.anchorOf(root.bytes()).send().component1()).isEqualTo(receipt.getBlockNumber());
            assertThat(get("/api/records/" + id + "/verification")
                            .get("verified")
                            .booleanValue())
                    .isTrue();
        }
        assertThat(jdbc.queryForObject(
                        "select count(distinct anchor_id) from record where id = any(?)", Integer.class, (Object)
                                ids.toArray(Long[]::new)))
                .as("a root by batch size, then one by interval")
                .isEqualTo(2);

        // someone edits a record in the database after it was anchored
        long victim = ids.get(2);
        jdbc.update(
                "update record set content = replace(content, '\"weightKg\":14.5', '\"weightKg\":145') where id = ?",
                victim);
        JsonNode check = get("/api/records/" + victim + "/verification");
        assertThat(check.get("proofValid").booleanValue()).isFalse();
        assertThat(check.get("ledgerVerified").booleanValue()).isFalse();
        assertThat(check.get("verified").booleanValue()).isFalse();
        // and changing the stored leaf too does not help: the leaf is recomputed from the content
        jdbc.update(
                "update record set leaf = ? where id = ?",
                CanonicalJson.leaf(jdbc.queryForObject("select content from record where id = ?", String.class, victim))
                        .bytes(),
                victim);
        assertThat(get("/api/records/" + victim + "/verification")
                        .get("verified")
                        .booleanValue())
                .isFalse();
        assertThat(get("/api/records/" + ids.get(3) + "/verification")
                        .get("verified")
                        .booleanValue())
                .as("its neighbours still verify")
                .isTrue();
    }

    @Test
    void anvilRestartedMidAnchoringLosesNothing() throws Exception {
        CHAIN.automine(false); // the anchor transaction will sit in the mempool
        List<Long> first = append("batch-b", 4);
        await().atMost(PATIENCE).until(() -> "SENT".equals(anchorTxState(first.getFirst())));
        long firstTx = anchorTx(first.getFirst());

        CHAIN.stop(); // the mempool goes with it; blocks stay in the state file
        List<Long> second = append("batch-c", 4); // made into a root while the chain is down
        await().atMost(PATIENCE).until(() -> anchorTxState(second.getFirst()) != null);
        Thread.sleep(1000); // a few failed submitter runs
        CHAIN.startAgain(); // automining again

        List<Long> all = new ArrayList<>(first);
        all.addAll(second);
        await().atMost(PATIENCE)
                .until(() -> all.stream().allMatch(id -> !status(id).equals("PENDING")));

        Integer sends = jdbc.queryForObject("select sends from ledger_tx where id = ?", Integer.class, firstTx);
        assertThat(sends).as("the dropped anchor was sent again").isGreaterThanOrEqualTo(2);
        DongXanhLedger contract = contractSeenByAnyone();
        List<byte[]> roots = jdbc.queryForList("select root from anchor", byte[].class);
        assertThat(contract.anchorCount().send())
                .as("every root anchored once, none twice")
                .isEqualTo(BigInteger.valueOf(roots.size()));
        for (byte[] root : roots) {
            assertThat(contract.anchorOf(root).send().component1()).isPositive();
        }
        for (long id : all) {
            assertThat(get("/api/records/" + id + "/verification")
                            .get("verified")
                            .booleanValue())
                    .as("record %d", id)
                    .isTrue();
        }
        List<Long> nonces = jdbc.queryForList(
                "select nonce from ledger_tx where state in ('MINED', 'CONFIRMED') order by nonce", Long.class);
        assertThat(nonces).doesNotHaveDuplicates();
    }

    private Long anchorTx(long recordId) {
        return jdbc
                .queryForList(
                        "select a.ledger_tx from record r join anchor a on a.id = r.anchor_id where r.id = ?",
                        Long.class,
                        recordId)
                .stream()
                .findFirst()
                .orElse(null);
    }

    private String anchorTxState(long recordId) {
        Long tx = anchorTx(recordId);
        return tx == null ? null : jdbc.queryForObject("select state from ledger_tx where id = ?", String.class, tx);
    }
}

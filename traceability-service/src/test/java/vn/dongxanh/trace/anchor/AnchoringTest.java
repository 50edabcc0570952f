package vn.dongxanh.trace.anchor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
import org.springframework.transaction.support.TransactionTemplate;
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
import vn.dongxanh.trace.record.LeafFormat;
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
            String content = proof.get("content").stringValue();
            Bytes32 recordHash = LeafFormat.recordHash(content);
            Bytes32 leaf = CanonicalJson.leaf(content);
            assertThat(proof.get("leafFormat").intValue()).isEqualTo(2);
            assertThat(recordHash.hex()).isEqualTo(proof.get("recordHash").stringValue());
            assertThat(leaf.hex()).isEqualTo(proof.get("leaf").stringValue());
            assertThat(proof.get("state").stringValue()).isEqualTo("ANCHORED");
            Bytes32 root = Bytes32.of(anchor.get("root").stringValue());
            List<Bytes32> path = new ArrayList<>();
            anchor.get("proof").forEach(node -> path.add(Bytes32.of(node.stringValue())));

            assertThat(MerkleTree.verify(root, leaf, path))
                    .as("Java check of record %d", id)
                    .isTrue();
            assertThat(contract.verify(
                                    root.bytes(),
                                    recordHash.bytes(),
                                    path.stream().map(Bytes32::bytes).toList())
                            .send())
                    .as("contract check of record %d (it makes the leaf from the record hash)", id)
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
        // every endpoint computes it now: MISMATCH, never CONFIRMED
        assertMismatch(victim);
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
        assertMismatch(victim);
        assertThat(get("/api/records/" + victim).get("mismatch").stringValue())
                .as("the leaf matches again, the proof from it does not reach the root")
                .contains("does not reach root");
        assertThat(get("/api/records/" + ids.get(3) + "/verification")
                        .get("verified")
                        .booleanValue())
                .as("its neighbours still verify")
                .isTrue();
        assertThat(get("/api/records/" + ids.get(3)).get("status").stringValue())
                .isEqualTo("CONFIRMED");
    }

    @Test
    void aProofFromTheApiVerifiesWithOpenZeppelinInNodeAndTheContractRefusesAnInnerNode() throws Exception {
        List<Long> ids = append("batch-oz", 4); // one root of four: proofs of two siblings
        await().atMost(PATIENCE)
                .until(() -> ids.stream()
                        .allMatch(id -> List.of("ANCHORED", "CONFIRMED").contains(status(id))));
        JsonNode proof = get("/api/records/" + ids.getFirst() + "/proof");
        JsonNode anchor = proof.get("anchor");
        assertThat(anchor.get("proof").size()).isEqualTo(2);

        // outside tools only: keccak256 from ethereum-cryptography, the tree check from @openzeppelin/merkle-tree
        JsonNode node = node("""
                const {SimpleMerkleTree} = require('@openzeppelin/merkle-tree');
                const {keccak256} = require('ethereum-cryptography/keccak');
                const {utf8ToBytes, bytesToHex} = require('ethereum-cryptography/utils');
                const p = JSON.parse(process.argv[1]);
                const recordHash = keccak256(utf8ToBytes(p.content));
                const leaf = '0x' + bytesToHex(keccak256(recordHash));
                console.log(JSON.stringify({
                  recordHash: '0x' + bytesToHex(recordHash), leaf,
                  verified: SimpleMerkleTree.verify(p.anchor.root, leaf, p.anchor.proof),
                  tamperedVerified: SimpleMerkleTree.verify(p.anchor.root,
                      '0x' + bytesToHex(keccak256(keccak256(utf8ToBytes(p.content + ' ')))), p.anchor.proof)
                }));
                """, JSON.writeValueAsString(proof));
        assertThat(node.get("recordHash").stringValue())
                .isEqualTo(proof.get("recordHash").stringValue());
        assertThat(node.get("leaf").stringValue()).isEqualTo(proof.get("leaf").stringValue());
        assertThat(node.get("verified").booleanValue())
                .as("OpenZeppelin verifies the served proof")
                .isTrue();
        assertThat(node.get("tamperedVerified").booleanValue()).isFalse();

        // the same proof through the contract's verify, then the inner node over the leaf and its
        // sibling presented as a record: a bare fold reaches the root, the contract refuses it
        DongXanhLedger contract = contractSeenByAnyone();
        byte[] root = Bytes32.of(anchor.get("root").stringValue()).bytes();
        byte[] leaf = Bytes32.of(proof.get("leaf").stringValue()).bytes();
        byte[] sibling = Bytes32.of(anchor.get("proof").get(0).stringValue()).bytes();
        byte[] uncle = Bytes32.of(anchor.get("proof").get(1).stringValue()).bytes();
        byte[] recordHash = Bytes32.of(proof.get("recordHash").stringValue()).bytes();
        assertThat(contract.verify(root, recordHash, List.of(sibling, uncle)).send())
                .isTrue();
        byte[] inner = pair(leaf, sibling);
        assertThat(contract.processProof(List.of(uncle), inner).send()).isEqualTo(root);
        assertThat(contract.verify(root, inner, List.of(uncle)).send())
                .as("an inner node presented as a leaf")
                .isFalse();
    }

    @Test
    void aRecordStoredInFormat1StaysVerifiable(@Autowired TransactionTemplate transactions) {
        // a record as stored before leaf format 2: leaf = keccak256(content), leaf_format 1 (what V10
        // gives every existing row), written in one transaction so no root takes it half-made
        long legacy = transactions.execute(tx -> {
            long id = records.append(
                            "test.event", "legacy", JSON.createObjectNode().put("n", 1))
                    .id();
            String content = jdbc.queryForObject("select content from record where id = ?", String.class, id);
            jdbc.update(
                    "update record set leaf_format = 1, leaf = ? where id = ?",
                    LeafFormat.recordHash(content).bytes(),
                    id);
            return id;
        });
        await().atMost(PATIENCE).until(() -> List.of("ANCHORED", "CONFIRMED").contains(status(legacy)));
        JsonNode proof = get("/api/records/" + legacy + "/proof");
        assertThat(proof.get("leafFormat").intValue()).isEqualTo(1);
        assertThat(proof.get("leaf").stringValue())
                .isEqualTo(proof.get("recordHash").stringValue());
        assertThat(proof.get("state").stringValue()).isEqualTo("ANCHORED");
        JsonNode check = get("/api/records/" + legacy + "/verification");
        assertThat(check.get("proofValid").booleanValue()).isTrue();
        assertThat(check.get("ledgerVerified").booleanValue())
                .as("through the contract's processProof and anchorOf")
                .isTrue();
        assertThat(check.get("verified").booleanValue()).isTrue();

        jdbc.update("update record set content = replace(content, '\"n\":1', '\"n\":2') where id = ?", legacy);
        assertMismatch(legacy);
        assertThat(get("/api/records/" + legacy + "/verification")
                        .get("ledgerVerified")
                        .booleanValue())
                .isFalse();
    }

    @Test
    void aRecordBodyWithANumberCanonicalJsonWouldChangeIsRefusedAndNothingIsStored() {
        long before = jdbc.queryForObject("select count(*) from record", Long.class);
        var body = JSON.createObjectNode().put("quantityKg", new java.math.BigInteger("9007199254740993"));
        assertThatThrownBy(() -> records.append("test.event", "too-big", body))
                .isInstanceOf(CanonicalJson.InexactNumber.class)
                .hasMessageContaining("/body/quantityKg");
        var decimal = JSON.createObjectNode().put("amount", new java.math.BigDecimal("0.12345678901234567890123"));
        assertThatThrownBy(() -> records.append("test.event", "too-fine", decimal))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/body/amount");
        assertThat(jdbc.queryForObject("select count(*) from record", Long.class))
                .isEqualTo(before);
    }

    private static byte[] pair(byte[] x, byte[] y) {
        boolean xFirst = java.util.Arrays.compareUnsigned(x, y) < 0;
        byte[] joined = new byte[64];
        System.arraycopy(xFirst ? x : y, 0, joined, 0, 32);
        System.arraycopy(xFirst ? y : x, 0, joined, 32, 32);
        return org.web3j.crypto.Hash.sha3(joined);
    }

    /** Runs a script with Node (the packages installed by the build's npm ci), one argument, JSON out. */
    private static JsonNode node(String script, String argument) throws Exception {
        Process node = new ProcessBuilder("node", "-e", script, argument)
                .redirectError(ProcessBuilder.Redirect.INHERIT)
                .start();
        String out = new String(node.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(node.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(node.exitValue()).as("node exit").isZero();
        return JSON.readTree(out);
    }

    /** /records, /proof and /verification all say MISMATCH; the department's list names it. */
    private void assertMismatch(long id) {
        for (String path : List.of("", "/proof", "/verification")) {
            JsonNode body = get("/api/records/" + id + path);
            assertThat(body.get("status").stringValue())
                    .as("status at %s", path)
                    .isEqualTo("MISMATCH");
            assertThat(body.get("state").stringValue()).as("state at %s", path).isEqualTo("MISMATCH");
            assertThat(body.get("mismatch").stringValue())
                    .as("reason at %s", path)
                    .isNotBlank();
        }
        List<Long> listed = new ArrayList<>();
        get("/api/records/mismatches")
                .get("mismatches")
                .forEach(m -> listed.add(m.get("id").longValue()));
        assertThat(listed).contains(id);
        // a page of one record scanned right after id - 1: that record, and where the scan goes on
        JsonNode one = get("/api/records/mismatches?afterId=" + (id - 1) + "&limit=1");
        assertThat(one.get("scanned").intValue()).isEqualTo(1);
        assertThat(one.get("mismatches").get(0).get("id").longValue()).isEqualTo(id);
        assertThat(one.get("next").longValue()).isEqualTo(id);
        int refused = http.get()
                .uri("/api/records/mismatches?limit=0")
                .header("Authorization", "Bearer " + TestTokens.token("dept"))
                .exchange((request, response) -> response.getStatusCode().value());
        assertThat(refused).as("limit 0").isEqualTo(400);
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

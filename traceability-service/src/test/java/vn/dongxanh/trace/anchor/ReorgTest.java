package vn.dongxanh.trace.anchor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.web3j.protocol.core.DefaultBlockParameter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.dongxanh.devkit.LocalServices;
import vn.dongxanh.trace.TestHttp;
import vn.dongxanh.trace.TestProperties;
import vn.dongxanh.trace.ledger.LedgerChain;
import vn.dongxanh.trace.ledger.TestChain;
import vn.dongxanh.trace.record.Bytes32;
import vn.dongxanh.trace.record.RecordStore;

/**
 * A reorg below the confirmation depth re-anchors: the block holding an anchor is replaced
 * (anvil_reorg) before it is deep enough, the service notices its block hash changed, sends the
 * anchor again, and the records end CONFIRMED against the new chain.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"dx.trace.ledger.confirmations=3", "dx.trace.anchor.batch-size=3", "dx.trace.anchor.interval=1s"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ReorgTest {
    private static final LocalServices.TestDatabase DB = LocalServices.freshDatabase("trace_reorg");
    private static final TestChain CHAIN = TestChain.start();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration PATIENCE = Duration.ofSeconds(60);

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
    RecordStore records;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    LedgerChain ledger;

    private String status(long id) {
        return new TestHttp(port)
                .get("/api/records/" + id, "dept")
                .body()
                .get("status")
                .stringValue();
    }

    private record Mined(long txId, String txHash, long block, String blockHash, int sends) {}

    private Mined anchorTx(long recordId) {
        return jdbc.queryForObject(
                """
                select t.id, t.tx_hash, t.block_number, t.block_hash, t.sends from record r
                  join anchor a on a.id = r.anchor_id join ledger_tx t on t.id = a.ledger_tx where r.id = ?
                """,
                (rs, i) -> new Mined(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4), rs.getInt(5)),
                recordId);
    }

    @Test
    void anAnchorWhoseBlockIsReorgedAwayBeforeConfirmationIsSentAgainAndConfirmed() throws Exception {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(records.append(
                            "test.event", "reorg-" + i, JSON.createObjectNode().put("n", i))
                    .id());
        }
        await().atMost(PATIENCE)
                .until(() -> ids.stream().allMatch(id -> status(id).equals("ANCHORED")));
        Mined before = anchorTx(ids.getFirst());
        long head = CHAIN.web3j().ethBlockNumber().send().getBlockNumber().longValueExact();
        assertThat(head)
                .as("the anchor is the newest block: 1 of 3 confirmations")
                .isEqualTo(before.block());

        // the anchor's block is replaced by an empty one at the same height: the transaction is gone
        CHAIN.reorg(1);
        var replaced = CHAIN.web3j()
                .ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(before.block())), false)
                .send()
                .getBlock();
        assertThat(replaced.getHash()).isNotEqualTo(before.blockHash());
        assertThat(replaced.getTransactions()).isEmpty();
        assertThat(CHAIN.web3j()
                        .ethGetTransactionReceipt(before.txHash())
                        .send()
                        .getTransactionReceipt())
                .isEmpty();

        // the chain grows to the confirmation depth of the old block: the service sees the hash changed
        CHAIN.mine(2);
        await().atMost(PATIENCE).until(() -> anchorTx(ids.getFirst()).block() > before.block());
        CHAIN.mine(3);
        await().atMost(PATIENCE)
                .until(() -> ids.stream().allMatch(id -> status(id).equals("CONFIRMED")));

        Mined after = anchorTx(ids.getFirst());
        assertThat(after.txId()).as("the same ledger call, followed again").isEqualTo(before.txId());
        assertThat(after.sends()).as("sent again after the reorg").isGreaterThanOrEqualTo(2);
        var canonical = CHAIN.web3j()
                .ethGetBlockByNumber(DefaultBlockParameter.valueOf(BigInteger.valueOf(after.block())), false)
                .send()
                .getBlock();
        assertThat(canonical.getHash()).isEqualTo(after.blockHash());
        byte[] root = jdbc.queryForObject(
                "select a.root from record r join anchor a on a.id = r.anchor_id where r.id = ?",
                byte[].class,
                ids.getFirst());
        assertThat(ledger.anchorOf(new Bytes32(root)).orElseThrow().blockNumber())
                .as("the root is on the new chain, in the block the service recorded")
                .isEqualTo(after.block());
        TestHttp http = new TestHttp(port);
        for (long id : ids) {
            JsonNode check =
                    http.get("/api/records/" + id + "/verification", "dept").body();
            assertThat(check.get("verified").booleanValue()).as("record %d", id).isTrue();
        }
    }
}

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
import org.web3j.crypto.Credentials;
import org.web3j.tx.gas.DefaultGasProvider;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.dongxanh.devkit.LocalServices;
import vn.dongxanh.trace.TestHttp;
import vn.dongxanh.trace.TestProperties;
import vn.dongxanh.trace.ledger.TestChain;
import vn.dongxanh.trace.ledger.contract.DongXanhLedger;
import vn.dongxanh.trace.record.RecordStore;

/**
 * An anchor whose transaction reverts (the service's account lost its role on the contract) does
 * not leave its records pending: once the failure is final they go into a new root, and when the
 * role is back they end up anchored, each in exactly one successful root, with the failed root in
 * their history.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"dx.trace.anchor.batch-size=4", "dx.trace.anchor.interval=1s", "dx.trace.anchor.retry-after=1s"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class AnchorRetryTest {
    private static final LocalServices.TestDatabase DB = LocalServices.freshDatabase("trace_anchor_retry");
    private static final TestChain CHAIN = TestChain.start();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    /** The contract's department is the test's own account; the service (dev account #0) only anchors. */
    private static final Credentials DEPARTMENT = CHAIN.account(1);

    private static final Credentials SERVICE = CHAIN.account(0);
    private static final DongXanhLedger CONTRACT = deploy();

    private static DongXanhLedger deploy() {
        try {
            DongXanhLedger contract = DongXanhLedger.deploy(
                            CHAIN.web3j(), CHAIN.transactions(DEPARTMENT), new DefaultGasProvider())
                    .send();
            contract.grantRole(contract.COOPERATIVE().send(), SERVICE.getAddress())
                    .send();
            return contract;
        } catch (Exception e) {
            throw new IllegalStateException("could not deploy the test contract", e);
        }
    }

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestProperties.service(registry, DB, CHAIN);
        registry.add("dx.trace.ledger.contract-address", CONTRACT::getContractAddress);
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

    private JsonNode record(long id) {
        return new TestHttp(port).get("/api/records/" + id, "dept").body();
    }

    @Test
    void recordsOfARevertedAnchorAreAnchoredInALaterRootOnceTheCauseIsFixed() throws Exception {
        CONTRACT.revokeRole(CONTRACT.COOPERATIVE().send(), SERVICE.getAddress()).send();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            var body = JSON.createObjectNode().put("n", i).put("lot", "L-RETRY");
            ids.add(records.append("test.event", "retry-" + i, body).id());
        }

        // the anchor reverts (MissingRole), becomes FAILED, and its records are released
        await().atMost(PATIENCE)
                .until(() -> jdbc.queryForObject(
                                "select count(*) from record_released where record_id = ?", Long.class, ids.getFirst())
                        > 0);
        String error = jdbc.queryForObject(
                "select t.last_error from record_released x join anchor a on a.id = x.anchor_id"
                        + " join ledger_tx t on t.id = a.ledger_tx where x.record_id = ? order by a.id limit 1",
                String.class,
                ids.getFirst());
        assertThat(error).startsWith("reverted in 0x");
        assertThat(jdbc.queryForObject(
                        "select t.state from record_released x join anchor a on a.id = x.anchor_id"
                                + " join ledger_tx t on t.id = a.ledger_tx where x.record_id = ? order by a.id limit 1",
                        String.class,
                        ids.getFirst()))
                .isEqualTo("FAILED");
        JsonNode meanwhile = record(ids.getFirst());
        assertThat(meanwhile.get("status").stringValue())
                .as("not anchored while the role is missing")
                .isIn("PENDING", "REANCHORING");
        assertThat(meanwhile.get("failedAnchors").get(0).get("error").stringValue())
                .startsWith("reverted in 0x");

        // the cause is fixed: the role is granted again
        CONTRACT.grantRole(CONTRACT.COOPERATIVE().send(), SERVICE.getAddress()).send();
        await().atMost(PATIENCE)
                .until(() -> ids.stream()
                        .allMatch(id -> List.of("ANCHORED", "CONFIRMED")
                                .contains(record(id).get("status").stringValue())));

        TestHttp http = new TestHttp(port);
        for (long id : ids) {
            JsonNode check =
                    http.get("/api/records/" + id + "/verification", "dept").body();
            assertThat(check.get("verified").booleanValue()).as("record %d", id).isTrue();
            assertThat(record(id).get("failedAnchors"))
                    .as("record %d keeps its history", id)
                    .isNotEmpty();
        }
        // every anchor that holds records now is a successful one; every failed root is not on chain
        List<byte[]> live = jdbc.queryForList(
                "select distinct a.root from record r join anchor a on a.id = r.anchor_id where r.id = any(?)",
                byte[].class,
                (Object) ids.toArray(Long[]::new));
        assertThat(live).as("all four in one new root").hasSize(1);
        assertThat(CONTRACT.anchorOf(live.getFirst()).send().component1()).isPositive();
        List<byte[]> failedRoots =
                jdbc.queryForList("select root from anchor where released_at is not null", byte[].class);
        assertThat(failedRoots).isNotEmpty();
        for (byte[] root : failedRoots) {
            if (java.util.Arrays.equals(root, live.getFirst())) {
                continue; // the same records and nothing else pending: the new root is the same value
            }
            assertThat(CONTRACT.anchorOf(root).send().component1())
                    .as("a failed root was never anchored")
                    .isEqualTo(BigInteger.ZERO);
        }
        Long successful = jdbc.queryForObject(
                "select count(*) from anchor a join ledger_tx t on t.id = a.ledger_tx"
                        + " where t.state in ('MINED', 'CONFIRMED')",
                Long.class);
        assertThat(CONTRACT.anchorCount().send())
                .as("each record anchored exactly once: one root on chain")
                .isEqualTo(BigInteger.valueOf(successful))
                .isEqualTo(BigInteger.ONE);
        assertThat(jdbc.queryForObject("select count(*) from record where anchor_id is null", Long.class))
                .isZero();
    }
}

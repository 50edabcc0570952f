package vn.dongxanh.trace.anchor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.web3j.tx.ReadonlyTransactionManager;
import org.web3j.tx.gas.StaticGasProvider;
import tools.jackson.databind.json.JsonMapper;
import vn.dongxanh.devkit.LocalServices;
import vn.dongxanh.trace.TestProperties;
import vn.dongxanh.trace.TraceabilityApplication;
import vn.dongxanh.trace.ledger.LedgerChain;
import vn.dongxanh.trace.ledger.TestChain;
import vn.dongxanh.trace.ledger.contract.DongXanhLedger;
import vn.dongxanh.trace.record.RecordStore;
import vn.dongxanh.trace.record.StoredRecord;

/** The service stops with an anchor in flight; the next instance on the same database finishes it. */
class ServiceRestartTest {
    private static final LocalServices.TestDatabase DB = LocalServices.freshDatabase("trace_restart");
    private static final TestChain CHAIN = TestChain.start();
    private static final String KEYSTORE =
            TestProperties.tempDir().resolve("keystore.json").toString();

    @AfterAll
    static void cleanUp() {
        DB.close();
        CHAIN.close();
    }

    private static ConfigurableApplicationContext startService() {
        Map<String, Object> props = Map.ofEntries(
                Map.entry("server.port", "0"),
                Map.entry("spring.datasource.url", DB.jdbcUrl()),
                Map.entry("spring.datasource.username", DB.user()),
                Map.entry("spring.datasource.password", DB.password()),
                Map.entry("dx.trace.ledger.mode", "rpc"),
                Map.entry("dx.trace.ledger.rpc-url", CHAIN.rpcUrl()),
                Map.entry("dx.trace.ledger.poll-interval", "200ms"),
                Map.entry("dx.trace.ledger.confirmations", "1"),
                Map.entry("dx.trace.ledger.keystore.file", KEYSTORE),
                Map.entry("dx.trace.ledger.keystore.password", TestProperties.KEYSTORE_PASSWORD),
                Map.entry("dx.trace.ledger.keystore.generate-dev-key", "true"),
                Map.entry("dx.trace.anchor.batch-size", "3"),
                Map.entry("dx.trace.anchor.interval", "1h"),
                Map.entry("dx.trace.allow-http-public-url", "true"));
        // command-line arguments: they win over application.yaml, as an operator's would
        String[] args = props.entrySet().stream()
                .map(e -> "--" + e.getKey() + "=" + e.getValue())
                .toArray(String[]::new);
        return new SpringApplicationBuilder(TraceabilityApplication.class).run(args);
    }

    @Test
    void anAnchorInFlightWhenTheServiceStopsIsFinishedByTheNextOne() throws Exception {
        List<Long> ids = new ArrayList<>();
        try (ConfigurableApplicationContext first = startService()) {
            CHAIN.automine(false);
            RecordStore records = first.getBean(RecordStore.class);
            JsonMapper json = JsonMapper.builder().build();
            for (int i = 0; i < 3; i++) {
                ids.add(records.append(
                                "test.event", "restart", json.createObjectNode().put("n", i))
                        .id());
            }
            JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
            await().atMost(Duration.ofSeconds(60))
                    .until(() ->
                            jdbc.queryForObject("select count(*) from ledger_tx where state = 'SENT'", Integer.class)
                                    == 1);
        }
        CHAIN.mine(1); // the transaction the first instance sent is mined while no service runs

        try (ConfigurableApplicationContext second = startService()) {
            RecordStore records = second.getBean(RecordStore.class);
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> ids.stream()
                            .allMatch(id -> records.find(id).orElseThrow().status() == StoredRecord.Status.CONFIRMED));
            JdbcTemplate jdbc = second.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForObject("select sends from ledger_tx", Integer.class))
                    .as("picked up, not sent again")
                    .isEqualTo(1);
            LedgerChain ledger = second.getBean(LedgerChain.class);
            var contract = DongXanhLedger.load(
                    ledger.contractAddress(),
                    CHAIN.web3j(),
                    new ReadonlyTransactionManager(CHAIN.web3j(), ledger.account()),
                    new StaticGasProvider(BigInteger.ZERO, BigInteger.ZERO));
            assertThat(contract.anchorCount().send()).isEqualTo(BigInteger.ONE);
        } finally {
            CHAIN.automine(true);
        }
    }
}

package vn.dongxanh.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import org.web3j.protocol.core.DefaultBlockParameterName;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.dongxanh.devkit.LocalServices;
import vn.dongxanh.trace.ledger.LedgerChain;

/** The service starts on a fresh PostgreSQL database, migrates it and answers its operational endpoints. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class TraceabilityApplicationTest {
    private static final LocalServices.TestDatabase DB = LocalServices.freshDatabase("trace");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final java.nio.file.Path LEDGER_DIR = TestProperties.tempDir();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", DB::jdbcUrl);
        registry.add("spring.datasource.username", DB::user);
        registry.add("spring.datasource.password", DB::password);
        // the embedded default: LOCAL ledger mode, anvil started from node_modules by the service itself
        registry.add("dx.trace.ledger.mode", () -> "local");
        registry.add("dx.trace.ledger.local.work-dir", () -> LEDGER_DIR.toString());
        TestProperties.issuer(registry);
    }

    @AfterAll
    static void dropDatabase(@Autowired DataSource dataSource) throws Exception {
        // close the pool before the database goes; the context, dirtied, closes after this
        if (dataSource instanceof AutoCloseable pool) pool.close();
        DB.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    RestClient http;

    @BeforeEach
    void client() {
        http = RestClient.create("http://127.0.0.1:" + port);
    }

    private ResponseEntity<String> get(String path) {
        return http.get().uri(path).retrieve().toEntity(String.class);
    }

    /** As a test user ({@link TestTokens}); any status comes back. */
    private ResponseEntity<String> get(String path, String user) {
        var spec = http.get().uri(path);
        if (user != null) spec = spec.header("Authorization", "Bearer " + TestTokens.token(user));
        return spec.exchange((request, response) -> ResponseEntity.status(response.getStatusCode())
                .headers(response.getHeaders())
                .body(new String(response.getBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void healthIsUp() {
        ResponseEntity<String> response = get("/actuator/health");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(JSON.readTree(response.getBody()).get("status").stringValue())
                .isEqualTo("UP");
    }

    @Test
    void flywayAppliedTheBaselineMigration() {
        var applied = jdbc.queryForList(
                "select version || ':' || description || ':' || success from flyway_schema_history"
                        + " where version is not null order by installed_rank",
                String.class);
        assertThat(applied).startsWith("1:baseline:true", "2:records and ledger:true");
        assertThat(applied).allMatch(m -> m.endsWith(":true"));

        List<String> columns = jdbc.queryForList(
                "select column_name from information_schema.columns"
                        + " where table_schema = 'public' and table_name = 'organisation' order by ordinal_position",
                String.class);
        assertThat(columns).containsExactly("id", "kind", "name", "created_at");
    }

    @Test
    void theOrganisationTableKeepsItsRules() {
        jdbc.update("insert into organisation (id, kind, name) values (?, ?, ?)", "htx-test-a", "COOPERATIVE", "HTX A");
        try {
            assertThat(jdbc.queryForObject(
                            "select created_at is not null from organisation where id = ?",
                            Boolean.class,
                            "htx-test-a"))
                    .as("created_at defaults to now()")
                    .isTrue();
            assertThatThrownBy(() -> jdbc.update(
                            "insert into organisation (id, kind, name) values (?, ?, ?)", "HTX B", "COOPERATIVE", "B"))
                    .as("ids have the contract's form")
                    .isInstanceOf(DataIntegrityViolationException.class);
            assertThatThrownBy(() -> jdbc.update(
                            "insert into organisation (id, kind, name) values (?, ?, ?)", "buyer-1", "BUYER", "B"))
                    .as("kinds are a closed set")
                    .isInstanceOf(DataIntegrityViolationException.class);
            assertThatThrownBy(() -> jdbc.update(
                            "insert into organisation (id, kind, name) values (?, ?, ?)",
                            "htx-test-c",
                            "COOPERATIVE",
                            " "))
                    .as("a name is required")
                    .isInstanceOf(DataIntegrityViolationException.class);
        } finally {
            jdbc.update("delete from organisation where id = ?", "htx-test-a");
        }
    }

    @Test
    void localModeStartsAnvilDeploysTheContractAndKeepsTheKeyInAnEncryptedKeystore(@Autowired LedgerChain ledger)
            throws Exception {
        assertThat(ledger.chainId()).isEqualTo(31337);
        assertThat(jdbc.queryForObject("select address from ledger_contract where chain_id = 31337", String.class))
                .isEqualTo(ledger.contractAddress());
        assertThat(ledger.web3j()
                        .ethGetCode(ledger.contractAddress(), DefaultBlockParameterName.LATEST)
                        .send()
                        .getCode())
                .hasSizeGreaterThan(2);
        String keystore = java.nio.file.Files.readString(LEDGER_DIR.resolve("keystore.json"));
        JsonNode crypto = JSON.readTree(keystore).get("crypto");
        assertThat(crypto.get("kdf").stringValue()).isEqualTo("scrypt");
        assertThat(keystore)
                .as("the private key is not in the file in clear")
                .doesNotContain(
                        ledger.credentials().getEcKeyPair().getPrivateKey().toString(16));
    }

    @Test
    void openApiDocumentIsServedToSignedInCallersOnly() {
        assertThat(get("/v3/api-docs", null).getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        ResponseEntity<String> response = get("/v3/api-docs", "op-a");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode doc = JSON.readTree(response.getBody());
        assertThat(doc.get("openapi").stringValue()).startsWith("3.");
        assertThat(doc.get("info").get("title").stringValue()).isEqualTo("Đồng Xanh traceability service");
        assertThat(doc.get("info").get("version").stringValue()).isNotBlank().isNotEqualTo("dev");
    }

    @Test
    void infoAndPrometheusAreExposedToTheDepartmentAndServicesOnly() {
        for (String path : List.of("/actuator/info", "/actuator/prometheus")) {
            assertThat(get(path, null).getStatusCode()).as(path).isEqualTo(HttpStatus.UNAUTHORIZED);
            assertThat(get(path, "htx-a").getStatusCode()).as(path).isEqualTo(HttpStatus.FORBIDDEN);
            assertThat(get(path, "cb").getStatusCode()).as(path).isEqualTo(HttpStatus.FORBIDDEN);
        }
        ResponseEntity<String> info = get("/actuator/info", "dept");
        assertThat(info.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(JSON.readTree(info.getBody()).get("build").get("artifact").stringValue())
                .isEqualTo("traceability-service");

        ResponseEntity<String> prometheus = get("/actuator/prometheus", "service");
        assertThat(prometheus.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(prometheus.getBody())
                .contains("jvm_memory_used_bytes")
                .contains("hikaricp_connections")
                .contains("dx_trace_records_pending")
                .contains("dx_trace_ledger_tx{state=\"FAILED\"}");
    }
}

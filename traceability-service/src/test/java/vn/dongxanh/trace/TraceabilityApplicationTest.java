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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.dongxanh.devkit.LocalServices;

/** The service starts on a fresh PostgreSQL database, migrates it and answers its operational endpoints. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class TraceabilityApplicationTest {
    private static final LocalServices.TestDatabase DB = LocalServices.freshDatabase("trace");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", DB::jdbcUrl);
        registry.add("spring.datasource.username", DB::user);
        registry.add("spring.datasource.password", DB::password);
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
        assertThat(applied).containsExactly("1:baseline:true");

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
    void openApiDocumentIsServed() {
        ResponseEntity<String> response = get("/v3/api-docs");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode doc = JSON.readTree(response.getBody());
        assertThat(doc.get("openapi").stringValue()).startsWith("3.");
        assertThat(doc.get("info").get("title").stringValue()).isEqualTo("Đồng Xanh traceability service");
        assertThat(doc.get("info").get("version").stringValue()).isNotBlank().isNotEqualTo("dev");
    }

    @Test
    void infoAndPrometheusAreExposed() {
        ResponseEntity<String> info = get("/actuator/info");
        assertThat(info.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(JSON.readTree(info.getBody()).get("build").get("artifact").stringValue())
                .isEqualTo("traceability-service");

        ResponseEntity<String> prometheus = get("/actuator/prometheus");
        assertThat(prometheus.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(prometheus.getBody()).contains("jvm_memory_used_bytes").contains("hikaricp_connections");
    }
}

package vn.dongxanh.trace.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.dongxanh.devkit.LocalServices;
import vn.dongxanh.trace.TestHttp;
import vn.dongxanh.trace.TestProperties;
import vn.dongxanh.trace.TestTokens;

/**
 * The audit log (every write: who, which organisation, what, on what, when, outcome; append-only
 * even for the table's owner; read by the department and by each organisation for its own) and
 * the one error shape (problem+json for every status, with the real cause).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"dx.trace.ledger.mode=off", "dx.trace.web.max-request-size=2KB"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class AuditAndErrorsTest {
    private static final LocalServices.TestDatabase DB = LocalServices.freshDatabase("trace_audit");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static boolean seeded;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestProperties.database(registry, DB);
        TestProperties.issuer(registry);
    }

    @AfterAll
    static void cleanUp(@Autowired DataSource dataSource) throws Exception {
        if (dataSource instanceof AutoCloseable pool) pool.close();
        DB.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    TestHttp http;

    @BeforeEach
    void seed() {
        http = new TestHttp(port);
        if (seeded) return;
        for (String[] org :
                new String[][] {{"htx-a", "COOPERATIVE"}, {"htx-b", "COOPERATIVE"}, {"cb-1", "CERTIFICATION_BODY"}}) {
            assertThat(http.post("/api/organisations", Map.of("id", org[0], "kind", org[1], "name", org[0]), "dept")
                            .status())
                    .isEqualTo(201);
        }
        seeded = true;
    }

    private Map<String, Object> plot(String id) {
        return Map.of("id", id, "name", "Ruộng", "crop", "rice", "geometry", TestHttp.square(108.85, 14.95, 100));
    }

    @Test
    void everyWriteIsLoggedAndEachOrganisationReadsItsOwn() {
        assertThat(http.post("/api/plots", plot("audit-a"), "htx-a").status()).isEqualTo(201);
        assertThat(http.post("/api/organisations", Map.of("id", "x", "kind", "COOPERATIVE", "name", "X"), "htx-b")
                        .status())
                .isEqualTo(403);
        assertThat(http.post("/api/plots", plot("audit-anon"), null).status()).isEqualTo(401);

        JsonNode all = http.get("/api/audit?size=100", "dept").body();
        assertThat(all.get("total").longValue()).isGreaterThanOrEqualTo(6);
        JsonNode created = find(all, "POST /api/plots", "htx-a");
        assertThat(created.get("organisation").stringValue()).isEqualTo("htx-a");
        assertThat(created.get("roles").get(0).stringValue()).isEqualTo("COOP_MANAGER");
        assertThat(created.get("target").stringValue()).isEqualTo("/api/plots");
        assertThat(created.get("status").intValue()).isEqualTo(201);
        assertThat(created.get("outcome").stringValue()).isEqualTo("DONE");
        assertThat(created.get("at").stringValue()).isNotBlank();
        JsonNode refused = find(all, "POST /api/organisations", "htx-b");
        assertThat(refused.get("outcome").stringValue()).isEqualTo("REFUSED");
        assertThat(refused.get("detail").stringValue()).contains("forbidden").contains("DEPARTMENT_OFFICER");
        JsonNode anonymous = find(all, "POST /api/plots", null);
        assertThat(anonymous.get("status").intValue()).isEqualTo(401);

        JsonNode own = http.get("/api/audit", "htx-a").body();
        assertThat(own.get("organisation").stringValue()).isEqualTo("htx-a");
        own.get("items")
                .forEach(e -> assertThat(e.get("organisation").stringValue()).isEqualTo("htx-a"));
        assertThat(own.get("items").size()).isPositive();
        assertThat(http.get("/api/audit?organisation=htx-b", "htx-a").status()).isEqualTo(403);
        assertThat(http.get("/api/audit", "op-a").status()).isEqualTo(403);
        assertThat(http.get("/api/audit?page=0&size=1", "dept")
                        .body()
                        .get("items")
                        .size())
                .isEqualTo(1);
    }

    private static JsonNode find(JsonNode page, String action, String subject) {
        for (JsonNode e : page.get("items")) {
            boolean who = subject == null
                    ? e.get("subject").isNull()
                    : subject.equals(e.get("subject").asString(""));
            if (action.equals(e.get("action").stringValue()) && who) return e;
        }
        throw new AssertionError("no audit entry " + action + " by " + subject + " in " + page);
    }

    @Test
    void aWriteAndItsAuditRowCommitTogetherOrNotAtAll() {
        // stored together, in one transaction
        assertThat(http.post("/api/plots", plot("tx-kept"), "htx-a").status()).isEqualTo(201);
        assertThat(jdbc.queryForObject(
                        "select (select xmin::text from plot where id = 'tx-kept') = (select xmin::text from audit_log"
                                + " where action = 'POST /api/plots' and outcome = 'DONE' order by id desc limit 1)",
                        Boolean.class))
                .isTrue();

        // the database refuses this operation's audit rows (as a role that lost INSERT would)
        jdbc.execute("""
                create or replace function audit_log_refuse() returns trigger language plpgsql as $$
                begin
                    raise exception 'test: audit_log refuses % rows', new.action;
                end
                $$""");
        jdbc.execute("create trigger audit_log_refuse_plots before insert on audit_log for each row"
                + " when (new.action = 'POST /api/plots') execute function audit_log_refuse()");
        long rows = jdbc.queryForObject("select count(*) from audit_log", Long.class);
        try {
            TestHttp.Response refused = http.post("/api/plots", plot("tx-lost"), "htx-a");
            assertThat(refused.status()).isEqualTo(500);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.detail())
                    .contains("the write was not made")
                    .contains("audit row")
                    .contains("test: audit_log refuses POST /api/plots rows");
            assertThat(jdbc.queryForObject("select count(*) from plot where id = 'tx-lost'", Long.class))
                    .isZero();
            assertThat(jdbc.queryForObject("select count(*) from audit_log", Long.class))
                    .isEqualTo(rows);
        } finally {
            jdbc.execute("drop trigger audit_log_refuse_plots on audit_log");
        }

        // the same write, with the audit log back, goes through: the refusal was the audit's
        assertThat(http.post("/api/plots", plot("tx-lost"), "htx-a").status()).isEqualTo(201);
        assertThat(jdbc.queryForObject("select count(*) from plot where id = 'tx-lost'", Long.class))
                .isEqualTo(1);

        // a refused write stores nothing and its row says REFUSED, never DONE
        assertThat(http.post("/api/plots", plot("tx-lost"), "htx-a").status()).isEqualTo(409);
        assertThat(jdbc.queryForObject(
                        "select outcome from audit_log where action = 'POST /api/plots' order by id desc limit 1",
                        String.class))
                .isEqualTo("REFUSED");
    }

    @Test
    void theLogIsAppendOnlyEvenForItsOwner() {
        http.post("/api/plots", plot("audit-x"), "htx-b");
        assertThat(jdbc.queryForObject("select count(*) from audit_log", Long.class))
                .isPositive();
        assertThatThrownBy(() -> jdbc.update("update audit_log set subject = 'someone else'"))
                .rootCause()
                .hasMessageContaining("append-only: UPDATE refused");
        assertThatThrownBy(() -> jdbc.update("delete from audit_log"))
                .rootCause()
                .hasMessageContaining("append-only: DELETE refused");
        assertThatThrownBy(() -> jdbc.execute("truncate audit_log"))
                .rootCause()
                .hasMessageContaining("append-only: TRUNCATE refused");
        assertThat(jdbc.queryForObject("select count(*) from audit_log where subject = 'someone else'", Long.class))
                .isZero();
    }

    private static void problem(TestHttp.Response r, int status, String rule) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        JsonNode p = r.body();
        assertThat(p.get("status").intValue()).isEqualTo(status);
        assertThat(p.get("rule").stringValue()).isEqualTo(rule);
        assertThat(p.get("title").stringValue()).isEqualTo(rule);
        assertThat(p.get("type").stringValue()).isNotBlank();
        assertThat(p.get("detail").stringValue()).isNotBlank();
        assertThat(p.get("instance").stringValue()).startsWith("/");
    }

    @Test
    void constraintFailuresNameTheirRealCause() {
        assertThat(http.post("/api/plots", plot("dup-1"), "htx-a").status()).isEqualTo(201);
        TestHttp.Response duplicate = http.post("/api/plots", plot("dup-1"), "htx-a");
        problem(duplicate, 409, "duplicate");
        assertThat(duplicate.detail()).contains("dup-1");
        TestHttp.Response unregistered = http.post("/api/plots", plot("orphan-1"), "COOP_MANAGER@htx-nowhere");
        problem(unregistered, 422, "unknown-reference");
        assertThat(unregistered.detail()).contains("htx-nowhere").contains("organisation");
        TestHttp.Response noKind = http.post("/api/organisations", Map.of("id", "no-kind", "name", "N"), "dept");
        problem(noKind, 400, "bad-request");
        assertThat(noKind.detail()).contains("'kind'");
        TestHttp.Response wrongType = http.post("/api/batches", Map.of("quantityKg", "lots"), "htx-a");
        problem(wrongType, 400, "bad-request");
        assertThat(wrongType.detail()).contains("quantityKg");
        problem(http.post("/api/batches", "{not json", "htx-a"), 400, "bad-request");
    }

    @Test
    void everyStatusIsProblemJsonNeverAnHtmlPage() throws Exception {
        TestHttp.Response anonymous = http.post("/api/plots", plot("p"), null);
        problem(anonymous, 401, "unauthenticated");
        assertThat(anonymous.headers().get("WWW-Authenticate")).startsWith("Bearer");
        problem(http.post("/api/organisations", Map.of(), "htx-a"), 403, "forbidden");
        problem(http.get("/api/plots/none", "dept"), 404, "not-found");
        problem(http.get("/api/no-such-thing", "dept"), 404, "not-found");
        problem(http.call("DELETE", "/api/plots/x", null, "dept"), 405, "method-not-allowed");
        problem(http.get("/api/certificates/not-a-number", "dept"), 400, "bad-request");
        problem(http.get("/api/epcis/events", "dept"), 400, "bad-request");

        HttpClient client = HttpClient.newHttpClient();
        String bearer = "Bearer " + TestTokens.token("htx-a");
        HttpResponse<String> unsupported = client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/plots"))
                        .header("Authorization", bearer)
                        .header("Content-Type", "text/plain")
                        .POST(HttpRequest.BodyPublishers.ofString("plot"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertProblem(unsupported, 415, "unsupported-media-type");
        HttpResponse<String> notAcceptable = client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/ledger"))
                        .header("Authorization", bearer)
                        .header("Accept", "image/png")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(notAcceptable.statusCode()).isEqualTo(406);
        assertThat(notAcceptable.body()).doesNotContain("<html");
        String big = "{\"id\":\"" + "x".repeat(4096) + "\"}";
        HttpResponse<String> tooLarge = client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/plots"))
                        .header("Authorization", bearer)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(big))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertProblem(tooLarge, 413, "content-too-large");
        HttpResponse<String> browser = client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/nothing/here"))
                        .header("Accept", "text/html")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(browser.body()).as("no HTML error page for a browser either").doesNotContain("<html");
        assertThat(browser.statusCode()).isIn(401, 404);
    }

    private static void assertProblem(HttpResponse<String> r, int status, String rule) {
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        JsonNode p = JSON.readTree(r.body());
        assertThat(p.get("rule").stringValue()).isEqualTo(rule);
        assertThat(p.get("detail").stringValue()).isNotBlank();
    }
}

package vn.dongxanh.ingest.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.dongxanh.contract.telemetry.Metric.BATTERY;
import static vn.dongxanh.contract.telemetry.Metric.VALVE;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import vn.dongxanh.contract.identity.PlatformRole;
import vn.dongxanh.contract.identity.TokenClaims;
import vn.dongxanh.contract.telemetry.Reading;
import vn.dongxanh.ingest.IngestTestSupport;
import vn.dongxanh.ingest.TestHttp;

/**
 * The access matrix: every operation of the service's own OpenAPI document × every kind of
 * caller, each answer checked against the rules in {@code security/access-matrix.txt}. An
 * operation without a rule fails the test, so a new endpoint cannot ship unprotected. Also the
 * tokens that must be refused, and the audit log those requests left.
 */
class AccessMatrixTest extends IngestTestSupport {
    /** Callers in the order of the matrix's columns: the denied ones first. */
    enum Who {
        ANON,
        CERT,
        SERVICE,
        OTHER,
        OP,
        DEPT,
        MGR
    }

    record Rule(String operation, String request, String body, Map<Who, String> expected) {}

    private static final AtomicInteger FRESH = new AtomicInteger();
    private static boolean seeded;
    private static final Map<String, String> ids = new HashMap<>();

    private static String a() {
        return coop; // the class's cooperative: its gateways' topics are the ones the service hears
    }

    private static String b() {
        return "x" + coop;
    }

    private TestHttp caller(Who who) {
        return switch (who) {
            case ANON -> anonymous();
            case CERT -> as(PlatformRole.CERTIFICATION_BODY, "quacert");
            case SERVICE -> as(PlatformRole.SERVICE, null);
            case OTHER -> manager(b());
            case OP -> as(PlatformRole.COOP_OPERATOR, a());
            case DEPT -> department();
            case MGR -> manager(a());
        };
    }

    /** Streams end soon here: the matrix reads each answer whole. */
    @DynamicPropertySource
    static void shortStreams(DynamicPropertyRegistry registry) {
        registry.add("dx.ingest.dashboard.stream-timeout", () -> "2s");
    }

    @BeforeEach
    void seed() throws Exception {
        if (seeded) return;
        String a = a();
        ids.put("A", a);
        ids.put("B", b());
        ids.put("plotA", "mxp-" + a);
        ids.put("deviceA", "mxd-" + a);
        ids.put("gatewayA", "mxg-" + a);
        created(department().post("/api/cooperatives", "{\"id\":\"" + a + "\",\"name\":\"HTX A\"}"));
        created(department().post("/api/cooperatives", "{\"id\":\"" + b() + "\",\"name\":\"HTX B\"}"));
        TestHttp mgr = manager(a);
        created(mgr.post(
                "/api/plots",
                "{\"id\":\"" + ids.get("plotA") + "\",\"cooperative\":\"" + a + "\",\"name\":\"A1\",\"areaHa\":1}"));
        created(mgr.post(
                "/api/devices",
                "{\"id\":\"" + ids.get("deviceA") + "\",\"plot\":\"" + ids.get("plotA") + "\",\"kind\":\"valve\"}"));
        // the plot's valve says which gateway it is behind: overrides and schedules go there
        created(mgr.post(
                "/api/devices",
                "{\"id\":\"mxv-" + a + "\",\"plot\":\"" + ids.get("plotA") + "\",\"kind\":\"valve\",\"gateway\":\""
                        + ids.get("gatewayA") + "\"}"));
        JsonNode rule = created(mgr.post(
                "/api/alarm-rules",
                "{\"plot\":\"" + ids.get("plotA") + "\",\"kind\":\"BATTERY_LOW\",\"params\":{\"threshold\":20}}"));
        ids.put("ruleA", Long.toString(rule.get("id").longValue()));
        JsonNode spare = created(mgr.post("/api/alarm-rules", "{\"cooperative\":\"" + a + "\",\"kind\":\"NO_DATA\"}"));
        ids.put("spareRuleA", Long.toString(spare.get("id").longValue()));
        // the gateway speaks (and so exists), the device reports a valve and a flat battery: an alarm
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        double stored = messages("stored");
        publish(batch(
                ids.get("gatewayA"),
                1,
                List.of(
                        new Reading(ids.get("deviceA"), VALVE, now.minusSeconds(30), 0),
                        new Reading(ids.get("deviceA"), BATTERY, now.minusSeconds(30), 5))));
        awaitMessages("stored", stored + 1);
        JsonNode alarm = await("battery alarm")
                .atMost(WAIT)
                .until(
                        () -> department()
                                .get("/api/alarms?rule=" + ids.get("ruleA"))
                                .json(),
                        list -> list.size() == 1);
        ids.put("alarmA", Long.toString(alarm.get(0).get("id").longValue()));
        TestHttp.Reply command = mgr.post(
                "/api/commands",
                "{\"cooperative\":\"" + a + "\",\"gateway\":\"" + ids.get("gatewayA") + "\",\"device\":\""
                        + ids.get("deviceA") + "\",\"action\":\"CLOSE\"}");
        assertThat(command.status()).as(command.body()).isEqualTo(202);
        ids.put("commandA", command.json().get("id").stringValue());
        TestHttp.Reply override = mgr.post(
                "/api/plots/" + ids.get("plotA") + "/overrides", "{\"hold\":\"CLOSED\",\"durationSeconds\":600}");
        assertThat(override.status()).as(override.body()).isEqualTo(202);
        ids.put("overrideA", override.json().get("id").stringValue());
        TestHttp.Reply schedule = mgr.post(
                "/api/plots/" + ids.get("plotA") + "/schedules",
                "{\"start\":\"" + Instant.now().plus(Duration.ofHours(1)) + "\",\"runSeconds\":600}");
        assertThat(schedule.status()).as(schedule.body()).isEqualTo(202);
        ids.put("scheduleA", schedule.json().get("id").stringValue());
        ids.put("soon", Instant.now().plus(Duration.ofHours(1)).toString());
        seeded = true;
    }

    private static JsonNode created(TestHttp.Reply r) {
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    @Test
    void everyOperationOfTheOpenApiDocumentAnswersEachCallerAsTheRulesSay() throws IOException {
        TestHttp.Reply docs = management().get(API_DOCS);
        assertThat(docs.status()).as(docs.body()).isEqualTo(200);
        Set<String> operations = new TreeSet<>();
        JsonNode paths = docs.json().get("paths");
        for (String path : paths.propertyNames()) {
            for (String method : paths.get(path).propertyNames()) {
                operations.add(method.toUpperCase(Locale.ROOT) + " " + path);
            }
        }
        Map<String, Rule> rules = rules();
        assertThat(new TreeSet<>(operations))
                .as("operations of the OpenAPI document without an access rule in security/access-matrix.txt")
                .isSubsetOf(rules.keySet());
        assertThat(rules.keySet())
                .as("rules for operations the OpenAPI document no longer has")
                .isSubsetOf(operations);

        List<String> failures = new ArrayList<>();
        int checked = 0;
        for (Rule rule : rules.values()) {
            for (Who who : Who.values()) {
                String path = fill(rule.request());
                String body = rule.body().equals("-") ? null : fill(rule.body());
                HttpMethod method = HttpMethod.valueOf(rule.operation().split(" ")[0]);
                TestHttp.Reply r = caller(who).exchange(method, path, body);
                checked++;
                String expected = rule.expected().get(who);
                String problem = check(expected, r);
                if (problem != null) {
                    failures.add(rule.operation() + " as " + who + ": expected " + expected + ", " + problem);
                }
            }
        }
        System.out.printf(
                "access matrix: %d operations x %d callers = %d requests checked%n",
                rules.size(), Who.values().length, checked);
        assertThat(failures).as("answers that break the access rules").isEmpty();
    }

    /** Null when the answer is as expected, else what was wrong. */
    private static String check(String expected, TestHttp.Reply r) {
        int s = r.status();
        boolean ok = switch (expected) {
            case "2xx" -> s >= 200 && s < 300;
            case "hid" -> s >= 200 && s < 300 && !r.body().contains("\"" + ids.get("A") + "\"");
            default -> s == Integer.parseInt(expected);
        };
        if (!ok) return "got " + s + ": " + abbreviate(r.body());
        if (s >= 400 && !r.isProblem()) return "got " + s + " but not problem+json: " + r.type();
        if (s == 401
                && !String.valueOf(r.headers().getFirst("WWW-Authenticate")).startsWith("Bearer")) {
            return "got 401 without WWW-Authenticate: Bearer";
        }
        return null;
    }

    private static String abbreviate(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "…" : s;
    }

    private static String fill(String template) {
        String out = template.replace("{new}", "mxn-" + coop + "-" + FRESH.incrementAndGet());
        for (var e : ids.entrySet()) out = out.replace("{" + e.getKey() + "}", e.getValue());
        return out;
    }

    static Map<String, Rule> rules() throws IOException {
        Map<String, Rule> rules = new LinkedHashMap<>();
        try (InputStream in = AccessMatrixTest.class.getResourceAsStream("/security/access-matrix.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) continue;
                String[] f = line.split("\\|");
                assertThat(f).as(line).hasSize(4);
                String[] codes = f[3].trim().split("\\s+");
                assertThat(codes).as(line).hasSize(Who.values().length);
                Map<Who, String> expected = new LinkedHashMap<>();
                for (Who w : Who.values()) expected.put(w, codes[w.ordinal()]);
                String op = f[0].trim();
                assertThat(rules.put(op, new Rule(op, f[1].trim(), f[2].trim(), expected)))
                        .as("one rule per operation: " + op)
                        .isNull();
            }
        }
        return rules;
    }

    // ---- tokens that must be refused ----

    private TestHttp.Reply withToken(String token) {
        return new TestHttp(port).bearer(token).get("/api/plots/" + ids.get("plotA"));
    }

    private void refused(String token, String cause) {
        TestHttp.Reply r = withToken(token);
        assertThat(r.status()).as(cause + ": " + r.body()).isEqualTo(401);
        assertThat(r.isProblem()).isTrue();
        assertThat(r.headers().getFirst("WWW-Authenticate")).startsWith("Bearer");
        assertThat(r.json().get("detail").stringValue()).as(cause).contains("the bearer token was refused");
    }

    @Test
    void forgedExpiredAndMisdirectedTokensAreRefused() {
        String a = ids.get("A");
        var good = ISSUER.token("mgr-a").organisation(a).roles(PlatformRole.COOP_MANAGER);
        assertThat(withToken(good.audience(TokenClaims.INGEST_AUDIENCE).sign()).status())
                .as("the well-formed token works")
                .isEqualTo(200);

        refused(
                ISSUER.token("mgr-a")
                        .organisation(a)
                        .roles(PlatformRole.COOP_MANAGER)
                        .audience(TokenClaims.INGEST_AUDIENCE)
                        .unsigned(),
                "alg none");
        refused(
                ISSUER.token("mgr-a")
                        .organisation(a)
                        .roles(PlatformRole.COOP_MANAGER)
                        .audience(TokenClaims.INGEST_AUDIENCE)
                        .expiredAt(Instant.now().minusSeconds(45)) // past the 30 s skew
                        .sign(),
                "expired");
        refused(
                ISSUER.token("mgr-a")
                        .organisation(a)
                        .roles(PlatformRole.COOP_MANAGER)
                        .audience(TokenClaims.INGEST_AUDIENCE)
                        .issuer("http://127.0.0.1:1/not-our-issuer")
                        .sign(),
                "wrong issuer");
        refused(
                ISSUER.token("mgr-a")
                        .organisation(a)
                        .roles(PlatformRole.COOP_MANAGER)
                        .audience(TokenClaims.TRACE_AUDIENCE)
                        .sign(),
                "wrong audience");
        refused(
                ISSUER.token("mgr-b")
                        .organisation(b())
                        .roles(PlatformRole.COOP_MANAGER)
                        .audience(TokenClaims.INGEST_AUDIENCE)
                        .tampered(a),
                "tampered organisation");
        refused(
                ISSUER.token("mgr-a")
                        .organisation(a)
                        .roles(PlatformRole.COOP_MANAGER)
                        .audience(TokenClaims.INGEST_AUDIENCE)
                        .signByStranger(),
                "signed by another key");
        refused(
                ISSUER.token("op-x")
                        .roles(PlatformRole.COOP_OPERATOR)
                        .audience(TokenClaims.INGEST_AUDIENCE)
                        .sign(),
                "a cooperative role without organisation");

        // a valid token of another organisation: the plot is not there for it
        TestHttp.Reply other = withToken(token(PlatformRole.COOP_MANAGER, b()));
        assertThat(other.status()).isEqualTo(404);
        assertThat(other.json().get("detail").stringValue())
                .isEqualTo("plot '" + ids.get("plotA") + "' is not registered");
        assertThat(manager(b())
                        .get("/api/plots/mxp-nothing")
                        .json()
                        .get("detail")
                        .stringValue())
                .as("the same answer as for a plot that does not exist")
                .isEqualTo("plot 'mxp-nothing' is not registered");
    }

    @Test
    void aTokenThatExpiresStopsWorkingWithinTheSkew() {
        String token = ISSUER.token("mgr-a")
                .organisation(ids.get("A"))
                .roles(PlatformRole.COOP_MANAGER)
                .audience(TokenClaims.INGEST_AUDIENCE)
                .expiresIn(Duration.ofSeconds(2))
                .sign();
        assertThat(withToken(token).status()).isEqualTo(200);
        await("refused after expiry + 30 s skew")
                .atMost(Duration.ofSeconds(45))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> withToken(token).status() == 401);
    }

    // ---- every error is a problem ----

    @Test
    void errorsAreProblemsNamingTheCause() {
        TestHttp mgr = manager(ids.get("A"));
        String plot = ids.get("plotA");
        TestHttp.Reply duplicate = mgr.post(
                "/api/plots",
                "{\"id\":\"" + plot + "\",\"cooperative\":\"" + ids.get("A") + "\",\"name\":\"x\",\"areaHa\":1}");
        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.isProblem()).isTrue();
        assertThat(duplicate.json().get("detail").stringValue()).isEqualTo("plot '" + plot + "' is already registered");

        TestHttp.Reply missing = mgr.post("/api/plots", "{\"id\":\"mxp-2\",\"cooperative\":\"" + ids.get("A") + "\"}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("detail").stringValue()).isEqualTo("'name' is required");

        TestHttp.Reply noParam = mgr.get("/api/series?metric=valve");
        assertThat(noParam.status()).isEqualTo(400);
        assertThat(noParam.isProblem()).isTrue();
        assertThat(noParam.json().get("detail").stringValue()).contains("device");

        TestHttp.Reply tooLarge = mgr.post("/api/plots", "{\"name\":\"" + "x".repeat(1_100_000) + "\"}");
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.isProblem()).isTrue();
        assertThat(tooLarge.json().get("detail").stringValue()).contains("at most 1048576");

        TestHttp.Reply method = mgr.exchange(HttpMethod.PATCH, "/api/plots/" + plot, "{}");
        assertThat(method.status()).as(method.body()).isEqualTo(405);
        assertThat(method.isProblem()).isTrue();
        assertThat(method.json().get("detail").stringValue()).contains("PATCH");

        TestHttp.Reply nowhere = mgr.get("/api/nowhere");
        assertThat(nowhere.status()).isEqualTo(404);
        assertThat(nowhere.isProblem()).isTrue();

        TestHttp.Reply anonymousNowhere = anonymous().get("/nowhere");
        assertThat(anonymousNowhere.status()).isEqualTo(401);
        assertThat(anonymousNowhere.isProblem()).isTrue();
        assertThat(anonymousNowhere.json().get("detail").stringValue()).contains("needs a bearer token");

        TestHttp.Reply forbidden =
                as(PlatformRole.CERTIFICATION_BODY, "quacert").get("/api/plots");
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(forbidden.isProblem()).isTrue();
        assertThat(forbidden.json().get("detail").stringValue()).contains("CERTIFICATION_BODY");
    }

    // ---- the audit log ----

    @Test
    void writesAreAuditedAndTheLogIsAppendOnly() {
        String a = ids.get("A");
        TestHttp.Reply put = manager(a).put("/api/cooperatives/" + a, "{\"name\":\"HTX A (đổi tên)\"}");
        assertThat(put.status()).isEqualTo(200);
        TestHttp.Reply refused = manager(b()).put("/api/cooperatives/" + a, "{\"name\":\"mine now\"}");
        assertThat(refused.status()).isEqualTo(404);

        JsonNode all = department().get("/api/audit?limit=1000").json();
        assertThat(all)
                .anySatisfy(row -> {
                    assertThat(row.get("subject").stringValue()).isEqualTo("coop_manager@" + a);
                    assertThat(row.get("organisation").stringValue()).isEqualTo(a);
                    assertThat(row.get("operation").stringValue()).isEqualTo("PUT /api/cooperatives/{id}");
                    assertThat(row.get("resource").stringValue()).isEqualTo("/api/cooperatives/" + a);
                    assertThat(row.get("cooperative").stringValue()).isEqualTo(a);
                    assertThat(row.get("status").intValue()).isEqualTo(200);
                    assertThat(row.get("outcome").stringValue()).isEqualTo("SUCCEEDED");
                })
                .anySatisfy(row -> {
                    assertThat(row.get("organisation").stringValue()).isEqualTo(b());
                    assertThat(row.get("status").intValue()).isEqualTo(404);
                    assertThat(row.get("outcome").stringValue()).isEqualTo("REFUSED");
                })
                .anySatisfy(row -> {
                    assertThat(row.get("operation").stringValue()).isEqualTo("POST /api/commands");
                    assertThat(row.get("resource").stringValue()).isEqualTo("/api/commands/" + ids.get("commandA"));
                });

        // a cooperative's manager sees its own organisation's rows only
        JsonNode own = manager(a).get("/api/audit?limit=1000").json();
        assertThat(own)
                .isNotEmpty()
                .allSatisfy(row -> assertThat(a.equals(row.path("organisation").asString(""))
                                || a.equals(row.path("cooperative").asString("")))
                        .isTrue());
        assertThat(manager(a).get("/api/audit?organisation=" + b()).json()).isEmpty();

        // paged by time: nothing before the seed
        assertThat(department().get("/api/audit?to=2020-01-01T00:00:00Z").json())
                .isEmpty();

        // the database refuses to change or remove rows, whoever asks
        for (String sql :
                List.of("UPDATE audit_log SET subject = 'nobody'", "DELETE FROM audit_log", "TRUNCATE audit_log")) {
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> jdbc.execute(sql)))
                    .as(sql)
                    .rootCause()
                    .hasMessageContaining("audit_log is append-only");
        }
        assertThat(jdbc.queryForObject("SELECT count(*) FROM audit_log", Long.class))
                .isPositive();
    }
}

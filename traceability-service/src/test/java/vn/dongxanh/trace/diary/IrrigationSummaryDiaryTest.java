package vn.dongxanh.trace.diary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import vn.dongxanh.contract.identity.PlatformRole;
import vn.dongxanh.contract.identity.TokenClaims;
import vn.dongxanh.contract.irrigation.SeasonSummary;
import vn.dongxanh.contract.irrigation.SeasonSummaryCodec;
import vn.dongxanh.devkit.FreePorts;
import vn.dongxanh.devkit.LocalServices;
import vn.dongxanh.devkit.TokenIssuer;
import vn.dongxanh.trace.TestHttp;
import vn.dongxanh.trace.TestProperties;
import vn.dongxanh.trace.ledger.TestChain;

/**
 * The irrigation summary entry of the diary, over real HTTP, PostgreSQL and anvil. ingest-service
 * is stood in for by a local HTTP server answering what the contract's codec writes (the platform's
 * DiaryIrrigationIT pulls from a real ingest-service); it can also be stopped, slow or refusing.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"dx.trace.anchor.interval=1s", "dx.trace.ingest.read-timeout=1s"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class IrrigationSummaryDiaryTest {
    private static final LocalServices.TestDatabase DB = LocalServices.freshDatabase("trace_irrigation");
    private static final TestChain CHAIN = TestChain.start();
    private static final int INGEST_PORT = FreePorts.tcp();
    private static final LocalDate D = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh"));
    private static final String CODE = "VN-51-0077";
    private static final String GTIN = "08931234567880";
    private static final List<String> asked = new CopyOnWriteArrayList<>();
    /** The stand-in identity provider; traceability-service is its client for ingest's audience. */
    private static final String CLIENT_SECRET = "test-only-" + java.util.UUID.randomUUID();

    private static final TokenIssuer ISSUER = TokenIssuer.start()
            .client(new TokenIssuer.Client(
                    "traceability-service",
                    CLIENT_SECRET,
                    null,
                    List.of(PlatformRole.SERVICE),
                    List.of(TokenClaims.INGEST_AUDIENCE)));
    /** What ingest's stand-in checks every request with: the issuer's keys, its iss, and aud ingest-service. */
    private static final JwtDecoder INGEST_SIDE = ingestSideDecoder();
    /** The Bearer tokens the stand-in accepted, in order. */
    private static final List<String> tokens = new CopyOnWriteArrayList<>();

    private static volatile Function<String, Reply> ingest = IrrigationSummaryDiaryTest::summaryOf;
    private static HttpServer server;
    private static boolean prepared;

    private record Reply(int status, String body, Duration delay) {}

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestProperties.service(registry, DB, CHAIN);
        registry.add("dx.trace.ingest.base-url", () -> "http://127.0.0.1:" + INGEST_PORT);
        registry.add("dx.trace.ingest.client.secret", () -> CLIENT_SECRET);
        registry.add("dx.trace.ingest.client.issuer-uri", ISSUER::issuerUri); // token endpoint by discovery
    }

    @AfterAll
    static void cleanUp(@Autowired DataSource dataSource) throws Exception {
        stopIngest();
        ISSUER.close();
        TestProperties.release(dataSource, DB, CHAIN);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    TestHttp http;

    @BeforeEach
    void prepare() throws IOException {
        http = new TestHttp(port);
        ingest = IrrigationSummaryDiaryTest::summaryOf;
        if (server == null) startIngest();
        if (prepared) return;
        ok(http.post("/api/organisations", Map.of("id", "htx-a", "kind", "COOPERATIVE", "name", "HTX A"), "dept"), 201);
        for (String plot : List.of("ir-1", "ir-2", "ir-3")) {
            ok(
                    http.post(
                            "/api/plots",
                            Map.of(
                                    "id",
                                    plot,
                                    "name",
                                    "Ruộng " + plot,
                                    "crop",
                                    "rice",
                                    "geometry",
                                    TestHttp.square(108.85 + 0.01 * (plot.charAt(3) - '1'), 14.95, 120)),
                            "htx-a"),
                    201);
        }
        ok(
                http.post(
                        "/api/codes",
                        Map.of(
                                "code",
                                CODE,
                                "crop",
                                "rice",
                                "plotIds",
                                List.of("ir-1", "ir-2", "ir-3"),
                                "applicationDate",
                                D.minusDays(200).toString()),
                        "htx-a"),
                201);
        for (String[] step : new String[][] {{"UNDER_INSPECTION", "190"}, {"ISSUED", "180"}}) {
            ok(
                    http.post(
                            "/api/codes/" + CODE + "/status",
                            Map.of(
                                    "status",
                                    step[0],
                                    "reason",
                                    "ok",
                                    "effectiveDate",
                                    D.minusDays(Long.parseLong(step[1])).toString()),
                            "dept"),
                    200);
        }
        ok(http.post("/api/products", Map.of("gtin", GTIN, "name", "Gạo", "crop", "rice"), "htx-a"), 201);
        prepared = true;
    }

    @Test
    void aPulledSummaryIsADiaryEntryWithItsOwnAnchoredRecord() {
        LocalDate from = D.minusDays(100);
        LocalDate to = D.minusDays(10);
        JsonNode entry = ok(
                        http.post(
                                "/api/plots/ir-3/diary/irrigation-summary",
                                Map.of("from", from.toString(), "to", to.toString()),
                                "htx-a"),
                        201)
                .body();
        assertThat(asked).contains("/api/plots/ir-3/season-summary?from=" + from + "&to=" + to);
        assertThat(entry.get("plot").stringValue()).isEqualTo("ir-3");
        assertThat(entry.get("from").stringValue()).isEqualTo(from.toString());
        assertThat(entry.get("summary").get("daysIrrigated").longValue()).isEqualTo(37);
        assertThat(entry.get("summary").get("water").get("m3").doubleValue()).isEqualTo(5210.4);

        long recordId = entry.get("recordId").longValue();
        JsonNode record = ok(http.get("/api/records/" + recordId, "htx-a"), 200).body();
        assertThat(record.toString()).contains("IRRIGATION_SUMMARY").contains("5210.4");
        Map<String, Object> row = jdbc.sql(
                        "select operation, period_from, period_to, irrigation_summary::text as s from diary_entry where id = ?")
                .param(entry.get("id").longValue())
                .query()
                .singleRow();
        assertThat(row.get("operation")).isEqualTo("IRRIGATION_SUMMARY");
        assertThat(row.get("period_to").toString()).isEqualTo(to.toString());
        // stored as served: it reads back through the contract's codec to the same summary
        assertThat(SeasonSummaryCodec.decode(((String) row.get("s")).getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(
                        SeasonSummaryCodec.decode(summaryOf("/api/plots/ir-3/season-summary?from=" + from + "&to=" + to)
                                .body()
                                .getBytes(StandardCharsets.UTF_8)));
        // anchored like every other record
        await().atMost(Duration.ofSeconds(60))
                .until(() -> !http.get("/api/records/" + recordId, "htx-a")
                        .body()
                        .get("status")
                        .stringValue()
                        .equals("PENDING"));
    }

    @Test
    void ingestIsCalledWithTheServicesOwnTokenForIngestFetchedOnceAndReused() {
        tokens.clear();
        for (int i = 0; i < 2; i++) {
            ok(
                    http.post(
                            "/api/plots/ir-1/diary/irrigation-summary",
                            Map.of(
                                    "from",
                                    D.minusDays(60 + i).toString(),
                                    "to",
                                    D.minusDays(40).toString()),
                            "htx-a"),
                    201);
        }
        assertThat(tokens).as("every call to ingest carried a valid token").hasSize(2);
        assertThat(tokens.get(1))
                .as("the token is cached until near its expiry, not fetched per call")
                .isEqualTo(tokens.get(0));
        Jwt jwt = INGEST_SIDE.decode(tokens.get(0));
        assertThat(jwt.getSubject()).isEqualTo("traceability-service");
        assertThat(jwt.getAudience()).containsExactly(TokenClaims.INGEST_AUDIENCE);
        assertThat(jwt.getClaimAsStringList(TokenClaims.ROLES)).containsExactly(PlatformRole.SERVICE.claimValue());
        assertThat(jwt.getClaimAsString(TokenClaims.ORGANISATION))
                .as("the service's token acts for no organisation, only the user's request did")
                .isNull();
    }

    @Test
    void theSeasonRunsFromTheLastSowingOrTransplantingEntryByDefault() {
        LocalDate transplanted = D.minusDays(70);
        ok(
                http.post(
                        "/api/plots/ir-2/diary",
                        Map.of("date", D.minusDays(90).toString(), "operation", "SOWING"),
                        "htx-a"),
                201);
        ok(
                http.post(
                        "/api/plots/ir-2/diary",
                        Map.of("date", transplanted.toString(), "operation", "TRANSPLANTING"),
                        "htx-a"),
                201);
        JsonNode entry = ok(http.post("/api/plots/ir-2/diary/irrigation-summary", Map.of(), "htx-a"), 201)
                .body();
        assertThat(entry.get("from").stringValue()).isEqualTo(transplanted.toString());
        assertThat(entry.get("to").stringValue()).isEqualTo(D.toString());
        assertThat(asked).contains("/api/plots/ir-2/season-summary?from=" + transplanted + "&to=" + D);
    }

    @Test
    void whenIngestCannotBeReachedTheRequestFailsWith503AndNothingIsWritten() throws IOException {
        long entries = count("diary_entry");
        long records = count("record");
        stopIngest();
        try {
            TestHttp.Response down = http.post(
                    "/api/plots/ir-1/diary/irrigation-summary",
                    Map.of("from", D.minusDays(30).toString(), "to", D.toString()),
                    "htx-a");
            assertThat(down.status()).as(down.text()).isEqualTo(503);
            assertThat(down.body().get("rule").stringValue()).isEqualTo("ingest-unavailable");
            assertThat(down.detail()).contains("did not answer at http://127.0.0.1:" + INGEST_PORT);
        } finally {
            startIngest();
        }
        // slower than the read timeout (1 s here)
        ingest = uri -> new Reply(200, summaryOf(uri).body(), Duration.ofSeconds(3));
        TestHttp.Response slow = http.post(
                "/api/plots/ir-1/diary/irrigation-summary",
                Map.of("from", D.minusDays(30).toString(), "to", D.toString()),
                "htx-a");
        assertThat(slow.status()).as(slow.text()).isEqualTo(503);
        assertThat(slow.detail()).containsIgnoringCase("timeout");
        // answering, but failing
        ingest = uri -> new Reply(500, "{\"detail\":\"database is down\"}", Duration.ZERO);
        TestHttp.Response failing = http.post(
                "/api/plots/ir-1/diary/irrigation-summary",
                Map.of("from", D.minusDays(30).toString(), "to", D.toString()),
                "htx-a");
        assertThat(failing.status()).isEqualTo(503);
        assertThat(failing.detail()).contains("answered 500").contains("database is down");
        // an answer that is not a season summary
        ingest = uri -> new Reply(200, "{\"plot\":\"ir-1\"}", Duration.ZERO);
        assertThat(http.post(
                                "/api/plots/ir-1/diary/irrigation-summary",
                                Map.of("from", D.minusDays(30).toString(), "to", D.toString()),
                                "htx-a")
                        .status())
                .isEqualTo(502);

        assertThat(count("diary_entry")).isEqualTo(entries);
        assertThat(count("record")).isEqualTo(records);
    }

    @Test
    void aPlotIngestDoesNotKnowOrThatBelongsToAnotherCodeIsRefused() {
        ingest = uri -> new Reply(404, "{\"detail\":\"plot 'ir-1' is not registered\"}", Duration.ZERO);
        TestHttp.Response unknown = http.post(
                "/api/plots/ir-1/diary/irrigation-summary",
                Map.of("from", D.minusDays(30).toString(), "to", D.toString()),
                "htx-a");
        assertThat(unknown.status()).isEqualTo(422);
        assertThat(unknown.body().get("rule").stringValue()).isEqualTo("ingest-plot-unknown");

        ingest = uri -> new Reply(200, summaryOf(uri).body().replace(CODE, "VN-51-9999"), Duration.ZERO);
        TestHttp.Response other = http.post(
                "/api/plots/ir-1/diary/irrigation-summary",
                Map.of("from", D.minusDays(30).toString(), "to", D.toString()),
                "htx-a");
        assertThat(other.status()).isEqualTo(409);
        assertThat(other.detail()).contains("VN-51-9999").contains(CODE);

        assertThat(http.post("/api/plots/ir-1/diary/irrigation-summary", Map.of("to", D.toString()), "htx-b")
                        .status())
                .as("another cooperative's plot, not public: not found for htx-b")
                .isEqualTo(404);
        assertThat(http.post(
                                "/api/plots/ir-1/diary/irrigation-summary",
                                Map.of(
                                        "from",
                                        D.toString(),
                                        "to",
                                        D.minusDays(1).toString()),
                                "htx-a")
                        .status())
                .isEqualTo(400);
    }

    @Test
    void aBatchPullsItsPlotsSummariesWhenIngestIsUpAndIsCreatedAnywayWhenItIsDown() throws IOException {
        ok(
                http.post(
                        "/api/plots/ir-1/diary",
                        Map.of("date", D.minusDays(120).toString(), "operation", "SOWING"),
                        "htx-a"),
                201);
        // ingest down: the batch is created all the same, with no summary for ir-1
        stopIngest();
        try {
            ok(
                    http.post(
                            "/api/batches",
                            Map.of(
                                    "gtin",
                                    GTIN,
                                    "lot",
                                    "IR-DOWN",
                                    "code",
                                    CODE,
                                    "plotIds",
                                    List.of("ir-1"),
                                    "harvestDate",
                                    D.minusDays(3).toString(),
                                    "quantityKg",
                                    800),
                            "htx-a"),
                    201);
        } finally {
            startIngest();
        }
        asked.clear();
        ok(
                http.post(
                        "/api/batches",
                        Map.of(
                                "gtin",
                                GTIN,
                                "lot",
                                "IR-UP",
                                "code",
                                CODE,
                                "plotIds",
                                List.of("ir-1"),
                                "harvestDate",
                                D.minusDays(2).toString(),
                                "quantityKg",
                                900),
                        "htx-a"),
                201);
        // asked twice for the same season: the harvest's EPCIS event (its sensorElementList), then the diary
        String asks = "/api/plots/ir-1/season-summary?from=" + D.minusDays(120) + "&to=" + D.minusDays(2);
        assertThat(asked).containsExactly(asks, asks);

        // the story of the lot shows the season's summary, in JSON-LD and in the buyer page's facts
        JsonNode story = RestClient.create()
                .get()
                .uri("http://127.0.0.1:" + port + "/01/" + GTIN + "/10/IR-UP")
                .header("Accept", "application/ld+json")
                .retrieve()
                .body(JsonNode.class);
        JsonNode irrigation = story.get("dx:irrigation");
        assertThat(irrigation).hasSize(1);
        assertThat(irrigation.get(0).get("dx:plot").stringValue()).isEqualTo("ir-1");
        assertThat(irrigation.get(0).get("dx:from").stringValue())
                .isEqualTo(D.minusDays(120).toString());
        assertThat(irrigation.get(0).get("dx:daysIrrigated").longValue()).isEqualTo(37);
        assertThat(irrigation.get(0).get("dx:waterMethod").stringValue()).isEqualTo("flow_meter");
        assertThat(irrigation.get(0).get("dx:proof").stringValue()).endsWith("/proof");
        JsonNode facts = RestClient.create()
                .get()
                .uri("http://127.0.0.1:" + port + "/api/lots/" + GTIN + "/IR-UP")
                .retrieve()
                .body(JsonNode.class);
        JsonNode season = facts.get("irrigation").get(0);
        assertThat(season.get("plot").stringValue()).isEqualTo("ir-1");
        assertThat(season.get("days").longValue()).isEqualTo(102);
        assertThat(season.get("daysIrrigated").longValue()).isEqualTo(37);
        assertThat(season.get("waterM3").doubleValue()).isEqualTo(5210.4);
        assertThat(season.get("waterMethod").stringValue()).isEqualTo("flow_meter");
        assertThat(season.get("sensorCoveragePercent").doubleValue()).isEqualTo(97.2);
        // the lot harvested while ingest was down has no summary of that season to show
        JsonNode before = RestClient.create()
                .get()
                .uri("http://127.0.0.1:" + port + "/01/" + GTIN + "/10/IR-DOWN")
                .header("Accept", "application/ld+json")
                .retrieve()
                .body(JsonNode.class);
        assertThat(before.get("dx:irrigation")).isEmpty();
    }

    /** ingest's answer for a plot and days: a fixed season, as its codec writes it. */
    private static Reply summaryOf(String uri) {
        String plot = uri.replaceFirst("^/api/plots/([^/]+)/.*$", "$1");
        String query = uri.substring(uri.indexOf('?') + 1);
        LocalDate from = LocalDate.parse(query.replaceFirst("^.*from=([0-9-]+).*$", "$1"));
        LocalDate to = LocalDate.parse(query.replaceFirst("^.*to=([0-9-]+).*$", "$1"));
        var s = new SeasonSummary(
                plot,
                "htx-a",
                "Ruộng " + plot,
                "rice",
                1.5,
                CODE,
                from,
                to,
                "Asia/Ho_Chi_Minh",
                Instant.parse("2026-08-11T02:00:00Z"),
                102,
                37,
                new SeasonSummary.Water(5210.4, 347.36, "flow_meter"),
                new SeasonSummary.Events(41, 41, 9, 2),
                2,
                new SeasonSummary.SensorCoverage(
                        97.2, List.of(new SeasonSummary.Sensor(plot + "-wl", "water_level", 300, 29376, 28553, 97.2))));
        return new Reply(200, new String(SeasonSummaryCodec.encode(s), StandardCharsets.UTF_8), Duration.ZERO);
    }

    private static void startIngest() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), INGEST_PORT), 0);
        server.createContext("/", exchange -> {
            String uri = exchange.getRequestURI().toString();
            asked.add(uri);
            Reply reply = authorised(exchange.getRequestHeaders().getFirst("Authorization"));
            if (reply == null) {
                reply = ingest.apply(uri);
            }
            try {
                Thread.sleep(reply.delay());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            try {
                exchange.sendResponseHeaders(reply.status(), body.length);
                exchange.getResponseBody().write(body);
            } catch (IOException gone) {
                // the client gave up (read timeout)
            }
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(2));
        server.start();
    }

    private static JwtDecoder ingestSideDecoder() {
        NimbusJwtDecoder decoder =
                NimbusJwtDecoder.withJwkSetUri(ISSUER.jwkSetUri()).build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(
                JwtValidators.createDefaultWithIssuer(ISSUER.issuerUri()),
                new JwtClaimValidator<List<String>>(
                        "aud", aud -> aud != null && aud.contains(TokenClaims.INGEST_AUDIENCE))));
        return decoder;
    }

    /** null when the request carries a token of the issuer for ingest-service; a 401 as ingest would answer otherwise. */
    private static Reply authorised(String header) {
        if (header == null || !header.startsWith("Bearer ")) {
            return new Reply(401, "{\"detail\":\"no Bearer token\"}", Duration.ZERO);
        }
        String token = header.substring("Bearer ".length());
        try {
            INGEST_SIDE.decode(token);
        } catch (JwtException e) {
            return new Reply(
                    401, "{\"detail\":\"token refused: " + e.getMessage().replace('"', '\'') + "\"}", Duration.ZERO);
        }
        tokens.add(token);
        return null;
    }

    private static void stopIngest() {
        if (server != null) {
            server.stop(0);
            ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
            server = null;
        }
    }

    private long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }

    private static TestHttp.Response ok(TestHttp.Response r, int status) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        return r;
    }
}

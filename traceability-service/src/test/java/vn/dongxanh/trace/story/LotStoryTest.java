package vn.dongxanh.trace.story;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.dongxanh.contract.irrigation.SeasonSummary;
import vn.dongxanh.contract.irrigation.SeasonSummaryCodec;
import vn.dongxanh.devkit.FreePorts;
import vn.dongxanh.devkit.LocalServices;
import vn.dongxanh.trace.TestHttp;
import vn.dongxanh.trace.TestProperties;
import vn.dongxanh.trace.ledger.TestChain;
import vn.dongxanh.trace.record.Bytes32;
import vn.dongxanh.trace.record.MerkleTree;

/**
 * A lot's story over real HTTP, PostgreSQL and anvil: every section told from its records,
 * awaiting anchoring and then anchored with proofs that fold to the root; a table edited by SQL
 * leaves the story as anchored and shows up in {@code differs}; a stored record edited by SQL is a
 * MISMATCH; a suspended code is a new record of the same subject. The records wait for the test to
 * let them be anchored (an interval of an hour, made to have passed by ageing them).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "dx.trace.public-url=https://dx.example.vn",
            "dx.trace.anchor.interval=1h",
            "dx.trace.anchor.batch-size=100000"
        })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LotStoryTest {
    private static final LocalServices.TestDatabase DB = LocalServices.freshDatabase("trace_story");
    private static final TestChain CHAIN = TestChain.start();
    private static final int INGEST_PORT = FreePorts.tcp();
    private static final LocalDate D = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh"));
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String GTIN = "08931234567897";
    private static final String LOT = "L-STORY-1";
    private static final String STORY = "/api/lots/" + GTIN + "/" + LOT + "/story";
    private static final String FACTS = "/api/lots/" + GTIN + "/" + LOT;
    private static final String CODE = "VN-51-0042";
    private static final String OPERATOR = "Nguyễn Văn An";
    private static HttpServer ingest;
    private static boolean seeded;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestProperties.service(registry, DB, CHAIN);
        registry.add("dx.trace.ingest.base-url", () -> "http://127.0.0.1:" + INGEST_PORT);
    }

    @AfterAll
    static void cleanUp(@Autowired DataSource dataSource) throws Exception {
        if (ingest != null) ingest.stop(0);
        TestProperties.release(dataSource, DB, CHAIN);
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    TestHttp http;

    private static TestHttp.Response ok(TestHttp.Response r, int status) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        return r;
    }

    /** ingest-service's stand-in: the summary of the season asked for, for any plot. */
    private static void startIngest() throws IOException {
        ingest = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), INGEST_PORT), 0);
        ingest.createContext("/", exchange -> {
            String uri = exchange.getRequestURI().toString();
            String plot = uri.replaceFirst("^/api/plots/([^/]+)/.*$", "$1");
            String query = uri.substring(uri.indexOf('?') + 1);
            var s = new SeasonSummary(
                    plot,
                    "htx-a",
                    "Ruộng",
                    "rice",
                    1.5,
                    CODE,
                    LocalDate.parse(query.replaceFirst("^.*from=([0-9-]+).*$", "$1")),
                    LocalDate.parse(query.replaceFirst("^.*to=([0-9-]+).*$", "$1")),
                    "Asia/Ho_Chi_Minh",
                    Instant.parse("2026-08-11T02:00:00Z"),
                    102,
                    37,
                    new SeasonSummary.Water(5210.4, 347.36, "flow_meter"),
                    new SeasonSummary.Events(41, 41, 9, 2),
                    2,
                    new SeasonSummary.SensorCoverage(
                            97.2,
                            List.of(new SeasonSummary.Sensor(plot + "-wl", "water_level", 300, 29376, 28553, 97.2))));
            byte[] body = SeasonSummaryCodec.encode(s);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        ingest.start();
    }

    @BeforeEach
    void seed() throws IOException {
        http = new TestHttp(port);
        if (seeded) return;
        startIngest();
        ok(
                http.post(
                        "/api/organisations",
                        Map.of("id", "htx-a", "kind", "COOPERATIVE", "name", "HTX Nông nghiệp Mộ Đức"),
                        "dept"),
                201);
        ok(
                http.post(
                        "/api/organisations",
                        Map.of("id", "cb-1", "kind", "CERTIFICATION_BODY", "name", "Trung tâm Chứng nhận 1"),
                        "dept"),
                201);
        ok(
                http.post(
                        "/api/plots",
                        Map.of(
                                "id",
                                "st-p",
                                "name",
                                "Ruộng",
                                "crop",
                                "rice",
                                "geometry",
                                TestHttp.square(108.85, 14.95, 120)),
                        "htx-a"),
                201);
        ok(
                http.post(
                        "/api/codes",
                        Map.of(
                                "code",
                                CODE,
                                "crop",
                                "rice",
                                "plotIds",
                                List.of("st-p"),
                                "applicationDate",
                                D.minusDays(60).toString()),
                        "htx-a"),
                201);
        for (String[] step : new String[][] {{"UNDER_INSPECTION", "50"}, {"ISSUED", "40"}}) {
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
        long certificate = ok(
                        http.post(
                                "/api/certificates",
                                Map.of(
                                        "scheme",
                                        "VIETGAP",
                                        "number",
                                        "VietGAP-TT-13-09-51-0124",
                                        "holderId",
                                        "htx-a",
                                        "validFrom",
                                        D.minusDays(100).toString(),
                                        "validTo",
                                        D.plusDays(300).toString(),
                                        "crops",
                                        List.of("rice")),
                                "cb"),
                        201)
                .body()
                .get("id")
                .longValue();
        ok(http.post("/api/products", Map.of("gtin", GTIN, "name", "Gạo Mộ Đức", "crop", "rice"), "htx-a"), 201);
        // a sowing entry opens the season whose irrigation summary the batch pulls from ingest
        ok(
                http.post(
                        "/api/plots/st-p/diary",
                        Map.of("date", D.minusDays(30).toString(), "operation", "SOWING", "operator", OPERATOR),
                        "op-a"),
                201);
        ok(
                http.post(
                        "/api/batches",
                        Map.of(
                                "gtin",
                                GTIN,
                                "lot",
                                LOT,
                                "code",
                                CODE,
                                "harvestDate",
                                D.minusDays(5).toString(),
                                "quantityKg",
                                1200,
                                "certificateIds",
                                List.of(certificate)),
                        "htx-a"),
                201);
        seeded = true;
    }

    private JsonNode story() {
        TestHttp.Response r = ok(http.get(STORY), 200);
        assertThat(r.contentType()).startsWith("application/json");
        return r.body();
    }

    private static JsonNode section(JsonNode story, String name) {
        for (JsonNode s : story.get("sections")) {
            if (s.get("name").stringValue().equals(name)) return s.get("records");
        }
        throw new AssertionError("no section " + name);
    }

    private static List<JsonNode> records(JsonNode story) {
        List<JsonNode> all = new ArrayList<>();
        story.get("sections").forEach(s -> s.get("records").forEach(all::add));
        return all;
    }

    /** Lets every pending record be anchored now: they are made to have waited longer than the interval. */
    private void anchorEverything() {
        jdbc.update("update record set created_at = created_at - interval '2 hours' where anchor_id is null");
        await().atMost(Duration.ofSeconds(60))
                .until(() -> records(story()).stream()
                        .allMatch(r -> !r.get("state").stringValue().equals("AWAITING_ANCHORING")));
    }

    @Test
    @Order(1)
    void aFreshLotAwaitsAnchoringInEverySectionThenEachRecordsProofFoldsToItsAnchoredRoot() {
        JsonNode story = story();
        assertThat(story.get("gtin").stringValue()).isEqualTo(GTIN);
        assertThat(story.get("lot").stringValue()).isEqualTo(LOT);
        assertThat(story.get("digitalLink").stringValue()).isEqualTo("https://dx.example.vn/01/" + GTIN + "/10/" + LOT);
        assertThat(story.get("ledger").get("chainId").longValue()).isEqualTo(TestChain.CHAIN_ID);
        assertThat(story.get("ledger").get("contract").stringValue()).startsWith("0x");
        List<String> names = new ArrayList<>();
        story.get("sections").forEach(s -> names.add(s.get("name").stringValue()));
        assertThat(names)
                .containsExactly(
                        "product", "cooperative", "growingArea", "certificates", "harvest", "irrigation", "journey");
        for (String name : names) {
            assertThat(section(story, name)).as(name).isNotEmpty();
        }
        for (JsonNode r : records(story)) {
            assertThat(r.get("state").stringValue()).as(r.toString()).isEqualTo("AWAITING_ANCHORING");
            assertThat(r.get("root").isNull()).isTrue();
            assertThat(r.get("txHash").isNull()).isTrue();
            assertThat(r.get("blockNumber").isNull()).isTrue();
            assertThat(r.get("proof")).isEmpty();
        }
        assertThat(story.get("differs")).isEmpty();
        assertThat(story.toString())
                .as("the operator is committed to, not named")
                .doesNotContain(OPERATOR);
        JsonNode product =
                JSON.readTree(section(story, "product").get(0).get("content").stringValue());
        assertThat(product.get("kind").stringValue()).isEqualTo("product");
        assertThat(product.get("body").get("name").stringValue()).isEqualTo("Gạo Mộ Đức");
        JsonNode coop = JSON.readTree(
                section(story, "cooperative").get(0).get("content").stringValue());
        assertThat(coop.get("body").get("name").stringValue()).isEqualTo("HTX Nông nghiệp Mộ Đức");
        assertThat(section(story, "growingArea")).hasSize(3);
        assertThat(section(story, "growingArea").get(2).get("latest").booleanValue())
                .isTrue();
        assertThat(section(story, "growingArea").get(0).get("latest").booleanValue())
                .isFalse();

        anchorEverything();
        JsonNode anchored = story();
        for (JsonNode r : records(anchored)) {
            assertThat(r.get("state").stringValue()).as(r.toString()).isEqualTo("ANCHORED");
            assertThat(r.get("leafFormat").intValue()).isEqualTo(2);
            String content = r.get("content").stringValue();
            Bytes32 leaf = Bytes32.of(r.get("leaf").stringValue());
            assertThat(vn.dongxanh.trace.record.LeafFormat.DOUBLE_HASH.leafOf(content))
                    .as("the leaf of the content served")
                    .isEqualTo(leaf);
            List<Bytes32> proof = new ArrayList<>();
            r.get("proof").forEach(p -> proof.add(Bytes32.of(p.stringValue())));
            assertThat(MerkleTree.verify(Bytes32.of(r.get("root").stringValue()), leaf, proof))
                    .as("record %s's proof folds to its root", r.get("id"))
                    .isTrue();
            assertThat(r.get("txHash").stringValue()).startsWith("0x");
            assertThat(r.get("blockNumber").longValue()).isPositive();
            assertThat(r.get("recordedAt").stringValue())
                    .isEqualTo(JSON.readTree(content).get("recordedAt").stringValue());
        }
    }

    @Test
    @Order(2)
    void aTableEditedBySqlLeavesTheAnchoredQuantityAndIsNamedInDiffers() {
        anchorEverything();
        jdbc.update("update batch set quantity_kg = 50000 where gtin = ? and lot = ?", GTIN, LOT);
        try {
            JsonNode story = story();
            JsonNode harvest = section(story, "harvest").get(0);
            assertThat(harvest.get("state").stringValue()).isEqualTo("ANCHORED");
            // quantities travel as decimal strings in records (docs/record-format.md)
            assertThat(JSON.readTree(harvest.get("content").stringValue())
                            .get("body")
                            .get("quantityKg")
                            .stringValue())
                    .isEqualTo("1200");
            assertThat(story.get("differs")).hasSize(1);
            JsonNode differ = story.get("differs").get(0);
            assertThat(differ.get("section").stringValue()).isEqualTo("harvest");
            assertThat(differ.get("recordId").longValue())
                    .isEqualTo(harvest.get("id").longValue());
            assertThat(differ.get("field").stringValue()).isEqualTo("quantityKg");
            assertThat(differ.get("anchored").stringValue()).isEqualTo("1200");
            assertThat(differ.get("current").stringValue()).isEqualTo("50000");
            // the facts the page and the JSON-LD are written from are the records' too
            assertThat(ok(http.get(FACTS), 200).body().get("quantityKg").decimalValue())
                    .isEqualByComparingTo("1200");
            assertThat(ok(http.get("/01/" + GTIN + "/10/" + LOT), 200)
                            .body()
                            .get("dx:quantityKg")
                            .decimalValue())
                    .isEqualByComparingTo("1200");
        } finally {
            jdbc.update("update batch set quantity_kg = 1200 where gtin = ? and lot = ?", GTIN, LOT);
        }
        assertThat(story().get("differs")).isEmpty();
    }

    @Test
    @Order(3)
    void aStoredRecordEditedBySqlIsAMismatchAndTheOthersStayAnchored() {
        anchorEverything();
        long product = section(story(), "product").get(0).get("id").longValue();
        String original = jdbc.queryForObject("select content from record where id = ?", String.class, product);
        jdbc.update("update record set content = replace(content, 'Gạo Mộ Đức', 'Gạo Hữu Cơ') where id = ?", product);
        try {
            JsonNode story = story();
            JsonNode edited = section(story, "product").get(0);
            assertThat(edited.get("state").stringValue()).isEqualTo("MISMATCH");
            assertThat(edited.get("content").stringValue()).contains("Gạo Hữu Cơ");
            assertThat(records(story).stream()
                            .filter(r -> r.get("id").longValue() != product)
                            .map(r -> r.get("state").stringValue()))
                    .containsOnly("ANCHORED");
            // the table was not touched: it now differs from what the (edited) record says
            assertThat(story.get("differs").get(0).get("field").stringValue()).isEqualTo("name");
        } finally {
            jdbc.update("update record set content = ? where id = ?", original, product);
        }
        assertThat(section(story(), "product").get(0).get("state").stringValue())
                .isEqualTo("ANCHORED");
    }

    @Test
    @Order(4)
    void aSuspendedCodeIsANewRecordOfTheSameSubjectAndTheOldOneIsHistory() {
        anchorEverything();
        JsonNode before = section(story(), "growingArea");
        long issued = before.get(before.size() - 1).get("id").longValue();
        ok(
                http.post(
                        "/api/codes/" + CODE + "/status",
                        Map.of("status", "SUSPENDED", "reason", "residue found"),
                        "dept"),
                200);
        JsonNode area = section(story(), "growingArea");
        assertThat(area).hasSize(before.size() + 1);
        JsonNode suspended = area.get(area.size() - 1);
        assertThat(suspended.get("subject").stringValue()).isEqualTo(CODE);
        assertThat(suspended.get("latest").booleanValue()).isTrue();
        assertThat(suspended.get("state").stringValue()).isEqualTo("AWAITING_ANCHORING");
        assertThat(JSON.readTree(suspended.get("content").stringValue())
                        .get("body")
                        .get("to")
                        .stringValue())
                .isEqualTo("SUSPENDED");
        JsonNode old = area.get(area.size() - 2);
        assertThat(old.get("id").longValue()).isEqualTo(issued);
        assertThat(old.get("latest").booleanValue()).isFalse();
        assertThat(old.get("state").stringValue()).isEqualTo("ANCHORED");
        JsonNode facts = ok(http.get(FACTS), 200).body().get("growingArea");
        assertThat(facts.get("status").stringValue()).isEqualTo("SUSPENDED");
        assertThat(facts.get("statusOnHarvestDate").stringValue()).isEqualTo("ISSUED");
        anchorEverything();
        assertThat(section(story(), "growingArea")
                        .get(area.size() - 1)
                        .get("state")
                        .stringValue())
                .isEqualTo("ANCHORED");
    }

    @Test
    @Order(5)
    void aRenamedProductAndCooperativeAreNewRecordsAndThePageTellsTheNewNames() {
        anchorEverything();
        ok(
                http.call("PUT", "/api/products/" + GTIN, Map.of("name", "Gạo Mộ Đức hữu cơ", "crop", "rice"), "htx-a"),
                200);
        ok(http.call("PUT", "/api/organisations/htx-a", Map.of("name", "HTX Mộ Đức"), "dept"), 200);
        JsonNode story = story();
        JsonNode product = section(story, "product");
        assertThat(product).hasSize(2);
        assertThat(product.get(0).get("latest").booleanValue()).isFalse();
        assertThat(product.get(1).get("latest").booleanValue()).isTrue();
        assertThat(product.get(1).get("state").stringValue()).isEqualTo("AWAITING_ANCHORING");
        assertThat(JSON.readTree(product.get(1).get("content").stringValue())
                        .get("body")
                        .get("name")
                        .stringValue())
                .isEqualTo("Gạo Mộ Đức hữu cơ");
        JsonNode coop = section(story, "cooperative");
        assertThat(coop).hasSize(2);
        assertThat(coop.get(1).get("latest").booleanValue()).isTrue();
        assertThat(story.get("differs"))
                .as("a change through the API is a record, not a difference")
                .isEmpty();
        JsonNode facts = ok(http.get(FACTS), 200).body();
        assertThat(facts.get("product").get("name").stringValue()).isEqualTo("Gạo Mộ Đức hữu cơ");
        assertThat(facts.get("cooperative").get("name").stringValue()).isEqualTo("HTX Mộ Đức");
        // the same name again changes nothing and makes no record
        ok(http.call("PUT", "/api/organisations/htx-a", Map.of("name", "HTX Mộ Đức"), "dept"), 200);
        assertThat(section(story(), "cooperative")).hasSize(2);
        TestHttp.Response blank = http.call("PUT", "/api/products/" + GTIN, Map.of("crop", "rice"), "htx-a");
        assertThat(blank.status()).isEqualTo(400);
        assertThat(blank.detail()).contains("name");
        assertThat(http.call("PUT", "/api/products/" + GTIN, Map.of("name", "x", "crop", "rice"), "htx-b")
                        .status())
                .as("another cooperative's manager may not rename it")
                .isEqualTo(403);
    }

    @Test
    @Order(6)
    void anUnknownLotIsA404AndABadGtinA400ProblemNamingTheField() {
        TestHttp.Response unknown = http.get("/api/lots/" + GTIN + "/NO-SUCH/story");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.contentType()).startsWith("application/problem+json");
        TestHttp.Response bad = http.get("/api/lots/12345/" + LOT + "/story");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.contentType()).startsWith("application/problem+json");
    }
}

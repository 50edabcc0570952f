package vn.dongxanh.trace.finding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import vn.dongxanh.contract.irrigation.PlotActivity;
import vn.dongxanh.devkit.FreePorts;
import vn.dongxanh.devkit.LocalServices;
import vn.dongxanh.trace.TestHttp;
import vn.dongxanh.trace.TestProperties;
import vn.dongxanh.trace.TestProvince;
import vn.dongxanh.trace.gs1.Gs1;
import vn.dongxanh.trace.ingest.IngestStandIn;

/**
 * The audit finds every irregularity planted in a small province, one of each kind, and nothing on
 * the clean code: precision and recall are printed and must both be 1.0. Irregularities that the
 * platform refuses when they are entered are planted the way they arise in the field: a status
 * change back-dated over a harvest, a diary entry written after the batch, a certificate's dates
 * corrected, a plot redrawn or a record edited in the database, a label scanned too often.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "dx.trace.ledger.mode=off",
            "dx.trace.ingest.pull-on-batch=false",
            "dx.trace.scans.flush-interval=100ms",
            // every lot is one unit: a second scan flags it
            "dx.trace.scans.kg-per-unit=1000000",
            "dx.trace.scans.overscan-factor=1",
            // ingest's stand-in is asked on every audit, so a test can take it down
            "dx.trace.findings.sensor-evidence.cache-for=0s",
            "dx.trace.findings.inspection-files.max-bytes=4096",
            // the findings watch computes the province's audit on its own every two seconds here
            "dx.trace.findings.watch-every=2s"
        })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class AuditFindingsTest {
    private static final LocalServices.TestDatabase DB = LocalServices.freshDatabase("trace_findings");
    private static final LocalDate D = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh"));
    private static final String GTIN_A = Gs1.gtin14("893612500001" + Gs1.checkDigit("893612500001"));
    private static final String GTIN_B = Gs1.gtin14("893612500002" + Gs1.checkDigit("893612500002"));
    /** (kind, subject) of every planted irregularity. */
    private static final Set<String> PLANTED = new HashSet<>();
    /** Those of htx-a's. */
    private static final Set<String> PLANTED_A = new HashSet<>();

    /**
     * ingest-service's plot activity, stood in for by a local HTTP server answering what the
     * contract's codec writes (IrrigationApiTest checks ingest's own answer): every plot of the
     * register has a sensor and a valve that report every day and the control irrigating every
     * third day, except the plots named in {@link #ACTIVITY}.
     */
    private static final int INGEST_PORT = FreePorts.tcp();

    private static final Map<String, Shape> ACTIVITY = new java.util.concurrent.ConcurrentHashMap<>();

    /** A plot's devices and days: "0" none, "1" every day, "3" every third day. */
    private record Shape(
            String cooperative, int sensors, int valves, String reported, String irrigated, String automatic) {}

    private static IngestStandIn ingest;

    private static boolean seeded;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestProperties.database(registry, DB);
        TestProperties.issuer(registry);
        registry.add("dx.trace.ingest.base-url", () -> "http://127.0.0.1:" + INGEST_PORT);
    }

    /** The stand-in's answer for local days from..to: each plot of the register, as described above. */
    private PlotActivity activity(LocalDate from, LocalDate to) {
        int days = (int) (java.time.temporal.ChronoUnit.DAYS.between(from, to) + 1);
        StringBuilder every = new StringBuilder(), third = new StringBuilder();
        for (int i = 0; i < days; i++) {
            every.append('1');
            third.append(from.plusDays(i).toEpochDay() % 3 == 0 ? '1' : '0');
        }
        List<PlotActivity.Plot> plots = new java.util.ArrayList<>();
        for (Map<String, Object> p : jdbc.queryForList("select id, organisation_id from plot order by id")) {
            String id = (String) p.get("id");
            Shape shape = ACTIVITY.get(id);
            plots.add(
                    shape == null
                            ? new PlotActivity.Plot(
                                    id,
                                    (String) p.get("organisation_id"),
                                    1,
                                    1,
                                    every.toString(),
                                    third.toString(),
                                    third.toString())
                            : new PlotActivity.Plot(
                                    id,
                                    shape.cooperative(),
                                    shape.sensors(),
                                    shape.valves(),
                                    fill(shape.reported(), third),
                                    fill(shape.irrigated(), third),
                                    fill(shape.automatic(), third)));
        }
        return new PlotActivity(from, to, "Asia/Ho_Chi_Minh", java.time.Instant.now(), plots);
    }

    /** A shape's pattern over the days ({@code third}: every third day over them). */
    private static String fill(String pattern, CharSequence third) {
        return pattern.equals("3") ? third.toString() : pattern.repeat(third.length());
    }

    @AfterAll
    static void cleanUp(@Autowired DataSource dataSource) throws Exception {
        if (ingest != null) ingest.close();
        if (dataSource instanceof AutoCloseable pool) pool.close();
        DB.close();
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    TestHttp http;

    private TestHttp.Response ok(TestHttp.Response r, int status) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        return r;
    }

    @BeforeEach
    void seed() throws Exception {
        http = new TestHttp(port);
        if (seeded) return;
        if (ingest == null) ingest = IngestStandIn.start(INGEST_PORT, this::activity);
        var province = new TestProvince(http, D);
        province.organisations(
                new String[] {"so-nnmt", "DEPARTMENT", "Sở NN&MT"},
                new String[] {"htx-a", "COOPERATIVE", "HTX Đức Phong"},
                new String[] {"htx-b", "COOPERATIVE", "HTX Hành Tín Đông"},
                new String[] {"cb-1", "CERTIFICATION_BODY", "Trung tâm chứng nhận 1"});
        province.product("htx-a", GTIN_A, "Gạo A", "rice");
        province.product("htx-b", GTIN_B, "Gạo B", "rice");
        long vietgapA = province.vietgap("htx-a", "VietGAP-TT-13-09-51-1001", 300, 300);
        long lapsedA = province.vietgap("htx-a", "VietGAP-TT-13-09-51-1005", 300, 300);
        long expiringB = province.vietgap("htx-b", "VietGAP-TT-13-09-51-1011", 300, 20);
        PLANTED.add("CERTIFICATE_EXPIRING certificate/" + expiringB);

        // clean: 1.44 ha of rice may grow 12.96 t a cycle; 5 t, a valid certificate claimed
        code(province, "htx-a", "VN-51-1001", 108.800);
        province.batch("htx-a", GTIN_A, "CLEAN-1", "VN-51-1001", 5000, List.of(vietgapA), 5);

        // yield: 15 t in one cycle (HIGH), 12 t (WATCH, above 85 %)
        code(province, "htx-a", "VN-51-1002", 108.802);
        province.batch("htx-a", GTIN_A, "Y-1", "VN-51-1002", 8000, List.of(), 5);
        province.batch("htx-a", GTIN_A, "Y-2", "VN-51-1002", 7000, List.of(), 5);
        PLANTED.add("YIELD_BEYOND_AREA code/VN-51-1002");
        code(province, "htx-b", "VN-51-1003", 108.804);
        province.batch("htx-b", GTIN_B, "W-1", "VN-51-1003", 12000, List.of(), 5);
        PLANTED.add("YIELD_BEYOND_AREA code/VN-51-1003");

        // a suspension back-dated over a harvest
        code(province, "htx-b", "VN-51-1004", 108.806);
        long suspended = province.batch("htx-b", GTIN_B, "S-1", "VN-51-1004", 1000, List.of(), 5);
        province.status("VN-51-1004", "SUSPENDED", 10);
        PLANTED.add("HARVEST_OUTSIDE_CODE_VALIDITY batch/" + suspended);

        // a certificate whose end date was corrected to before the harvest
        code(province, "htx-a", "VN-51-1005", 108.808);
        long lapsed = province.batch("htx-a", GTIN_A, "C-1", "VN-51-1005", 1000, List.of(lapsedA), 5);
        jdbc.update("update certificate set valid_to = ? where id = ?", java.sql.Date.valueOf(D.minusDays(6)), lapsedA);
        PLANTED.add("CERTIFICATE_NOT_VALID_FOR_BATCH batch/" + lapsed);

        // a spraying written into the diary after the batch, its interval running over the harvest
        code(province, "htx-b", "VN-51-1006", 108.810);
        long sprayed = province.batch("htx-b", GTIN_B, "P-1", "VN-51-1006", 1000, List.of(), 5);
        ok(
                http.post(
                        "/api/plots/plot-1006/diary",
                        Map.of(
                                "date", D.minusDays(8).toString(),
                                "operation", "PESTICIDE",
                                "productName", "Regent 800WG",
                                "activeIngredients", "fipronil",
                                "phiDays", 14,
                                "target", "sâu đục thân"),
                        "htx-b"),
                201);
        PLANTED.add("PRE_HARVEST_INTERVAL batch/" + sprayed);

        // two codes' plots, apart when applied for; one redrawn over the other
        code(province, "htx-b", "VN-51-1007", 108.812);
        code(province, "htx-a", "VN-51-1008", 108.814);
        jdbc.update(
                "update plot set geometry = cast(? as jsonb) where id = 'plot-1008'",
                TestHttp.square(108.8125, TestProvince.LATITUDE, TestProvince.PLOT_SIDE_M)
                        .toString());
        PLANTED.add("PLOTS_OVERLAP plot/plot-1007");
        PLANTED.add("PLOTS_OVERLAP plot/plot-1008");

        // a batch's stored record edited in the database
        code(province, "htx-a", "VN-51-1009", 108.816);
        long edited = province.batch("htx-a", GTIN_A, "M-1", "VN-51-1009", 1000, List.of(), 5);
        long record = ok(http.get("/api/batches/" + edited, "htx-a"), 200)
                .body()
                .get("recordId")
                .longValue();
        assertThat(jdbc.update(
                        "update record set content = replace(content, '\"M-1\"', '\"M-2\"') where id = ?", record))
                .isEqualTo(1);
        PLANTED.add("LEDGER_MISMATCH record/" + record);

        // a label read twice where the lot has one unit
        code(province, "htx-b", "VN-51-1010", 108.818);
        long scanned = province.batch("htx-b", GTIN_B, "K-1", "VN-51-1010", 1000, List.of(), 5);
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> r = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(
                                            "http://127.0.0.1:" + port + "/api/lots/" + GTIN_B + "/K-1/story"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(20))
                .until(() -> jdbc.queryForObject("select count(*) from scan_flag", Long.class) == 1);
        PLANTED.add("POSSIBLE_CLONED_LABEL batch/" + scanned);

        // a harvest from a plot whose sensors sent nothing all season
        code(province, "htx-a", "VN-51-1012", 108.822);
        ACTIVITY.put("plot-1012", new Shape("htx-a", 1, 1, "0", "0", "0"));
        long silent = province.batch("htx-a", GTIN_A, "N-1", "VN-51-1012", 1000, List.of(), 5);
        PLANTED.add("NO_SENSOR_EVIDENCE batch/" + silent);
        PLANTED_A.add("NO_SENSOR_EVIDENCE batch/" + silent);
        // a harvest from a plot whose sensors reported but that was never irrigated
        code(province, "htx-b", "VN-51-1013", 108.824);
        ACTIVITY.put("plot-1013", new Shape("htx-b", 1, 1, "1", "0", "0"));
        long dry = province.batch("htx-b", GTIN_B, "E-1", "VN-51-1013", 1000, List.of(), 5);
        PLANTED.add("EMPTY_IRRIGATION_RECORD batch/" + dry);
        // irrigation typed into a diary by hand
        code(province, "htx-b", "VN-51-1014", 108.826);
        ok(
                http.post(
                        "/api/plots/plot-1014/diary",
                        Map.of("date", D.minusDays(12).toString(), "operation", "IRRIGATION", "notes", "bơm 2 giờ"),
                        "htx-b"),
                201);
        PLANTED.add("IRRIGATION_TYPED_BY_HAND plot/plot-1014");
        // a code in a named commune, harvested beyond its area
        province.plot("htx-b", "plot-1016", "rice", 108.830);
        province.apply("htx-b", "VN-51-1016", "rice", List.of("plot-1016"), 100, "Xã Tịnh Ấn Tây");
        province.issue("VN-51-1016", 90);
        province.batch("htx-b", GTIN_B, "T-1", "VN-51-1016", 16000, List.of(), 5);
        PLANTED.add("YIELD_BEYOND_AREA code/VN-51-1016");
        // not findings, and not under automatic irrigation either: no valve, or irrigated by hand only
        ACTIVITY.put("plot-1003", new Shape("htx-b", 1, 0, "1", "3", "0"));
        ACTIVITY.put("plot-1004", new Shape("htx-b", 1, 1, "1", "3", "0"));
        seeded = true;
    }

    /** A plot of rice named after the code, and the code over it, issued 90 days ago. */
    private static void code(TestProvince province, String coop, String code, double lon) {
        province.issuedCode(coop, "plot-" + code.substring(code.length() - 4), code, "rice", lon, 90);
    }

    private Set<String> found(String query, String user) {
        Set<String> found = new HashSet<>();
        for (JsonNode f :
                ok(http.get("/api/findings" + query, user), 200).body().get("findings")) {
            found.add(f.get("kind").stringValue() + " " + f.get("subject").stringValue());
        }
        return found;
    }

    @Test
    void theProvinceAuditFindsEveryPlantedIrregularityAndNothingElse() {
        Set<String> found = found("", "dept");
        Set<String> right = new HashSet<>(found);
        right.retainAll(PLANTED);
        double precision = found.isEmpty() ? 0 : (double) right.size() / found.size();
        double recall = (double) right.size() / PLANTED.size();
        System.out.printf(
                "audit of the seeded province: %d planted, %d found, precision %.2f, recall %.2f%n",
                PLANTED.size(), found.size(), precision, recall);
        assertThat(found).as("missed: planted but not found").containsAll(PLANTED);
        assertThat(PLANTED).as("false findings: found but not planted").containsAll(found);
        assertThat(precision).isEqualTo(1.0);
        assertThat(recall).isEqualTo(1.0);
    }

    @Test
    void eachFindingCarriesItsEvidenceAndSeverity() {
        JsonNode body =
                ok(http.get("/api/findings?code=VN-51-1002", "dept"), 200).body();
        assertThat(body.get("findings")).hasSize(1);
        JsonNode yield = body.get("findings").get(0);
        assertThat(yield.get("severity").stringValue()).isEqualTo("HIGH");
        JsonNode e = yield.get("evidence");
        assertThat(e.get("harvestedT").stringValue()).isEqualTo("15");
        assertThat(new java.math.BigDecimal(e.get("areaHa").stringValue()).doubleValue())
                .isBetween(1.40, 1.48);
        assertThat(e.get("ceilingTPerHa").stringValue()).isEqualTo("9");
        assertThat(e.get("batches")).hasSize(2);
        assertThat(yield.get("summary").stringValue()).contains("15 t", "VN-51-1002");
        JsonNode watch = ok(http.get("/api/findings?code=VN-51-1003", "dept"), 200)
                .body()
                .get("findings")
                .get(0);
        assertThat(watch.get("severity").stringValue()).isEqualTo("WATCH");
        assertThat(found("?code=VN-51-1001", "dept")).as("the clean code").isEmpty();
        assertThat(found("?kind=plots_overlap", "dept"))
                .containsExactlyInAnyOrder("PLOTS_OVERLAP plot/plot-1007", "PLOTS_OVERLAP plot/plot-1008");
        // a code's audit builds only the plots near its own, and still finds the other code's plot
        assertThat(found("?code=VN-51-1007&kind=plots_overlap", "dept"))
                .containsExactly("PLOTS_OVERLAP plot/plot-1007");
        assertThat(found("?code=VN-51-1008&kind=plots_overlap", "dept"))
                .containsExactly("PLOTS_OVERLAP plot/plot-1008");
        TestHttp.Response bad = ok(http.get("/api/findings?kind=BORROWED", "dept"), 400);
        assertThat(bad.body().get("pointer").stringValue()).isEqualTo("/kind");
    }

    @Test
    void theSensorFindingsNameTheSeasonAndThePlotsAndAreLeftUncheckedWhenIngestCannotSay() {
        JsonNode body =
                ok(http.get("/api/findings?code=VN-51-1012", "dept"), 200).body();
        assertThat(body.get("unchecked")).isEmpty();
        JsonNode silent = body.get("findings").get(0);
        assertThat(silent.get("kind").stringValue()).isEqualTo("NO_SENSOR_EVIDENCE");
        assertThat(silent.get("severity").stringValue()).isEqualTo("HIGH");
        JsonNode e = silent.get("evidence");
        assertThat(e.get("harvestDate").stringValue()).isEqualTo(D.minusDays(5).toString());
        // rice: three cycles a year, a season of 121 days at most 100 (sensor-evidence.season-days)
        assertThat(e.get("seasonFrom").stringValue())
                .isEqualTo(D.minusDays(5 + 99).toString());
        assertThat(e.get("plots").get(0).get("plot").stringValue()).isEqualTo("plot-1012");
        assertThat(e.get("plots").get(0).get("daysReported").intValue()).isZero();
        assertThat(silent.get("summary").stringValue()).contains("no sensor reading from plot plot-1012");
        JsonNode typed = ok(http.get("/api/findings?code=VN-51-1014&kind=IRRIGATION_TYPED_BY_HAND", "dept"), 200)
                .body()
                .get("findings")
                .get(0);
        assertThat(typed.get("evidence").path("dates").path(0).asString())
                .as(typed.toString())
                .isEqualTo(D.minusDays(12).toString());

        ingest.down(true);
        try {
            JsonNode without = ok(http.get("/api/findings", "dept"), 200).body();
            assertThat(without.get("unchecked")
                            .get(0)
                            .get("kinds")
                            .valueStream()
                            .map(JsonNode::stringValue))
                    .containsExactly("NO_SENSOR_EVIDENCE", "EMPTY_IRRIGATION_RECORD");
            assertThat(without.get("unchecked").get(0).get("reason").stringValue())
                    .contains("/api/plot-activity", "503", "database down");
            assertThat(without.findValuesAsString("kind"))
                    .doesNotContain("NO_SENSOR_EVIDENCE", "EMPTY_IRRIGATION_RECORD")
                    .contains("IRRIGATION_TYPED_BY_HAND", "YIELD_BEYOND_AREA");
            JsonNode figures =
                    ok(http.get("/api/province/figures", "dept"), 200).body();
            assertThat(figures.hasNonNull("automaticIrrigation"))
                    .as("not counted, rather than 0")
                    .isFalse();
            assertThat(figures.get("unchecked").findValuesAsString("reason"))
                    .anyMatch(r -> r.startsWith("automatic irrigation not counted"));
        } finally {
            ingest.down(false);
        }
    }

    @Test
    void aCommunesFindingsAreThoseOfItsCodesAndItsCooperativesCertificates() {
        JsonNode body = ok(
                        http.get("/api/findings?commune=X%C3%A3%20%20T%E1%BB%8Bnh%20%E1%BA%A4n%20T%C3%A2y", "dept"),
                        200)
                .body();
        assertThat(body.get("commune").stringValue()).isEqualTo("Xã Tịnh Ấn Tây");
        Set<String> found = new HashSet<>();
        body.get("findings")
                .forEach(f -> found.add(
                        f.get("kind").stringValue() + " " + f.get("subject").stringValue()));
        // its code's finding, and htx-b's certificate (htx-b holds the code); none of the other codes'
        assertThat(found)
                .containsExactlyInAnyOrder(
                        "YIELD_BEYOND_AREA code/VN-51-1016",
                        PLANTED.stream()
                                .filter(p -> p.startsWith("CERTIFICATE_EXPIRING"))
                                .findFirst()
                                .orElseThrow());
        assertThat(ok(http.get("/api/findings?commune=X%C3%A3%20Kh%C3%A1c", "dept"), 200)
                        .body()
                        .get("findings"))
                .isEmpty();
    }

    @Test
    void theWatchComputesTheAuditOnItsOwnAndAFindingSaysSinceWhenItStands() {
        // nobody asks: the watch's rounds note the finding
        await().atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.queryForObject(
                                "select count(*) from finding_seen where kind = 'YIELD_BEYOND_AREA'"
                                        + " and subject = 'code/VN-51-1002'",
                                Long.class)
                        == 1);
        java.sql.Timestamp firstSeen = jdbc.queryForObject(
                "select first_seen from finding_seen where subject = 'code/VN-51-1002'", java.sql.Timestamp.class);
        JsonNode finding = ok(http.get("/api/findings?code=VN-51-1002&kind=YIELD_BEYOND_AREA", "dept"), 200)
                .body()
                .get("findings")
                .get(0);
        assertThat(java.time.Instant.parse(finding.get("since").stringValue())).isEqualTo(firstSeen.toInstant());
        // a later round moves last_seen on and keeps first_seen
        await().atMost(Duration.ofSeconds(30))
                .until(() -> jdbc.queryForObject(
                        "select last_seen > first_seen from finding_seen where subject = 'code/VN-51-1002'",
                        Boolean.class));
        assertThat(jdbc.queryForObject(
                        "select first_seen from finding_seen where subject = 'code/VN-51-1002'",
                        java.sql.Timestamp.class))
                .isEqualTo(firstSeen);
    }

    @Test
    void aCodesPapersAreItsBatchesAndTheCertificatesCoveringIt() {
        JsonNode batches =
                ok(http.get("/api/codes/VN-51-1002/batches", "dept"), 200).body();
        assertThat(batches.findValuesAsString("lot")).containsExactlyInAnyOrder("Y-1", "Y-2");
        assertThat(ok(http.get("/api/codes/VN-51-1002/batches", "htx-a"), 200).body())
                .isEqualTo(batches);
        assertThat(http.get("/api/codes/VN-51-1002/batches", "htx-b").status()).isEqualTo(403);
        assertThat(http.get("/api/codes/VN-51-9999/batches", "dept").status()).isEqualTo(404);
        // htx-a's two VietGAP certificates for rice, the one whose end was moved back now expired; not htx-b's
        JsonNode certificates =
                ok(http.get("/api/codes/VN-51-1001/certificates", "dept"), 200).body();
        assertThat(certificates.findValuesAsString("number"))
                .containsExactlyInAnyOrder("VietGAP-TT-13-09-51-1001", "VietGAP-TT-13-09-51-1005");
        assertThat(certificates.findValuesAsString("status")).containsExactlyInAnyOrder("VALID", "EXPIRED");
        assertThat(http.get("/api/codes/VN-51-1001/certificates", "htx-b").status())
                .isEqualTo(403);
        assertThat(http.get("/api/codes/VN-51-1001/certificates").status()).isEqualTo(401);
    }

    @Test
    void aCooperativeReadsItsOwnFindingsOnly() {
        Set<String> own = found("", "htx-a");
        Set<String> expected = new HashSet<>();
        for (String p : PLANTED) {
            if (p.contains("1002") || p.contains("1008") || p.startsWith("LEDGER") || p.startsWith("CERTIFICATE_NOT"))
                expected.add(p);
        }
        expected.addAll(PLANTED_A);
        for (String p : PLANTED) {}
        assertThat(own).isEqualTo(expected);
        assertThat(http.get("/api/findings?cooperative=htx-b", "htx-a").status())
                .isEqualTo(403);
        assertThat(http.get("/api/findings?code=VN-51-1003", "htx-a").status()).isEqualTo(403);
        assertThat(http.get("/api/findings", "cb").status()).isEqualTo(403);
        assertThat(http.get("/api/findings").status()).isEqualTo(401);
    }

    @Test
    void theProvinceFiguresEqualAnIndependentCount() throws Exception {
        JsonNode f = ok(http.get("/api/province/figures", "dept"), 200).body();
        // codes by status and crop, counted here row by row
        Map<String, Long> codes = new java.util.TreeMap<>();
        Map<String, java.math.BigDecimal> area = new java.util.TreeMap<>();
        for (Map<String, Object> row : jdbc.queryForList("select status, crop, area_ha from growing_area_code")) {
            String key = row.get("status") + "/" + row.get("crop");
            codes.merge(key, 1L, Long::sum);
            area.merge(key, (java.math.BigDecimal) row.get("area_ha"), java.math.BigDecimal::add);
        }
        Map<String, Long> served = new java.util.TreeMap<>();
        for (JsonNode c : f.get("codes")) {
            String key = c.get("status").stringValue() + "/" + c.get("crop").stringValue();
            served.put(key, c.get("codes").longValue());
            assertThat(c.get("areaHa").decimalValue()).isEqualByComparingTo(area.get(key));
            assertThat(c.get("rows").stringValue()).startsWith("/api/codes?status=");
        }
        // (another test of this class may suspend a code: the count is compared, not written down)
        assertThat(served).isEqualTo(codes).containsKey("ISSUED/rice").containsKey("SUSPENDED/rice");
        // products: both cooperatives hold a VietGAP certificate in force for rice (htx-a's second one lapsed)
        JsonNode vietgap = f.get("certifiedProducts").get(0);
        assertThat(vietgap.get("scheme").stringValue()).isEqualTo("VIETGAP");
        assertThat(vietgap.get("products").longValue()).isEqualTo(2);
        // findings: as many of each kind as the audit lists
        JsonNode counts = ok(http.get("/api/findings", "dept"), 200).body().get("counts");
        Map<String, Long> byKind = new java.util.TreeMap<>();
        for (JsonNode x : f.get("findings"))
            byKind.merge(x.get("kind").stringValue(), x.get("findings").longValue(), Long::sum);
        Map<String, Long> audited = new java.util.TreeMap<>();
        counts.properties().forEach(e -> audited.put(e.getKey(), e.getValue().longValue()));
        assertThat(byKind).isEqualTo(audited).containsEntry("PLOTS_OVERLAP", 2L);
        // hectares under automatic irrigation: every plot but the silent one, the one without a valve and
        // the ones irrigated by hand only, summed here from the register
        JsonNode irrigation = f.get("automaticIrrigation");
        assertThat(irrigation.get("seasonTo").stringValue()).isEqualTo(D.toString());
        java.math.BigDecimal expectedHa = jdbc.queryForObject(
                "select sum(area_ha) from plot where id not in ('plot-1012', 'plot-1013', 'plot-1003', 'plot-1004')",
                java.math.BigDecimal.class);
        long expectedPlots = jdbc.queryForObject(
                "select count(*) from plot where id not in ('plot-1012', 'plot-1013', 'plot-1003', 'plot-1004')",
                Long.class);
        assertThat(irrigation.get("hectares").decimalValue()).isEqualByComparingTo(expectedHa);
        assertThat(irrigation.get("plots").longValue()).isEqualTo(expectedPlots);
        assertThat(irrigation.get("cooperatives").findValues("plotIds").stream()
                        .flatMap(JsonNode::valueStream)
                        .map(JsonNode::stringValue))
                .hasSize((int) expectedPlots)
                .doesNotContain("plot-1012", "plot-1013", "plot-1003", "plot-1004");
        // communes: issued codes and their findings, counted here from the register
        Map<String, JsonNode> communes = new java.util.HashMap<>();
        f.get("communes").forEach(c -> communes.put(c.path("commune").asString("(none)"), c));
        JsonNode named = communes.get("Xã Tịnh Ấn Tây");
        assertThat(named.get("issuedCodes").longValue()).isEqualTo(1);
        assertThat(named.get("findings").longValue()).isEqualTo(1);
        assertThat(named.get("rows").stringValue()).startsWith("/api/codes?commune=");
        assertThat(communes.get("(none)").get("issuedCodes").longValue())
                .isEqualTo(jdbc.queryForObject(
                        "select count(*) from growing_area_code where status = 'ISSUED' and commune is null",
                        Long.class));
        // seasons: each season's batches and tonnes, counted here between its dates
        assertThat(f.get("seasons")).hasSize(6);
        long seasonBatches = 0;
        for (JsonNode season : f.get("seasons")) {
            var from = java.sql.Date.valueOf(season.get("from").stringValue());
            var to = java.sql.Date.valueOf(season.get("to").stringValue());
            assertThat(season.get("batches").longValue())
                    .as(season.toString())
                    .isEqualTo(jdbc.queryForObject(
                            "select count(*) from batch where harvest_date between ? and ?", Long.class, from, to));
            seasonBatches += season.get("batches").longValue();
        }
        assertThat(seasonBatches).isEqualTo(jdbc.queryForObject("select count(*) from batch", Long.class));
        // harvests: every batch of the test, in the month of its harvest
        JsonNode month = f.get("harvests").get(0);
        assertThat(month.get("month").stringValue())
                .isEqualTo(D.minusDays(5).toString().substring(0, 7));
        assertThat(month.get("batches").longValue())
                .isEqualTo(jdbc.queryForObject("select count(*) from batch", Long.class));
        assertThat(new java.math.BigDecimal(month.get("tonnes").toString()))
                .isEqualByComparingTo(
                        jdbc.queryForObject("select sum(quantity_kg) from batch", java.math.BigDecimal.class)
                                .movePointLeft(3));
        // the CSV: the same figures, parsed back
        TestHttp.Response csv = ok(http.get("/api/province/figures.csv", "dept"), 200);
        assertThat(csv.contentType()).startsWith("text/csv");
        var records = org.apache.commons.csv.CSVFormat.RFC4180
                .builder()
                .setHeader()
                .get()
                .parse(new java.io.StringReader(csv.text()))
                .getRecords();
        assertThat(records.stream()
                        .filter(r -> r.get("section").equals("codes"))
                        .count())
                .isEqualTo(codes.size());
        assertThat(records.stream()
                        .filter(r ->
                                r.get("section").equals("codes") && r.get("key").equals("ISSUED"))
                        .mapToLong(r -> Long.parseLong(r.get("count")))
                        .sum())
                .isEqualTo(codes.entrySet().stream()
                        .filter(e -> e.getKey().startsWith("ISSUED/"))
                        .mapToLong(Map.Entry::getValue)
                        .sum());
        assertThat(http.get("/api/province/figures", "htx-a").status()).isEqualTo(403);
        assertThat(http.get("/api/province/figures").status()).isEqualTo(401);
    }

    @Test
    void anInspectionTakesAFindingFromOpenToEscalatedAndTheCodeIsSuspended() throws Exception {
        JsonNode plan = ok(http.get("/api/inspections/plan", "dept"), 200).body();
        assertThat(plan.size()).isGreaterThan(1);
        for (int i = 1; i < plan.size(); i++) {
            assertThat(plan.get(i).get("risk").intValue())
                    .isLessThanOrEqualTo(plan.get(i - 1).get("risk").intValue());
        }
        assertThat(plan.get(0).get("finding").get("severity").stringValue()).isEqualTo("HIGH");
        assertThat(plan.findValuesAsString("subject")).contains("code/VN-51-1002");
        assertThat(plan.findValuesAsString("subject"))
                .as("a certificate's finding is no code's inspection")
                .noneMatch(s -> s.startsWith("certificate/"));

        Map<String, Object> finding = Map.of(
                "code", "VN-51-1002",
                "findingKind", "YIELD_BEYOND_AREA",
                "findingSubject", "code/VN-51-1002",
                "plannedFor", D.toString());
        long id = ok(http.post("/api/inspections", finding, "dept"), 201)
                .body()
                .get("id")
                .longValue();
        assertThat(http.post("/api/inspections", finding, "dept").status()).isEqualTo(409);
        assertThat(http.post("/api/inspections", finding, "htx-a").status()).isEqualTo(403);
        assertThat(http.post(
                                "/api/inspections",
                                Map.of(
                                        "code",
                                        "VN-51-1001",
                                        "findingKind",
                                        "YIELD_BEYOND_AREA",
                                        "findingSubject",
                                        "code/VN-51-1001"),
                                "dept")
                        .status())
                .as("the clean code has no such finding")
                .isEqualTo(404);
        JsonNode under = ok(http.get("/api/findings?code=VN-51-1002", "dept"), 200)
                .body()
                .get("findings")
                .get(0);
        assertThat(under.get("state").stringValue()).isEqualTo("UNDER_INSPECTION");
        assertThat(under.get("inspection").longValue()).isEqualTo(id);
        assertThat(ok(http.get("/api/inspections/plan", "dept"), 200).body().findValuesAsString("subject"))
                .doesNotContain("code/VN-51-1002");

        // a photo from the field, attached while the inspection is planned; bad files refused
        byte[] photo = new byte[1500];
        new java.util.Random(7).nextBytes(photo);
        JsonNode attached = ok(
                        http.postBytes(
                                "/api/inspections/" + id + "/files?name=C:%5Cfield%5Cthua-1002.jpg",
                                photo,
                                "image/jpeg",
                                "dept"),
                        201)
                .body();
        assertThat(attached.get("name").stringValue()).isEqualTo("thua-1002.jpg");
        String sha = attached.get("sha256").stringValue();
        assertThat(sha)
                .isEqualTo(java.util.HexFormat.of()
                        .formatHex(java.security.MessageDigest.getInstance("SHA-256")
                                .digest(photo)));
        assertThat(ok(
                                http.postBytes(
                                        "/api/inspections/" + id + "/files?name=again.jpg",
                                        photo,
                                        "image/jpeg",
                                        "dept"),
                                201)
                        .body()
                        .get("id"))
                .as("the same file twice is the one already there")
                .isEqualTo(attached.get("id"));
        assertThat(http.postBytes(
                                "/api/inspections/" + id + "/files?name=x.html",
                                "<script>".getBytes(),
                                "text/html",
                                "dept")
                        .status())
                .isEqualTo(415);
        assertThat(http.postBytes(
                                "/api/inspections/" + id + "/files?name=big.jpg", new byte[5000], "image/jpeg", "dept")
                        .status())
                .isEqualTo(413);
        assertThat(http.postBytes("/api/inspections/" + id + "/files?name=p.jpg", photo, "image/jpeg", "htx-a")
                        .status())
                .isEqualTo(403);
        // what the inspection found: refused field by field, then recorded and anchored as a record
        Map<String, Object> outcome = new LinkedHashMap<>();
        outcome.put("inspectedOn", D.toString());
        outcome.put(
                "checklist",
                List.of(
                        Map.of("item", "the plots match the register", "passed", true),
                        Map.of("item", "the harvest fits the plots", "passed", false)));
        outcome.put("outcome", "ESCALATED");
        outcome.put("proposeSuspension", true);
        assertThat(ok(http.post("/api/inspections/" + id + "/outcome", outcome, "dept"), 400)
                        .body()
                        .get("pointer")
                        .stringValue())
                .isEqualTo("/inspector");
        outcome.put("inspector", "Trần Thị Bích");
        outcome.put("notes", "rice from outside the code's plots sold under it");
        JsonNode recorded = ok(http.post("/api/inspections/" + id + "/outcome", outcome, "dept"), 200)
                .body();
        assertThat(recorded.get("state").stringValue()).isEqualTo("ESCALATED");
        assertThat(recorded.get("suspensionProposed").booleanValue()).isTrue();
        assertThat(http.post("/api/inspections/" + id + "/outcome", outcome, "dept")
                        .status())
                .isEqualTo(409);
        long record = recorded.get("recordId").longValue();
        TestHttp.Response own = ok(http.get("/api/records/" + record, "htx-a"), 200);
        assertThat(own.text())
                .contains("ESCALATED", "the harvest fits the plots")
                .doesNotContain("Trần Thị Bích");
        assertThat(http.get("/api/records/" + record).status()).as("not public").isEqualTo(404);
        // the record commits to the photo; the code's cooperative reads it, as it was; another cooperative does not
        assertThat(own.text()).contains(sha);
        TestHttp.Bytes file = http.bytes(
                "/api/inspections/" + id + "/files/" + attached.get("id").longValue(), "htx-a");
        assertThat(file.status()).isEqualTo(200);
        assertThat(file.body()).isEqualTo(photo);
        assertThat(file.contentType()).isEqualTo("image/jpeg");
        assertThat(file.headers().get("Content-Disposition")).startsWith("attachment");
        assertThat(file.headers().get("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(http.get(
                                "/api/inspections/" + id + "/files/"
                                        + attached.get("id").longValue(),
                                "htx-b")
                        .status())
                .isEqualTo(403);
        assertThat(http.postBytes(
                                "/api/inspections/" + id + "/files?name=late.jpg",
                                new byte[] {1, 2},
                                "image/jpeg",
                                "dept")
                        .status())
                .as("recorded: its files are listed for good")
                .isEqualTo(409);
        assertThat(ok(http.get("/api/inspections", "htx-a"), 200).body().findValuesAsString("code"))
                .containsExactly("VN-51-1002");
        assertThat(ok(http.get("/api/inspections", "htx-b"), 200).body()).isEmpty();
        assertThat(http.get("/api/inspections?code=VN-51-1002", "htx-b").status())
                .isEqualTo(403);

        // the department decides the suspension, naming the inspection
        ok(
                http.post(
                        "/api/codes/VN-51-1002/status",
                        Map.of(
                                "status",
                                "SUSPENDED",
                                "reason",
                                "yield beyond the area, confirmed by inspection " + id,
                                "effectiveDate",
                                D.toString(),
                                "evidence",
                                List.of(Map.of("type", "inspection", "inspection", id))),
                        "dept"),
                200);
        JsonNode after = ok(http.get("/api/findings?code=VN-51-1002", "dept"), 200)
                .body()
                .get("findings")
                .get(0);
        assertThat(after.get("state").stringValue()).isEqualTo("ESCALATED");
        assertThat(ok(http.get("/api/codes/VN-51-1002", "htx-a"), 200)
                        .body()
                        .get("status")
                        .stringValue())
                .isEqualTo("SUSPENDED");
    }
}

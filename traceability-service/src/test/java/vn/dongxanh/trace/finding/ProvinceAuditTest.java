package vn.dongxanh.trace.finding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
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
import tools.jackson.databind.JsonNode;
import vn.dongxanh.contract.Json;
import vn.dongxanh.contract.irrigation.PlotActivity;
import vn.dongxanh.devkit.FreePorts;
import vn.dongxanh.devkit.LocalServices;
import vn.dongxanh.devkit.province.ProvinceGenerator;
import vn.dongxanh.devkit.province.ProvinceWriter;
import vn.dongxanh.devkit.province.Rules;
import vn.dongxanh.devkit.province.SeededProvince;
import vn.dongxanh.trace.TestHttp;
import vn.dongxanh.trace.TestProperties;
import vn.dongxanh.trace.TestTokens;
import vn.dongxanh.trace.ingest.IngestStandIn;

/**
 * The audit of a generated province (devkit's {@link ProvinceGenerator}: four cooperatives, 200
 * plots, their codes, certificates, a season of batches and diaries), written through the API as
 * its people would write it, with irregularities of every kind planted: the audit must find every
 * planted one and nothing on the clean codes. ingest-service's plot activity is stood in for by a
 * local server answering what the plan's telemetry says; the two irregularities the API refuses by
 * design (a plot redrawn over another code's, a stored record edited) are planted in the database.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "dx.trace.ledger.mode=off",
            "dx.trace.ingest.pull-on-batch=false",
            "dx.trace.scans.flush-interval=100ms"
        })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ProvinceAuditTest {
    private static final LocalServices.TestDatabase DB = LocalServices.freshDatabase("trace_province");
    private static final String ZONE = "Asia/Ho_Chi_Minh";
    private static final LocalDate D = LocalDate.now(ZoneId.of(ZONE));
    /** Inside the service's default province (Quảng Ngãi), codes VN-51-5001…, the test users' organisations. */
    private static final ProvinceGenerator.Spec SPEC = new ProvinceGenerator.Spec(
            20_260_501L, 4, 200, 108.60, 14.60, "51", 5001, "g", "so-nnmt", "cb-1", Rules.DEFAULTS);

    private static final SeededProvince PROVINCE = ProvinceGenerator.generate(SPEC, D);
    private static final int INGEST_PORT = FreePorts.tcp();
    private static IngestStandIn ingest;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestProperties.database(registry, DB);
        TestProperties.issuer(registry);
        registry.add("dx.trace.ingest.base-url", () -> "http://127.0.0.1:" + INGEST_PORT);
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

    @Autowired
    FindingsProperties findings;

    /** ingest-service's plot activity for the register's plots, as the plan's telemetry has it. */
    private PlotActivity activity(LocalDate from, LocalDate to) {
        Map<String, String> plots = jdbc.queryForList("select id, organisation_id from plot").stream()
                .collect(Collectors.toMap(r -> (String) r.get("id"), r -> (String) r.get("organisation_id")));
        return PROVINCE.activity(from, to, plots, ZONE);
    }

    /** The test users of the plan's organisations ({@link TestTokens}: {@code ROLE@organisation}). */
    private static final ProvinceWriter.People PEOPLE = new ProvinceWriter.People() {
        @Override
        public String department() {
            return TestTokens.token("dept");
        }

        @Override
        public String certificationBody() {
            return TestTokens.token("cb");
        }

        @Override
        public String managerOf(String cooperative) {
            return TestTokens.token("COOP_MANAGER@" + cooperative);
        }
    };

    @Test
    void theAuditFindsEveryIrregularityPlantedInTheSeededProvinceAndNothingElse() throws Exception {
        // the plan keeps under (and plants over) the service's own figures
        assertThat(PROVINCE.spec().rules().crops()).allSatisfy(crop -> {
            assertThat(findings.yield().get(crop).ceilingTPerHa())
                    .isEqualByComparingTo(Rules.DEFAULTS.ceilingTPerHa().get(crop));
            assertThat(findings.yield().get(crop).cyclesPerYear())
                    .isEqualTo(Rules.DEFAULTS.cyclesPerYear().get(crop));
        });
        assertThat(findings.watchAbove()).isEqualByComparingTo(Rules.DEFAULTS.watchAbove());
        assertThat(findings.highAbove()).isEqualByComparingTo(BigDecimal.ONE);
        assertThat(findings.certificateExpiryWindow().getDays())
                .isEqualTo(Rules.DEFAULTS.certificateExpiryWindowDays());
        assertThat(PROVINCE.expected().stream().map(SeededProvince.Expected::kind))
                .as("every kind of finding planted")
                .containsAll(
                        Arrays.stream(Finding.Kind.values()).map(Enum::name).toList());

        ingest = IngestStandIn.start(INGEST_PORT, this::activity);
        long started = System.nanoTime();
        var writer = new ProvinceWriter("http://127.0.0.1:" + port, PEOPLE, 4);
        assertThat(writer.written(PROVINCE)).isFalse();
        ProvinceWriter.Written written = writer.write(PROVINCE);
        long wroteMs = (System.nanoTime() - started) / 1_000_000;
        assertThat(writer.written(PROVINCE)).as("a second run would find it").isTrue();
        plantInTheDatabase(written);
        long scanned = PROVINCE.afterwards().stream()
                .filter(s -> s instanceof SeededProvince.Scans)
                .count();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> jdbc.queryForObject("select count(*) from scan_flag", Long.class) == scanned);

        Set<String> planted = PROVINCE.expected().stream().map(written::finding).collect(Collectors.toSet());
        long auditStarted = System.nanoTime();
        JsonNode audit = new TestHttp(port).get("/api/findings", "dept").body();
        long auditMs = (System.nanoTime() - auditStarted) / 1_000_000;
        assertThat(audit.get("unchecked")).as("every kind checked").isEmpty();
        Set<String> found = new HashSet<>();
        for (JsonNode f : audit.get("findings")) {
            found.add(f.get("kind").stringValue() + " " + f.get("subject").stringValue());
        }
        Set<String> right = new HashSet<>(found);
        right.retainAll(planted);
        double precision = found.isEmpty() ? 0 : (double) right.size() / found.size();
        double recall = (double) right.size() / planted.size();
        System.out.printf(
                "seeded province: %s; written in %d ms, audited in %d ms%n", PROVINCE.summary(), wroteMs, auditMs);
        System.out.printf(
                "audit of the seeded province: %d planted, %d found, precision %.2f, recall %.2f%n",
                planted.size(), found.size(), precision, recall);
        Set<String> missed = new TreeSet<>(planted);
        missed.removeAll(found);
        Set<String> falseFindings = new TreeSet<>(found);
        falseFindings.removeAll(planted);
        assertThat(precision)
                .as("false findings (found, not planted): %s", falseFindings)
                .isEqualTo(1.0);
        assertThat(recall).as("missed (planted, not found): %s", missed).isEqualTo(1.0);
    }

    /** What the API refuses by design, done the way it happens: in the database. */
    private void plantInTheDatabase(ProvinceWriter.Written written) {
        for (SeededProvince.InDatabase planting : PROVINCE.inDatabase()) {
            int rows = switch (planting) {
                case SeededProvince.RedrawnPlot r ->
                    jdbc.update(
                            "update plot set geometry = cast(? as jsonb) where id = ?",
                            Json.MAPPER.writeValueAsString(r.geometry()),
                            r.plot());
                case SeededProvince.EditedRecord e ->
                    jdbc.update(
                            "update record set content = replace(content, ?, ?) where id = ?"
                                    + " and position(? in content) > 0",
                            "\"" + e.lot() + "\"",
                            "\"" + e.editedLot() + "\"",
                            written.batchRecords().get(e.lot()),
                            "\"" + e.lot() + "\"");
            };
            assertThat(rows).as(planting.toString()).isEqualTo(1);
        }
    }
}

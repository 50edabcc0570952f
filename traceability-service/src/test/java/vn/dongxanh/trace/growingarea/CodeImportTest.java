package vn.dongxanh.trace.growingarea;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
import vn.dongxanh.devkit.LocalServices;
import vn.dongxanh.trace.TestHttp;
import vn.dongxanh.trace.TestProperties;
import vn.dongxanh.trace.TestProvince;

/**
 * The department's spreadsheet of codes issued on paper, imported as CSV: good codes mixed with
 * every kind of bad row. Exactly the bad rows are refused, each naming its column; a code with one
 * bad row is not imported at all; a dry run reports the same and writes nothing; an imported code
 * is in the register, issued on its paper date, as one applied for and issued through the API.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "dx.trace.ledger.mode=off",
            "dx.trace.ingest.pull-on-batch=false",
            "dx.trace.register.import-max-rows=40"
        })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class CodeImportTest {
    private static final LocalServices.TestDatabase DB = LocalServices.freshDatabase("trace_code_import");
    private static final LocalDate D = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh"));
    private static final String HEADER = "code,cooperative,crop,commune,issuedOn,plotId,plotName,geometry";
    private static boolean seeded;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestProperties.database(registry, DB);
        TestProperties.issuer(registry);
        registry.add("dx.trace.ingest.base-url", () -> "http://127.0.0.1:9");
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
        TestProvince province = new TestProvince(http, D);
        province.organisations(
                new String[] {"so-nnmt", "DEPARTMENT", "Sở NN&MT"},
                new String[] {"htx-a", "COOPERATIVE", "HTX Đức Phong"},
                new String[] {"htx-b", "COOPERATIVE", "HTX Hành Tín Đông"},
                new String[] {"cb-1", "CERTIFICATION_BODY", "Trung tâm chứng nhận 1"});
        // a live code whose plot (a1, at 108.80° E) an imported plot must not overlap
        province.issuedCode("htx-a", "a1", "VN-51-0701", "rice", 108.80, 400);
        seeded = true;
    }

    /** A CSV row; the geometry is quoted, its quotes doubled (RFC 4180). */
    private static String row(
            String code, String coop, String crop, String commune, String issued, String plot, String geometry) {
        return String.join(
                ",",
                code,
                coop,
                crop,
                commune,
                issued,
                plot,
                "Ruộng " + plot,
                "\"" + geometry.replace("\"", "\"\"") + "\"");
    }

    private static String square(double lon) {
        return square(lon, TestProvince.LATITUDE, TestProvince.PLOT_SIDE_M);
    }

    private static String square(double lon, double lat, double side) {
        return TestHttp.square(lon, lat, side).toString();
    }

    private static final String BOWTIE =
            "{\"type\":\"Polygon\",\"coordinates\":[[[108.73,14.95],[108.731,14.951],[108.731,14.95],[108.73,14.951],[108.73,14.95]]]}";

    /** The file: line 1 the header, then the rows below (their line in the comment). */
    private static String file() {
        String future = D.plusDays(1).toString();
        return String.join(
                "\r\n",
                HEADER,
                // 2, 3: a good code of two plots
                row("VN-51-0801", "htx-a", "rice", "Xã Đức Phong", "2019-03-12", "imp-2", square(108.60)),
                row("VN-51-0801", "htx-a", "rice", " Xã  Đức Phong", "2019-03-12", "imp-3", square(108.61)),
                // 4: a good code of one plot, no commune
                row("VN-51-0802", "htx-b", "rice", "", "2020-01-02", "imp-4", square(108.62)),
                // 5: the code's format
                row("VN-5-0803", "htx-a", "rice", "", "2019-03-12", "imp-5", square(108.63)),
                // 6: no such cooperative; 7: an organisation that is not a cooperative
                row("VN-51-0804", "htx-zz", "rice", "", "2019-03-12", "imp-6", square(108.64)),
                row("VN-51-0805", "cb-1", "rice", "", "2019-03-12", "imp-7", square(108.65)),
                // 8: not a crop id
                row("VN-51-0806", "htx-a", "Lúa", "", "2019-03-12", "imp-8", square(108.66)),
                // 9: issued tomorrow; 10: not an ISO date
                row("VN-51-0807", "htx-a", "rice", "", future, "imp-9", square(108.67)),
                row("VN-51-0808", "htx-a", "rice", "", "12/03/2019", "imp-10", square(108.68)),
                // 11: not JSON
                row("VN-51-0809", "htx-a", "rice", "", "2019-03-12", "imp-11", "{\"type\":\"Polygon\""),
                // 12: 300,000 ha (a 54.8 km square, inside the province box)
                row("VN-51-0810", "htx-a", "rice", "", "2019-03-12", "imp-12", square(108.0, 14.3, 54_772)),
                // 13: self-intersecting
                row("VN-51-0811", "htx-a", "rice", "", "2019-03-12", "imp-13", BOWTIE),
                // 14: overlaps a1 of the live VN-51-0701
                row("VN-51-0812", "htx-a", "rice", "", "2019-03-12", "imp-14", square(108.8005)),
                // 15: a code already in the register
                row("VN-51-0701", "htx-a", "rice", "", "2019-03-12", "imp-15", square(108.69)),
                // 16, 17: one code, the second row naming another cooperative
                row("VN-51-0813", "htx-a", "rice", "", "2019-05-01", "imp-16", square(108.70)),
                row("VN-51-0813", "htx-b", "rice", "", "2019-05-01", "imp-17", square(108.71)),
                // 18, 19: one code, the second row's polygon has latitude and longitude swapped
                row("VN-51-0814", "htx-a", "rice", "", "2019-05-01", "imp-18", square(108.72)),
                row(
                        "VN-51-0814",
                        "htx-a",
                        "rice",
                        "",
                        "2019-05-01",
                        "imp-19",
                        "{\"type\":\"Polygon\",\"coordinates\":[[[14.95,108.74],[14.951,108.74],[14.951,108.741],[14.95,108.74]]]}"),
                // 20: a plot id already on line 2
                row("VN-51-0815", "htx-a", "rice", "", "2019-03-12", "imp-2", square(108.75)),
                // 21: outside the province (Ho Chi Minh City's longitude)
                row("VN-51-0816", "htx-a", "rice", "", "2019-03-12", "imp-21", square(106.70)),
                // 22: overlaps imp-4 of VN-51-0802, imported a few lines up
                row("VN-51-0817", "htx-b", "rice", "", "2020-01-02", "imp-22", square(108.6203)),
                "");
    }

    /** Line → the column refused on it. */
    private static final Map<Integer, String> EXPECTED = expected();

    private static Map<Integer, String> expected() {
        Map<Integer, String> m = new LinkedHashMap<>();
        m.put(5, "code");
        m.put(6, "cooperative");
        m.put(7, "cooperative");
        m.put(8, "crop");
        m.put(9, "issuedOn");
        m.put(10, "issuedOn");
        m.put(11, "geometry");
        m.put(12, "geometry");
        m.put(13, "geometry");
        m.put(14, "geometry");
        m.put(15, "code");
        m.put(16, "code"); // not imported: line 17 of its code is refused
        m.put(17, "cooperative");
        m.put(18, "code"); // not imported: line 19 of its code is refused
        m.put(19, "geometry");
        m.put(20, "plotId");
        m.put(21, "geometry");
        m.put(22, "geometry");
        return m;
    }

    private TestHttp.Response ok(TestHttp.Response r, int status) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        return r;
    }

    private TestHttp.Response importCsv(String csv, boolean dryRun, String user) {
        return http.postRaw("/api/codes/import" + (dryRun ? "?dryRun=true" : ""), "text/csv", csv, user);
    }

    /** What the import may write, counted. */
    private Map<String, Long> counts() {
        Map<String, Long> m = new LinkedHashMap<>();
        for (String table :
                List.of("growing_area_code", "growing_area_code_plot", "growing_area_code_event", "plot", "record")) {
            m.put(table, jdbc.queryForObject("select count(*) from " + table, Long.class));
        }
        m.put("ledger_tx", jdbc.queryForObject("select count(*) from ledger_tx", Long.class));
        return m;
    }

    private static Map<Integer, String> refusedColumns(JsonNode report) {
        Map<Integer, String> m = new LinkedHashMap<>();
        for (JsonNode r : report.get("refused")) {
            String before = m.put(r.get("line").intValue(), r.get("column").stringValue());
            assertThat(before)
                    .as("line " + r.get("line") + " refused once: " + report)
                    .isNull();
            assertThat(r.get("reason").stringValue()).isNotBlank();
        }
        return m;
    }

    private static String reason(JsonNode report, int line) {
        for (JsonNode r : report.get("refused")) {
            if (r.get("line").intValue() == line) return r.get("reason").stringValue();
        }
        throw new AssertionError("line " + line + " is not refused: " + report);
    }

    @Test
    void everyBadRowIsRefusedByColumnADryRunWritesNothingAndTheGoodCodesAreIssued() {
        Map<String, Long> before = counts();
        JsonNode dry = ok(importCsv(file(), true, "dept"), 200).body();
        assertThat(counts()).as("a dry run writes nothing").isEqualTo(before);
        assertThat(dry.get("dryRun").booleanValue()).isTrue();
        assertThat(dry.get("rowsRead").intValue()).isEqualTo(21);
        assertThat(refusedColumns(dry)).isEqualTo(EXPECTED);
        assertThat(dry.get("imported").toString()).isEqualTo("[\"VN-51-0801\",\"VN-51-0802\"]");
        assertThat(dry.get("codesImported").intValue()).isEqualTo(2);
        // reasons a clerk understands
        assertThat(reason(dry, 5)).contains("VN-5-0803");
        assertThat(reason(dry, 6)).contains("htx-zz");
        assertThat(reason(dry, 7)).contains("not a cooperative");
        assertThat(reason(dry, 8)).contains("Lúa");
        assertThat(reason(dry, 9)).contains("future");
        assertThat(reason(dry, 10)).contains("YYYY-MM-DD");
        assertThat(reason(dry, 11)).contains("JSON");
        assertThat(reason(dry, 12)).contains("ha").contains("largest plot");
        assertThat(reason(dry, 13)).contains("self-intersecting");
        assertThat(reason(dry, 14)).contains("a1").contains("VN-51-0701");
        assertThat(reason(dry, 15)).contains("already in the register");
        assertThat(reason(dry, 16)).contains("line 17").contains("whole or not at all");
        assertThat(reason(dry, 17)).contains("htx-b").contains("line 16");
        assertThat(reason(dry, 18)).contains("line 19");
        assertThat(reason(dry, 19)).contains("out of range");
        assertThat(reason(dry, 20)).contains("line 2");
        assertThat(reason(dry, 21)).contains("outside");
        assertThat(reason(dry, 22)).contains("imp-4");

        JsonNode real = ok(importCsv(file(), false, "dept"), 200).body();
        assertThat(real.get("dryRun").booleanValue()).isFalse();
        assertThat(real.get("refused"))
                .as("the dry run told what the import does")
                .isEqualTo(dry.get("refused"));
        assertThat(real.get("imported")).isEqualTo(dry.get("imported"));
        Map<String, Long> after = counts();
        assertThat(after.get("growing_area_code")).isEqualTo(before.get("growing_area_code") + 2);
        assertThat(after.get("plot")).as("imp-2, imp-3, imp-4 only").isEqualTo(before.get("plot") + 3);
        // three entries (application, inspection, issue) per code, each a record and a ledger call
        assertThat(after.get("growing_area_code_event")).isEqualTo(before.get("growing_area_code_event") + 6);
        assertThat(after.get("record")).isEqualTo(before.get("record") + 6);
        assertThat(after.get("ledger_tx")).isEqualTo(before.get("ledger_tx") + 6);
        for (String notImported : List.of("VN-51-0813", "VN-51-0814", "VN-51-0817")) {
            assertThat(http.get("/api/codes/" + notImported, "dept").status())
                    .as(notImported)
                    .isEqualTo(404);
        }
        assertThat(http.get("/api/plots/imp-18", "dept").status())
                .as("the good row of a refused code")
                .isEqualTo(404);

        // in the register's list, issued on the paper date
        JsonNode list = ok(http.get("/api/codes?q=VN-51-08", "dept"), 200).body();
        assertThat(list.findValuesAsString("code")).containsExactly("VN-51-0801", "VN-51-0802");
        assertThat(list.get(0).get("status").stringValue()).isEqualTo("ISSUED");
        assertThat(list.get(0).get("issuedOn").stringValue()).isEqualTo("2019-03-12");
        assertThat(list.get(0).get("plots").intValue()).isEqualTo(2);
        JsonNode code = ok(http.get("/api/codes/VN-51-0801", "dept"), 200).body();
        assertThat(code.get("organisation").stringValue()).isEqualTo("htx-a");
        assertThat(code.get("commune").stringValue()).isEqualTo("Xã Đức Phong");
        assertThat(code.get("status").stringValue()).isEqualTo("ISSUED");
        assertThat(code.get("plots").toString()).isEqualTo("[\"imp-2\",\"imp-3\"]");
        assertThat(code.get("areaHa").decimalValue().doubleValue()).isBetween(2.8, 2.96);
        List<String> history = new ArrayList<>();
        for (JsonNode h : code.get("history")) {
            history.add(h.get("to").stringValue() + "@" + h.get("effectiveDate").stringValue());
            assertThat(h.get("actor").stringValue()).isEqualTo("dept");
            // its anchored record is there like any code's
            assertThat(http.get("/api/records/" + h.get("recordId").longValue(), "dept")
                            .status())
                    .isEqualTo(200);
        }
        assertThat(history).containsExactly("APPLIED@2019-03-12", "UNDER_INSPECTION@2019-03-12", "ISSUED@2019-03-12");
        assertThat(code.get("history").get(2).get("reason").stringValue()).contains("imported");
        // the cooperative sees its imported code; the other cooperative's plots are its own
        assertThat(http.get("/api/codes/VN-51-0801", "htx-a").status()).isEqualTo(200);
        assertThat(ok(http.get("/api/plots/imp-4", "htx-b"), 200)
                        .body()
                        .get("organisationId")
                        .stringValue())
                .isEqualTo("htx-b");

        // the same file again: its good codes are now in the register
        JsonNode again = ok(importCsv(file(), false, "dept"), 200).body();
        assertThat(again.get("codesImported").intValue()).isZero();
        assertThat(reason(again, 2)).contains("already in the register");
    }

    @Test
    void theFileItselfIsRefusedWhenItIsNotTheImportsCsv() {
        TestHttp.Response header = importCsv("code,cooperative,crop\r\nVN-51-0901,htx-a,rice\r\n", true, "dept");
        assertThat(header.status()).isEqualTo(400);
        assertThat(header.contentType()).startsWith("application/problem+json");
        assertThat(header.detail()).contains("missing: commune,issuedOn,plotId,plotName,geometry");
        TestHttp.Response twice = importCsv(HEADER + ",crop\r\n", true, "dept");
        assertThat(twice.status()).as(twice.text()).isEqualTo(400);
        assertThat(twice.detail()).contains("crop");
        TestHttp.Response empty = importCsv("", true, "dept");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.detail()).contains("empty");
        TestHttp.Response unclosed =
                importCsv(HEADER + "\r\nVN-51-0901,htx-a,rice,,2019-03-12,p,P,\"{\"type\r\n", true, "dept");
        assertThat(unclosed.status()).as(unclosed.text()).isEqualTo(400);
        assertThat(unclosed.detail()).contains("not readable CSV");
        StringBuilder long41 = new StringBuilder(HEADER);
        for (int i = 0; i < 41; i++) {
            long41.append("\r\n")
                    .append(row(
                            String.format(Locale.ROOT, "VN-51-%04d", 9000 + i),
                            "htx-a",
                            "rice",
                            "",
                            "2019-03-12",
                            "many-" + i,
                            square(108.3 + i * 0.01)));
        }
        TestHttp.Response tooLong = importCsv(long41.toString(), false, "dept");
        assertThat(tooLong.status()).as(tooLong.text()).isEqualTo(413);
        assertThat(tooLong.detail()).contains("40");
        assertThat(http.get("/api/codes/VN-51-9000", "dept").status()).isEqualTo(404);
        // only the department imports
        assertThat(importCsv(HEADER + "\r\n", true, "htx-a").status()).isEqualTo(403);
        assertThat(importCsv(HEADER + "\r\n", true, null).status()).isEqualTo(401);
        // a header alone, with Excel's byte order mark: nothing to import, nothing refused
        JsonNode none =
                ok(importCsv("\uFEFF" + HEADER + "\r\n", true, "dept"), 200).body();
        assertThat(none.get("rowsRead").intValue()).isZero();
        assertThat(none.get("refused")).isEmpty();
    }
}

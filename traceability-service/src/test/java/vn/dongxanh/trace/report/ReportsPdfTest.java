package vn.dongxanh.trace.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
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
import vn.dongxanh.trace.growingarea.CodeStatus;
import vn.dongxanh.trace.gs1.Gs1;
import vn.dongxanh.trace.ingest.IngestStandIn;

/**
 * The PDF reports read back with PDFBox: the register's report holds every code the filters keep,
 * in code order, and no other, with the cooperatives' and communes' Vietnamese names as written
 * (the embedded font), over several pages numbered "Trang i/n"; a cooperative gets its own codes
 * only. The figures' report holds the JSON figures, section by section, and says what was not
 * counted when ingest-service does not answer.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "dx.trace.ledger.mode=off",
            "dx.trace.ingest.pull-on-batch=false",
            // ingest's stand-in is asked on every count, so a test can take it down
            "dx.trace.findings.sensor-evidence.cache-for=0s"
        })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ReportsPdfTest {
    private static final LocalServices.TestDatabase DB = LocalServices.freshDatabase("trace_reports");
    private static final LocalDate D = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh"));
    private static final String GTIN_A = Gs1.gtin14("893612500011" + Gs1.checkDigit("893612500011"));
    /** htx-a's issued codes: more than one landscape page of rows. */
    private static final int ISSUED_A = 45;

    private static final int INGEST_PORT = FreePorts.tcp();
    private static IngestStandIn ingest;
    private static boolean seeded;

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

    TestHttp http;

    private TestHttp.Response ok(TestHttp.Response r, int status) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        return r;
    }

    /**
     * ingest-service's plot activity stood in for: every plot of the register reports every day and
     * its control irrigates every third day (so every plot counts as under automatic irrigation).
     */
    private PlotActivity activity(LocalDate from, LocalDate to) {
        StringBuilder every = new StringBuilder(), third = new StringBuilder();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            every.append('1');
            third.append(d.toEpochDay() % 3 == 0 ? '1' : '0');
        }
        List<PlotActivity.Plot> plots = new ArrayList<>();
        for (Map<String, Object> p : jdbc.queryForList("select id, organisation_id from plot order by id")) {
            plots.add(new PlotActivity.Plot(
                    (String) p.get("id"),
                    (String) p.get("organisation_id"),
                    1,
                    1,
                    every.toString(),
                    third.toString(),
                    third.toString()));
        }
        return new PlotActivity(from, to, "Asia/Ho_Chi_Minh", Instant.now(), plots);
    }

    @BeforeEach
    void seed() throws Exception {
        http = new TestHttp(port);
        if (seeded) return;
        ingest = IngestStandIn.start(INGEST_PORT, this::activity);
        var province = new TestProvince(http, D);
        province.organisations(
                new String[] {"so-nnmt", "DEPARTMENT", "Sở NN&MT"},
                new String[] {"htx-a", "COOPERATIVE", "HTX Đức Phong"},
                new String[] {"htx-b", "COOPERATIVE", "HTX Hành Tín Đông"},
                new String[] {"cb-1", "CERTIFICATION_BODY", "Trung tâm chứng nhận 1"});
        for (int i = 1; i <= ISSUED_A; i++) {
            String plot = "plot-a" + i;
            province.plot("htx-a", plot, "rice", 108.70 + i * 0.002);
            province.apply("htx-a", String.format("VN-51-%04d", 2000 + i), "rice", List.of(plot), 30, "Xã Đức Phong");
            province.issue(String.format("VN-51-%04d", 2000 + i), 10);
        }
        // htx-a's code applied for only: filtered out by status
        province.plot("htx-a", "plot-a-applied", "rice", 108.60);
        province.apply("htx-a", "VN-51-2900", "rice", List.of("plot-a-applied"), 5, "Xã Đức Phong");
        // htx-b's: never in htx-a's report
        province.plot("htx-b", "plot-b1", "rice", 108.58);
        province.apply("htx-b", "VN-51-3001", "rice", List.of("plot-b1"), 30, "Xã Hành Tín Đông");
        province.issue("VN-51-3001", 10);
        province.product("htx-a", GTIN_A, "Gạo Đức Phong", "rice");
        long vietgap = province.vietgap("htx-a", "VietGAP-TT-13-09-51-2001", 300, 300);
        province.batch("htx-a", GTIN_A, "L-1", "VN-51-2001", 4000, List.of(vietgap), 5);
        province.batch("htx-a", GTIN_A, "L-2", "VN-51-2002", 2500, List.of(vietgap), 5);
        // 15 t from 1.44 ha in one cycle: a finding for the figures (YIELD_BEYOND_AREA)
        province.batch("htx-a", GTIN_A, "Y-1", "VN-51-2003", 8000, List.of(), 5);
        province.batch("htx-a", GTIN_A, "Y-2", "VN-51-2003", 7000, List.of(), 5);
        seeded = true;
    }

    /** The PDF's text, page by page, read back with PDFBox. */
    private static List<String> pages(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            // every font embedded (no machine font stands in for it)
            for (var page : doc.getPages()) {
                for (var name : page.getResources().getFontNames()) {
                    PDFont font = page.getResources().getFont(name);
                    assertThat(font.isEmbedded()).as(font.getName()).isTrue();
                    assertThat(font.getName()).contains("DejaVuSans");
                }
            }
            List<String> pages = new ArrayList<>();
            PDFTextStripper text = new PDFTextStripper();
            text.setSortByPosition(true);
            for (int i = 1; i <= doc.getNumberOfPages(); i++) {
                text.setStartPage(i);
                text.setEndPage(i);
                pages.add(text.getText(doc));
            }
            return pages;
        }
    }

    /** All pages' text with every run of white space one space (a wrapped line reads on). */
    private static String flat(List<String> pages) {
        return String.join(" ", pages).replaceAll("\\s+", " ");
    }

    private TestHttp.Bytes pdf(String path, String user) {
        TestHttp.Bytes r = http.bytes(path, user);
        assertThat(r.status()).as(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(r.contentType()).isEqualTo("application/pdf");
        return r;
    }

    /** The codes /api/codes lists for the query, every page of it. */
    private List<JsonNode> listed(String query, String user) {
        List<JsonNode> rows = new ArrayList<>();
        for (int offset = 0; ; offset += 20) {
            JsonNode page = ok(http.get("/api/codes?" + query + "&limit=20&offset=" + offset, user), 200)
                    .body();
            page.forEach(rows::add);
            if (page.size() < 20) return rows;
        }
    }

    @Test
    void theRegisterReportHoldsEveryFilteredCodeInOrderAndNoOther() throws Exception {
        TestHttp.Bytes r = pdf("/api/codes.pdf?status=ISSUED&cooperative=htx-a", "dept");
        assertThat(r.headers().get("Content-Disposition")).isEqualTo("attachment; filename=\"register-" + D + ".pdf\"");
        List<String> pages = pages(r.body());
        String text = flat(pages);

        assertThat(pages).as("more rows than one page holds").hasSizeGreaterThan(1);
        for (int i = 0; i < pages.size(); i++) {
            String page = flat(List.of(pages.get(i)));
            assertThat(page).contains("Trang " + (i + 1) + "/" + pages.size());
            assertThat(page).as("the footer on every page").contains("Nguồn: sổ đăng ký mã số vùng trồng");
            assertThat(page).as("the header row on every page").contains("Mã số vùng trồng Hợp tác xã");
        }
        assertThat(text)
                .contains("Sổ đăng ký mã số vùng trồng — Quảng Ngãi")
                .contains("lập ngày (as of) " + D)
                .contains("Bộ lọc: trạng thái Đã cấp mã (ISSUED); hợp tác xã htx-a");

        List<JsonNode> rows = listed("status=ISSUED&cooperative=htx-a", "dept");
        assertThat(rows).hasSize(ISSUED_A);
        int last = -1;
        BigDecimal hectares = BigDecimal.ZERO;
        for (JsonNode row : rows) {
            String code = row.get("code").stringValue();
            // one row: code, cooperative, crop, commune, status, area, issued on, review due, certificate
            String expected = String.join(
                    " ",
                    code,
                    "HTX Đức Phong",
                    "rice",
                    "Xã Đức Phong",
                    "Đã cấp mã (ISSUED)",
                    row.get("areaHa").decimalValue().stripTrailingZeros().toPlainString(),
                    row.get("issuedOn").stringValue(),
                    row.get("reviewDueOn").stringValue(),
                    row.get("certificateValidTo").stringValue());
            int at = text.indexOf(expected);
            assertThat(at).as(expected).isGreaterThan(last);
            last = at;
            hectares = hectares.add(row.get("areaHa").decimalValue());
        }
        assertThat(text)
                .contains("Tổng: " + ISSUED_A + " mã, "
                        + hectares.stripTrailingZeros().toPlainString() + " ha");
        assertThat(text)
                .doesNotContain("VN-51-2900")
                .doesNotContain("VN-51-3001")
                .doesNotContain("HTX Hành Tín Đông");
    }

    @Test
    void aCooperativeReportsItsOwnCodesOnly() throws Exception {
        String text = flat(pages(pdf("/api/codes.pdf", "htx-b").body()));
        assertThat(text)
                .contains("Bộ lọc: hợp tác xã htx-b")
                .contains("VN-51-3001 HTX Hành Tín Đông rice Xã Hành Tín Đông Đã cấp mã (ISSUED)")
                .contains("Tổng: 1 mã,")
                .doesNotContain("VN-51-2001")
                .doesNotContain("HTX Đức Phong");
        assertThat(http.bytes("/api/codes.pdf?cooperative=htx-a", "htx-b").status())
                .isEqualTo(403);
        assertThat(http.bytes("/api/codes.pdf", "cb").status()).isEqualTo(403);
        assertThat(http.bytes("/api/codes.pdf", null).status()).isEqualTo(401);
        assertThat(http.bytes("/api/codes.pdf?status=GROWING", "dept").status()).isEqualTo(400);
        // the whole register for the department: every code, applied ones too
        String all = flat(pages(pdf("/api/codes.pdf", "dept").body()));
        assertThat(all)
                .contains("Bộ lọc: không (toàn bộ sổ)")
                .contains("VN-51-2900 HTX Đức Phong rice Xã Đức Phong Đã nộp hồ sơ (APPLIED)")
                .contains("VN-51-3001")
                .contains("Tổng: " + (ISSUED_A + 2) + " mã,");
    }

    @Test
    void theFiguresReportHoldsTheFiguresOfTheJson() throws Exception {
        ingest.down(false);
        TestHttp.Bytes r = pdf("/api/province/figures.pdf", "dept");
        JsonNode f = ok(http.get("/api/province/figures", "dept"), 200).body();
        assertThat(r.headers().get("Content-Disposition"))
                .isEqualTo("attachment; filename=\"province-figures-"
                        + f.get("asOf").stringValue() + ".pdf\"");
        List<String> pages = pages(r.body());
        String text = flat(pages);
        assertThat(text)
                .contains("Số liệu tỉnh Quảng Ngãi")
                .contains("lập ngày (as of) " + f.get("asOf").stringValue())
                .contains("Trang 1/" + pages.size())
                .contains("Nguồn: số liệu tỉnh của Đồng Xanh");

        assertThat(f.get("codes").size()).isEqualTo(2);
        for (JsonNode c : f.get("codes")) {
            assertThat(text)
                    .contains(String.join(
                            " ",
                            CodeStatus.valueOf(c.get("status").stringValue()).printed(),
                            c.get("crop").stringValue(),
                            Long.toString(c.get("codes").longValue()),
                            plain(c.get("areaHa"))));
        }
        assertThat(text).contains("Đã cấp mã (ISSUED) rice " + (ISSUED_A + 1) + " ");
        JsonNode vietgap = f.get("certifiedProducts").get(0);
        assertThat(text).contains("VIETGAP " + vietgap.get("products").longValue() + " " + GTIN_A);
        assertThat(f.get("findings").findValuesAsString("kind")).contains("YIELD_BEYOND_AREA");
        for (JsonNode x : f.get("findings")) {
            assertThat(text)
                    .contains(x.get("kind").stringValue() + " "
                            + x.get("severity").stringValue() + " "
                            + x.get("findings").longValue());
        }
        assertThat(f.get("harvests").size()).isPositive();
        for (JsonNode h : f.get("harvests")) {
            assertThat(text)
                    .contains(h.get("month").stringValue() + " "
                            + h.get("batches").longValue() + " " + plain(h.get("tonnes")));
        }
        assertThat(text).contains(D.minusDays(5).toString().substring(0, 7) + " 4 21.5");
        JsonNode irrigation = f.get("automaticIrrigation");
        assertThat(text)
                .contains(
                        "Tưới tự động mùa này (" + irrigation.get("seasonFrom").stringValue() + " – "
                                + irrigation.get("seasonTo").stringValue() + ")");
        for (JsonNode c : irrigation.get("cooperatives")) {
            assertThat(text)
                    .contains(c.get("cooperative").stringValue() + " "
                            + c.get("plots").longValue() + " " + plain(c.get("hectares")));
        }
        assertThat(text).contains("htx-a " + (ISSUED_A + 1) + " ");
        for (JsonNode u : f.get("unchecked"))
            assertThat(text).contains(u.get("reason").stringValue());
        if (f.get("unchecked").isEmpty()) assertThat(text).contains("Không: mọi mục đã được đếm.");

        assertThat(http.bytes("/api/province/figures.pdf", "htx-a").status()).isEqualTo(403);
        assertThat(http.bytes("/api/province/figures.pdf", "cb").status()).isEqualTo(403);
        assertThat(http.bytes("/api/province/figures.pdf", null).status()).isEqualTo(401);
    }

    @Test
    void whenIngestDoesNotAnswerTheFiguresReportSaysWhatWasNotCounted() throws Exception {
        ingest.down(true);
        try {
            String text = flat(pages(pdf("/api/province/figures.pdf", "dept").body()));
            assertThat(text)
                    .contains("Tưới tự động Không đếm được lúc lập báo cáo")
                    .contains("automatic irrigation not counted:")
                    .doesNotContain("Tưới tự động mùa này");
        } finally {
            ingest.down(false);
        }
    }

    private static String plain(JsonNode number) {
        return number.decimalValue().stripTrailingZeros().toPlainString();
    }
}

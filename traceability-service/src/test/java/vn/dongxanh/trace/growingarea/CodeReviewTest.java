package vn.dongxanh.trace.growingarea;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import vn.dongxanh.devkit.LocalServices;
import vn.dongxanh.trace.TestHttp;
import vn.dongxanh.trace.TestProperties;
import vn.dongxanh.trace.TestProvince;

/**
 * The yearly review: a code issued 400 days ago is overdue; the department records its review,
 * and the review falls due a year after it; the review is a record the cooperative reads; bad
 * reviews are refused naming the field; only an issued code is reviewed, only by the department.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"dx.trace.ledger.mode=off", "dx.trace.ingest.pull-on-batch=false"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class CodeReviewTest {
    private static final LocalServices.TestDatabase DB = LocalServices.freshDatabase("trace_review");
    private static final LocalDate D = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh"));
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

    TestHttp http;

    private TestHttp.Response ok(TestHttp.Response r, int status) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        return r;
    }

    @BeforeEach
    void seed() {
        http = new TestHttp(port);
        if (seeded) return;
        var province = new TestProvince(http, D);
        province.organisations(
                new String[] {"so-nnmt", "DEPARTMENT", "Sở NN&MT"},
                new String[] {"htx-a", "COOPERATIVE", "HTX Đức Phong"},
                new String[] {"htx-b", "COOPERATIVE", "HTX Hành Tín Đông"});
        province.issuedCode("htx-a", "a1", "VN-51-0801", "rice", 108.80, 400);
        province.issuedCode("htx-b", "b1", "VN-51-0802", "rice", 108.82, 400);
        province.status("VN-51-0802", "SUSPENDED", 10);
        seeded = true;
    }

    private List<String> overdue() {
        List<String> out = new ArrayList<>();
        ok(http.get("/api/codes?reviewDueBy=" + D, "dept"), 200)
                .body()
                .forEach(r -> out.add(r.get("code").stringValue()));
        return out;
    }

    @Test
    void aReviewRecordedMovesTheNextOneAYearOn() {
        assertThat(overdue()).contains("VN-51-0801");
        assertThat(ok(http.get("/api/codes/VN-51-0801", "dept"), 200)
                        .body()
                        .get("reviewDueOn")
                        .stringValue())
                .isEqualTo(D.minusDays(400).plusYears(1).toString());

        JsonNode code = ok(
                        http.post(
                                "/api/codes/VN-51-0801/reviews",
                                Map.of(
                                        "reviewedOn",
                                        D.minusDays(2).toString(),
                                        "notes",
                                        "ranh giới thửa và nhật ký đồng ruộng đã kiểm tra"),
                                "dept"),
                        201)
                .body();
        assertThat(code.get("status").stringValue()).isEqualTo("ISSUED");
        assertThat(code.get("reviewDueOn").stringValue())
                .isEqualTo(D.minusDays(2).plusYears(1).toString());
        JsonNode review = code.get("reviews").get(0);
        assertThat(review.get("reviewedOn").stringValue())
                .isEqualTo(D.minusDays(2).toString());
        assertThat(overdue()).doesNotContain("VN-51-0801");
        assertThat(ok(http.get("/api/codes?reviewDueBy=" + D.minusDays(2).plusYears(1), "dept"), 200)
                        .body()
                        .findValuesAsString("code"))
                .contains("VN-51-0801");
        // the review is a record of the code, the cooperative's to read; the officer's name to it and the department
        long record = review.get("recordId").longValue();
        assertThat(ok(http.get("/api/records/" + record, "htx-a"), 200).text())
                .contains("code.review", "VN-51-0801", "nhật ký đồng ruộng");
        assertThat(http.get("/api/records/" + record, "htx-b").status()).isEqualTo(404);
        assertThat(ok(http.get("/api/codes/VN-51-0801", "htx-a"), 200)
                        .body()
                        .get("reviews")
                        .get(0)
                        .has("actor"))
                .isTrue();
    }

    @Test
    void aBadReviewIsRefusedNamingTheFieldAndOnlyTheDepartmentReviewsAnIssuedCode() {
        assertThat(ok(
                                http.post(
                                        "/api/codes/VN-51-0801/reviews",
                                        Map.of("reviewedOn", D.plusDays(1).toString(), "notes", "x"),
                                        "dept"),
                                400)
                        .body()
                        .get("pointer")
                        .stringValue())
                .isEqualTo("/reviewedOn");
        assertThat(ok(
                                http.post(
                                        "/api/codes/VN-51-0801/reviews",
                                        Map.of("reviewedOn", D.minusDays(500).toString(), "notes", "x"),
                                        "dept"),
                                400)
                        .body()
                        .get("detail")
                        .stringValue())
                .contains("issued");
        assertThat(ok(http.post("/api/codes/VN-51-0801/reviews", Map.of("notes", " "), "dept"), 400)
                        .body()
                        .get("pointer")
                        .stringValue())
                .isEqualTo("/notes");
        assertThat(ok(http.post("/api/codes/VN-51-0802/reviews", Map.of("notes", "x"), "dept"), 409)
                        .body()
                        .get("detail")
                        .stringValue())
                .contains("SUSPENDED");
        assertThat(http.post("/api/codes/VN-51-0801/reviews", Map.of("notes", "x"), "htx-a")
                        .status())
                .isEqualTo(403);
        assertThat(http.post("/api/codes/VN-51-0999/reviews", Map.of("notes", "x"), "dept")
                        .status())
                .isEqualTo(404);
        assertThat(ok(http.get("/api/codes/VN-51-0802", "dept"), 200).body().has("reviewDueOn"))
                .as("a suspended code has no review due")
                .isFalse();
    }
}

package vn.dongxanh.trace.growingarea;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
 * The register as a list: the department filters codes by status, crop, cooperative, text, review
 * due and certificate expiry, and pages through them; a cooperative lists its own only; and the
 * register, not the cooperative, assigns the serial of a new code, never the same one twice even
 * when two applications arrive at once.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"dx.trace.ledger.mode=off", "dx.trace.ingest.pull-on-batch=false"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class RegisterListTest {
    private static final LocalServices.TestDatabase DB = LocalServices.freshDatabase("trace_register");
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
    TestProvince province;

    private TestHttp.Response ok(TestHttp.Response r, int status) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        return r;
    }

    @BeforeEach
    void seed() {
        http = new TestHttp(port);
        province = new TestProvince(http, D);
        if (seeded) return;
        province.organisations(
                new String[] {"so-nnmt", "DEPARTMENT", "Sở NN&MT"},
                new String[] {"htx-a", "COOPERATIVE", "HTX Đức Phong"},
                new String[] {"htx-b", "COOPERATIVE", "HTX Hành Tín Đông"},
                new String[] {"cb-1", "CERTIFICATION_BODY", "Trung tâm chứng nhận 1"});
        province.issuedCode("htx-a", "a1", "VN-51-0701", "rice", 108.80, 400);
        province.plot("htx-a", "a2", "rice", 108.81);
        province.apply("htx-a", "VN-51-0702", "rice", List.of("a2"), 20, " Xã  Đức Phong ");
        province.issuedCode("htx-b", "b1", "VN-51-0703", "rice", 108.82, 90);
        province.issuedCode("htx-b", "b2", "VN-51-0704", "garlic", 108.83, 60);
        province.status("VN-51-0704", "SUSPENDED", 50);
        // htx-a's VietGAP certificate ends in 20 days
        province.vietgap("htx-a", "VietGAP-TT-13-09-51-0701", 700, 20);
        seeded = true;
    }

    private List<String> codes(String query, String user) {
        List<String> out = new ArrayList<>();
        ok(http.get("/api/codes" + query, user), 200)
                .body()
                .forEach(r -> out.add(r.get("code").stringValue()));
        return out;
    }

    @Test
    void theDepartmentFiltersTheRegister() {
        assertThat(codes("", "dept")).startsWith("VN-51-0701", "VN-51-0702", "VN-51-0703", "VN-51-0704");
        assertThat(codes("?status=ISSUED", "dept")).containsExactly("VN-51-0701", "VN-51-0703");
        assertThat(codes("?status=issued,suspended", "dept")).containsExactly("VN-51-0701", "VN-51-0703", "VN-51-0704");
        assertThat(codes("?status=ISSUED&status=APPLIED&cooperative=htx-a", "dept"))
                .containsExactly("VN-51-0701", "VN-51-0702");
        assertThat(codes("?crop=garlic", "dept")).containsExactly("VN-51-0704");
        assertThat(codes("?q=h%C3%A0nh%20T%C3%ADn&status=ISSUED,SUSPENDED", "dept"))
                .as("part of the name, any case")
                .containsExactly("VN-51-0703", "VN-51-0704");
        assertThat(codes("?q=0702", "dept")).containsExactly("VN-51-0702");
        // the commune as the application named it, spaces tidied
        assertThat(codes("?commune=X%C3%A3%20%C4%90%E1%BB%A9c%20Phong", "dept")).containsExactly("VN-51-0702");
        assertThat(ok(http.get("/api/codes/VN-51-0702", "dept"), 200)
                        .body()
                        .get("commune")
                        .stringValue())
                .isEqualTo("Xã Đức Phong");
        assertThat(codes("?q=50%25", "dept"))
                .as("a % is a character, not a wildcard")
                .isEmpty();
        // issued 400 days ago: its yearly review fell due 35 days ago; the other issued code's is months away
        assertThat(codes("?reviewDueBy=" + D, "dept")).containsExactly("VN-51-0701");
        JsonNode a1 = ok(http.get("/api/codes?q=0701", "dept"), 200).body().get(0);
        assertThat(a1.get("issuedOn").stringValue()).isEqualTo(D.minusDays(400).toString());
        assertThat(a1.get("reviewDueOn").stringValue())
                .isEqualTo(D.minusDays(400).plusYears(1).toString());
        assertThat(a1.get("certificateValidTo").stringValue())
                .isEqualTo(D.plusDays(20).toString());
        assertThat(a1.get("organisationName").stringValue()).isEqualTo("HTX Đức Phong");
        assertThat(a1.get("plots").intValue()).isEqualTo(1);
        JsonNode b2 = ok(http.get("/api/codes?q=0704", "dept"), 200).body().get(0);
        assertThat(b2.get("reviewDueOn").isNull())
                .as("a suspended code has no review due")
                .isTrue();
        assertThat(codes("?certificateExpiringBy=" + D.plusDays(30), "dept"))
                .containsExactly("VN-51-0701", "VN-51-0702");
        assertThat(codes("?certificateExpiringBy=" + D.plusDays(10), "dept")).isEmpty();

        TestHttp.Response page = ok(http.get("/api/codes?limit=2", "dept"), 200);
        assertThat(page.body()).hasSize(2);
        assertThat(page.headers().get("Link")).contains("offset=2").contains("rel=\"next\"");
    }

    @Test
    void theRegisterExportsAsCsvWithTheSameFilters() throws Exception {
        TestHttp.Response csv = ok(http.get("/api/codes.csv?status=ISSUED,SUSPENDED", "dept"), 200);
        assertThat(csv.contentType()).startsWith("text/csv");
        var rows = org.apache.commons.csv.CSVFormat.RFC4180
                .builder()
                .setHeader()
                .get()
                .parse(new java.io.StringReader(csv.text()))
                .getRecords();
        assertThat(rows.stream().map(r -> r.get("code")).toList())
                .containsExactly("VN-51-0701", "VN-51-0703", "VN-51-0704");
        var a1 = rows.getFirst();
        assertThat(a1.get("cooperativeName")).isEqualTo("HTX Đức Phong");
        assertThat(a1.get("reviewDueOn"))
                .isEqualTo(D.minusDays(400).plusYears(1).toString());
        assertThat(a1.get("certificateValidTo")).isEqualTo(D.plusDays(20).toString());
        assertThat(ok(http.get("/api/codes.csv", "htx-b"), 200).text()).doesNotContain("VN-51-0701");
        assertThat(http.get("/api/codes.csv?status=BOGUS", "dept").status()).isEqualTo(400);
        assertThat(http.get("/api/codes.csv", "cb").status()).isEqualTo(403);
    }

    @Test
    void badFiltersAreRefusedNamingTheField() {
        TestHttp.Response status = ok(http.get("/api/codes?status=BOGUS", "dept"), 400);
        assertThat(status.body().get("pointer").stringValue()).isEqualTo("/status");
        assertThat(status.detail()).contains("BOGUS");
        assertThat(ok(http.get("/api/codes?reviewDueBy=yesterday", "dept"), 400)
                        .body()
                        .get("pointer")
                        .stringValue())
                .isEqualTo("/reviewDueBy");
        assertThat(ok(http.get("/api/codes?crop=Rice%20(paddy)", "dept"), 400)
                        .body()
                        .get("pointer")
                        .stringValue())
                .isEqualTo("/crop");
    }

    @Test
    void aCooperativeListsItsOwnCodesOnly() {
        assertThat(codes("?status=ISSUED,SUSPENDED", "htx-b")).containsExactly("VN-51-0703", "VN-51-0704");
        ok(http.get("/api/codes", "htx-b"), 200)
                .body()
                .forEach(r -> assertThat(r.get("organisation").stringValue()).isEqualTo("htx-b"));
        assertThat(codes("?cooperative=htx-b&status=SUSPENDED", "htx-b")).containsExactly("VN-51-0704");
        assertThat(http.get("/api/codes?cooperative=htx-a", "htx-b").status()).isEqualTo(403);
        assertThat(http.get("/api/codes", "cb").status()).isEqualTo(403);
        assertThat(http.get("/api/codes").status()).isEqualTo(401);
    }

    @Test
    void theRegisterAssignsTheSerialsNeverTwice() throws Exception {
        // two applications at once, without a code: consecutive serials after the highest in the province
        var pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<String>> both = List.of(
                    () -> {
                        province.plot("htx-b", "s1", "rice", 108.90);
                        return province.apply("htx-b", null, "rice", List.of("s1"), 0);
                    },
                    () -> {
                        province.plot("htx-b", "s2", "rice", 108.91);
                        return province.apply("htx-b", null, "rice", List.of("s2"), 0);
                    });
            List<String> assigned = new ArrayList<>();
            for (Future<String> f : pool.invokeAll(both)) assigned.add(f.get());
            assertThat(assigned).containsExactlyInAnyOrder("VN-51-0705", "VN-51-0706");
        } finally {
            pool.shutdown();
        }
    }
}

package vn.dongxanh.trace.scan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
import vn.dongxanh.trace.gs1.Gs1;

/**
 * Scan signals: anonymous reads of a published lot are counted by day and coarse region (the
 * region of the client that a trusted proxy names), signed-in reads are not, and no address is
 * kept; a lot scanned in two far-apart regions within the window, or more times than its units
 * allow, is flagged to its cooperative and the department, and to nobody else.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "dx.trace.ledger.mode=off",
            "dx.trace.ingest.pull-on-batch=false",
            "dx.trace.scans.flush-interval=100ms",
            // 1234.5 kg in 500 kg units: 3 units; flagged past 2 scans a unit, at the 7th scan
            "dx.trace.scans.kg-per-unit=500",
            "dx.trace.scans.overscan-factor=2",
            "dx.trace.security.rate-limit.trusted-proxies=127.0.0.1",
            "dx.trace.scans.regions[0].name=Quảng Ngãi",
            "dx.trace.scans.regions[0].latitude=15.12",
            "dx.trace.scans.regions[0].longitude=108.80",
            "dx.trace.scans.regions[0].networks=10.1.0.0/16",
            "dx.trace.scans.regions[1].name=Hà Nội",
            "dx.trace.scans.regions[1].latitude=21.03",
            "dx.trace.scans.regions[1].longitude=105.85",
            "dx.trace.scans.regions[1].networks=10.2.0.0/16",
            // nearer than far-apart-km to Quảng Ngãi, and more specific than its /16
            "dx.trace.scans.regions[2].name=Đà Nẵng",
            "dx.trace.scans.regions[2].latitude=16.05",
            "dx.trace.scans.regions[2].longitude=108.20",
            "dx.trace.scans.regions[2].networks=10.1.200.0/24"
        })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ScanSignalsTest {
    private static final LocalServices.TestDatabase DB = LocalServices.freshDatabase("trace_scans");
    private static final LocalDate D = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh"));
    private static final String GTIN = Gs1.gtin14("893612400001" + Gs1.checkDigit("893612400001"));
    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final Map<String, Long> BATCHES = new LinkedHashMap<>();

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

    private TestHttp.Response ok(TestHttp.Response r, int status) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        return r;
    }

    @BeforeEach
    void seed() {
        http = new TestHttp(port);
        if (!BATCHES.isEmpty()) return;
        var province = new TestProvince(http, D);
        province.organisations(
                new String[] {"so-nnmt", "DEPARTMENT", "Sở NN&MT"},
                new String[] {"htx-a", "COOPERATIVE", "HTX Đức Phong"},
                new String[] {"htx-b", "COOPERATIVE", "HTX Hành Tín Đông"});
        province.issuedCode("htx-a", "plot-s", "VN-51-0901", "rice", 108.8, 90);
        province.product("htx-a", GTIN, "Gạo", "rice");
        for (String lot : List.of("COUNTED", "FAR", "NEAR", "MANY")) {
            BATCHES.put(lot, province.batch("htx-a", GTIN, lot, "VN-51-0901", 1234.5, List.of(), 10));
        }
    }

    /** An anonymous read of the lot's story, as the buyer page makes it for a client at this address. */
    private void scan(String lot, String clientAddress) throws Exception {
        HttpResponse<String> r = CLIENT.send(
                HttpRequest.newBuilder(
                                URI.create("http://127.0.0.1:" + port + "/api/lots/" + GTIN + "/" + lot + "/story"))
                        .header("X-Forwarded-For", clientAddress)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    }

    private JsonNode scans(String lot, String user) {
        return ok(http.get("/api/batches/" + BATCHES.get(lot) + "/scans", user), 200)
                .body();
    }

    private List<String> flags(String user, String lot) {
        List<String> kinds = new ArrayList<>();
        for (JsonNode f : ok(http.get("/api/scans/flags", user), 200).body().get("flags")) {
            if (f.get("lot").stringValue().equals(lot)) kinds.add(f.get("kind").stringValue());
        }
        return kinds;
    }

    @Test
    void scansAreCountedByDayAndRegionAndNoAddressIsKept() throws Exception {
        for (int i = 0; i < 3; i++) scan("COUNTED", "10.1.2." + (3 + i));
        scan("COUNTED", "10.1.200.7");
        scan("COUNTED", "203.0.113.9");
        // the cooperative reading its own lot is not a buyer's scan
        ok(http.get("/api/lots/" + GTIN + "/COUNTED/story", "htx-a"), 200);
        // nor is an address a client writes itself before the trusted proxy's
        scan("COUNTED", "10.2.0.1, 10.1.9.9");

        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(
                        () -> assertThat(scans("COUNTED", "htx-a").get("total").longValue())
                                .isEqualTo(6));
        JsonNode s = scans("COUNTED", "dept");
        Map<String, Long> byRegion = new LinkedHashMap<>();
        for (JsonNode d : s.get("days")) {
            assertThat(d.get("day").stringValue()).isEqualTo(D.toString());
            byRegion.put(d.get("region").stringValue(), d.get("scans").longValue());
        }
        assertThat(byRegion).isEqualTo(Map.of("Quảng Ngãi", 4L, "Đà Nẵng", 1L, "unknown", 1L));
        assertThat(s.get("units").longValue()).isEqualTo(3);
        assertThat(s.get("flags"))
                .as("Quảng Ngãi and Đà Nẵng are nearer than 200 km")
                .isEmpty();

        String kept = String.join(
                "\n",
                jdbc.queryForList(
                        "select concat_ws(' ', batch_id, day, region, scans) from lot_scan_day"
                                + " union all select concat_ws(' ', batch_id, region, last_at) from lot_scan_region"
                                + " union all select concat_ws(' ', kind, detail) from scan_flag",
                        String.class));
        for (String address : List.of("10.1.2.3", "10.1.200.7", "203.0.113.9", "10.2.0.1", "10.1.9.9")) {
            assertThat(kept).doesNotContain(address);
        }
    }

    @Test
    void aLotScannedInFarApartRegionsAtOnceIsFlaggedToItsCooperativeAndTheDepartment() throws Exception {
        scan("NEAR", "10.1.0.1");
        scan("NEAR", "10.1.200.1");
        scan("FAR", "10.1.0.1");
        scan("FAR", "10.2.0.1");
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(flags("dept", "FAR")).containsExactly("FAR_APART"));
        assertThat(flags("htx-a", "FAR")).containsExactly("FAR_APART");
        assertThat(flags("htx-b", "FAR")).as("another cooperative's lot").isEmpty();
        JsonNode flag = scans("FAR", "htx-a").get("flags").get(0);
        assertThat(flag.get("detail").stringValue()).contains("Quảng Ngãi", "Hà Nội", "km apart");
        // the near lot's counts are in, and it has no flag
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(
                        () -> assertThat(scans("NEAR", "htx-a").get("total").longValue())
                                .isEqualTo(2));
        assertThat(flags("dept", "NEAR")).isEmpty();
        assertThat(http.get("/api/scans/flags").status()).isEqualTo(401);
    }

    @Test
    void aLotScannedMoreTimesThanItsUnitsAllowIsFlagged() throws Exception {
        for (int i = 0; i < 6; i++) scan("MANY", "203.0.113." + i);
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(
                        () -> assertThat(scans("MANY", "htx-a").get("total").longValue())
                                .isEqualTo(6));
        assertThat(flags("dept", "MANY"))
                .as("6 scans of 3 units: not more than 2 a unit")
                .isEmpty();
        scan("MANY", "203.0.113.99");
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(flags("dept", "MANY")).containsExactly("OVERSCANNED"));
        assertThat(scans("MANY", "htx-a").get("flags").get(0).get("detail").stringValue())
                .isEqualTo("scanned 7 times, more than 2 times its 3 units of 500 kg");
    }
}

package vn.dongxanh.trace.listing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
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
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import vn.dongxanh.devkit.LocalServices;
import vn.dongxanh.trace.TestHttp;
import vn.dongxanh.trace.TestProperties;
import vn.dongxanh.trace.epcis.EpcisEvents;
import vn.dongxanh.trace.gs1.Gs1;

/**
 * The listing feed: a cooperative's feed lists its live lots only (not another cooperative's, not
 * drafts, not a recalled lot), the CSV parses back with Commons CSV to the JSON-LD's rows, pages
 * follow their next links, and every Digital Link URI in the feed resolves through the resolver,
 * whose linkset is served as application/linkset+json when asked for.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"dx.trace.ledger.mode=off", "dx.trace.ingest.pull-on-batch=false"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ListingFeedTest {
    private static final LocalServices.TestDatabase DB = LocalServices.freshDatabase("trace_listing");
    private static final LocalDate D = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh"));
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String GTIN_A = gtin("893612300001");
    private static final String GTIN_B = gtin("893612300002");
    private static final String LINKSET = "application/linkset+json";
    private static boolean seeded;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestProperties.database(registry, DB);
        TestProperties.issuer(registry);
        registry.add("dx.trace.ingest.base-url", () -> "http://127.0.0.1:9");
        registry.add("dx.trace.listing.default-limit", () -> "2");
    }

    @AfterAll
    static void cleanUp(@Autowired DataSource dataSource) throws Exception {
        if (dataSource instanceof AutoCloseable pool) pool.close();
        DB.close();
    }

    @LocalServerPort
    int port;

    TestHttp http;

    private static String gtin(String twelve) {
        String g = twelve + Gs1.checkDigit(twelve);
        return Gs1.gtin14(g);
    }

    private TestHttp.Response ok(TestHttp.Response r, int status) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
        return r;
    }

    @BeforeEach
    void seed() {
        http = new TestHttp(port);
        if (seeded) return;
        for (String[] org : new String[][] {
            {"so-nnmt", "DEPARTMENT", "Sở NN&MT"},
            {"htx-a", "COOPERATIVE", "HTX Đức Phong, \"Lúa sạch\""},
            {"htx-b", "COOPERATIVE", "HTX Hành Tín Đông"},
            {"cb-1", "CERTIFICATION_BODY", "Trung tâm chứng nhận 1"}
        }) {
            ok(http.post("/api/organisations", Map.of("id", org[0], "kind", org[1], "name", org[2]), "dept"), 201);
        }
        cooperative("a", "htx-a", GTIN_A, "VN-51-0801", "Gạo thơm, túi 5 kg\nloại 1", 108.80);
        cooperative("b", "htx-b", GTIN_B, "VN-51-0802", "Gạo b", 108.90);
        long vietgap = ok(
                        http.post(
                                "/api/certificates",
                                Map.of(
                                        "scheme",
                                        "VIETGAP",
                                        "number",
                                        "VietGAP-TT-13-09-51-0801",
                                        "holderId",
                                        "htx-a",
                                        "validFrom",
                                        D.minusDays(200).toString(),
                                        "validTo",
                                        D.plusDays(300).toString(),
                                        "crops",
                                        List.of("rice")),
                                "cb"),
                        201)
                .body()
                .get("id")
                .longValue();
        Map<String, Object> ocop = new LinkedHashMap<>();
        ocop.put("scheme", "OCOP");
        ocop.put("number", "123/QĐ-UBND");
        ocop.put("holderId", "htx-a");
        ocop.put("issuerName", "UBND tỉnh Quảng Ngãi");
        ocop.put("stars", 4);
        ocop.put("validFrom", D.minusDays(100).toString());
        ocop.put("validTo", D.plusDays(900).toString());
        ocop.put("products", List.of(GTIN_A));
        long ocopId = ok(http.post("/api/certificates", ocop, "dept"), 201)
                .body()
                .get("id")
                .longValue();
        batch("htx-a", GTIN_A, "A-1", "VN-51-0801", List.of(vietgap, ocopId), null);
        batch("htx-a", GTIN_A, "A-2", "VN-51-0801", List.of(vietgap), null);
        batch("htx-a", GTIN_A, "A-DRAFT", "VN-51-0801", List.of(), false);
        batch("htx-a", GTIN_A, "A-3", "VN-51-0801", List.of(), null);
        batch("htx-a", GTIN_A, "A-RECALLED", "VN-51-0801", List.of(), null);
        batch("htx-b", GTIN_B, "B-1", "VN-51-0802", List.of(), null);
        seeded = true;
    }

    private void cooperative(String x, String manager, String gtin, String code, String product, double lon) {
        ok(
                http.post(
                        "/api/plots",
                        Map.of(
                                "id",
                                "plot-" + x,
                                "name",
                                "Ruộng " + x,
                                "crop",
                                "rice",
                                "geometry",
                                TestHttp.square(lon, 14.95, 120)),
                        manager),
                201);
        ok(
                http.post(
                        "/api/codes",
                        Map.of(
                                "code",
                                code,
                                "crop",
                                "rice",
                                "plotIds",
                                List.of("plot-" + x),
                                "applicationDate",
                                D.minusDays(100).toString()),
                        manager),
                201);
        for (String[] step : new String[][] {{"UNDER_INSPECTION", "95"}, {"ISSUED", "90"}}) {
            ok(
                    http.post(
                            "/api/codes/" + code + "/status",
                            Map.of(
                                    "status",
                                    step[0],
                                    "reason",
                                    "inspection",
                                    "effectiveDate",
                                    D.minusDays(Long.parseLong(step[1])).toString()),
                            "dept"),
                    200);
        }
        ok(http.post("/api/products", Map.of("gtin", gtin, "name", product, "crop", "rice"), manager), 201);
    }

    private void batch(String manager, String gtin, String lot, String code, List<Long> certs, Boolean publish) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("gtin", gtin);
        body.put("lot", lot);
        body.put("code", code);
        body.put("harvestDate", D.minusDays(10).toString());
        body.put("quantityKg", 1234.5);
        body.put("certificateIds", certs);
        if (publish != null) body.put("publish", publish);
        ok(http.post("/api/batches", body, manager), 201);
    }

    /** Every lot of a JSON-LD feed, following its next links. */
    private List<JsonNode> allJsonLd(String path) {
        List<JsonNode> lots = new ArrayList<>();
        String next = path;
        int pages = 0;
        while (next != null) {
            TestHttp.Response r = ok(http.get(next), 200);
            assertThat(r.contentType()).startsWith("application/ld+json");
            r.body().get("dataFeedElement").forEach(lots::add);
            String link = r.headers().get("Link");
            next = link == null ? null : link.substring(1, link.indexOf('>'));
            assertThat(++pages).as("pages of " + path).isLessThan(20);
        }
        return lots;
    }

    private static List<String> lots(List<JsonNode> products) {
        List<String> lots = new ArrayList<>();
        for (JsonNode p : products) {
            for (JsonNode v : p.get("additionalProperty")) {
                if (v.get("propertyID").stringValue().equals("lot"))
                    lots.add(v.get("value").stringValue());
            }
        }
        return lots;
    }

    private void recall(String gtin, String lot) {
        EpcisEvents events = new EpcisEvents(JSON, "https://id.gs1.org");
        ObjectNode recall = events.harvest(
                Instant.now(),
                ZoneOffset.ofHours(7),
                new EpcisEvents.Quantity(events.lgtin(gtin, lot), new java.math.BigDecimal("1234.5")),
                "geo:14.950500,108.800600",
                "VN-51-0801",
                List.of(),
                List.of());
        recall.put("action", "OBSERVE");
        recall.put("bizStep", "holding");
        recall.put("disposition", "recalled");
        TestHttp.Response r = http.post("/api/epcis/capture", events.document(Instant.now(), List.of(recall)), "htx-a");
        assertThat(r.status()).as(r.text()).isIn(200, 201, 202);
    }

    @Test
    void aCooperativesFeedListsItsLiveLotsOnly() {
        recall(GTIN_A, "A-RECALLED");
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(() -> assertThat(lots(allJsonLd("/api/listing/htx-a")))
                        .as("published, not recalled, htx-a's only, in publication order")
                        .containsExactly("A-1", "A-2", "A-3"));
        assertThat(lots(allJsonLd("/api/listing/htx-b"))).containsExactly("B-1");
        assertThat(lots(allJsonLd("/api/listing"))).containsExactly("A-1", "A-2", "A-3", "B-1");
        // the same for any caller: a listing is public, even the cooperative's own token sees no draft
        TestHttp.Response own = ok(http.get("/api/listing/htx-a?limit=100", "htx-a"), 200);
        assertThat(lots(toList(own.body().get("dataFeedElement")))).containsExactly("A-1", "A-2", "A-3");
        // unknown, not a cooperative, or never published: the same 404
        for (String id : List.of("htx-x", "cb-1", "so-nnmt")) {
            TestHttp.Response r = http.get("/api/listing/" + id);
            assertThat(r.status()).as(id).isEqualTo(404);
            assertThat(r.contentType()).startsWith("application/problem+json");
        }
        TestHttp.Response bad = http.get("/api/listing?limit=0");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.detail()).contains("'limit'");
        assertThat(http.get("/api/listing?format=xml").detail()).contains("'format'");

        JsonNode a1 = allJsonLd("/api/listing/htx-a").getFirst();
        assertThat(a1.get("@type").stringValue()).isEqualTo("Product");
        assertThat(a1.get("gtin").stringValue()).isEqualTo(GTIN_A);
        assertThat(a1.get("manufacturer").get("name").stringValue()).isEqualTo("HTX Đức Phong, \"Lúa sạch\"");
        JsonNode certs = a1.get("hasCertification");
        assertThat(certs).hasSize(2);
        JsonNode vietgap = certs.get(0).get("name").stringValue().equals("VietGAP") ? certs.get(0) : certs.get(1);
        JsonNode ocop = vietgap == certs.get(0) ? certs.get(1) : certs.get(0);
        assertThat(vietgap.get("certificationIdentification").stringValue()).isEqualTo("VietGAP-TT-13-09-51-0801");
        assertThat(vietgap.get("expires").stringValue())
                .isEqualTo(D.plusDays(300).toString());
        assertThat(vietgap.get("certificationStatus").stringValue()).isEqualTo("CertificationActive");
        assertThat(ocop.get("certificationRating").get("ratingValue").intValue())
                .isEqualTo(4);
        assertThat(ocop.get("issuedBy").get("name").stringValue()).isEqualTo("UBND tỉnh Quảng Ngãi");
        assertThat(a1.toString()).contains("VN-51-0801");
    }

    private static List<JsonNode> toList(JsonNode array) {
        List<JsonNode> list = new ArrayList<>();
        array.forEach(list::add);
        return list;
    }

    @Test
    void theCsvParsesBackToTheSameRowsAsTheJsonLd() throws Exception {
        List<JsonNode> products = allJsonLd("/api/listing");
        TestHttp.Response csv = ok(http.get("/api/listing?format=csv"), 200);
        assertThat(csv.contentType()).startsWith("text/csv");
        assertThat(csv.headers().get("Link")).as("the whole feed in one answer").isNull();
        List<CSVRecord> records;
        try (CSVParser parser = CSVFormat.RFC4180
                .builder()
                .setHeader()
                .setSkipHeaderRecord(true)
                .get()
                .parse(new StringReader(csv.text()))) {
            assertThat(parser.getHeaderNames()).isEqualTo(ListingCsv.HEADER);
            records = parser.getRecords();
        }
        assertThat(csv.text()).as("RFC 4180 line ends").contains("\r\n");
        assertThat(records).hasSameSizeAs(products);
        for (int i = 0; i < records.size(); i++) {
            CSVRecord row = records.get(i);
            JsonNode p = products.get(i);
            assertThat(row.get("gtin")).isEqualTo(p.get("gtin").stringValue());
            assertThat(row.get("trace_uri")).isEqualTo(p.get("@id").stringValue());
            assertThat(row.get("product_name")).isEqualTo(p.get("name").stringValue());
            assertThat(row.get("cooperative_name"))
                    .isEqualTo(p.get("manufacturer").get("name").stringValue());
            assertThat(row.get("lot")).isEqualTo(lots(List.of(p)).getFirst());
            assertThat(row.get("harvest_date"))
                    .isEqualTo(p.get("productionDate").stringValue());
        }
        CSVRecord a1 = records.getFirst();
        assertThat(a1.get("product_name"))
                .as("a comma, quotes and a line break survive the quoting")
                .isEqualTo("Gạo thơm, túi 5 kg\nloại 1");
        assertThat(a1.get("cooperative_name")).isEqualTo("HTX Đức Phong, \"Lúa sạch\"");
        assertThat(a1.get("vietgap_number")).isEqualTo("VietGAP-TT-13-09-51-0801");
        assertThat(a1.get("vietgap_status")).isEqualTo("VALID");
        assertThat(a1.get("ocop_stars")).isEqualTo("4");
        assertThat(a1.get("ocop_valid_to")).isEqualTo(D.plusDays(900).toString());
        assertThat(a1.get("growing_area_code")).isEqualTo("VN-51-0801");
        assertThat(a1.get("quantity_kg")).isEqualTo("1234.500");

        // the Accept header picks CSV too; a page of CSV carries its next link
        HttpResponse<String> paged = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/listing?limit=1"))
                                .header("Accept", "text/csv, application/ld+json;q=0.5")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(paged.statusCode()).isEqualTo(200);
        assertThat(paged.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
        assertThat(paged.headers().firstValue("Link").orElseThrow())
                .contains("after=")
                .contains("rel=\"next\"");
        assertThat(paged.body().split("\r\n")).hasSize(2);
    }

    @Test
    void everyDigitalLinkOfTheFeedResolvesThroughTheResolver() {
        List<JsonNode> products = allJsonLd("/api/listing");
        assertThat(products).isNotEmpty();
        for (JsonNode p : products) {
            String uri = p.get("@id").stringValue();
            assertThat(p.get("url").stringValue()).isEqualTo(uri);
            String path = URI.create(uri).getPath();
            assertThat(path).startsWith("/01/" + p.get("gtin").stringValue() + "/10/");
            TestHttp.Response resolved = ok(http.get(path), 200);
            assertThat(resolved.body().get("@id").stringValue()).as(path).isEqualTo(uri);
            assertThat(resolved.body().get("gtin").stringValue())
                    .isEqualTo(p.get("gtin").stringValue());
        }
    }

    @Test
    void theResolverServesItsLinksetAsLinksetJsonWhenAskedFor() throws Exception {
        String path = "/01/" + GTIN_A + "/10/A-1";
        HttpClient client = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        Map<String, String> asked = new LinkedHashMap<>();
        asked.put(path + "?linkType=linkset", "*/*");
        asked.put(path + "?linkType=all", "application/json");
        asked.put(path, LINKSET);
        asked.put(path + " ", "application/linkset+json, application/ld+json;q=0.9");
        for (var a : asked.entrySet()) {
            HttpResponse<String> r = client.send(
                    HttpRequest.newBuilder(URI.create(
                                    "http://127.0.0.1:" + port + a.getKey().strip()))
                            .header("Accept", a.getValue())
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(a.toString()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type").orElseThrow())
                    .as(a.toString())
                    .startsWith(LINKSET);
            JsonNode doc = JSON.readTree(r.body());
            assertThat(doc.properties()).as("only the linkset member").hasSize(1);
            JsonNode context = doc.get("linkset").get(0);
            String self = context.get("anchor").stringValue();
            assertThat(self).endsWith(path);
            JsonNode defaultLink = context.get("https://gs1.org/voc/defaultLink");
            assertThat(defaultLink).as("GS1: a default link").hasSize(1);
            assertThat(defaultLink.get(0).get("href").stringValue()).isEqualTo(self);
            JsonNode epcis = context.get("https://gs1.org/voc/epcis").get(0);
            assertThat(epcis.get("href").stringValue()).contains("/api/epcis/events?epc=");
            assertThat(epcis.get("title").isString()).isTrue();
            assertThat(epcis.get("type").stringValue()).isEqualTo("application/ld+json");
            assertThat(context.get("https://gs1.org/voc/certificationInfo"))
                    .as("both certificates of A-1")
                    .hasSize(2);
            // every member other than anchor and itemDescription is a relation: an array of target objects
            for (var member : context.properties()) {
                if (member.getKey().equals("anchor") || member.getKey().equals("itemDescription")) continue;
                assertThat(member.getValue().isArray()).as(member.getKey()).isTrue();
                member.getValue().forEach(t -> assertThat(t.has("href")).isTrue());
            }
        }
        // a wildcard or a JSON-LD client still gets the description, pointing at the linkset
        for (String accept : List.of("*/*", "application/ld+json", "application/json;q=0.9, */*;q=0.8")) {
            HttpResponse<String> r = client.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                            .header("Accept", accept)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.headers().firstValue("Content-Type").orElseThrow())
                    .as(accept)
                    .doesNotStartWith(LINKSET);
            assertThat(r.headers().firstValue("Link").orElseThrow())
                    .contains("?linkType=linkset>; rel=\"linkset\"; type=\"application/linkset+json\"");
            assertThat(r.headers().firstValue("Vary").orElseThrow()).contains("Accept");
        }
        // one link type still redirects to its target
        HttpResponse<String> epcis = client.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path + "?linkType=gs1:epcis"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(epcis.statusCode()).isEqualTo(307);
    }
}

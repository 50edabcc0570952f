package vn.dongxanh.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.authentication;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;

import com.google.zxing.BarcodeFormat;
import com.google.zxing.BinaryBitmap;
import com.google.zxing.DecodeHintType;
import com.google.zxing.Result;
import com.google.zxing.client.j2se.BufferedImageLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.multi.qrcode.QRCodeMultiReader;
import com.google.zxing.qrcode.QRCodeReader;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.test.web.servlet.setup.SecurityMockMvcConfigurers;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.context.WebApplicationContext;
import vn.dongxanh.contract.Json;
import vn.dongxanh.contract.identity.PlatformRole;
import vn.dongxanh.contract.identity.TokenClaims;
import vn.dongxanh.devkit.FreePorts;
import vn.dongxanh.devkit.LocalServices;
import vn.dongxanh.devkit.TokenIssuer;

/**
 * Harvest to batch through the web's pages (Spring MVC, not a browser) against the real
 * traceability-service started from its packaged jar (ledger off: labels do not wait on anchoring)
 * on real PostgreSQL. The manager's session holds an access token of devkit's issuer, which
 * traceability-service trusts; the web calls the service with it. She checks a batch (a failing
 * one first: no create button), creates the passing one, and the label sheet she downloads from
 * the web decodes (PDFBox, ZXing) to the batch's Digital Link URI; the list shows it. Last, the service is stopped
 * and the pages still render, saying so.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.MOCK)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the batch test stops traceability-service at its end
class BatchPagesIT {
    private static final String PUBLIC_URL = "https://truyxuat.example.vn";
    private static final LocalDate TODAY = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh"));
    private static final String GTIN13 = "8931234567897";
    private static final String GTIN14 = "0" + GTIN13;
    private static final String LOT = "HT-2026-07";
    private static final String CODE = "VN-51-0077";

    private static TokenIssuer issuer;
    private static LocalServices.TestDatabase db;
    private static Services services;
    private static String trace;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) throws Exception {
        issuer = TokenIssuer.start();
        db = LocalServices.freshDatabase("web_it_trace");
        services = new Services(Path.of("target", "batch-it-logs").toAbsolutePath());
        int port = FreePorts.tcp();
        services.start(
                "traceability-service",
                port,
                Map.ofEntries(
                        Map.entry("DX_TRACE_PORT", Integer.toString(port)),
                        Map.entry("DX_TRACE_DB_URL", db.jdbcUrl()),
                        Map.entry("DX_TRACE_DB_USER", db.user()),
                        Map.entry("DX_TRACE_DB_PASSWORD", db.password()),
                        Map.entry("DX_TRACE_LEDGER_MODE", "off"),
                        Map.entry("DX_TRACE_INGEST_PULL_ON_BATCH", "false"),
                        Map.entry("DX_TRACE_OIDC_ISSUER_URI", issuer.issuerUri()),
                        Map.entry("DX_TRACE_PUBLIC_URL", PUBLIC_URL),
                        // pages of two: the list's "more" link shows with three batches
                        Map.entry("DX_TRACE_LISTS_DEFAULT_LIMIT", "2"),
                        // scans written at once, and flagged past one scan per 1,000 kg pack
                        Map.entry("DX_TRACE_SCANS_FLUSH_INTERVAL", "100ms"),
                        Map.entry("DX_TRACE_SCANS_KG_PER_UNIT", "1000"),
                        Map.entry("DX_TRACE_SCANS_OVERSCAN_FACTOR", "1")));
        trace = "http://127.0.0.1:" + port;
        seed();
        registry.add("dx.web.trace-url", () -> trace);
        registry.add("dx.web.ingest-url", () -> "http://127.0.0.1:" + FreePorts.tcp()); // not needed here
        registry.add("dx.web.issuer", issuer::issuerUri);
        registry.add("dx.web.client-secret", () -> "unused");
        // the sign-in itself is not exercised here (WebBrowserIT does): a provider given by its endpoints,
        // no discovery (devkit's issuer offers only client credentials)
        registry.add("spring.security.oauth2.client.registration.dx.provider", () -> "it");
        registry.add(
                "spring.security.oauth2.client.provider.it.authorization-uri", () -> issuer.issuerUri() + "/authorize");
        registry.add("spring.security.oauth2.client.provider.it.token-uri", issuer::tokenUri);
        registry.add("spring.security.oauth2.client.provider.it.jwk-set-uri", issuer::jwkSetUri);
        registry.add("spring.security.oauth2.client.provider.it.user-name-attribute", () -> "sub");
    }

    @AfterAll
    static void stop() throws Exception {
        if (services != null) services.close();
        if (db != null) db.close();
        if (issuer != null) issuer.close();
    }

    /** The province's records the batch rests on: a plot, its code issued, the product. */
    private static void seed() throws Exception {
        String dept = token("dept", "so-nnmt", PlatformRole.DEPARTMENT_OFFICER);
        String manager = token("manager-a", "htx-a", PlatformRole.COOP_MANAGER);
        for (String[] org : new String[][] {{"htx-a", "COOPERATIVE"}, {"so-nnmt", "DEPARTMENT"}}) {
            call("/api/organisations", Map.of("id", org[0], "kind", org[1], "name", org[0]), dept, 201);
        }
        double lon = 108.86,
                lat = 14.95,
                dLat = 120 / 110_574.0,
                dLon = 120 / (111_320.0 * Math.cos(Math.toRadians(lat)));
        var square = Map.of(
                "type",
                "Polygon",
                "coordinates",
                List.of(List.of(
                        List.of(lon, lat),
                        List.of(lon + dLon, lat),
                        List.of(lon + dLon, lat + dLat),
                        List.of(lon, lat + dLat),
                        List.of(lon, lat))));
        call(
                "/api/plots",
                Map.of("id", "lua-1", "name", "Ruộng lúa 1", "crop", "rice", "geometry", square),
                manager,
                201);
        call(
                "/api/codes",
                Map.of(
                        "code",
                        CODE,
                        "crop",
                        "rice",
                        "plotIds",
                        List.of("lua-1"),
                        "applicationDate",
                        TODAY.minusDays(100).toString()),
                manager,
                201);
        for (String[] step : new String[][] {{"UNDER_INSPECTION", "95"}, {"ISSUED", "90"}}) {
            call(
                    "/api/codes/" + CODE + "/status",
                    Map.of(
                            "status",
                            step[0],
                            "reason",
                            "inspection",
                            "effectiveDate",
                            TODAY.minusDays(Long.parseLong(step[1])).toString()),
                    dept,
                    200);
        }
        call("/api/products", Map.of("gtin", GTIN13, "name", "Gạo thơm Mộ Đức", "crop", "rice"), manager, 201);
    }

    private static String token(String subject, String organisation, PlatformRole role) {
        return issuer.tokenFor(subject, organisation, role, "traceability-service");
    }

    private static void call(String path, Object body, String token, int status) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(trace + path))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.MAPPER.writeValueAsString(body)))
                .build();
        var answer = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(status);
    }

    @Autowired
    WebApplicationContext context;

    @Autowired
    ClientRegistrationRepository registrations;

    @Autowired
    OAuth2AuthorizedClientRepository clients;

    MockMvc mvc;
    MockHttpSession session;
    OAuth2AuthenticationToken manager;

    /** The manager signed in: her ID token's claims, and her access token in the web's authorized clients. */
    @BeforeEach
    void signIn() {
        signIn("manager-a", "htx-a", PlatformRole.COOP_MANAGER);
    }

    /** Someone signed in (the session {@link #as} uses from then on). */
    private void signIn(String subject, String organisation, PlatformRole role) {
        mvc = MockMvcBuilders.webAppContextSetup(context)
                .apply(SecurityMockMvcConfigurers.springSecurity())
                .build();
        Instant now = Instant.now();
        var idToken = OidcIdToken.withTokenValue("id-token")
                .subject(subject)
                .issuer(issuer.issuerUri())
                .issuedAt(now)
                .expiresAt(now.plusSeconds(3600))
                .claim(TokenClaims.ORGANISATION, organisation)
                .claim(TokenClaims.ROLES, List.of(role.name()))
                .build();
        var authorities = List.of(new SimpleGrantedAuthority("OIDC_USER"));
        manager = new OAuth2AuthenticationToken(new DefaultOidcUser(authorities, idToken), authorities, "dx");
        var access = new OAuth2AccessToken(
                OAuth2AccessToken.TokenType.BEARER, token(subject, organisation, role), now, now.plusSeconds(3600));
        session = new MockHttpSession();
        var request = new MockHttpServletRequest();
        request.setSession(session);
        clients.saveAuthorizedClient(
                new OAuth2AuthorizedClient(registrations.findByRegistrationId("dx"), subject, access),
                manager,
                request,
                new MockHttpServletResponse());
    }

    private MockHttpServletRequestBuilder as(MockHttpServletRequestBuilder request) {
        return request.session(session).with(authentication(manager));
    }

    /** A file upload as the one signed in (a multipart builder is not a {@link MockHttpServletRequestBuilder}). */
    private org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder upload(
            org.springframework.test.web.servlet.request.MockMultipartHttpServletRequestBuilder request) {
        return request.session(session).with(authentication(manager));
    }

    private MockHttpServletRequestBuilder form(String path, String gtin, String lot) {
        return as(post(path))
                .with(csrf())
                .param("gtin", gtin)
                .param("lot", lot)
                .param("code", CODE)
                .param("plots", "lua-1")
                .param("harvestDate", TODAY.minusDays(5).toString())
                .param("quantityKg", "1200")
                .param("certificates", "");
    }

    @Test
    @Order(1)
    void aManagerWritesASprayingInThePlotsDiaryAndSeesFromWhenHarvestIsAllowed() throws Exception {
        // the batch form links each plot's diary
        assertThat(html(mvc.perform(form("/batches/checks", GTIN13, "HT-NK-1")).andReturn(), 200))
                .contains("href=\"/plots/lua-1/diary\"");
        String empty = html(mvc.perform(as(get("/plots/lua-1/diary"))).andReturn(), 200);
        assertThat(empty)
                .contains("Nhật ký của thửa này chưa có mục nào")
                .contains("id=\"diary-form\"")
                .contains("<option value=\"PESTICIDE\">Phun thuốc bảo vệ thực vật</option>")
                .contains("name=\"date\" type=\"date\" value=\"" + TODAY + "\"")
                .contains("id=\"pull-summary\"");
        String manager = token("manager-a", "htx-a", PlatformRole.COOP_MANAGER);
        call(
                "/api/plots/lua-1/diary",
                Map.of("date", TODAY.minusDays(40).toString(), "operation", "LAND_PREPARATION"),
                manager,
                201);
        call(
                "/api/plots/lua-1/diary",
                Map.of("date", TODAY.minusDays(30).toString(), "operation", "SOWING"),
                manager,
                201);

        // sprayed long enough before the batch test's harvest that its checks still pass
        LocalDate sprayed = TODAY.minusDays(20);
        MvcResult saved = mvc.perform(as(post("/plots/lua-1/diary"))
                        .with(csrf())
                        .param("date", sprayed.toString())
                        .param("operation", "PESTICIDE")
                        .param("productName", "Validacin 5L")
                        .param("activeIngredients", "validamycin 5%")
                        .param("phiDays", "7")
                        .param("dosePerHa", "1,5 l")
                        .param("operator", "Nguyễn Văn An"))
                .andReturn();
        assertThat(saved.getResponse().getStatus()).isEqualTo(302);
        String location = saved.getResponse().getRedirectedUrl();
        assertThat(location).matches("/plots/lua-1/diary\\?saved=\\d+#entry-\\d+");
        String harvest = java.time.format.DateTimeFormatter.ofLocalizedDate(java.time.format.FormatStyle.SHORT)
                .withLocale(java.util.Locale.forLanguageTag("vi"))
                .format(sprayed.plusDays(7));
        String page = html(
                mvc.perform(as(get(location.substring(0, location.indexOf('#')))))
                        .andReturn(),
                200);
        assertThat(page)
                .contains("Thời gian cách ly: 7 ngày.")
                .contains("Được thu hoạch từ ngày " + harvest)
                .contains("class=\"harvest-from\">" + harvest)
                .contains("Nguyễn Văn An") // the cooperative's own diary
                .contains("id=\"more-entries\""); // pages of two, three entries
        assertThat(page.indexOf("data-operation=\"PESTICIDE\""))
                .as("the newest first")
                .isLessThan(page.indexOf("data-operation=\"SOWING\""));
        assertThat(html(mvc.perform(as(get("/plots/lua-1/diary?offset=2"))).andReturn(), 200))
                .contains("data-operation=\"LAND_PREPARATION\"")
                .doesNotContain("data-operation=\"PESTICIDE\"");

        // refused in words, the form as typed: no operation; a pesticide without its interval
        String noOperation = html(
                mvc.perform(as(post("/plots/lua-1/diary"))
                                .with(csrf())
                                .param("date", TODAY.toString())
                                .param("productName", "Thuốc X"))
                        .andReturn(),
                400);
        assertThat(noOperation)
                .contains("Dịch vụ không nhận mục này")
                .contains("date and operation")
                .contains("id=\"productName\" name=\"productName\" value=\"Thuốc X\"");
        String noPhi = html(
                mvc.perform(as(post("/plots/lua-1/diary"))
                                .with(csrf())
                                .param("date", TODAY.toString())
                                .param("operation", "PESTICIDE")
                                .param("productName", "Thuốc Y"))
                        .andReturn(),
                422);
        assertThat(noPhi)
                .contains("Phun thuốc phải có thời gian cách ly")
                .contains("<option value=\"PESTICIDE\" selected>");

        assertThat(html(
                        mvc.perform(as(get("/plots/lua-1/diary")).param("lang", "en"))
                                .andReturn(),
                        200))
                .contains("Harvest allowed from")
                .contains("Pesticide spraying");
    }

    @Test
    @Order(2)
    void anOfficerFiltersTheRegisterAndAManagerSeesHerOwnCodes() throws Exception {
        signIn("officer-1", "so-nnmt", PlatformRole.DEPARTMENT_OFFICER);
        String all = html(mvc.perform(as(get("/register"))).andReturn(), 200);
        assertThat(all)
                .contains("Sổ đăng ký mã số vùng trồng")
                .contains("data-code=\"" + CODE + "\" data-status=\"ISSUED\"")
                .contains("id=\"f-cooperative\"")
                .contains("id=\"f-commune\"")
                .contains("Lúa");
        // issued 90 days ago: its yearly review falls due in 275 days
        assertThat(html(
                        mvc.perform(as(get("/register"))
                                        .param(
                                                "reviewDueBy",
                                                TODAY.plusDays(300).toString()))
                                .andReturn(),
                        200))
                .contains("data-code=\"" + CODE + "\"");
        assertThat(html(
                        mvc.perform(as(get("/register")).param("reviewDueBy", TODAY.toString()))
                                .andReturn(),
                        200))
                .contains("Không có mã nào khớp với bộ lọc")
                .doesNotContain("data-code=");
        assertThat(html(
                        mvc.perform(as(get("/register")).param("status", "SUSPENDED"))
                                .andReturn(),
                        200))
                .contains("Không có mã nào khớp với bộ lọc");
        // a filter the service refuses: said next to the form, in the reader's words
        assertThat(html(
                        mvc.perform(as(get("/register")).param("reviewDueBy", "soon"))
                                .andReturn(),
                        400))
                .contains("Ngày rà soát không phải là một ngày hợp lệ");
        var csv = mvc.perform(as(get("/register.csv")).param("status", "ISSUED"))
                .andReturn()
                .getResponse();
        csv.setCharacterEncoding("UTF-8");
        assertThat(csv.getStatus()).isEqualTo(200);
        assertThat(csv.getContentAsString()).startsWith("code,cooperative,").contains(CODE + ",htx-a,");
        // the same list as the service's PDF report, its link beside the CSV's with the page's filters
        assertThat(html(
                        mvc.perform(as(get("/register")).param("status", "ISSUED"))
                                .andReturn(),
                        200))
                .contains("href=\"/register.pdf?status=ISSUED\" id=\"register-pdf\"");
        var pdf = mvc.perform(as(get("/register.pdf")).param("status", "ISSUED"))
                .andReturn()
                .getResponse();
        assertThat(pdf.getStatus()).isEqualTo(200);
        assertThat(pdf.getContentType()).isEqualTo("application/pdf");
        assertThat(pdf.getHeader("Content-Disposition"))
                .isEqualTo("attachment; filename=\"register-" + TODAY + ".pdf\"");
        assertThat(pdfText(pdf.getContentAsByteArray()))
                .contains("Sổ đăng ký mã số vùng trồng")
                .contains("Bộ lọc: trạng thái Đã cấp mã (ISSUED)")
                .contains(CODE);
        assertThat(html(mvc.perform(as(get("/register")).param("lang", "en")).andReturn(), 200))
                .contains("Register of growing-area codes")
                .contains("Rice");

        // no batch yet, no certificate: the audit has nothing to say, and says so
        assertThat(html(mvc.perform(as(get("/findings"))).andReturn(), 200))
                .contains("Phát hiện kiểm tra")
                .contains("Không có phát hiện");
        assertThat(html(
                        mvc.perform(as(get("/findings")).param("code", "VN-51-9999"))
                                .andReturn(),
                        404))
                .contains("Không có mã số vùng trồng này");

        signIn("manager-a", "htx-a", PlatformRole.COOP_MANAGER);
        assertThat(html(mvc.perform(as(get("/register"))).andReturn(), 200))
                .contains("Mã số vùng trồng của hợp tác xã")
                .contains("data-code=\"" + CODE + "\"")
                .doesNotContain("id=\"f-cooperative\"");
    }

    @Test
    @Order(4)
    void anOfficerImportsCodesIssuedOnPaperCheckingTheFileFirst() throws Exception {
        signIn("officer-1", "so-nnmt", PlatformRole.DEPARTMENT_OFFICER);
        assertThat(html(mvc.perform(as(get("/register"))).andReturn(), 200)).contains("id=\"register-import\"");
        assertThat(html(mvc.perform(as(get("/register/import"))).andReturn(), 200))
                .contains("Nhập mã số vùng trồng cấp trên giấy")
                .contains("enctype=\"multipart/form-data\"")
                .contains("name=\"_csrf\"");
        double dLat = 120 / 110_574.0, dLon = 120 / (111_320.0 * Math.cos(Math.toRadians(14.95)));
        String square = String.format(
                java.util.Locale.ROOT,
                "\"{\"\"type\"\":\"\"Polygon\"\",\"\"coordinates\"\":[[[%1$.7f,%2$.7f],[%3$.7f,%2$.7f],[%3$.7f,%4$.7f],[%1$.7f,%4$.7f],[%1$.7f,%2$.7f]]]}\"",
                108.50,
                14.95,
                108.50 + dLon,
                14.95 + dLat);
        String csv = "code,cooperative,crop,commune,issuedOn,plotId,plotName,geometry\r\n"
                + "VN-51-0501,htx-a,rice,Xã Đức Phong,2018-06-01,giay-1,Ruộng giấy 1," + square + "\r\n"
                + "VN-51-0502,htx-a,Lúa,,2018-06-01,giay-2,Ruộng giấy 2," + square.replace("108.5", "108.4") + "\r\n";
        var file = new org.springframework.mock.web.MockMultipartFile(
                "file", "ma-giay.csv", "text/csv", csv.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String dry = html(
                mvc.perform(upload(multipart("/register/import").file(file))
                                .param("dryRun", "true")
                                .with(csrf()))
                        .andReturn(),
                200);
        assertThat(dry)
                .contains("data-dry-run=\"true\" data-imported=\"1\" data-refused=\"1\"")
                .contains("data-line=\"3\" data-column=\"crop\"")
                .contains("sẽ được nhập");
        // the register's pages are of two here: filtered to the imported codes' serials
        assertThat(html(mvc.perform(as(get("/register")).param("q", "VN-51-05")).andReturn(), 200))
                .as("a dry run writes nothing")
                .contains("id=\"no-codes\"");
        String real = html(
                mvc.perform(upload(multipart("/register/import").file(file)).with(csrf()))
                        .andReturn(),
                200);
        assertThat(real).contains("data-dry-run=\"false\" data-imported=\"1\" data-refused=\"1\"");
        assertThat(html(mvc.perform(as(get("/register")).param("q", "VN-51-05")).andReturn(), 200))
                .contains("data-code=\"VN-51-0501\" data-status=\"ISSUED\"")
                .doesNotContain("data-code=\"VN-51-0502\"");
        // a file that is not the import's: the service's 400, said on the page
        var wrong = new org.springframework.mock.web.MockMultipartFile(
                "file", "x.csv", "text/csv", "a,b\r\n1,2\r\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(html(
                        mvc.perform(upload(multipart("/register/import").file(wrong))
                                        .with(csrf()))
                                .andReturn(),
                        400))
                .contains("Tệp không được chấp nhận")
                .contains("missing: code");
        assertThat(mvc.perform(upload(multipart("/register/import").file(file)))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .as("no CSRF token")
                .isEqualTo(403);

        signIn("manager-a", "htx-a", PlatformRole.COOP_MANAGER);
        assertThat(mvc.perform(as(get("/register/import")))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(403);
        assertThat(mvc.perform(upload(multipart("/register/import").file(file)).with(csrf()))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(403);
        assertThat(html(mvc.perform(as(get("/register"))).andReturn(), 200)).doesNotContain("id=\"register-import\"");
    }

    @Test
    @Order(3)
    void anOfficerInspectsAFindingAndSuspendsTheCodeAndTheBuyerPageSaysSo() throws Exception {
        // another cooperative whose 1.44 ha of rice sold 15 t in one cycle: more than its area can grow
        String dept = token("dept", "so-nnmt", PlatformRole.DEPARTMENT_OFFICER);
        String z = token("manager-z", "htx-z", PlatformRole.COOP_MANAGER);
        call("/api/organisations", Map.of("id", "htx-z", "kind", "COOPERATIVE", "name", "HTX Z"), dept, 201);
        double lon = 108.90,
                lat = 14.95,
                dLat = 120 / 110_574.0,
                dLon = 120 / (111_320.0 * Math.cos(Math.toRadians(lat)));
        call(
                "/api/plots",
                Map.of(
                        "id", "lua-z",
                        "name", "Ruộng Z",
                        "crop", "rice",
                        "geometry",
                                Map.of(
                                        "type",
                                        "Polygon",
                                        "coordinates",
                                        List.of(List.of(
                                                List.of(lon, lat),
                                                List.of(lon + dLon, lat),
                                                List.of(lon + dLon, lat + dLat),
                                                List.of(lon, lat + dLat),
                                                List.of(lon, lat))))),
                z,
                201);
        String code = "VN-51-0078";
        call(
                "/api/codes",
                Map.of(
                        "code",
                        code,
                        "crop",
                        "rice",
                        "plotIds",
                        List.of("lua-z"),
                        "applicationDate",
                        TODAY.minusDays(100).toString()),
                z,
                201);
        for (String[] step : new String[][] {{"UNDER_INSPECTION", "95"}, {"ISSUED", "90"}}) {
            call(
                    "/api/codes/" + code + "/status",
                    Map.of(
                            "status",
                            step[0],
                            "reason",
                            "inspection",
                            "effectiveDate",
                            TODAY.minusDays(Long.parseLong(step[1])).toString()),
                    dept,
                    200);
        }
        String gtin13 = "8931234567880";
        call("/api/products", Map.of("gtin", gtin13, "name", "Gạo Z", "crop", "rice"), z, 201);
        call(
                "/api/batches",
                Map.of(
                        "gtin",
                        gtin13,
                        "lot",
                        "Z-1",
                        "code",
                        code,
                        "plotIds",
                        List.of("lua-z"),
                        "harvestDate",
                        TODAY.minusDays(5).toString(),
                        "quantityKg",
                        15000),
                z,
                201);

        signIn("officer-1", "so-nnmt", PlatformRole.DEPARTMENT_OFFICER);
        assertThat(html(mvc.perform(as(get("/register")).param("q", "0078")).andReturn(), 200))
                .contains("href=\"/codes/" + code + "\"");
        String page = html(mvc.perform(as(get("/codes/" + code))).andReturn(), 200);
        assertThat(page)
                .contains("data-kind=\"YIELD_BEYOND_AREA\" data-subject=\"code/" + code + "\" data-state=\"OPEN\"")
                .contains("Sản lượng vượt khả năng của diện tích")
                .contains("15 t harvested")
                .contains("Lập kế hoạch kiểm tra");

        // plan, record (escalated, suspension proposed), decide: each step redirects back to the code
        MvcResult planned = mvc.perform(as(post("/codes/" + code + "/inspections"))
                        .with(csrf())
                        .param("kind", "YIELD_BEYOND_AREA")
                        .param("subject", "code/" + code)
                        .param("plannedFor", TODAY.toString()))
                .andReturn();
        assertThat(planned.getResponse().getRedirectedUrl()).isEqualTo("/codes/" + code);
        page = html(mvc.perform(as(get("/codes/" + code))).andReturn(), 200);
        assertThat(page).contains("data-state=\"UNDER_INSPECTION\"").contains("Ghi nhận kết quả kiểm tra");
        String inspection = page.replaceAll("(?s).*data-inspection=\"(\\d+)\".*", "$1");
        // without an inspector the service refuses, and the page says so
        assertThat(html(
                        mvc.perform(as(post("/codes/" + code + "/inspections/" + inspection + "/outcome"))
                                        .with(csrf())
                                        .param("inspectedOn", TODAY.toString())
                                        .param("outcome", "ESCALATED"))
                                .andReturn(),
                        400))
                .contains("Dịch vụ truy xuất nguồn gốc từ chối việc này")
                .contains("inspector");
        MvcResult recorded = mvc.perform(as(post("/codes/" + code + "/inspections/" + inspection + "/outcome"))
                        .with(csrf())
                        .param("inspectedOn", TODAY.toString())
                        .param("inspector", "Trần Thị Bích")
                        .param("passed", "plots", "crop", "diary")
                        .param("notes", "rice bought elsewhere sold under the code")
                        .param("outcome", "ESCALATED")
                        .param("proposeSuspension", "true"))
                .andReturn();
        assertThat(recorded.getResponse().getRedirectedUrl()).isEqualTo("/codes/" + code);
        MvcResult decided = mvc.perform(as(post("/codes/" + code + "/status"))
                        .with(csrf())
                        .param("status", "SUSPENDED")
                        .param("reason", "sản lượng vượt diện tích")
                        .param("effectiveDate", TODAY.toString())
                        .param("inspection", inspection))
                .andReturn();
        assertThat(decided.getResponse().getRedirectedUrl()).isEqualTo("/codes/" + code);
        page = html(mvc.perform(as(get("/codes/" + code))).andReturn(), 200);
        assertThat(page)
                .contains("data-status=\"SUSPENDED\"")
                .contains("data-state=\"ESCALATED\"")
                .contains("đề nghị tạm đình chỉ")
                .contains("sản lượng vượt diện tích")
                .doesNotContain("Trần Thị Bích");

        // the province's figures count the suspended code, linked to the register's rows
        String province = html(mvc.perform(as(get("/province"))).andReturn(), 200);
        assertThat(province)
                .contains("Số liệu toàn tỉnh")
                .contains("data-status=\"SUSPENDED\" data-crop=\"rice\" data-count=\"1\"")
                .contains("href=\"/register?status=SUSPENDED&amp;crop=rice\"")
                .contains("data-kind=\"YIELD_BEYOND_AREA\" data-count=\"1\"");
        var csv = mvc.perform(as(get("/province/figures.csv"))).andReturn().getResponse();
        assertThat(csv.getStatus()).isEqualTo(200);
        assertThat(csv.getContentAsString()).contains("codes,SUSPENDED,rice,1,");
        assertThat(province).contains("href=\"/province/figures.pdf\" id=\"figures-pdf\"");
        var figuresPdf =
                mvc.perform(as(get("/province/figures.pdf"))).andReturn().getResponse();
        assertThat(figuresPdf.getStatus()).isEqualTo(200);
        assertThat(figuresPdf.getContentType()).isEqualTo("application/pdf");
        assertThat(pdfText(figuresPdf.getContentAsByteArray()))
                .contains("Số liệu tỉnh")
                .contains("Tạm đình chỉ (SUSPENDED) rice 1");

        // the buyer's page of the code's lot shows the suspension
        var buyer = mvc.perform(get("/01/0" + gtin13 + "/10/Z-1").header("Accept", "text/html"))
                .andReturn()
                .getResponse();
        buyer.setCharacterEncoding("UTF-8");
        assertThat(buyer.getStatus()).isEqualTo(200);
        assertThat(buyer.getContentAsString()).contains(code).contains("Tạm đình chỉ");

        // another cooperative's manager does not see the code's page, nor the province's figures
        signIn("manager-a", "htx-a", PlatformRole.COOP_MANAGER);
        assertThat(mvc.perform(as(get("/province"))).andReturn().getResponse().getStatus())
                .isEqualTo(403);
        assertThat(mvc.perform(as(get("/province/figures.pdf")))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(403);
        assertThat(mvc.perform(as(get("/codes/" + code)))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(403);
    }

    @Test
    void aManagerSeesTheChecksCreatesTheBatchAndItsLabelSheetDecodesToItsDigitalLinkUri() throws Exception {
        assertThat(html(mvc.perform(as(get("/batches"))).andReturn(), 200)).contains("Hợp tác xã chưa có lô hàng nào");
        String empty = html(mvc.perform(as(get("/batches/new"))).andReturn(), 200);
        assertThat(empty).contains("id=\"batch-form\"").doesNotContain("id=\"checks\"");

        // a product nobody registered: the checks say which rule failed, in Vietnamese, and no create button
        String failing =
                html(mvc.perform(form("/batches/checks", "8930000000019", LOT)).andReturn(), 200);
        assertThat(failing)
                .contains("Có điều kiện không đạt")
                .contains("Không đạt:")
                .contains("sản phẩm đã được đăng ký")
                .contains("data-rule=\"unknown-product\" data-outcome=\"FAIL\"")
                .doesNotContain("id=\"create-form\"");

        // the real product: every check passes, the create form carries what was checked
        String passing = html(mvc.perform(form("/batches/checks", GTIN13, LOT)).andReturn(), 200);
        assertThat(passing)
                .contains("Mọi điều kiện đều đạt")
                .contains("data-rule=\"code-not-issued\" data-outcome=\"PASS\"")
                .doesNotContain("data-outcome=\"FAIL\"")
                .contains("id=\"create-form\"")
                .contains("name=\"lot\" value=\"" + LOT + "\"");

        // without the CSRF token the form is refused
        assertThat(mvc.perform(as(post("/batches")).param("gtin", GTIN13))
                        .andReturn()
                        .getResponse()
                        .getStatus())
                .isEqualTo(403);

        MvcResult created = mvc.perform(form("/batches", GTIN13, LOT)).andReturn();
        assertThat(created.getResponse().getStatus()).isEqualTo(302);
        String location = created.getResponse().getRedirectedUrl();
        assertThat(location).matches("/batches/\\d+");

        String page = html(mvc.perform(as(get(location))).andReturn(), 200);
        assertThat(page)
                .contains(LOT)
                .contains("href=\"" + location + "/labels.pdf\"")
                .contains("href=\"" + location + "/label.png\"")
                .contains("href=\"" + location + "/label.svg\"")
                .contains("id=\"scans-none\"")
                .contains("Chưa ai quét mã QR của lô này");

        // three buyers read its page (the story, as the buyer page does): the batch's page counts them,
        // and 1,200 kg in 1,000 kg packs is 2 units, so 3 scans (more than 1 a unit) flag it
        String id = location.substring(location.lastIndexOf('/') + 1);
        for (int i = 0; i < 3; i++) {
            var scan = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(trace + "/api/lots/" + GTIN14 + "/" + LOT + "/story"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            assertThat(scan.statusCode()).as(scan.body()).isEqualTo(200);
        }
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(
                                html(mvc.perform(as(get(location))).andReturn(), 200))
                        .contains("data-total=\"3\"")
                        .contains("data-flag=\"OVERSCANNED\"")
                        .contains("Nghi nhãn bị sao chép")
                        .contains("Nơi khác (không rõ vùng)")
                        .contains("không lưu địa chỉ"));
        // the flag is a finding of the audit, which the manager reads for her cooperative, linked to the batch
        assertThat(html(mvc.perform(as(get("/findings"))).andReturn(), 200))
                .contains(
                        "data-kind=\"POSSIBLE_CLONED_LABEL\" data-severity=\"WATCH\" data-subject=\"batch/" + id + "\"")
                .contains("Nghi nhãn bị sao chép")
                .contains("href=\"/batches/" + id + "\"");

        assertThat(html(mvc.perform(as(get("/batches"))).andReturn(), 200))
                .contains("data-batch=\"" + id + "\"")
                .contains("Lô " + LOT);

        // two more harvests, newer: the list shows them first, two to a page, and links to the older one
        String manager = token("manager-a", "htx-a", PlatformRole.COOP_MANAGER);
        for (int i = 1; i <= 2; i++) {
            call(
                    "/api/batches",
                    Map.of(
                            "gtin",
                            GTIN13,
                            "lot",
                            "HT-2026-P" + i,
                            "code",
                            CODE,
                            "plotIds",
                            List.of("lua-1"),
                            "harvestDate",
                            TODAY.minusDays(5 - i).toString(),
                            "quantityKg",
                            100),
                    manager,
                    201);
        }
        String first = html(mvc.perform(as(get("/batches"))).andReturn(), 200);
        assertThat(first)
                .contains("Lô HT-2026-P2", "Lô HT-2026-P1")
                .doesNotContain("data-batch=\"" + id + "\"")
                .contains("href=\"/batches?offset=2\"")
                .contains("Các lô cũ hơn")
                .doesNotContain("id=\"first-batches\"");
        assertThat(first.indexOf("HT-2026-P2")).as("newest harvest first").isLessThan(first.indexOf("HT-2026-P1"));
        String older = html(mvc.perform(as(get("/batches?offset=2"))).andReturn(), 200);
        assertThat(older)
                .contains("data-batch=\"" + id + "\"")
                .doesNotContain("HT-2026-P1")
                .doesNotContain("id=\"more-batches\"")
                .contains("id=\"first-batches\"");

        // a batch the service does not show her (none, or another cooperative's): 403, worded for a batch
        assertThat(html(mvc.perform(as(get("/batches/999999"))).andReturn(), 403))
                .contains("Lô hàng này không thuộc hợp tác xã của bạn.")
                .doesNotContain("Thửa ruộng này không thuộc");

        // creating the same lot again: refused by the service, said in words
        String again = html(mvc.perform(form("/batches", GTIN13, LOT)).andReturn(), 409);
        assertThat(again).contains("Số lô này của sản phẩm đã tồn tại").contains("id=\"problem\"");

        String uri = PUBLIC_URL + "/01/" + GTIN14 + "/10/" + LOT;
        var pdf = mvc.perform(as(get(location + "/labels.pdf"))).andReturn().getResponse();
        assertThat(pdf.getStatus()).isEqualTo(200);
        assertThat(pdf.getContentType()).startsWith("application/pdf");
        save("labels.pdf", pdf.getContentAsByteArray());
        try (PDDocument doc = Loader.loadPDF(pdf.getContentAsByteArray())) {
            BufferedImage sheet = new PDFRenderer(doc).renderImageWithDPI(0, 200);
            Result[] codes = new QRCodeMultiReader()
                    .decodeMultiple(
                            new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(sheet))),
                            Map.of(
                                    DecodeHintType.TRY_HARDER,
                                    true,
                                    DecodeHintType.POSSIBLE_FORMATS,
                                    List.of(BarcodeFormat.QR_CODE)));
            assertThat(codes).isNotEmpty();
            assertThat(Arrays.stream(codes).map(Result::getText).distinct()).containsExactly(uri);
        }

        var png = mvc.perform(as(get(location + "/label.png"))).andReturn().getResponse();
        assertThat(png.getContentType()).startsWith("image/png");
        save("label.png", png.getContentAsByteArray());
        BufferedImage label = ImageIO.read(new ByteArrayInputStream(png.getContentAsByteArray()));
        assertThat(new QRCodeReader()
                        .decode(
                                new BinaryBitmap(new HybridBinarizer(new BufferedImageLuminanceSource(label))),
                                Map.of(DecodeHintType.TRY_HARDER, true))
                        .getText())
                .isEqualTo(uri);

        var svg = mvc.perform(as(get(location + "/label.svg"))).andReturn().getResponse();
        assertThat(svg.getContentType()).startsWith("image/svg+xml");
        assertThat(svg.getContentAsString()).contains("<svg");

        // English: the checks' rules in English
        String english = html(
                mvc.perform(form("/batches/checks", GTIN13, LOT).param("lang", "en"))
                        .andReturn(),
                200);
        assertThat(english).contains("this lot of the product is not taken yet").contains("Failed:");

        // traceability-service down: the pages still render and say so
        services.close();
        String down =
                html(mvc.perform(form("/batches/checks", GTIN13, "HT-2026-08")).andReturn(), 503);
        assertThat(down).contains("Hiện không kết nối được dịch vụ truy xuất nguồn gốc");
        assertThat(html(mvc.perform(as(get("/batches"))).andReturn(), 200))
                .contains("Hiện không kết nối được dịch vụ truy xuất nguồn gốc");
        String downBatch = html(mvc.perform(as(get(location))).andReturn(), 503);
        assertThat(downBatch).contains("Hiện không kết nối được dịch vụ truy xuất nguồn gốc");
    }

    private static String html(MvcResult result, int status) throws Exception {
        var response = result.getResponse();
        response.setCharacterEncoding("UTF-8");
        String body = response.getContentAsString();
        assertThat(response.getStatus()).as(body).isEqualTo(status);
        return body;
    }

    private static void save(String name, byte[] body) throws Exception {
        Path dir = Files.createDirectories(Path.of("target", "batch-it-labels"));
        Files.write(dir.resolve(name), body);
    }

    /** A PDF's text read back, every run of white space one space. */
    private static String pdfText(byte[] pdf) throws java.io.IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            var text = new org.apache.pdfbox.text.PDFTextStripper();
            text.setSortByPosition(true);
            return text.getText(doc).replaceAll("\\s+", " ");
        }
    }
}

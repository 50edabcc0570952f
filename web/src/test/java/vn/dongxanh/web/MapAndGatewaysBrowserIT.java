package vn.dongxanh.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.logging.Level;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import vn.dongxanh.contract.Json;
import vn.dongxanh.contract.telemetry.Metric;
import vn.dongxanh.contract.telemetry.Reading;
import vn.dongxanh.contract.telemetry.TelemetryCodec;
import vn.dongxanh.contract.uplink.UplinkBatch;
import vn.dongxanh.contract.uplink.UplinkCodec;
import vn.dongxanh.devkit.EmbeddedBroker;
import vn.dongxanh.devkit.FreePorts;
import vn.dongxanh.devkit.LocalServices;

/**
 * The overview's map and the gateways page in headless Chromium, against the identity provider,
 * ingest-service and traceability-service (ledger off) from their packaged jars, the fixture of
 * {@link WebBrowserIT} with the plots' polygons registered in traceability-service under the same
 * ids as in ingest. One gateway's first batch (sequence 1), then a batch with sequence 4: a gap of
 * two batches.
 */
class MapAndGatewaysBrowserIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String PASSWORD_A = "manager-a-password";
    /**
     * Cooperative a's id, this run's own (from when the class used the machine's shared broker; its
     * broker is its own now, the id stays as a second guard).
     */
    private static final String COOP = "coop-a-" + Long.toString(System.nanoTime(), 36);

    private static final List<AutoCloseable> cleanup = new ArrayList<>();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static String web;
    private static Path logs;
    private static String mqtt;

    private WebDriver browser;

    @BeforeAll
    static void startPlatform() throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            String why = "SKIPPED: the browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
                    + " (Debian packages chromium and chromium-driver; .ci/run installs them as root)";
            System.err.println("\n*** " + why + " ***\n");
            Assumptions.abort(why);
        }
        Path target = Path.of("target").toAbsolutePath();
        Path work = Files.createDirectories(target.resolve("map-it"));
        logs = Files.createDirectories(target.resolve("map-it-logs"));
        int identityPort = FreePorts.tcp();
        int ingestPort = FreePorts.tcp();
        int tracePort = FreePorts.tcp();
        int webPort = FreePorts.tcp();
        String issuer = "http://127.0.0.1:" + identityPort;
        web = "http://127.0.0.1:" + webPort;
        String webSecret = "web-client-secret-" + System.nanoTime();

        var identityDb = LocalServices.freshDatabase("map_it_identity");
        cleanup.add(identityDb);
        var ingestDb = LocalServices.freshDatabase("map_it_ingest");
        cleanup.add(ingestDb);
        var traceDb = LocalServices.freshDatabase("map_it_trace");
        cleanup.add(traceDb);
        // a broker of this class's own: concurrent runs on one machine use the same cooperative and gateway ids
        var broker = EmbeddedBroker.start(0);
        cleanup.add(broker);
        mqtt = broker.url();

        Path seed = work.resolve("identity-seed.json");
        Files.writeString(seed, seed(webSecret));
        var services = new Services(logs);
        cleanup.add(services);
        services.start(
                "identity",
                identityPort,
                Map.of(
                        "DX_IDENTITY_PORT", Integer.toString(identityPort),
                        "DX_IDENTITY_ISSUER", issuer,
                        "DX_IDENTITY_DB_URL", identityDb.jdbcUrl(),
                        "DX_IDENTITY_DB_USER", identityDb.user(),
                        "DX_IDENTITY_DB_PASSWORD", identityDb.password(),
                        "DX_IDENTITY_SIGNING_KEY_FILE",
                                work.resolve("signing-key-" + System.nanoTime() + ".json")
                                        .toString(),
                        "DX_IDENTITY_SEED_FILE", seed.toString(),
                        "DX_IDENTITY_PASSWORD_ENCODING", "bcrypt"));
        services.start(
                "ingest-service",
                ingestPort,
                Map.of(
                        "DX_INGEST_PORT", Integer.toString(ingestPort),
                        "DX_INGEST_MANAGEMENT_PORT", Integer.toString(FreePorts.tcp()),
                        "DX_INGEST_OIDC_ISSUER_URI", issuer,
                        "DX_MQTT_URL", mqtt,
                        "DX_MQTT_SHARE_GROUP", "map-it-" + System.nanoTime(),
                        "DX_INGEST_DB_URL", ingestDb.jdbcUrl(),
                        "DX_INGEST_DB_USER", ingestDb.user(),
                        "DX_INGEST_DB_PASSWORD", ingestDb.password()));
        services.start(
                "traceability-service",
                tracePort,
                Map.ofEntries(
                        Map.entry("DX_TRACE_PORT", Integer.toString(tracePort)),
                        Map.entry("DX_TRACE_OIDC_ISSUER_URI", issuer),
                        Map.entry("DX_TRACE_LEDGER_MODE", "off"),
                        Map.entry("DX_TRACE_INGEST_URL", "http://127.0.0.1:" + ingestPort),
                        Map.entry("DX_TRACE_DB_URL", traceDb.jdbcUrl()),
                        Map.entry("DX_TRACE_DB_USER", traceDb.user()),
                        Map.entry("DX_TRACE_DB_PASSWORD", traceDb.password()),
                        // its default public URL is local http, refused unless allowed (no labels printed here)
                        Map.entry("DX_TRACE_ALLOW_HTTP_PUBLIC_URL", "true"),
                        // the field lies in the Mekong delta, outside the service's default province (docs/plots.md)
                        Map.entry("DX_TRACE_CODES_PROVINCE_WEST", "105.5"),
                        Map.entry("DX_TRACE_CODES_PROVINCE_SOUTH", "9.9"),
                        Map.entry("DX_TRACE_CODES_PROVINCE_EAST", "105.9"),
                        Map.entry("DX_TRACE_CODES_PROVINCE_NORTH", "10.2")));
        String ingest = "http://127.0.0.1:" + ingestPort;
        String trace = "http://127.0.0.1:" + tracePort;
        registerField(issuer, ingest, trace);
        String a = clientToken(issuer, "it-coop-a", "it-coop-a-secret-0001");
        publishReadings(ingest, a);

        ConfigurableApplicationContext app = new SpringApplicationBuilder(WebApplication.class)
                .run(
                        "--dx.web.port=" + webPort,
                        "--dx.web.issuer=" + issuer,
                        "--dx.web.client-id=web",
                        "--dx.web.client-secret=" + webSecret,
                        "--dx.web.ingest-url=" + ingest,
                        "--dx.web.trace-url=" + trace);
        cleanup.add(app);
    }

    @AfterAll
    static void stopPlatform() throws Exception {
        for (int i = cleanup.size() - 1; i >= 0; i--) cleanup.get(i).close();
        cleanup.clear();
    }

    @BeforeEach
    void openBrowser() {
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=360,800");
        var logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logging);
        var service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .withLogFile(logs.resolve("chromedriver.log").toFile())
                .build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().implicitlyWait(Duration.ZERO);
    }

    @AfterEach
    void closeBrowser() {
        List<String> violations = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage)
                .filter(m -> m.contains("Content Security Policy") || m.contains("Content-Security-Policy"))
                .toList();
        browser.quit();
        assertThat(violations).as("CSP violations in Chromium's console").isEmpty();
    }

    @Test
    void theMapDrawsEachPlotInItsStateAndFollowsTheLiveState() throws Exception {
        signIn("manager-a", PASSWORD_A);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> "3".equals(browser.findElement(By.id("map")).getAttribute("data-drawn")));
        // one polygon per plot: a1's valve is open, a2's moisture is 3 hours old, a3 has no reading yet
        assertThat(states())
                .containsOnly(Map.entry("a1", "valve-open"), Map.entry("a2", "stale"), Map.entry("a3", "stale"));
        assertThat(browser.findElement(By.cssSelector("path[data-plot=a1]")).getAttribute("class"))
                .contains("state-valve-open");
        assertThat(browser.findElement(By.cssSelector(".legend")).getText())
                .contains(text("vi", "map.state.needs-water"))
                .contains(text("vi", "map.state.alarm"));
        assertThat(browser.findElement(By.id("map-note")).isDisplayed()).isFalse();
        screenshots("overview-map");

        await().atMost(Duration.ofSeconds(20))
                .until(() -> "true".equals(browser.findElement(By.id("plots")).getAttribute("data-connected")));
        // a3's first water level and its valve closed: its polygon turns ok without a reload
        Instant now = Instant.now();
        publish(batch(
                2,
                now,
                List.of(
                        new Reading("a3-wl", Metric.WATER_LEVEL, now, -3.0),
                        Reading.ofBoolean("a3-valve", Metric.VALVE, now, false))));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(states()).containsEntry("a3", "ok"));
        assertThat(browser.findElement(By.cssSelector("path[data-plot=a3]")).getAttribute("class"))
                .contains("state-ok")
                .doesNotContain("state-stale");
        screenshots("overview-map-live");
    }

    @Test
    void theGatewaysPageListsTheGatewayItsGapAndTheDevices() {
        signIn("manager-a", PASSWORD_A);
        for (String lang : List.of("vi", "en")) {
            browser.get(web + "/gateways?lang=" + lang);
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(text(lang, "gateways.title"));
            WebElement gw = browser.findElement(By.cssSelector("[data-gateway=gw-a]"));
            // batches 2 and 3 never came (the live test may send 2 later: then one is missing)
            assertThat(gw.findElements(By.cssSelector(".gaps li"))).isNotEmpty();
            assertThat(gw.getText()).contains(text(lang, "gateways.gaps"));
            var devices = browser.findElements(By.cssSelector("#devices tbody tr")).stream()
                    .map(r -> r.getAttribute("data-device"))
                    .toList();
            assertThat(devices).containsExactly("a1-valve", "a1-wl", "a2-sm", "a3-valve", "a3-wl");
            String a1 =
                    browser.findElement(By.cssSelector("[data-device=a1-wl]")).getText();
            assertThat(a1).contains("80 %").contains(text(lang, "gateways.not-reported"));
            String a2 =
                    browser.findElement(By.cssSelector("[data-device=a2-sm]")).getText();
            assertThat(a2).contains("-87 dBm");
            String a3 =
                    browser.findElement(By.cssSelector("[data-device=a3-wl]")).getText();
            assertThat(a3).contains(text(lang, "reading.none"));
            screenshots("gateways-" + lang);
        }
    }

    /** The map's polygons: plot id → state, as the SVG paths carry them. */
    @SuppressWarnings("unchecked")
    private Map<String, String> states() {
        return (Map<String, String>) ((JavascriptExecutor) browser)
                .executeScript("const out = {}; document.querySelectorAll('#map path[data-plot]')"
                        + ".forEach(p => { out[p.dataset.plot] = p.dataset.state; }); return out;");
    }

    private void signIn(String username, String password) {
        browser.get(web + "/");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !browser.findElements(By.id("username")).isEmpty());
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> browser.getCurrentUrl().startsWith(web)
                        && !browser.findElements(By.id("sign-out")).isEmpty());
    }

    private void screenshots(String name) {
        Path dir = Path.of(System.getProperty("dx.web.screenshots", "target/screenshots"));
        try {
            Files.createDirectories(dir);
            for (int width : new int[] {360, 1280}) {
                browser.manage().window().setSize(new Dimension(width, 900));
                byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
                Files.write(dir.resolve(name + "-" + width + ".png"), png);
            }
            browser.manage().window().setSize(new Dimension(360, 800));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(String lang, String key) {
        var p = new Properties();
        try (var in = MapAndGatewaysBrowserIT.class.getResourceAsStream("/messages_" + lang + ".properties")) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return p.getProperty(key);
    }

    private static String seed(String webSecret) {
        return """
                {
                  "organisations": [
                    {"id": "coop-a", "name": "HTX Thử A", "kind": "COOPERATIVE"},
                    {"id": "so-thu", "name": "Sở thử", "kind": "DEPARTMENT"}
                  ],
                  "users": [
                    {"username": "manager-a", "password": "%s", "name": "Chị A", "organisation": "coop-a", "roles": ["COOP_MANAGER"]}
                  ],
                  "clients": [
                    {"id": "web", "secret": "%s", "grants": ["authorization_code", "refresh_token"], "pkce": true,
                     "redirect-uris": ["%s/login/oauth2/code/dx"], "post-logout-redirect-uris": ["%s/"],
                     "audience": ["ingest-service", "traceability-service"]},
                    {"id": "it-department", "secret": "it-department-secret-01", "grants": ["client_credentials"],
                     "roles": ["DEPARTMENT_OFFICER"], "organisation": "so-thu",
                     "audience": ["ingest-service", "traceability-service"]},
                    {"id": "it-coop-a", "secret": "it-coop-a-secret-0001", "grants": ["client_credentials"],
                     "roles": ["COOP_MANAGER"], "organisation": "coop-a",
                     "audience": ["ingest-service", "traceability-service"]}
                  ]
                }
                """.formatted(PASSWORD_A, webSecret, web, web).replace("\"coop-a\"", "\"" + COOP + "\"");
    }

    private static String clientToken(String issuer, String client, String secret) throws Exception {
        String basic = Base64.getEncoder().encodeToString((client + ":" + secret).getBytes(StandardCharsets.UTF_8));
        var r = HTTP.send(
                HttpRequest.newBuilder(URI.create(issuer + "/oauth2/token"))
                        .header("Authorization", "Basic " + basic)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("token of %s: %s", client, r.body()).isEqualTo(200);
        return Json.MAPPER.readTree(r.body()).path("access_token").asString();
    }

    /**
     * Cooperative a with plots a1 (rice), a2 (vegetables), a3 (rice, no reading yet) and their
     * devices in ingest; the same plots, by the same ids, with their polygons in traceability-service.
     */
    private static void registerField(String issuer, String ingest, String trace) throws Exception {
        String department = clientToken(issuer, "it-department", "it-department-secret-01");
        String a = clientToken(issuer, "it-coop-a", "it-coop-a-secret-0001");
        post(ingest, "/api/cooperatives", "{\"id\":\"%s\",\"name\":\"HTX Thử A\"}".formatted(COOP), department);
        post(
                trace,
                "/api/organisations",
                "{\"id\":\"%s\",\"kind\":\"COOPERATIVE\",\"name\":\"HTX Thử A\"}".formatted(COOP),
                department);
        String[][] plots = {
            {"a1", "Ruộng A1", "lúa", "rice", "105.700"},
            {"a2", "Ruộng A2", "rau", "leafy-greens", "105.702"},
            {"a3", "Ruộng A3", "lúa", "rice", "105.704"}
        };
        for (String[] p : plots) {
            post(
                    ingest,
                    "/api/plots",
                    "{\"id\":\"%s\",\"cooperative\":\"%s\",\"name\":\"%s\",\"crop\":\"%s\",\"areaHa\":1}"
                            .formatted(p[0], COOP, p[1], p[2]),
                    a);
            double west = Double.parseDouble(p[4]);
            double east = west + 0.0015;
            String ring =
                    "[[%1$s,10.030],[%2$s,10.030],[%2$s,10.031],[%1$s,10.031],[%1$s,10.030]]".formatted(west, east);
            post(
                    trace,
                    "/api/plots",
                    "{\"id\":\"%s\",\"name\":\"%s\",\"crop\":\"%s\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[%s]}}"
                            .formatted(p[0], p[1], p[3], ring),
                    a);
        }
        for (String[] d : new String[][] {
            {"a1-wl", "a1", "water_level"},
            {"a1-valve", "a1", "valve"},
            {"a2-sm", "a2", "soil_moisture"},
            {"a3-wl", "a3", "water_level"},
            {"a3-valve", "a3", "valve"}
        }) {
            post(
                    ingest,
                    "/api/devices",
                    "{\"id\":\"%s\",\"cooperative\":\"%s\",\"plot\":\"%s\",\"kind\":\"%s\"}"
                            .formatted(d[0], COOP, d[1], d[2]),
                    a);
        }
    }

    private static void post(String base, String path, String json, String token) throws Exception {
        var r = HTTP.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("POST %s %s: %s", path, json, r.body()).isEqualTo(201);
    }

    private static byte[] batch(long seq, Instant at, List<Reading> readings) {
        return new UplinkCodec(new TelemetryCodec()).encode(new UplinkBatch(COOP, "gw-a", seq, at, readings));
    }

    private static void publish(byte[] batch) throws Exception {
        var client = new MqttClient(mqtt, "map-it-" + System.nanoTime(), new MemoryPersistence());
        client.connect();
        try {
            client.publish("dx/v1/coop/" + COOP + "/gw/gw-a/telemetry", batch, 1, false);
        } finally {
            client.disconnect();
            client.close();
        }
    }

    /**
     * Batch 1: a1's water level now with its valve open and its sensor's battery at 80 %, a2's soil
     * moisture and its signal (-87 dBm) three hours ago. Batch 4: a1's level again, so batches 2 and
     * 3 are a gap. Waits until ingest has stored both.
     */
    private static void publishReadings(String ingest, String token) throws Exception {
        Instant now = Instant.now();
        publish(batch(
                1,
                now,
                List.of(
                        new Reading("a1-wl", Metric.WATER_LEVEL, now.minusSeconds(120), -4.0),
                        new Reading("a1-wl", Metric.BATTERY, now.minusSeconds(120), 80),
                        Reading.ofBoolean("a1-valve", Metric.VALVE, now.minusSeconds(30), true),
                        new Reading("a2-sm", Metric.SOIL_MOISTURE, now.minus(Duration.ofHours(3)), 0.35),
                        new Reading("a2-sm", Metric.RSSI, now.minus(Duration.ofHours(3)), -87))));
        publish(batch(4, now, List.of(new Reading("a1-wl", Metric.WATER_LEVEL, now.minusSeconds(60), -4.5))));
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    var r = HTTP.send(
                            HttpRequest.newBuilder(URI.create(ingest + "/api/gateways/gw-a/gaps"))
                                    .header("Authorization", "Bearer " + token)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    return r.statusCode() == 200
                            && Json.MAPPER.readTree(r.body()).size() > 0;
                });
    }
}

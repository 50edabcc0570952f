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
import java.time.LocalDate;
import java.time.ZoneId;
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
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import vn.dongxanh.contract.Json;
import vn.dongxanh.contract.dashboard.ControlKind;
import vn.dongxanh.contract.event.EventCodec;
import vn.dongxanh.contract.event.IrrigationEvent;
import vn.dongxanh.contract.telemetry.Metric;
import vn.dongxanh.contract.telemetry.Reading;
import vn.dongxanh.contract.telemetry.TelemetryCodec;
import vn.dongxanh.contract.uplink.UplinkBatch;
import vn.dongxanh.contract.uplink.UplinkCodec;
import vn.dongxanh.devkit.EmbeddedBroker;
import vn.dongxanh.devkit.FreePorts;
import vn.dongxanh.devkit.LocalServices;

/**
 * The web face in a real browser (headless Chromium) against the real identity provider,
 * ingest-service and traceability-service (its ledger on an anvil of its own, so the buyer page's
 * script reads roots from a real chain), each started from its packaged jar, on real PostgreSQL and
 * a broker of its own.
 * Two cooperatives, a manager each; their plots registered through ingest's API and one
 * gateway's readings published over MQTT. Screenshots of every page at 360 and 1280 px go to
 * target/screenshots.
 */
class WebBrowserIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String PASSWORD_A = "manager-a-password";
    private static final String PASSWORD_B = "manager-b-password";
    private static final String PASSWORD_OFFICER = "officer-password";

    private static final List<AutoCloseable> cleanup = new ArrayList<>();
    private static String web;
    private static Path logs;
    private static String mqtt;
    private static String trace;
    private static final String TRACE_PUBLIC_URL = "https://truyxuat.example.vn";
    private static final String GTIN13 = "8931234567897";
    private static final String CODE = "VN-51-0077";
    private static final Path ANVIL = Path.of(
                    "../traceability-service/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil")
            .toAbsolutePath()
            .normalize();
    private static String anvilUrl;
    private static String ingestUrl;
    private static String issuerUrl;
    private static LocalServices.TestDatabase traceDb;

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
        Path work = Files.createDirectories(target.resolve("web-it"));
        int identityPort = FreePorts.tcp();
        int ingestPort = FreePorts.tcp();
        int webPort = FreePorts.tcp();
        String issuer = "http://127.0.0.1:" + identityPort;
        web = "http://127.0.0.1:" + webPort;
        String webSecret = "web-client-secret-" + System.nanoTime();

        var identityDb = LocalServices.freshDatabase("web_it_identity");
        cleanup.add(identityDb);
        var ingestDb = LocalServices.freshDatabase("web_it_ingest");
        cleanup.add(ingestDb);
        // a broker of this class's own: concurrent runs on one machine use the same cooperative and gateway ids
        var broker = EmbeddedBroker.start(0);
        cleanup.add(broker);
        mqtt = broker.url();

        Path seed = work.resolve("identity-seed.json");
        Files.writeString(seed, seed(webSecret));
        var services = new Services(target.resolve("web-it-logs"));
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
                        // bcrypt: the seed's passwords are hashed at every start, Argon2 is slow on 2 cores
                        "DX_IDENTITY_PASSWORD_ENCODING", "bcrypt"));
        services.start(
                "ingest-service",
                ingestPort,
                Map.of(
                        "DX_INGEST_PORT", Integer.toString(ingestPort),
                        "DX_INGEST_MANAGEMENT_PORT", Integer.toString(FreePorts.tcp()),
                        "DX_INGEST_OIDC_ISSUER_URI", issuer,
                        "DX_MQTT_URL", mqtt,
                        // a share group of its own: other ingest-services may use the machine's broker
                        "DX_MQTT_SHARE_GROUP", "web-it-" + System.nanoTime(),
                        "DX_INGEST_DB_URL", ingestDb.jdbcUrl(),
                        "DX_INGEST_DB_USER", ingestDb.user(),
                        "DX_INGEST_DB_PASSWORD", ingestDb.password()));
        int tracePort = FreePorts.tcp();
        traceDb = LocalServices.freshDatabase("web_it_trace");
        cleanup.add(traceDb);
        // the ledger on a local anvil (the module's npm install), so the buyer page's script reads roots
        // from a real chain; records wait up to the anchor interval, so a page opened at once sees them
        // awaiting anchoring
        int anvilPort = FreePorts.tcp();
        anvilUrl = "http://127.0.0.1:" + anvilPort;
        services.start(
                "traceability-service",
                tracePort,
                Map.ofEntries(
                        Map.entry("DX_TRACE_PORT", Integer.toString(tracePort)),
                        Map.entry("DX_TRACE_DB_URL", traceDb.jdbcUrl()),
                        Map.entry("DX_TRACE_DB_USER", traceDb.user()),
                        Map.entry("DX_TRACE_DB_PASSWORD", traceDb.password()),
                        Map.entry("DX_TRACE_LEDGER_MODE", "local"),
                        Map.entry("DX_TRACE_ANVIL_PORT", Integer.toString(anvilPort)),
                        Map.entry("DX_TRACE_ANVIL_BINARY", ANVIL.toString()),
                        Map.entry(
                                "DX_TRACE_LEDGER_DIR",
                                work.resolve("ledger-" + tracePort).toString()),
                        Map.entry("DX_TRACE_ANCHOR_INTERVAL", "30s"),
                        Map.entry("DX_TRACE_INGEST_PULL_ON_BATCH", "false"),
                        Map.entry("DX_TRACE_OIDC_ISSUER_URI", issuer),
                        Map.entry("DX_TRACE_PUBLIC_URL", TRACE_PUBLIC_URL)));
        trace = "http://127.0.0.1:" + tracePort;
        registerHarvestRecords(issuer);
        String ingest = "http://127.0.0.1:" + ingestPort;
        ingestUrl = ingest;
        issuerUrl = issuer;
        registerField(issuer, ingest);
        publishReadings(mqtt, ingest, clientToken(issuer, "it-coop-a", "it-coop-a-secret-0001"));

        // command-line arguments: they win over application.yaml (builder properties would not)
        ConfigurableApplicationContext app = new SpringApplicationBuilder(WebApplication.class)
                .run(
                        "--dx.web.port=" + webPort,
                        "--dx.web.issuer=" + issuer,
                        "--dx.web.client-id=web",
                        "--dx.web.client-secret=" + webSecret,
                        "--dx.web.ingest-url=" + ingest,
                        "--dx.web.trace-url=" + trace,
                        "--dx.web.buyer.chain-rpc-url=" + anvilUrl);
        cleanup.add(app);

        logs = target.resolve("web-it-logs");
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
        // a driver service per browser: quitting the browser stops its service
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
        // every page this browser showed: not one CSP violation (an inline script or style would be one)
        List<String> violations = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage)
                .filter(m -> m.contains("Content Security Policy") || m.contains("Content-Security-Policy"))
                .toList();
        browser.quit();
        assertThat(violations).as("CSP violations in Chromium's console").isEmpty();
    }

    @Test
    void aManagerSignsInAndSeesOnlyHerCooperativesPlots() {
        signIn("manager-a", PASSWORD_A);
        assertThat(browser.findElement(By.id("cooperative")).getText()).isEqualTo("HTX Thử A");
        var plots = browser.findElements(By.cssSelector("#plots [data-plot]")).stream()
                .map(e -> e.getAttribute("data-plot"))
                .toList();
        assertThat(plots).containsExactly("a1", "a2", "a3");
        String page = browser.findElement(By.id("plots")).getText();
        assertThat(page).doesNotContain("Ruộng B1");
        // a1's water level is current; a2's soil moisture is from a device silent for 3 hours: greyed, with its age
        var a1 = browser.findElement(By.cssSelector("[data-plot=a1]"));
        assertThat(a1.findElements(By.cssSelector(".value"))).isNotEmpty();
        assertThat(a1.getText()).contains("-4,5 cm").contains(text("vi", "state.open"));
        var a2 = browser.findElement(By.cssSelector("[data-plot=a2] .stale"));
        assertThat(a2.getText()).contains("35%").contains("3 giờ trước");
        assertThat(browser.findElement(By.id("gateways")).getText()).contains("gw-a");
        // traceability-service holds no polygon of these plots: the overview is here, its map says so
        await().atMost(Duration.ofSeconds(20))
                .until(() -> browser.findElement(By.id("map-note")).isDisplayed());
        assertThat(browser.findElement(By.id("map-note")).getText()).isEqualTo(text("vi", "map.empty"));
        assertThat(browser.findElement(By.id("map")).isDisplayed()).isFalse();
    }

    @Test
    void theOverviewUpdatesLiveWithoutAReload() throws Exception {
        signIn("manager-a", PASSWORD_A);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> "true".equals(browser.findElement(By.id("plots")).getAttribute("data-connected")));
        var js = (org.openqa.selenium.JavascriptExecutor) browser;
        js.executeScript("window.notReloaded = true;");
        assertThat(browser.findElement(By.cssSelector("[data-plot=a3] .level")).getText())
                .isEqualTo(text("vi", "reading.none"));
        // the gateway's next batch: a3's first water level, its valve closed
        Instant now = Instant.now();
        publish(new UplinkCodec(new TelemetryCodec())
                .encode(new UplinkBatch(
                        "coop-a",
                        "gw-a",
                        2,
                        now,
                        List.of(
                                new Reading("a3-wl", Metric.WATER_LEVEL, now, -7.5),
                                Reading.ofBoolean("a3-valve", Metric.VALVE, now, false)))));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(browser.findElement(By.cssSelector("[data-plot=a3]"))
                                .getText())
                        .contains("-7,5 cm")
                        .contains(text("vi", "state.closed")));
        assertThat(js.executeScript("return window.notReloaded === true;")).isEqualTo(true);
        screenshots("overview-live");
    }

    @Test
    void anotherCooperativesPlotIsForbidden() {
        signIn("manager-b", PASSWORD_B);
        assertThat(browser.findElements(By.cssSelector("#plots [data-plot]")))
                .extracting(e -> e.getAttribute("data-plot"))
                .containsExactly("b1");
        browser.get(web + "/plots/a1");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(text("vi", "refused.title"));
        Object status = ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeAsyncScript("const done = arguments[0]; fetch('/plots/a1').then(r => done(r.status));");
        assertThat(((Number) status).intValue()).isEqualTo(403);
        screenshots("refused");
        browser.get(web + "/plots/b1");
        assertThat(browser.findElement(By.tagName("h1")).getText()).contains("Ruộng B1");
    }

    @Test
    void everyPageRendersInVietnameseAndEnglishAndTheChoiceIsRemembered() {
        signIn("manager-a", PASSWORD_A);
        for (String lang : List.of("vi", "en")) {
            browser.get(web + "/?lang=" + lang);
            assertThat(browser.findElement(By.tagName("html")).getAttribute("lang"))
                    .isEqualTo(lang);
            assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(text(lang, "overview.title"));
            assertThat(browser.findElement(By.id("sign-out")).getText()).isEqualTo(text(lang, "layout.sign-out"));
            screenshots("overview-" + lang);
            browser.get(web + "/plots/a1"); // no parameter: the cookie remembers the language
            assertThat(browser.findElement(By.tagName("html")).getAttribute("lang"))
                    .isEqualTo(lang);
            assertThat(browser.findElement(By.tagName("h1")).getText())
                    .isEqualTo(text(lang, "plot.title").replace("{0}", "Ruộng A1"));
            // the now list is fetched again when the stream's first event for the plot arrives: read it afresh
            await().atMost(Duration.ofSeconds(20))
                    .ignoreException(StaleElementReferenceException.class)
                    .until(() -> browser.findElement(By.id("readings"))
                            .getText()
                            .contains(text(lang, "metric.water_level")));
            await().atMost(Duration.ofSeconds(20))
                    .until(() ->
                            "true".equals(browser.findElement(By.id("chart")).getAttribute("data-drawn")));
            screenshots("plot-" + lang);
        }
        await().atMost(Duration.ofSeconds(20))
                .ignoreException(StaleElementReferenceException.class)
                .until(() -> browser.findElement(By.cssSelector("#readings"))
                        .getText()
                        .contains("-4.5 cm"));
    }

    @Test
    void aPlotsPageChartsItsLevelWithTheGatewaysThresholdsForEachRangeWithEventsWaterAndTheSeason() throws Exception {
        plotB1Field();
        signIn("manager-b", PASSWORD_B);
        for (String range : List.of("day", "week", "season")) {
            browser.get(web + "/plots/b1?range=" + range);
            await().atMost(Duration.ofSeconds(20))
                    .until(() ->
                            "true".equals(browser.findElement(By.id("chart")).getAttribute("data-drawn")));
            var chart = browser.findElement(By.id("chart"));
            assertThat(chart.getAttribute("data-range")).isEqualTo(range);
            // both of the control's levels drawn, and named in the chart's legend
            assertThat(chart.getAttribute("data-thresholds")).isEqualTo("2");
            assertThat(chart.getText())
                    .contains(text("vi", "plot.threshold.low.AWD"))
                    .contains(text("vi", "plot.threshold.high.AWD"));
            assertThat(Integer.parseInt(chart.getAttribute("data-points"))).isPositive();
            assertThat(browser.findElement(By.id("chart-caption")).getText())
                    .contains(text("vi", "plot.range.of." + range));
            // beneath: the valve's one open period from the gateway's START and STOP
            assertThat(browser.findElement(By.id("beneath")).getAttribute("data-valve-open"))
                    .isEqualTo("1");
            assertThat(browser.findElement(By.id("range-" + range)).getAttribute("aria-current"))
                    .isEqualTo("page");
            assertThat(browser.findElement(By.id("thresholds")).getText())
                    .contains(text("vi", "plot.control.AWD"))
                    .contains(text("vi", "stage.tillering"))
                    .contains("-15,0 cm")
                    .contains("5,0 cm");
            assertThat(browser.findElements(By.cssSelector("#events li")))
                    .extracting(e -> e.getAttribute("data-kind"))
                    .containsExactly("STOP", "START");
            assertThat(browser.findElement(By.id("water")).getText()).contains("m³");
            assertThat(browser.findElement(By.id("season")).getText())
                    .contains(text("vi", "plot.season.days-irrigated"))
                    .contains(text("vi", "plot.season.days-of")
                            .replace("{0}", "1")
                            .replace("{1}", "120"));
            ((org.openqa.selenium.JavascriptExecutor) browser)
                    .executeScript("document.getElementById('chart-heading').scrollIntoView();");
            screenshots("plot-" + range);
        }
        // the range switch is links: reachable and followed from the keyboard
        browser.findElement(By.id("range-week")).sendKeys(org.openqa.selenium.Keys.ENTER);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> browser.getCurrentUrl().endsWith("range=week"));
        browser.get(web + "/plots/b1?range=season&lang=en");
        assertThat(browser.findElement(By.id("season-heading")).getText()).isEqualTo(text("en", "plot.season"));
        assertThat(browser.findElement(By.id("thresholds")).getText()).contains("-15.0 cm");
        screenshots("plot-season-en");
    }

    @Test
    void aNewReadingAppearsOnThePlotsChartAndInItsNowListWithoutAReload() throws Exception {
        plotB1Field();
        signIn("manager-b", PASSWORD_B);
        browser.get(web + "/plots/b1");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> "true".equals(browser.findElement(By.id("chart")).getAttribute("data-connected")));
        var js = (org.openqa.selenium.JavascriptExecutor) browser;
        js.executeScript("window.notReloaded = true;");
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        publish(
                "dx/v1/coop/coop-b/gw/gw-b/telemetry",
                new UplinkCodec(new TelemetryCodec())
                        .encode(new UplinkBatch(
                                "coop-b",
                                "gw-b",
                                2,
                                now,
                                List.of(new Reading("b1-wl", Metric.WATER_LEVEL, now, -2.5)))));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> Long.toString(now.getEpochSecond())
                        .equals(browser.findElement(By.id("chart")).getAttribute("data-last")));
        // the list is swapped in when the server's answer arrives: an element read just before is gone
        await().atMost(Duration.ofSeconds(20))
                .ignoreException(org.openqa.selenium.StaleElementReferenceException.class)
                .untilAsserted(() -> {
                    assertThat(browser.findElement(By.id("readings")).getText()).contains("-2,5 cm");
                    // the water level is current again: not greyed (rain and valve are still old)
                    assertThat(browser.findElement(By.cssSelector("#readings dd:last-of-type"))
                                    .findElements(By.cssSelector(".stale")))
                            .isEmpty();
                });
        assertThat(js.executeScript("return window.notReloaded === true;")).isEqualTo(true);
        js.executeScript("document.getElementById('chart-heading').scrollIntoView();");
        screenshots("plot-live");
    }

    private static boolean b1Field;

    /**
     * Plot b1 of cooperative b, once for the plot page's tests: its water level every two hours over
     * three days, rain, and gateway gw-b's START and STOP under an AWD control (tillering, start at
     * -15 cm, stop at 5 cm). Cooperative b's overview shows only b1, so a's tests see none of it.
     */
    private static synchronized void plotB1Field() throws Exception {
        if (b1Field) return;
        String b = clientToken(issuerUrl, "it-coop-b", "it-coop-b-secret-0002");
        for (String[] device :
                new String[][] {{"b1-wl", "water_level"}, {"b1-rain", "rain_gauge"}, {"b1-valve", "valve"}}) {
            post(
                    ingestUrl,
                    "/api/devices",
                    "{\"id\":\"" + device[0] + "\",\"cooperative\":\"coop-b\",\"plot\":\"b1\",\"kind\":\"" + device[1]
                            + "\"}",
                    b);
        }
        Instant now = Instant.now();
        var readings = new ArrayList<Reading>();
        for (int h = 72; h >= 1; h -= 2) {
            readings.add(new Reading("b1-wl", Metric.WATER_LEVEL, now.minus(Duration.ofHours(h)), -10.0 + h / 10.0));
        }
        readings.add(new Reading("b1-rain", Metric.RAIN, now.minus(Duration.ofHours(7)), 4.0));
        readings.add(Reading.ofBoolean("b1-valve", Metric.VALVE, now.minus(Duration.ofHours(5)), true));
        readings.add(Reading.ofBoolean("b1-valve", Metric.VALVE, now.minus(Duration.ofHours(4)), false));
        publish(
                "dx/v1/coop/coop-b/gw/gw-b/telemetry",
                new UplinkCodec(new TelemetryCodec()).encode(new UplinkBatch("coop-b", "gw-b", 1, now, readings)));
        var control = new IrrigationEvent.Control(ControlKind.AWD, "tillering", -15.0, 5.0);
        publish(
                "dx/v1/coop/coop-b/gw/gw-b/events",
                EventCodec.encode(new IrrigationEvent(
                        "b1-start",
                        "b1",
                        "b1-valve",
                        IrrigationEvent.Kind.START,
                        "BELOW_START_LEVEL",
                        "",
                        Map.of("water_level", -15.2),
                        Duration.ofHours(2),
                        now.minus(Duration.ofHours(5)),
                        control)));
        publish(
                "dx/v1/coop/coop-b/gw/gw-b/events",
                EventCodec.encode(new IrrigationEvent(
                        "b1-stop",
                        "b1",
                        "b1-valve",
                        IrrigationEvent.Kind.STOP,
                        "REACHED_STOP_LEVEL",
                        "",
                        Map.of("water_level", 5.1),
                        Duration.ZERO,
                        now.minus(Duration.ofHours(4)),
                        control)));
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    var latest = Json.MAPPER.readTree(get(ingestUrl + "/api/plots/b1/latest", b));
                    var events = Json.MAPPER.readTree(get(ingestUrl + "/api/plots/b1/irrigation-events", b));
                    return latest.path("series").size() == 3 && events.size() == 2;
                });
        b1Field = true;
    }

    private static String get(String url, String token) throws Exception {
        return HTTP.send(
                        HttpRequest.newBuilder(URI.create(url))
                                .header("Authorization", "Bearer " + token)
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    @Test
    void aBuyerPageGoesFromAwaitingAnchoringToVerifiedInTheBrowserAndTurnsExactlyTheChangedSectionRed()
            throws Exception {
        String a = clientToken(issuerUrl, "it-coop-a", "it-coop-a-secret-0001");
        String lot = "MUA-" + Long.toString(System.nanoTime(), 36).toUpperCase(java.util.Locale.ROOT);
        // records are anchored once the oldest pending one is an anchor interval old: with none
        // pending, the new batch's records are the oldest and wait the whole interval
        try (var db = java.sql.DriverManager.getConnection(traceDb.jdbcUrl(), traceDb.user(), traceDb.password())) {
            await().atMost(Duration.ofSeconds(120))
                    .pollInterval(Duration.ofSeconds(1))
                    .until(() -> {
                        try (var q = db.createStatement()) {
                            var rs = q.executeQuery("select count(*) from record where anchor_id is null");
                            rs.next();
                            return rs.getLong(1) == 0;
                        }
                    });
        }
        var today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh"));
        traceCall(
                "/api/batches",
                "{\"gtin\":\"" + GTIN13 + "\",\"lot\":\"" + lot + "\",\"code\":\"" + CODE + "\",\"harvestDate\":\""
                        + today.minusDays(3) + "\",\"quantityKg\":1200,\"publish\":true}",
                a,
                201);
        String page = web + "/01/0" + GTIN13 + "/10/" + lot;

        // at once: the batch's records are stored, not yet anchored — its section is checked and not
        // green (the product, cooperative and code were recorded, and anchored, before)
        browser.get(page + "?lang=en");
        awaitChecked();
        assertThat(sectionTones()).containsEntry("harvest", "waiting");
        assertThat(browser.findElement(By.id("check-harvest")).getAttribute("class"))
                .contains("waiting")
                .doesNotContain("good");
        assertThat(browser.findElement(By.id("check-harvest")).getText())
                .matches(withNumbers(text("en", "buyer.verify.awaiting")));
        screenshots("buyer-awaiting-en");

        // anchored within the interval: every section with records verified, its root read from anvil
        await().atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofSeconds(2))
                .until(() -> {
                    browser.navigate().refresh();
                    awaitChecked();
                    return sectionTones().entrySet().stream()
                            .allMatch(e ->
                                    e.getValue().equals("good") || e.getValue().equals("none"));
                });
        var tones = sectionTones();
        assertThat(tones)
                .containsEntry("product", "good")
                .containsEntry("cooperative", "good")
                .containsEntry("growingArea", "good")
                .containsEntry("harvest", "good");
        for (var e : tones.entrySet()) {
            if (e.getValue().equals("good"))
                assertThat(browser.findElement(By.id("check-" + e.getKey())).getText())
                        .as("section %s", e.getKey())
                        .isEqualTo(text("en", "buyer.verify.section-chain"));
        }
        screenshots("buyer-verified-en");
        browser.get(page + "?lang=vi");
        awaitChecked();
        String vi = browser.findElement(By.tagName("main")).getText();
        assertThat(vi).doesNotContain("rice").doesNotContain("ISSUED").doesNotContain("commissioning");
        assertThat(browser.findElement(By.id("check-harvest")).getText())
                .isEqualTo(text("vi", "buyer.verify.section-chain"));
        screenshots("buyer-verified-vi");

        try (var db = java.sql.DriverManager.getConnection(traceDb.jdbcUrl(), traceDb.user(), traceDb.password())) {
            // (a) the batch's table edited: the page keeps the anchored 1,200 kg and says the data differs
            sql(db, "update batch set quantity_kg = 50000 where lot = ?", lot);
            try {
                browser.get(page + "?lang=en");
                awaitChecked();
                tones = sectionTones();
                assertThat(tones).containsEntry("harvest", "bad").containsEntry("cooperative", "good");
                assertThat(browser.findElement(By.cssSelector("#section-harvest .differs"))
                                .getText())
                        .contains("1200")
                        .contains("50000");
                assertThat(browser.findElement(By.id("check-harvest")).getText())
                        .isEqualTo(text("en", "buyer.verify.differs-checked"));
                screenshots("buyer-table-changed-en");
            } finally {
                sql(db, "update batch set quantity_kg = 1200 where lot = ?", lot);
            }
            // (b) the cooperative's stored record edited: its hash no longer gives the anchored leaf
            long record;
            try (var q = db.prepareStatement(
                    "select max(id) from record where kind = 'organisation' and subject = 'coop-a'")) {
                var rs = q.executeQuery();
                rs.next();
                record = rs.getLong(1);
            }
            sql(db, "update record set content = replace(content, 'HTX Thử A', 'HTX Giả') where id = ?", record);
            try {
                browser.get(page + "?lang=en");
                awaitChecked();
                tones = sectionTones();
                assertThat(tones)
                        .containsEntry("cooperative", "bad")
                        .containsEntry("harvest", "good")
                        .containsEntry("product", "good");
                assertThat(browser.findElement(By.id("check-cooperative")).getText())
                        .startsWith("Record " + record + " failed");
                screenshots("buyer-record-changed-en");
            } finally {
                sql(db, "update record set content = replace(content, 'HTX Giả', 'HTX Thử A') where id = ?", record);
            }
        }
    }

    /** Until the page's own script has checked every section (it marks the body). */
    private void awaitChecked() {
        await().atMost(Duration.ofSeconds(30))
                .ignoreException(StaleElementReferenceException.class)
                .until(() ->
                        "done".equals(browser.findElement(By.tagName("body")).getAttribute("data-checked")));
    }

    /** Each section's tone as the script left it: good, waiting, bad or none. */
    private Map<String, String> sectionTones() {
        var tones = new java.util.TreeMap<String, String>();
        for (var section : browser.findElements(By.cssSelector(".buyer-section[data-check]")))
            tones.put(section.getAttribute("id").substring("section-".length()), section.getAttribute("data-check"));
        return tones;
    }

    /** A bundle text as a pattern: each {n} any number, the rest as it is. */
    private static String withNumbers(String text) {
        return java.util.Arrays.stream(text.split("\\{\\d\\}", -1))
                .map(java.util.regex.Pattern::quote)
                .collect(java.util.stream.Collectors.joining("\\d+"));
    }

    private static void sql(java.sql.Connection db, String statement, Object... args) throws java.sql.SQLException {
        try (var ps = db.prepareStatement(statement)) {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            if (ps.executeUpdate() != 1) throw new IllegalStateException("not one row: " + statement);
        }
    }

    /**
     * The department's console in the browser: an officer filters the register, opens a code whose
     * batches weigh more than its area can grow, sees the finding with its evidence, plans an
     * inspection, records it (escalated, suspension proposed) and suspends the code naming it; the
     * buyer page of the code's lot then shows the suspension.
     */
    @Test
    void anOfficerInspectsABorrowedCodeAndSuspendsItAndTheBuyerPageShowsIt() throws Exception {
        String code = "VN-51-0079";
        String gtin13 = "8931234567880";
        String z = clientToken(issuerUrl, "it-coop-z", "it-coop-z-secret-0003");
        String department = clientToken(issuerUrl, "it-department", "it-department-secret-01");
        traceCall(
                "/api/organisations",
                "{\"id\":\"coop-z\",\"kind\":\"COOPERATIVE\",\"name\":\"HTX Thử Z\"}",
                department,
                201);
        double lon = 108.95,
                lat = 14.95,
                dLat = 120 / 110_574.0,
                dLon = 120 / (111_320.0 * Math.cos(Math.toRadians(lat)));
        traceCall(
                "/api/plots",
                "{\"id\":\"z1\",\"name\":\"Ruộng Z1\",\"crop\":\"rice\",\"geometry\":{\"type\":\"Polygon\",\"coordinates\":[[[%s,%s],[%s,%s],[%s,%s],[%s,%s],[%s,%s]]]}}"
                        .formatted(lon, lat, lon + dLon, lat, lon + dLon, lat + dLat, lon, lat + dLat, lon, lat),
                z,
                201);
        traceCall(
                "/api/codes",
                "{\"code\":\"%s\",\"crop\":\"rice\",\"plotIds\":[\"z1\"],\"applicationDate\":\"%s\"}"
                        .formatted(
                                code,
                                LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).minusDays(100)),
                z,
                201);
        for (String[] step : new String[][] {{"UNDER_INSPECTION", "95"}, {"ISSUED", "90"}}) {
            traceCall(
                    "/api/codes/" + code + "/status",
                    "{\"status\":\"%s\",\"reason\":\"inspection\",\"effectiveDate\":\"%s\"}"
                            .formatted(
                                    step[0],
                                    LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).minusDays(Long.parseLong(step[1]))),
                    department,
                    200);
        }
        traceCall("/api/products", "{\"gtin\":\"" + gtin13 + "\",\"name\":\"Gạo Z\",\"crop\":\"rice\"}", z, 201);
        traceCall(
                "/api/batches",
                "{\"gtin\":\"%s\",\"lot\":\"Z-1\",\"code\":\"%s\",\"plotIds\":[\"z1\"],\"harvestDate\":\"%s\",\"quantityKg\":15000}"
                        .formatted(
                                gtin13,
                                code,
                                LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).minusDays(5)),
                z,
                201);

        signIn("officer", PASSWORD_OFFICER);
        // the officer's first page is the console: the borrowed code is in the inspection plan
        browser.get(web + "/");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !browser.findElements(By.cssSelector(
                                "#console-plan [data-kind=YIELD_BEYOND_AREA][data-subject='code/" + code + "']"))
                        .isEmpty());
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(text("vi", "console.title"));
        screenshots("console");
        browser.get(web + "/register");
        browser.findElement(By.id("f-q")).sendKeys("0079");
        browser.findElement(By.id("register-filter")).click();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> browser.findElements(By.cssSelector("#codes tr[data-code]"))
                                .size()
                        == 1);
        screenshots("register");
        browser.findElement(By.linkText(code)).click();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !browser.findElements(By.cssSelector("[data-kind=YIELD_BEYOND_AREA][data-state=OPEN]"))
                        .isEmpty());
        var finding = browser.findElement(By.cssSelector("[data-kind=YIELD_BEYOND_AREA]"));
        assertThat(finding.getText())
                .contains(text("vi", "findings.kind.YIELD_BEYOND_AREA"))
                .contains("15 t");
        // the code's plot on its map, its batch, and no certificate of its cooperative covering it
        await().atMost(Duration.ofSeconds(20))
                .until(() -> "1".equals(browser.findElement(By.id("map")).getAttribute("data-drawn")));
        assertThat(browser.findElement(By.cssSelector("#code-batches [data-batch]"))
                        .getText())
                .contains("Z-1", "15.000 kg");
        assertThat(browser.findElement(By.id("no-certificates")).getText())
                .isEqualTo(text("vi", "code.certificates.none"));
        // the yearly review: recorded from the page, in the history, the next one a year on
        LocalDate today = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh"));
        browser.findElement(By.id("r-notes")).sendKeys("ranh giới thửa đã đối chiếu");
        browser.findElement(By.id("review")).click();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !browser.findElements(By.cssSelector("#code-history [data-review]"))
                        .isEmpty());
        assertThat(browser.findElement(By.id("review-due")).getAttribute("data-due"))
                .isEqualTo(today.plusYears(1).toString());
        screenshots("code");
        // (the review reloaded the page: the finding is found again)
        browser.findElement(By.cssSelector("[data-kind=YIELD_BEYOND_AREA] form.plan-inspection button"))
                .click();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !browser.findElements(By.cssSelector("[data-inspection][data-state=PLANNED]"))
                        .isEmpty());
        var form = browser.findElement(By.cssSelector("form.record-inspection"));
        form.findElement(By.name("inspector")).sendKeys("Trần Thị Bích");
        // a photo from the field goes with the outcome
        java.nio.file.Path photo = java.nio.file.Files.createTempFile("thua-z1-", ".png");
        java.nio.file.Files.write(
                photo,
                Base64.getDecoder()
                        .decode(
                                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="));
        photo.toFile().deleteOnExit();
        form.findElement(By.name("files")).sendKeys(photo.toString());
        form.findElement(By.cssSelector("input[name=outcome][value=ESCALATED]")).click();
        form.findElement(By.name("proposeSuspension")).click();
        form.findElement(By.cssSelector("button[type=submit]")).click();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !browser.findElements(By.cssSelector("[data-inspection][data-state=ESCALATED]"))
                        .isEmpty());
        String inspection =
                browser.findElement(By.cssSelector("[data-inspection]")).getAttribute("data-inspection");
        assertThat(browser.findElement(By.cssSelector("[data-inspection] a[data-file]"))
                        .getText())
                .isEqualTo(photo.getFileName().toString());
        browser.findElement(By.id("d-reason")).sendKeys("sản lượng vượt diện tích");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("d-status"))).selectByValue("SUSPENDED");
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("d-inspection"))).selectByValue(inspection);
        browser.findElement(By.id("decide")).click();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !browser.findElements(By.cssSelector("#code[data-status=SUSPENDED]"))
                        .isEmpty());
        assertThat(browser.findElement(By.tagName("main")).getText()).doesNotContain("Trần Thị Bích");
        screenshots("code-suspended");
        browser.get(web + "/province");
        assertThat(browser.findElement(By.cssSelector("[data-status=SUSPENDED][data-crop=rice]"))
                        .getAttribute("data-count"))
                .isEqualTo("1");
        // the trends: six seasons, the one of the borrowed code's harvest (five days ago) counting its batch
        var seasons = browser.findElements(By.cssSelector("#figures-seasons tbody tr"));
        assertThat(seasons).hasSize(6);
        String harvested =
                LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).minusDays(5).toString();
        assertThat(seasons.stream()
                        .filter(r -> r.getAttribute("data-season").compareTo(harvested) <= 0)
                        .reduce((a, b) -> b)
                        .orElseThrow()
                        .getAttribute("data-batches"))
                .isNotEqualTo("0");
        assertThat(browser.findElements(By.cssSelector("#figures-communes tbody tr")))
                .isNotEmpty();
        // this test's traceability-service is not told where ingest is: the figure says it is not counted
        assertThat(browser.findElement(By.id("figures-irrigation-unknown")).getText())
                .isEqualTo(text("vi", "province.irrigation.unknown"));
        screenshots("province");

        // the buyer page of the code's lot: the code's status is the suspension
        browser.get(web + "/01/0" + gtin13 + "/10/Z-1?lang=vi");
        await().atMost(Duration.ofSeconds(20))
                .untilAsserted(
                        () -> assertThat(browser.findElement(By.tagName("main")).getText())
                                .contains(text("vi", "buyer.status.suspended")));
        screenshots("buyer-suspended");
    }

    @Test
    void signingOutEndsTheSession() {
        signIn("manager-a", PASSWORD_A);
        browser.findElement(By.id("sign-out")).click();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !browser.findElements(By.id("password")).isEmpty());
        browser.get(web + "/");
        // signed out here and at the provider: the sign-in page again, not the overview
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !browser.findElements(By.id("password")).isEmpty());
        assertThat(browser.findElements(By.id("plots"))).isEmpty();
    }

    @Test
    void aManagerWritesAnOperationInAPlotsDiaryAndReadsItInVietnameseAndEnglish() {
        signIn("manager-a", PASSWORD_A);
        // lua-1: coop-a's plot in traceability-service, where the diary lives
        browser.get(web + "/plots/lua-1/diary?lang=vi");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !browser.findElements(By.id("diary-form")).isEmpty());
        assertThat(browser.findElement(By.tagName("h1")).getText())
                .isEqualTo(title("vi", "diary.title", "Ruộng lúa 1"));
        // fertiliser, not a spraying: no pre-harvest interval for the batch tests to meet
        String product = "Phân NPK 16-16-8 lô " + Long.toString(System.nanoTime(), 36);
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("operation"))).selectByValue("FERTILISER");
        browser.findElement(By.id("productName")).sendKeys(product);
        browser.findElement(By.id("quantity")).sendKeys("50 kg");
        browser.findElement(By.id("notes")).sendKeys("Bón thúc đẻ nhánh");
        // the form is dated today in the cooperative's zone: the entry must carry the date the form showed
        var date = java.time.LocalDate.parse(browser.findElement(By.id("date")).getAttribute("value"));
        screenshotsFitting("diary-form-vi");
        browser.findElement(By.id("add-entry")).click();

        await().atMost(Duration.ofSeconds(20))
                .until(() -> !browser.findElements(By.id("saved")).isEmpty());
        assertThat(browser.findElement(By.id("saved")).getText()).contains(text("vi", "diary.saved"));
        var saved = browser.findElement(By.cssSelector("#entries .just-saved"));
        String entry = saved.getAttribute("data-entry");
        assertThat(saved.getAttribute("data-operation")).isEqualTo("FERTILISER");
        assertThat(saved.getText())
                .contains(localDate("vi", date) + " · " + text("vi", "diary.operation.FERTILISER"))
                .contains(product)
                .contains("50 kg")
                .contains("Bón thúc đẻ nhánh");
        screenshotsFitting("diary-saved-vi");

        // stored, not only shown once: the page in English lists it in English words and dates
        browser.get(web + "/plots/lua-1/diary?lang=en");
        assertThat(browser.findElement(By.tagName("html")).getAttribute("lang")).isEqualTo("en");
        assertThat(browser.findElement(By.tagName("h1")).getText())
                .isEqualTo(title("en", "diary.title", "Ruộng lúa 1"));
        assertThat(browser.findElement(By.cssSelector("label[for=operation]")).getText())
                .isEqualTo(text("en", "diary.field.operation"));
        assertThat(browser.findElement(By.id("entries-heading")).getText())
                .isEqualTo(text("en", "diary.entries.title"));
        assertThat(browser.findElement(By.id("entry-" + entry)).getText())
                .contains(localDate("en", date) + " · " + text("en", "diary.operation.FERTILISER"))
                .contains(text("en", "diary.field.product"))
                .contains(product);
        screenshotsFitting("diary-en");
    }

    @Test
    void everyPageAManagerOpensFitsA360PxScreenAndHoldsInVietnameseAndEnglish() throws Exception {
        long batch = walkBatch();
        browser.get(web + "/");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !browser.findElements(By.id("username")).isEmpty());
        screenshotsFitting("page-sign-in");
        signIn("manager-a", PASSWORD_A);
        // every GET page of the web module a manager opens (the buyer page is public: its own test)
        record Stop(String name, String path, String titleKey, String titleArg) {}
        var walk = List.of(
                new Stop("overview", "/", "overview.title", null),
                new Stop("plot", "/plots/a1", "plot.title", "Ruộng A1"),
                new Stop("valve", "/plots/a1/valve", "valve.title", "Ruộng A1"),
                new Stop("diary", "/plots/lua-1/diary", "diary.title", "Ruộng lúa 1"),
                new Stop("alarms", "/alarms", "alarms.title", null),
                new Stop("notifications", "/notifications", "notify.title", null),
                new Stop("gateways", "/gateways", "gateways.title", null),
                new Stop("batches", "/batches", "batch.list.title", null),
                new Stop("batch-new", "/batches/new", "batch.new.title", null),
                new Stop("batch", "/batches/" + batch, "batch.title", Long.toString(batch)),
                new Stop("refused", "/plots/b1", "refused.title", null));
        for (String lang : List.of("vi", "en")) {
            for (Stop stop : walk) {
                browser.get(web + stop.path() + "?lang=" + lang);
                assertThat(browser.findElement(By.tagName("html")).getAttribute("lang"))
                        .as(stop.path())
                        .isEqualTo(lang);
                assertThat(browser.findElement(By.tagName("h1")).getText())
                        .as(stop.path())
                        .isEqualTo(title(lang, stop.titleKey(), stop.titleArg()));
                // what scripts draw after the load (the map's note, the chart) is part of the page
                if (stop.name().equals("overview")) {
                    await().atMost(Duration.ofSeconds(20))
                            .until(() -> browser.findElement(By.id("map-note")).isDisplayed());
                }
                if (stop.name().equals("plot")) {
                    await().atMost(Duration.ofSeconds(20))
                            .until(() -> "true"
                                    .equals(browser.findElement(By.id("chart")).getAttribute("data-drawn")));
                }
                assertThat((List<?>) ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(UNLABELLED))
                        .as("form fields of %s without a label", stop.path())
                        .isEmpty();
                screenshotsFitting("page-" + stop.name() + "-" + lang);
            }
        }
    }

    /** A batch of lua-1 for the walk, created through traceability-service's API: its id. */
    private static long walkBatch() throws Exception {
        String a = clientToken(issuerUrl, "it-coop-a", "it-coop-a-secret-0001");
        var harvest =
                java.time.LocalDate.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh")).minusDays(5);
        var r = HTTP.send(
                HttpRequest.newBuilder(URI.create(trace + "/api/batches"))
                        .header("Authorization", "Bearer " + a)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"gtin\":\"" + GTIN13
                                + "\",\"lot\":\"HT-WALK-01\",\"code\":\"" + CODE
                                + "\",\"plotIds\":[\"lua-1\"],\"harvestDate\":\"" + harvest
                                + "\",\"quantityKg\":500}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("a batch for the walk: %s", r.body()).isEqualTo(201);
        return Json.MAPPER.readTree(r.body()).path("id").asLong();
    }

    /**
     * At 360 px wide the page scrolls only down, never sideways (what sticks out is named); then
     * {@link #screenshots} at both widths.
     */
    private void screenshotsFitting(String name) {
        var js = (org.openqa.selenium.JavascriptExecutor) browser;
        browser.manage().window().setSize(new Dimension(360, 800));
        assertThat(((Number) js.executeScript("return window.innerWidth;")).intValue())
                .as("the browser's viewport")
                .isEqualTo(360);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat((List<?>) js.executeScript(OVERFLOW))
                        .as("%s at 360 px: wider than the screen", name)
                        .isEmpty());
        screenshots(name);
    }

    /** Nothing when the document is no wider than its viewport, else what reaches past its right edge. */
    private static final String OVERFLOW = """
            const root = document.documentElement, width = root.clientWidth;
            if (root.scrollWidth <= width) return [];
            const out = ['scrollWidth ' + root.scrollWidth + ' > ' + width];
            for (const e of document.querySelectorAll('body *')) {
              const r = e.getBoundingClientRect();
              if (r.right <= width + 0.5) continue;
              const cls = typeof e.className === 'string' && e.className.trim() ? '.' + e.className.trim().split(/\\s+/).join('.') : '';
              out.push(e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + cls + ' right ' + Math.round(r.right));
              if (out.length > 10) break;
            }
            return out;
            """;

    /** The form fields a screen reader could not name: no label, no aria-label(ledby). */
    private static final String UNLABELLED = """
            return [...document.querySelectorAll('input, select, textarea')]
              .filter(e => !['hidden', 'submit', 'button'].includes(e.type))
              .filter(e => e.labels.length === 0 && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby'))
              .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + (e.name ? '[name=' + e.name + ']' : ''));
            """;

    /** A page's title as the web's bundles say it (a message with an argument goes through MessageFormat). */
    private static String title(String lang, String key, String arg) {
        String pattern = text(lang, key);
        return arg == null
                ? pattern
                : new java.text.MessageFormat(pattern, java.util.Locale.forLanguageTag(lang))
                        .format(new Object[] {arg});
    }

    /** A date as the pages write it in {@code lang}. */
    private static String localDate(String lang, java.time.LocalDate date) {
        return java.time.format.DateTimeFormatter.ofLocalizedDate(java.time.format.FormatStyle.SHORT)
                .withLocale(java.util.Locale.forLanguageTag(lang))
                .format(date);
    }

    /** Through the real sign-in page of the identity provider, back to the overview. */
    @Test
    void aManagerCreatesABatchAfterSeeingTheChecksAndItsLabelSheetDecodesToItsDigitalLinkUri() throws Exception {
        signIn("manager-a", PASSWORD_A);
        browser.findElement(By.id("nav-batches")).click();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !browser.findElements(By.id("new-batch")).isEmpty());
        screenshots("batches-empty");
        browser.findElement(By.id("new-batch")).click();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !browser.findElements(By.id("batch-form")).isEmpty());
        String lot = "HT-2026-07";
        browser.findElement(By.id("gtin")).sendKeys(GTIN13);
        browser.findElement(By.id("lot")).sendKeys(lot);
        browser.findElement(By.id("code")).sendKeys(CODE);
        browser.findElement(By.id("plots")).sendKeys("lua-1");
        // the date input takes the date as the browser's locale types it: set its value instead
        ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript(
                        "document.getElementById('harvestDate').value = arguments[0]",
                        java.time.LocalDate.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh"))
                                .minusDays(5)
                                .toString());
        browser.findElement(By.id("quantityKg")).sendKeys("1200");
        screenshots("batch-new");
        assertThat(browser.findElements(By.id("create-batch")))
                .as("no create before the checks")
                .isEmpty();
        browser.findElement(By.id("check-batch")).click();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !browser.findElements(By.id("checks")).isEmpty());
        screenshots("batch-checks");
        assertThat(browser.findElement(By.id("checks-verdict")).getText()).isEqualTo(text("vi", "batch.checks.passed"));
        assertThat(browser.findElement(By.id("checks")).getText()).contains(text("vi", "batch.rule.code-not-issued"));
        browser.findElement(By.id("create-batch")).click();
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !browser.findElements(By.id("labels-pdf")).isEmpty());
        screenshots("batch");
        assertThat(browser.findElement(By.id("batch-lot")).getText()).isEqualTo(lot);
        String pdfUrl = browser.findElement(By.id("labels-pdf")).getAttribute("href");
        assertThat(pdfUrl).startsWith(web + "/batches/");

        // the sheet as the browser downloads it: from the web's origin, with the browser's session
        String session = browser.manage().getCookieNamed("DX_WEB_SESSION").getValue();
        var pdf = HTTP.send(
                HttpRequest.newBuilder(URI.create(pdfUrl))
                        .header("Cookie", "DX_WEB_SESSION=" + session)
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.headers().firstValue("Content-Type").orElse("")).startsWith("application/pdf");
        String uri = TRACE_PUBLIC_URL + "/01/0" + GTIN13 + "/10/" + lot;
        try (var doc = org.apache.pdfbox.Loader.loadPDF(pdf.body())) {
            var sheet = new org.apache.pdfbox.rendering.PDFRenderer(doc).renderImageWithDPI(0, 200);
            var codes = new com.google.zxing.multi.qrcode.QRCodeMultiReader()
                    .decodeMultiple(
                            new com.google.zxing.BinaryBitmap(new com.google.zxing.common.HybridBinarizer(
                                    new com.google.zxing.client.j2se.BufferedImageLuminanceSource(sheet))),
                            Map.of(com.google.zxing.DecodeHintType.TRY_HARDER, true));
            assertThat(codes).isNotEmpty();
            assertThat(java.util.Arrays.stream(codes)
                            .map(com.google.zxing.Result::getText)
                            .distinct())
                    .containsExactly(uri);
        }

        browser.findElement(By.id("nav-batches")).click();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !browser.findElements(By.id("batches")).isEmpty());
        screenshots("batches");
        assertThat(browser.findElement(By.id("batches")).getText()).contains(lot);
    }

    /** What a batch of coop-a rests on in traceability-service: a plot, its code issued 90 days ago, the product. */
    private static void registerHarvestRecords(String issuer) throws Exception {
        String department = clientToken(issuer, "it-department", "it-department-secret-01");
        String a = clientToken(issuer, "it-coop-a", "it-coop-a-secret-0001");
        var today = java.time.LocalDate.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh"));
        traceCall(
                "/api/organisations",
                "{\"id\":\"coop-a\",\"kind\":\"COOPERATIVE\",\"name\":\"HTX Thử A\"}",
                department,
                201);
        traceCall(
                "/api/organisations",
                "{\"id\":\"so-thu\",\"kind\":\"DEPARTMENT\",\"name\":\"Sở thử\"}",
                department,
                201);
        double lon = 108.86,
                lat = 14.95,
                dLat = 120 / 110_574.0,
                dLon = 120 / (111_320.0 * Math.cos(Math.toRadians(lat)));
        String square = String.format(
                java.util.Locale.ROOT,
                "{\"type\":\"Polygon\",\"coordinates\":[[[%1$.8f,%2$.8f],[%3$.8f,%2$.8f],[%3$.8f,%4$.8f],[%1$.8f,%4$.8f],[%1$.8f,%2$.8f]]]}",
                lon,
                lat,
                lon + dLon,
                lat + dLat);
        traceCall(
                "/api/plots",
                "{\"id\":\"lua-1\",\"name\":\"Ruộng lúa 1\",\"crop\":\"rice\",\"geometry\":" + square + "}",
                a,
                201);
        traceCall(
                "/api/codes",
                "{\"code\":\"" + CODE + "\",\"crop\":\"rice\",\"plotIds\":[\"lua-1\"],\"applicationDate\":\""
                        + today.minusDays(100) + "\"}",
                a,
                201);
        for (String[] step : new String[][] {{"UNDER_INSPECTION", "95"}, {"ISSUED", "90"}}) {
            traceCall(
                    "/api/codes/" + CODE + "/status",
                    "{\"status\":\"" + step[0] + "\",\"reason\":\"inspection\",\"effectiveDate\":\""
                            + today.minusDays(Long.parseLong(step[1])) + "\"}",
                    department,
                    200);
        }
        traceCall(
                "/api/products",
                "{\"gtin\":\"" + GTIN13 + "\",\"name\":\"Gạo thơm Mộ Đức\",\"crop\":\"rice\"}",
                a,
                201);
    }

    private static void traceCall(String path, String json, String token, int status) throws Exception {
        var r = HTTP.send(
                HttpRequest.newBuilder(URI.create(trace + path))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("POST %s %s: %s", path, json, r.body()).isEqualTo(status);
    }

    private void signIn(String username, String password) {
        browser.get(web + "/");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !browser.findElements(By.id("username")).isEmpty());
        screenshots("sign-in");
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(password);
        browser.findElement(By.cssSelector("button[type=submit]")).click();
        await().atMost(Duration.ofSeconds(30))
                .alias("the overview after signing in as " + username + " (browser at " + browser.getCurrentUrl() + ")")
                .until(() -> browser.getCurrentUrl().startsWith(web)
                        && !browser.findElements(By.id("sign-out")).isEmpty());
    }

    private void screenshots(String name) {
        Path dir = Path.of(System.getProperty("dx.web.screenshots", "target/screenshots"));
        try {
            Files.createDirectories(dir);
            for (int width : new int[] {360, 1280}) {
                browser.manage().window().setSize(new Dimension(width, 900));
                byte[] png = ((org.openqa.selenium.TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
                Files.write(dir.resolve(name + "-" + width + ".png"), png);
            }
            browser.manage().window().setSize(new Dimension(360, 800));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(String lang, String key) {
        var p = new Properties();
        try (var in = WebBrowserIT.class.getResourceAsStream("/messages_" + lang + ".properties")) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return p.getProperty(key);
    }

    /** Two cooperatives with a manager each, the web client, and clients the test registers plots with. */
    private static String seed(String webSecret) {
        return """
                {
                  "organisations": [
                    {"id": "coop-a", "name": "HTX Thử A", "kind": "COOPERATIVE"},
                    {"id": "coop-b", "name": "HTX Thử B", "kind": "COOPERATIVE"},
                    {"id": "so-thu", "name": "Sở thử", "kind": "DEPARTMENT"},
                    {"id": "coop-z", "name": "HTX Thử Z", "kind": "COOPERATIVE"}
                  ],
                  "users": [
                    {"username": "manager-a", "password": "%s", "name": "Chị A", "organisation": "coop-a", "roles": ["COOP_MANAGER"]},
                    {"username": "manager-b", "password": "%s", "name": "Anh B", "organisation": "coop-b", "roles": ["COOP_MANAGER"]},
                    {"username": "officer", "password": "%s", "name": "Cán bộ C", "organisation": "so-thu", "roles": ["DEPARTMENT_OFFICER"]}
                  ],
                  "clients": [
                    {"id": "web", "secret": "%s", "grants": ["authorization_code", "refresh_token"], "pkce": true,
                     "redirect-uris": ["%s/login/oauth2/code/dx"], "post-logout-redirect-uris": ["%s/"],
                     "audience": ["ingest-service", "traceability-service"]},
                    {"id": "it-department", "secret": "it-department-secret-01", "grants": ["client_credentials"],
                     "roles": ["DEPARTMENT_OFFICER"], "organisation": "so-thu", "audience": ["ingest-service", "traceability-service"]},
                    {"id": "it-coop-a", "secret": "it-coop-a-secret-0001", "grants": ["client_credentials"],
                     "roles": ["COOP_MANAGER"], "organisation": "coop-a", "audience": ["ingest-service", "traceability-service"]},
                    {"id": "it-coop-b", "secret": "it-coop-b-secret-0002", "grants": ["client_credentials"],
                     "roles": ["COOP_MANAGER"], "organisation": "coop-b", "audience": ["ingest-service"]},
                    {"id": "it-coop-z", "secret": "it-coop-z-secret-0003", "grants": ["client_credentials"],
                     "roles": ["COOP_MANAGER"], "organisation": "coop-z", "audience": ["traceability-service"]}
                  ]
                }
                """.formatted(PASSWORD_A, PASSWORD_B, PASSWORD_OFFICER, webSecret, web, web);
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();

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

    /** Cooperatives a and b, plots a1 (rice), a2 (vegetables), b1, and the devices of a's plots. */
    private static void registerField(String issuer, String ingest) throws Exception {
        String department = clientToken(issuer, "it-department", "it-department-secret-01");
        String a = clientToken(issuer, "it-coop-a", "it-coop-a-secret-0001");
        String b = clientToken(issuer, "it-coop-b", "it-coop-b-secret-0002");
        post(ingest, "/api/cooperatives", "{\"id\":\"coop-a\",\"name\":\"HTX Thử A\"}", department);
        post(ingest, "/api/cooperatives", "{\"id\":\"coop-b\",\"name\":\"HTX Thử B\"}", department);
        post(
                ingest,
                "/api/plots",
                "{\"id\":\"a1\",\"cooperative\":\"coop-a\",\"name\":\"Ruộng A1\",\"crop\":\"lúa\",\"areaHa\":1.5}",
                a);
        post(
                ingest,
                "/api/plots",
                "{\"id\":\"a2\",\"cooperative\":\"coop-a\",\"name\":\"Ruộng A2\",\"crop\":\"rau\",\"areaHa\":0.4}",
                a);
        post(
                ingest,
                "/api/plots",
                "{\"id\":\"b1\",\"cooperative\":\"coop-b\",\"name\":\"Ruộng B1\",\"crop\":\"lúa\",\"areaHa\":2}",
                b);
        post(
                ingest,
                "/api/devices",
                "{\"id\":\"a1-wl\",\"cooperative\":\"coop-a\",\"plot\":\"a1\",\"kind\":\"water_level\"}",
                a);
        post(
                ingest,
                "/api/devices",
                "{\"id\":\"a1-valve\",\"cooperative\":\"coop-a\",\"plot\":\"a1\",\"kind\":\"valve\"}",
                a);
        post(
                ingest,
                "/api/devices",
                "{\"id\":\"a2-sm\",\"cooperative\":\"coop-a\",\"plot\":\"a2\",\"kind\":\"soil_moisture\"}",
                a);
        // a3: no reading until the live test sends one
        post(
                ingest,
                "/api/plots",
                "{\"id\":\"a3\",\"cooperative\":\"coop-a\",\"name\":\"Ruộng A3\",\"crop\":\"lúa\",\"areaHa\":1}",
                a);
        post(
                ingest,
                "/api/devices",
                "{\"id\":\"a3-wl\",\"cooperative\":\"coop-a\",\"plot\":\"a3\",\"kind\":\"water_level\"}",
                a);
        post(
                ingest,
                "/api/devices",
                "{\"id\":\"a3-valve\",\"cooperative\":\"coop-a\",\"plot\":\"a3\",\"kind\":\"valve\"}",
                a);
    }

    private static void post(String ingest, String path, String json, String token) throws Exception {
        var r = HTTP.send(
                HttpRequest.newBuilder(URI.create(ingest + path))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("POST %s %s: %s", path, json, r.body()).isEqualTo(201);
    }

    /** Publishes gateway gw-a's batch as its edge agent would. */
    private static void publish(byte[] batch) throws Exception {
        publish("dx/v1/coop/coop-a/gw/gw-a/telemetry", batch);
    }

    private static void publish(String topic, byte[] batch) throws Exception {
        var client = new MqttClient(mqtt, "web-it-" + System.nanoTime(), new MemoryPersistence());
        client.connect();
        try {
            client.publish(topic, batch, 1, false);
        } finally {
            client.disconnect();
            client.close();
        }
    }

    /**
     * Gateway gw-a's batch: a1's water level a minute ago (current) and its valve open, a2's soil
     * moisture three hours ago (its device silent since); waits until ingest has stored them.
     */
    private static void publishReadings(String mqtt, String ingest, String token) throws Exception {
        Instant now = Instant.now();
        var readings = new ArrayList<Reading>();
        for (int m = 61; m >= 1; m -= 5) {
            readings.add(
                    new Reading("a1-wl", Metric.WATER_LEVEL, now.minus(Duration.ofMinutes(m)), -4.5 + (m - 1) / 20.0));
        }
        readings.add(Reading.ofBoolean("a1-valve", Metric.VALVE, now.minusSeconds(30), true));
        readings.add(new Reading(
                "a2-sm", Metric.SOIL_MOISTURE, now.minus(Duration.ofHours(3)).minusSeconds(60), 0.35));
        byte[] batch =
                new UplinkCodec(new TelemetryCodec()).encode(new UplinkBatch("coop-a", "gw-a", 1, now, readings));
        publish(batch);
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    var r = HTTP.send(
                            HttpRequest.newBuilder(URI.create(ingest + "/api/cooperatives/coop-a/latest"))
                                    .header("Authorization", "Bearer " + token)
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
                    // our own three series, stored
                    JsonNode series = Json.MAPPER.readTree(r.body()).path("series");
                    var devices = series.valueStream()
                            .map(v -> v.path("device").asString())
                            .toList();
                    return devices.containsAll(List.of("a1-wl", "a1-valve", "a2-sm"));
                });
    }
}

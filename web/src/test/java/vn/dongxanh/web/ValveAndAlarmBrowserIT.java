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
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
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
import org.openqa.selenium.support.ui.Select;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import vn.dongxanh.contract.Json;
import vn.dongxanh.contract.command.GatewayAck;
import vn.dongxanh.contract.command.GatewayRequest;
import vn.dongxanh.contract.command.GatewayRequestCodec;
import vn.dongxanh.contract.command.ValveCommand;
import vn.dongxanh.contract.dashboard.AlarmKind;
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
 * Valve control and alarms in a real browser (headless Chromium) against the real identity
 * provider and ingest-service from their packaged jars, on real PostgreSQL and a
 * real broker of the class's own (devkit's embedded HiveMQ).
 *
 * <p>What is real and what stands in: the command goes from the page through ingest onto the
 * broker on the gateway's {@code cmd} topic, where this test reads it as gateway gw-a would and
 * publishes the gateway's answer on {@code cmd/ack} (no edge agent or device simulator runs
 * here). The offline gateway gw-off is one that told the broker it went offline: nothing answers,
 * and ingest times the command out after its (short) deadline. The silent sensor is a device whose
 * last reading is three hours old; ingest's NO_DATA rule, created in the page, raises the alarm.
 */
class ValveAndAlarmBrowserIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String PASSWORD = "manager-a-password";
    private static final String OFFICER_PASSWORD = "officer-password";
    private static final String COMMAND_TOPIC = "dx/v1/coop/coop-a/gw/gw-a/cmd";
    private static final String ACK_TOPIC = "dx/v1/coop/coop-a/gw/gw-a/cmd/ack";

    private static final List<AutoCloseable> cleanup = new ArrayList<>();
    private static final LinkedBlockingQueue<MqttMessage> commandsToGwA = new LinkedBlockingQueue<>();
    private static String web;
    private static String mqtt;
    private static String issuerUrl;
    private static String ingestUrl;
    private static Path logs;
    private static String javaCommand;
    private static Path simJar;
    /** a5's valve, L/min: in the simulator and the agent's YAML alike (the agent sizes run times by it). */
    private static final int A5_VALVE_FLOW = 150;

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
        Path work = Files.createDirectories(target.resolve("web-control-it"));
        logs = target.resolve("web-control-it-logs");
        int identityPort = FreePorts.tcp();
        int ingestPort = FreePorts.tcp();
        int webPort = FreePorts.tcp();
        String issuer = "http://127.0.0.1:" + identityPort;
        web = "http://127.0.0.1:" + webPort;
        String webSecret = "web-client-secret-" + System.nanoTime();

        var identityDb = LocalServices.freshDatabase("web_ctl_identity");
        cleanup.add(identityDb);
        var ingestDb = LocalServices.freshDatabase("web_ctl_ingest");
        cleanup.add(ingestDb);
        // a broker of this class's own: concurrent runs on one machine use the same cooperative and gateway ids
        var broker = EmbeddedBroker.start(0);
        cleanup.add(broker);
        mqtt = broker.url();

        // the gateway's side of the broker, subscribed before anything is sent
        var gateway = new MqttClient(mqtt, "web-ctl-gw-a-" + System.nanoTime(), new MemoryPersistence());
        // a callback, not subscribe(topic, qos, listener): that overload of Paho 1.2.5 recurses for ever
        gateway.setCallback(new MqttCallback() {
            @Override
            public void messageArrived(String topic, MqttMessage message) {
                commandsToGwA.add(message);
            }

            @Override
            public void disconnected(MqttDisconnectResponse response) {}

            @Override
            public void mqttErrorOccurred(MqttException exception) {}

            @Override
            public void deliveryComplete(IMqttToken token) {}

            @Override
            public void connectComplete(boolean reconnect, String serverURI) {}

            @Override
            public void authPacketArrived(int reasonCode, MqttProperties properties) {}
        });
        gateway.connect();
        gateway.subscribe(COMMAND_TOPIC, 1);
        cleanup.add(() -> {
            gateway.disconnect();
            gateway.close();
        });

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
        var ingestEnv = new java.util.HashMap<String, String>();
        ingestEnv.put("DX_INGEST_PORT", Integer.toString(ingestPort));
        ingestEnv.put("DX_INGEST_MANAGEMENT_PORT", Integer.toString(FreePorts.tcp()));
        ingestEnv.put("DX_INGEST_OIDC_ISSUER_URI", issuer);
        ingestEnv.put("DX_MQTT_URL", mqtt);
        // share groups of its own (a second guard: the broker is this class's own)
        ingestEnv.put("DX_MQTT_SHARE_GROUP", "web-ctl-" + System.nanoTime());
        ingestEnv.put("DX_INGEST_COMMANDS_ACKGROUP", "web-ctl-acks-" + System.nanoTime());
        // an unanswered command times out one second after its deadline, checked every second
        ingestEnv.put("DX_INGEST_COMMANDS_TIMEOUTGRACE", "1s");
        ingestEnv.put("DX_INGEST_COMMANDS_SWEEPEVERY", "1s");
        ingestEnv.put("DX_INGEST_ALARMS_EVALUATEEVERY", "2s");
        ingestEnv.put("DX_INGEST_DB_URL", ingestDb.jdbcUrl());
        ingestEnv.put("DX_INGEST_DB_USER", ingestDb.user());
        ingestEnv.put("DX_INGEST_DB_PASSWORD", ingestDb.password());
        services.start("ingest-service", ingestPort, ingestEnv);
        String ingest = "http://127.0.0.1:" + ingestPort;
        issuerUrl = issuer;
        ingestUrl = ingest;
        String coopA = clientToken(issuer, "it-coop-a", "it-coop-a-secret-0001");
        registerField(issuer, ingest, coopA);
        publishField(ingest, coopA);
        startRealGateway(work);

        ConfigurableApplicationContext app = new SpringApplicationBuilder(WebApplication.class)
                .run(
                        "--dx.web.port=" + webPort,
                        "--dx.web.issuer=" + issuer,
                        "--dx.web.client-id=web",
                        "--dx.web.client-secret=" + webSecret,
                        "--dx.web.ingest-url=" + ingest,
                        "--dx.web.trace-url=http://127.0.0.1:" + FreePorts.tcp(),
                        // a short deadline: the command to the offline gateway expires within the test
                        "--dx.web.valve.command-ttl=3s",
                        "--dx.web.valve.poll-every=1s",
                        "--dx.web.valve.instructions-refresh=5s");
        cleanup.add(app);
    }

    @AfterAll
    static void stopPlatform() throws Exception {
        for (int i = cleanup.size() - 1; i >= 0; i--) cleanup.get(i).close();
        cleanup.clear();
    }

    @BeforeEach
    void openBrowser() {
        browser = chromium();
    }

    private static WebDriver chromium() {
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
        var driver = new ChromeDriver(service, options);
        driver.manage().timeouts().implicitlyWait(Duration.ZERO);
        return driver;
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
    void aManagerOpensAValveAndTheGatewaysAckTurnsThePageToAcked() throws Exception {
        signIn("manager-a", PASSWORD);
        browser.get(web + "/plots/a1?lang=vi");
        browser.findElement(By.id("valve-link")).click();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !browser.findElements(By.id("valve-form")).isEmpty());
        // the gateway's own decision, in the user's words
        settled(() -> assertThat(browser.findElement(By.id("decisions")).getText())
                .contains(text("vi", "decision.kind.SKIP"))
                .contains(text("vi", "decision.reason.RAIN_SKIP")));
        screenshots("valve-vi");
        new Select(browser.findElement(By.id("gateway"))).selectByValue("gw-a");
        browser.findElement(By.id("action-open")).click();
        var minutes = browser.findElement(By.id("run-minutes"));
        minutes.clear();
        minutes.sendKeys("20");
        browser.findElement(By.id("valve-continue")).click();

        // the confirmation step: nothing is sent until it is confirmed
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !browser.findElements(By.id("valve-confirm")).isEmpty());
        assertThat(browser.findElement(By.id("confirm-what")).getText())
                .contains("a1-valve")
                .contains("20");
        assertThat(commandsToGwA).isEmpty();
        screenshots("valve-confirm-vi");
        browser.findElement(By.id("valve-confirm")).click();

        // ingest stored it and published it on the gateway's command topic
        MqttMessage message = commandsToGwA.poll(20, TimeUnit.SECONDS);
        assertThat(message).as("a command on " + COMMAND_TOPIC).isNotNull();
        var request = (GatewayRequest.Valve) GatewayRequestCodec.decode(message.getPayload());
        assertThat(request.command().deviceId()).isEqualTo("a1-valve");
        assertThat(request.command().action()).isEqualTo(ValveCommand.Action.OPEN);
        assertThat(request.command().runTime()).isEqualTo(Duration.ofMinutes(20));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !browser.findElements(By.id("command-state")).isEmpty());
        assertThat(state()).isIn("PENDING", "SENT");
        assertThat(stateText()).contains(text("vi", "command.waiting"));

        // the gateway answers: the page follows without a reload
        var answer = new MqttClient(mqtt, "web-ctl-ack-" + System.nanoTime(), new MemoryPersistence());
        answer.connect();
        try {
            answer.publish(
                    ACK_TOPIC,
                    GatewayRequestCodec.encode(
                            new GatewayAck(request.requestId(), GatewayAck.Result.APPLIED, "", Instant.now())),
                    1,
                    false);
        } finally {
            answer.disconnect();
            answer.close();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> "APPLIED".equals(state()));
        assertThat(stateText()).contains(text("vi", "command.state.APPLIED"));
        browser.navigate().refresh();
        WebElement row = browser.findElement(By.cssSelector("#commands [data-command='" + request.requestId() + "']"));
        assertThat(row.getAttribute("data-state")).isEqualTo("APPLIED");
        assertThat(row.getText()).contains(text("vi", "valve.sent-by-you")).doesNotContain("Chị A");
        screenshots("valve-acked-vi");
    }

    @Test
    void aManagersCommandReachesTheSimulatedValveThroughARealGatewayAndIsAcked() {
        signIn("manager-a", PASSWORD);
        browser.get(web + "/plots/a3/valve?lang=en");
        // the agent's control may refuse a command that arrives before it has heard the valve: send again
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    browser.get(web + "/plots/a3/valve");
                    if (browser.findElements(By.cssSelector("#gateway option[value=gw-edge]"))
                            .isEmpty()) return false;
                    new Select(browser.findElement(By.id("gateway"))).selectByValue("gw-edge");
                    browser.findElement(By.id("action-open")).click();
                    var minutes = browser.findElement(By.id("run-minutes"));
                    minutes.clear();
                    minutes.sendKeys("10");
                    browser.findElement(By.id("valve-continue")).click();
                    browser.findElement(By.id("valve-confirm")).click();
                    await().atMost(Duration.ofSeconds(30)).until(() -> {
                        String s = state();
                        return s != null && !s.equals("PENDING") && !s.equals("SENT");
                    });
                    return "APPLIED".equals(state());
                });
        assertThat(stateText()).contains(text("en", "command.state.APPLIED"));
        screenshots("valve-real-gateway-en");
    }

    @Test
    void aCommandToAnOfflineGatewayExpires() {
        signIn("manager-a", PASSWORD);
        browser.get(web + "/plots/a1/valve?lang=en");
        new Select(browser.findElement(By.id("gateway"))).selectByValue("gw-off");
        assertThat(new Select(browser.findElement(By.id("gateway")))
                        .getFirstSelectedOption()
                        .getText())
                .contains(text("en", "gateway.offline"));
        browser.findElement(By.id("action-close")).click();
        browser.findElement(By.id("valve-continue")).click();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !browser.findElements(By.id("valve-confirm")).isEmpty());
        browser.findElement(By.id("valve-confirm")).click();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !browser.findElements(By.id("command-state")).isEmpty());
        // nobody answers: 3 s deadline, then ingest's sweep marks it; htmx brings it to the page
        await().atMost(Duration.ofSeconds(30)).until(() -> "TIMED_OUT".equals(state()));
        assertThat(stateText()).contains(text("en", "command.state.TIMED_OUT"));
        screenshots("valve-expired-en");
    }

    @Test
    void aRuleIsAddedTheSilentSensorsAlarmIsAcknowledgedWithANoteAndTheRuleEdited() {
        signIn("manager-a", PASSWORD);
        browser.get(web + "/?lang=vi");
        browser.findElement(By.id("nav-alarms")).click();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !browser.findElements(By.id("new-rule")).isEmpty());
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(text("vi", "alarms.title"));
        new Select(browser.findElement(By.id("new-rule-kind"))).selectByValue("NO_DATA");
        new Select(browser.findElement(By.id("new-rule-plot"))).selectByValue("a2");
        browser.findElement(By.id("new-rule-name")).sendKeys("Cảm biến ẩm A2");
        browser.findElement(By.id("new-rule-create")).click();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !browser.findElements(By.cssSelector("#rules [data-kind=NO_DATA]"))
                        .isEmpty());
        String ruleId = browser.findElement(By.cssSelector("#rules [data-kind=NO_DATA]"))
                .getAttribute("data-rule");

        // a2's sensor has been silent for three hours: ingest raises NO_DATA at its next evaluation
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    browser.navigate().refresh();
                    return !browser.findElements(By.cssSelector("#open-alarms [data-kind=NO_DATA][data-plot=a2]"))
                            .isEmpty();
                });
        WebElement alarm = browser.findElement(By.cssSelector("#open-alarms [data-kind=NO_DATA][data-plot=a2]"));
        assertThat(alarm.getText()).contains(text("vi", "alarm.kind.NO_DATA")).contains("Ruộng A2");
        screenshots("alarms-vi");
        String alarmId = alarm.getAttribute("data-alarm");
        browser.findElement(By.id("note-" + alarmId)).sendKeys("thay pin chiều nay");
        browser.findElement(By.id("acknowledge-" + alarmId)).click();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !browser.findElements(By.cssSelector("#alarm-" + alarmId + " .acknowledged"))
                        .isEmpty());
        assertThat(browser.findElement(By.cssSelector("#alarm-" + alarmId + " .acknowledged"))
                        .getText())
                .contains("thay pin chiều nay");

        // a value ingest refuses: the page says so in the user's language and keeps what was typed
        browser.get(web + "/alarms?lang=en");
        var duration = browser.findElement(By.id("rule-" + ruleId + "-durationS"));
        duration.clear();
        duration.sendKeys("two hours");
        browser.findElement(By.id("rule-" + ruleId + "-save")).click();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !browser.findElements(By.cssSelector("#rule-" + ruleId + " .problem"))
                        .isEmpty());
        assertThat(browser.findElement(By.cssSelector("#rule-" + ruleId + " .problem"))
                        .getText())
                .contains(text("en", "problem.invalid"));
        assertThat(browser.findElement(By.id("rule-" + ruleId + "-durationS")).getAttribute("value"))
                .isEqualTo("two hours");
        assertThat(browser.findElement(By.id("rule-" + ruleId + "-name")).getAttribute("value"))
                .isEqualTo("Cảm biến ẩm A2");
        screenshots("alarms-refused-en");
        duration = browser.findElement(By.id("rule-" + ruleId + "-durationS"));
        duration.clear();
        duration.sendKeys("7200");
        browser.findElement(By.id("rule-" + ruleId + "-save")).click();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> browser.findElements(By.cssSelector("#rule-" + ruleId + " .problem"))
                                .isEmpty()
                        && "7200"
                                .equals(browser.findElement(By.id("rule-" + ruleId + "-durationS"))
                                        .getAttribute("value")));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(text("en", "alarms.title"));
        assertThat(browser.findElement(By.cssSelector("#alarm-" + alarmId)).getText())
                .contains(text("en", "alarm.kind.NO_DATA"))
                .contains("thay pin chiều nay");
        screenshots("alarms-en");

        // a post without the CSRF token (another site's form, say) changes nothing
        Object status = ((JavascriptExecutor) browser).executeAsyncScript("""
                        const done = arguments[arguments.length - 1];
                        const body = new URLSearchParams({kind: 'LEAK', plot: 'a1', name: 'forged'});
                        fetch('/alarms/rules', {method: 'POST', body, redirect: 'manual'}).then(r => done(r.status));
                        """);
        assertThat(((Number) status).intValue()).isEqualTo(403);
        browser.navigate().refresh();
        assertThat(browser.findElements(By.cssSelector("#rules [data-kind=LEAK]")))
                .isEmpty();
    }

    /**
     * Records every browser notification the page makes (the test's spy, put into each new document
     * through the DevTools protocol; the page's code is not changed for it).
     */
    private static final String NOTIFICATION_SPY = """
            (() => {
              const Real = window.Notification;
              if (!Real) return;
              window.__dxNotices = [];
              class Spy extends Real {
                constructor(title, options) {
                  super(title, options);
                  window.__dxNotices.push({title, body: options && options.body, tag: options && options.tag});
                }
              }
              window.Notification = Spy;
            })();
            """;

    @Test
    void theChoiceOfAlarmsIsSavedAndASilentSensorsAlarmOpensLiveIsNotifiedAndAcknowledged() throws Exception {
        var chrome = (ChromeDriver) browser;
        chrome.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", NOTIFICATION_SPY));
        signIn("manager-a", PASSWORD);

        // the browser's permission, as the page says it: blocked, not asked yet, allowed
        chrome.executeCdpCommand(
                "Browser.setPermission",
                Map.of("origin", web, "permission", Map.of("name", "notifications"), "setting", "denied"));
        browser.get(web + "/alarms?lang=en");
        browser.findElement(By.id("alarms-notifications")).click();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !browser.findElements(By.id("notify-form")).isEmpty());
        assertThat(browser.findElement(By.id("browser-permission")).getText())
                .isEqualTo(text("en", "notify.permission.denied"));
        assertThat(browser.findElement(By.id("allow-notifications")).isDisplayed())
                .isFalse();
        chrome.executeCdpCommand("Browser.resetPermissions", Map.of());
        browser.navigate().refresh();
        assertThat(browser.findElement(By.id("browser-permission")).getText())
                .isEqualTo(text("en", "notify.permission.default"));
        assertThat(browser.findElement(By.id("allow-notifications")).isDisplayed())
                .isTrue();
        chrome.executeCdpCommand(
                "Browser.grantPermissions", Map.of("origin", web, "permissions", List.of("notifications")));
        browser.navigate().refresh();
        assertThat(browser.findElement(By.id("browser-permission")).getText())
                .isEqualTo(text("en", "notify.permission.granted"));
        assertThat(browser.findElement(By.id("rate-limit")).getText())
                .contains("6")
                .contains("hour");
        assertThat(browser.findElement(By.id("notify-subject")).getText()).isNotBlank();

        // a4: a plot of this test's own, whose sensor has been silent for three hours
        String coopA = clientToken(issuerUrl, "it-coop-a", "it-coop-a-secret-0001");
        post(
                ingestUrl,
                "/api/plots",
                "{\"id\":\"a4\",\"cooperative\":\"coop-a\",\"name\":\"Ruộng A4\",\"crop\":\"rau\",\"areaHa\":0.2}",
                coopA);
        post(
                ingestUrl,
                "/api/devices",
                "{\"id\":\"a4-sm\",\"cooperative\":\"coop-a\",\"plot\":\"a4\",\"kind\":\"soil_moisture\"}",
                coopA);
        publishSilentA4();

        // the choice: silent sensors of a4, in this browser; saved and read again
        browser.navigate().refresh();
        browser.findElement(By.id("kind-" + AlarmKind.NO_DATA)).click();
        browser.findElement(By.id("plot-a4")).click();
        if (!browser.findElement(By.id("notify-browser")).isSelected())
            browser.findElement(By.id("notify-browser")).click();
        browser.findElement(By.id("notify-save")).click();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !browser.findElements(By.id("notify-saved")).isEmpty());
        browser.get(web + "/notifications?lang=vi");
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo(text("vi", "notify.title"));
        assertThat(browser.findElement(By.id("kind-NO_DATA")).isSelected()).isTrue();
        assertThat(browser.findElement(By.id("kind-LEAK")).isSelected()).isFalse();
        assertThat(browser.findElement(By.id("plot-a4")).isSelected()).isTrue();
        assertThat(browser.findElement(By.id("plot-a1")).isSelected()).isFalse();
        assertThat(browser.findElement(By.id("notify-browser")).isSelected()).isTrue();
        screenshots("notifications-vi");

        // a plot that is not the cooperative's (a hand-made box): ingest refuses, the page says so, boxes kept
        browser.get(web + "/notifications?lang=en");
        browser.findElement(By.id("kind-LEAK")).click();
        ((JavascriptExecutor) browser).executeScript("""
                const box = document.createElement('input');
                box.type = 'checkbox'; box.name = 'plots'; box.value = 'not-ours'; box.checked = true;
                document.getElementById('notify-form').append(box);
                """);
        browser.findElement(By.id("notify-save")).click();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !browser.findElements(By.id("notify-problem")).isEmpty());
        assertThat(browser.findElement(By.id("notify-problem")).getText())
                .contains(text("en", "problem.invalid"))
                .contains("not-ours");
        assertThat(browser.findElement(By.id("kind-LEAK")).isSelected()).isTrue();
        assertThat(browser.findElement(By.id("kind-NO_DATA")).isSelected()).isTrue();
        assertThat(browser.findElement(By.id("plot-a4")).isSelected()).isTrue();
        screenshots("notifications-refused-en");
        browser.get(web + "/notifications?lang=en");
        assertThat(browser.findElement(By.id("kind-LEAK")).isSelected())
                .as("the refused choice was not saved")
                .isFalse();

        // the alarms page is open, live; then a NO_DATA rule for a4 is made (through ingest's API)
        browser.get(web + "/alarms?lang=en");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> "true"
                        .equals(browser.findElement(By.cssSelector("[data-live]"))
                                .getAttribute("data-connected")));
        String rule = created(
                ingestUrl,
                "/api/alarm-rules",
                "{\"name\":\"Cảm biến A4\",\"kind\":\"NO_DATA\",\"plot\":\"a4\"}",
                coopA);

        // ingest raises it at its next evaluation; the row comes without a reload
        await().atMost(Duration.ofSeconds(30))
                .until(() -> !browser.findElements(By.cssSelector("#open-alarms [data-kind=NO_DATA][data-plot=a4]"))
                        .isEmpty());
        WebElement alarm = browser.findElement(By.cssSelector("#open-alarms [data-kind=NO_DATA][data-plot=a4]"));
        assertThat(alarm.getText()).contains(text("en", "alarm.kind.NO_DATA")).contains("Ruộng A4");
        String alarmId = alarm.getAttribute("data-alarm");
        assertThat(browser.findElement(By.id("no-open-alarms")).isDisplayed()).isFalse();

        // and a browser notification, as chosen
        await().atMost(Duration.ofSeconds(10))
                .until(() -> notices().stream().anyMatch(n -> ("dx-alarm-" + alarmId).equals(n.get("tag"))));
        var notice = notices().stream()
                .filter(n -> ("dx-alarm-" + alarmId).equals(n.get("tag")))
                .toList();
        assertThat(notice).hasSize(1);
        assertThat(notice.getFirst().get("title")).isEqualTo("Alarm: " + text("en", "alarm.kind.NO_DATA"));
        assertThat((String) notice.getFirst().get("body")).startsWith("Ruộng A4 · a4-sm, since ");
        screenshots("alarms-live-en");

        // acknowledged from the row that came live (its form carries this session's CSRF token)
        browser.findElement(By.id("note-" + alarmId)).sendKeys("đã kiểm tra");
        browser.findElement(By.id("acknowledge-" + alarmId)).click();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !browser.findElements(By.cssSelector("#alarm-" + alarmId + " .acknowledged"))
                        .isEmpty());
        assertThat(browser.findElement(By.cssSelector("#alarm-" + alarmId + " .acknowledged"))
                        .getText())
                .contains("đã kiểm tra");

        // the rule deleted (the fixture as it was for the other tests): ingest clears its alarm, and the
        // row moves to the history without a reload
        await().atMost(Duration.ofSeconds(20))
                .until(() -> "true"
                        .equals(browser.findElement(By.cssSelector("[data-live]"))
                                .getAttribute("data-connected")));
        var deleted = HTTP.send(
                HttpRequest.newBuilder(URI.create(ingestUrl + "/api/alarm-rules/" + rule))
                        .header("Authorization", "Bearer " + coopA)
                        .DELETE()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(deleted.statusCode())
                .as("DELETE rule %s: %s", rule, deleted.body())
                .isBetween(200, 204);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> browser.findElements(By.cssSelector("#open-alarms [data-alarm='" + alarmId + "']"))
                                .isEmpty()
                        && !browser.findElements(By.cssSelector("#alarm-history [data-alarm='" + alarmId + "']"))
                                .isEmpty());
        assertThat(browser.findElement(By.cssSelector("#alarm-history [data-alarm='" + alarmId + "']"))
                        .getText())
                .contains(text("en", "alarm.kind.NO_DATA"))
                .contains("Ruộng A4")
                .contains("đã kiểm tra");
    }

    /** POSTs and answers the created resource's id. */
    private static String created(String ingest, String path, String json, String token) throws Exception {
        var r = HTTP.send(
                HttpRequest.newBuilder(URI.create(ingest + path))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as("POST %s %s: %s", path, json, r.body()).isEqualTo(201);
        return Json.MAPPER.readTree(r.body()).path("id").asString();
    }

    @Test
    void theCommandsStateFollowsTheStreamWithoutItsPolling() throws Exception {
        signIn("manager-a", PASSWORD);
        browser.get(web + "/plots/a1/valve?lang=en");
        new Select(browser.findElement(By.id("gateway"))).selectByValue("gw-a");
        browser.findElement(By.id("action-close")).click();
        browser.findElement(By.id("valve-continue")).click();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !browser.findElements(By.id("valve-confirm")).isEmpty());
        browser.findElement(By.id("valve-confirm")).click();
        MqttMessage message = commandsToGwA.poll(20, TimeUnit.SECONDS);
        assertThat(message).as("a command on " + COMMAND_TOPIC).isNotNull();
        var request = (GatewayRequest.Valve) GatewayRequestCodec.decode(message.getPayload());
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !browser.findElements(By.cssSelector("#watch[data-connected=true]"))
                        .isEmpty());
        assertThat(state()).isIn("PENDING", "SENT");

        // the polling fallback taken away: the state becomes a copy htmx does not poll
        ((JavascriptExecutor) browser).executeScript("""
                const e = document.getElementById('command-state');
                const copy = e.cloneNode(true);
                copy.removeAttribute('hx-trigger');
                e.replaceWith(copy);
                """);
        var answer = new MqttClient(mqtt, "web-ctl-ack-live-" + System.nanoTime(), new MemoryPersistence());
        answer.connect();
        try {
            answer.publish(
                    ACK_TOPIC,
                    GatewayRequestCodec.encode(
                            new GatewayAck(request.requestId(), GatewayAck.Result.APPLIED, "", Instant.now())),
                    1,
                    false);
        } finally {
            answer.disconnect();
            answer.close();
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> "APPLIED".equals(state()));
        assertThat(stateText()).contains(text("en", "command.state.APPLIED"));
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> notices() {
        Object n = ((JavascriptExecutor) browser).executeScript("return window.__dxNotices || [];");
        return (List<Map<String, Object>>) n;
    }

    /** a4-sm's one reading, three hours old, through gw-a (its second batch); waits until ingest has it. */
    private static void publishSilentA4() throws Exception {
        Instant now = Instant.now();
        var codec = new UplinkCodec(new TelemetryCodec());
        var client = new MqttClient(mqtt, "web-ctl-a4-" + System.nanoTime(), new MemoryPersistence());
        client.connect();
        try {
            client.publish(
                    "dx/v1/coop/coop-a/gw/gw-a/telemetry",
                    codec.encode(new UplinkBatch(
                            "coop-a",
                            "gw-a",
                            2,
                            now,
                            List.of(new Reading("a4-sm", Metric.SOIL_MOISTURE, now.minus(Duration.ofHours(3)), 0.31)))),
                    1,
                    false);
        } finally {
            client.disconnect();
            client.close();
        }
        String token = clientToken(issuerUrl, "it-coop-a", "it-coop-a-secret-0001");
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> get(ingestUrl, "/api/plots/a4/latest", token).contains("a4-sm"));
    }

    @Test
    void whoMayNotCommandIsToldSoAndRefused() {
        signIn("officer", OFFICER_PASSWORD);
        browser.get(web + "/plots/a1/valve?lang=en");
        assertThat(browser.findElement(By.id("not-allowed")).getText()).isEqualTo(text("en", "valve.not-allowed"));
        assertThat(browser.findElements(By.id("valve-form"))).isEmpty();
        screenshots("valve-not-allowed-en");
        // a hand-made post with a valid CSRF token (the sign-out form's) is refused all the same
        Object status = ((JavascriptExecutor) browser).executeAsyncScript("""
                        const done = arguments[arguments.length - 1];
                        const csrf = document.querySelector('form[action="/logout"] input[type=hidden]');
                        const body = new URLSearchParams({device: 'a1-valve', gateway: 'gw-a', action: 'CLOSE', runMinutes: ''});
                        body.append(csrf.name, csrf.value);
                        fetch('/plots/a1/valve/commands', {method: 'POST', body}).then(r => done(r.status));
                        """);
        assertThat(((Number) status).intValue()).isEqualTo(403);
        assertThat(commandsToGwA).isEmpty();
    }

    @Test
    void anOverrideAndAScheduleSetInThePageAreAckedByTheRealGatewayAndListedWithTheirExpiry() {
        signIn("manager-a", PASSWORD);
        browser.get(web + "/plots/a6/valve?lang=vi");
        // held closed for 30 minutes: sent through gw-edge, the plot's gateway in the registry
        browser.findElement(By.id("hold-closed")).click();
        browser.findElement(By.id("mode-for")).click();
        var minutes = browser.findElement(By.id("override-minutes"));
        minutes.clear();
        minutes.sendKeys("30");
        browser.findElement(By.id("override-continue")).click();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !browser.findElements(By.id("override-confirm")).isEmpty());
        assertThat(browser.findElement(By.id("confirm-what")).getText()).contains("Ruộng A6");
        screenshots("valve-override-confirm-vi");
        browser.findElement(By.id("override-confirm")).click();
        String held = awaitInstruction("overrides", "APPLIED", null);
        settled(() -> {
            WebElement row = instruction(held);
            assertThat(row.getAttribute("data-phase")).isEqualTo("ACTIVE");
            assertThat(row.getText())
                    .contains(text("vi", "command.state.APPLIED"))
                    .contains(text("vi", "instruction.phase.ACTIVE"))
                    .contains(text("vi", "instruction.ends-in").replace(" {0}", ""));
        });
        screenshots("valve-override-vi");

        // back to automatic: the hold ends, shown greyed as replaced
        browser.findElement(By.id("hold-auto")).click();
        browser.findElement(By.id("override-continue")).click();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !browser.findElements(By.id("override-confirm")).isEmpty());
        browser.findElement(By.id("override-confirm")).click();
        awaitInstruction("overrides", "APPLIED", held);
        await().atMost(Duration.ofSeconds(20))
                .until(() -> "REPLACED".equals(instruction(held).getAttribute("data-phase")));
        settled(() -> assertThat(instruction(held).getAttribute("class")).contains("over"));

        // a watering in two hours for 20 minutes: upcoming
        browser.get(web + "/plots/a6/valve?lang=en");
        String start = java.time.LocalDateTime.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh"))
                .plusHours(2)
                .withSecond(0)
                .withNano(0)
                .toString();
        ((JavascriptExecutor) browser)
                .executeScript("document.getElementById('schedule-start').value = arguments[0];", start);
        var run = browser.findElement(By.id("schedule-minutes"));
        run.clear();
        run.sendKeys("20");
        browser.findElement(By.id("schedule-continue")).click();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !browser.findElements(By.id("schedule-confirm")).isEmpty());
        assertThat(browser.findElement(By.id("confirm-what")).getText())
                .contains("Ruộng A6")
                .contains("20");
        browser.findElement(By.id("schedule-confirm")).click();
        String scheduled = awaitInstruction("schedules", "APPLIED", null);
        settled(() -> {
            assertThat(instruction(scheduled).getAttribute("data-phase")).isEqualTo("UPCOMING");
            assertThat(instruction(scheduled).getText())
                    .contains(text("en", "instruction.phase.UPCOMING"))
                    .contains("starts in");
        });
        screenshots("valve-schedule-en");
    }

    @Test
    void theWaterOfASimulatedRicePlotFallsAndTheGatewaysAwdOpeningShowsWithoutAReload() throws Exception {
        // a5's own page in a second browser (a background tab's scripts may be held back): its chart
        // and "now" list must follow the falling level and the opening without a reload either
        WebDriver valvePage = browser;
        WebDriver plotPage = chromium();
        try {
            browser = plotPage;
            signIn("manager-a", PASSWORD);
            browser.get(web + "/plots/a5?lang=en");
            await().atMost(Duration.ofSeconds(20))
                    .until(() ->
                            "true".equals(browser.findElement(By.id("chart")).getAttribute("data-connected")));
            ((JavascriptExecutor) browser).executeScript("window.dxSamePlotPage = true;");
            browser = valvePage;
            awdOpensLive(plotPage);
        } finally {
            browser = valvePage;
            plotPage.quit();
        }
    }

    private void awdOpensLive(WebDriver plotPage) throws Exception {
        long simStarted = Instant.now().getEpochSecond();
        signIn("manager-a", PASSWORD);
        browser.get(web + "/plots/a5/valve?lang=en");
        await().atMost(Duration.ofSeconds(20))
                .until(() -> "true".equals(browser.findElement(By.id("plots")).getAttribute("data-connected")));
        ((JavascriptExecutor) browser).executeScript("window.dxSamePage = true;");
        assertThat(browser.findElements(By.cssSelector("#decisions [data-reason=BELOW_START_LEVEL]")))
                .isEmpty();
        // a5's paddy just above AWD's start level (-15 cm in tillering), drying 240 times faster than
        // real time (4 cm a field day: about 0.7 cm a minute here), no rain
        var sim = new ProcessBuilder(
                        javaCommand,
                        "-jar",
                        simJar.toString(),
                        "--broker",
                        mqtt,
                        "--plots",
                        "a5:rice:1.0:" + A5_VALVE_FLOW,
                        "--speed",
                        "240",
                        "--interval",
                        "2s",
                        "--seed",
                        "5",
                        "--field",
                        "initial-level=-14.5,initial-level-spread=0,rain-per-day=0")
                .redirectErrorStream(true)
                .redirectOutput(logs.resolve("firmware-sim-a5.log").toFile())
                .start();
        try {
            // the level shows and falls to the start level, the valve opens: all live on the open page
            var levels = new ArrayList<Double>();
            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofMillis(250))
                    .until(() -> {
                        String level = (String)
                                ((JavascriptExecutor) browser)
                                        .executeScript(
                                                "const e = document.querySelector('#plots [data-plot=a5] .level'); return e && e.textContent;");
                        var m = java.util.regex.Pattern.compile("-?\\d+(\\.\\d+)?")
                                .matcher(level == null ? "" : level);
                        if (m.find()) levels.add(Double.parseDouble(m.group()));
                        return !browser.findElements(By.cssSelector("#plots [data-plot=a5] .valve.open"))
                                .isEmpty();
                    });
            // the card sampled every 250 ms may miss the one reading between "falling" and "open", so
            // the level the gateway opened at is read from its decision below
            assertThat(levels).as("a5's level as the card showed it, live").isNotEmpty();
            assertThat(levels.get(0)).as("a5's level before the gateway opened").isGreaterThan(-15.0);
            screenshots("valve-awd-open-en");
            // the gateway's decision and its reason, brought in by the stream's change
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> !browser.findElements(
                                    By.cssSelector("#decisions [data-kind=START][data-reason=BELOW_START_LEVEL]"))
                            .isEmpty());
            settled(() -> {
                assertThat(browser.findElement(By.cssSelector("#decisions [data-reason=BELOW_START_LEVEL]"))
                                .getText())
                        .contains(text("en", "decision.kind.START"))
                        .contains(text("en", "decision.reason.BELOW_START_LEVEL"));
                var decidedOn = browser.findElement(By.cssSelector(
                        "#decisions [data-reason=BELOW_START_LEVEL] .decided-on[data-metric=water_level]"));
                assertThat(Double.parseDouble(decidedOn.getAttribute("data-value")))
                        .as("the level the gateway opened at")
                        .isLessThanOrEqualTo(-15.0);
            });
            assertThat(((JavascriptExecutor) browser).executeScript("return window.dxSamePage === true;"))
                    .as("the same page, never reloaded")
                    .isEqualTo(true);
            ((JavascriptExecutor) browser).executeScript("document.getElementById('decisions').scrollIntoView();");
            screenshots("valve-awd-decision-en");

            // the plot's page, never reloaded: the simulated levels appended to its chart, the valve open
            browser = plotPage;
            await().atMost(Duration.ofSeconds(30))
                    .ignoreException(org.openqa.selenium.StaleElementReferenceException.class)
                    .untilAsserted(() -> {
                        var chart = browser.findElement(By.id("chart"));
                        assertThat(chart.getAttribute("data-last")).isNotNull();
                        assertThat(Long.parseLong(chart.getAttribute("data-last")))
                                .isGreaterThanOrEqualTo(simStarted);
                        assertThat(Integer.parseInt(chart.getAttribute("data-points")))
                                .as("level readings drawn live")
                                .isGreaterThanOrEqualTo(2);
                        assertThat(browser.findElement(By.id("readings")).getText())
                                .contains(text("en", "metric.water_level"))
                                .contains(text("en", "state.open"));
                    });
            assertThat(((JavascriptExecutor) browser).executeScript("return window.dxSamePlotPage === true;"))
                    .as("the plot's page, never reloaded")
                    .isEqualTo(true);
            ((JavascriptExecutor) browser).executeScript("document.getElementById('chart-heading').scrollIntoView();");
            screenshots("plot-awd-live-en");
        } finally {
            stop(sim);
        }
    }

    /** The id of the newest row of list {@code list} once it is in {@code state} (other than {@code not}). */
    private String awaitInstruction(String list, String state, String not) {
        return await().atMost(Duration.ofSeconds(40))
                .pollInterval(Duration.ofMillis(300))
                .until(
                        () -> (String) ((JavascriptExecutor) browser)
                                .executeScript(
                                        "const e = document.querySelector('#' + arguments[0] + ' > li');"
                                                + " return e && e.dataset.instruction !== arguments[2]"
                                                + " && e.dataset.state === arguments[1] ? e.dataset.instruction : null;",
                                        list,
                                        state,
                                        not),
                        id -> id != null);
    }

    /**
     * Checks a live region, again while htmx or the stream swaps it between finding an element and
     * reading it (the element goes stale; its replacement holds the same or newer state).
     */
    private static void settled(org.awaitility.core.ThrowingRunnable check) {
        await().atMost(Duration.ofSeconds(10))
                .ignoreException(org.openqa.selenium.StaleElementReferenceException.class)
                .untilAsserted(check);
    }

    private WebElement instruction(String id) {
        return browser.findElement(By.cssSelector("[data-instruction='" + id + "']"));
    }

    /** The followed command's state; read in one script, as htmx replaces the element every poll. */
    private String state() {
        return (String) ((JavascriptExecutor) browser)
                .executeScript("const e = document.getElementById('command-state'); return e && e.dataset.state;");
    }

    private String stateText() {
        return (String) ((JavascriptExecutor) browser)
                .executeScript("const e = document.getElementById('command-state'); return e && e.textContent;");
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
        try (var in = ValveAndAlarmBrowserIT.class.getResourceAsStream("/messages_" + lang + ".properties")) {
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return p.getProperty(key);
    }

    /** Cooperative a with its manager, a department officer (reads, may not command), the web client. */
    private static String seed(String webSecret) {
        return """
                {
                  "organisations": [
                    {"id": "coop-a", "name": "HTX Thử A", "kind": "COOPERATIVE"},
                    {"id": "so-thu", "name": "Sở thử", "kind": "DEPARTMENT"}
                  ],
                  "users": [
                    {"username": "manager-a", "password": "%s", "name": "Chị A", "organisation": "coop-a", "roles": ["COOP_MANAGER"]},
                    {"username": "officer", "password": "%s", "name": "Anh Sở", "organisation": "so-thu", "roles": ["DEPARTMENT_OFFICER"]}
                  ],
                  "clients": [
                    {"id": "web", "secret": "%s", "grants": ["authorization_code", "refresh_token"], "pkce": true,
                     "redirect-uris": ["%s/login/oauth2/code/dx"], "post-logout-redirect-uris": ["%s/"],
                     "audience": ["ingest-service", "traceability-service"]},
                    {"id": "it-department", "secret": "it-department-secret-01", "grants": ["client_credentials"],
                     "roles": ["DEPARTMENT_OFFICER"], "organisation": "so-thu", "audience": ["ingest-service"]},
                    {"id": "it-coop-a", "secret": "it-coop-a-secret-0001", "grants": ["client_credentials"],
                     "roles": ["COOP_MANAGER"], "organisation": "coop-a", "audience": ["ingest-service"]}
                  ]
                }
                """.formatted(PASSWORD, OFFICER_PASSWORD, webSecret, web, web);
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

    /** Plots a1 (rice, a valve) and a2 (vegetables, a soil-moisture sensor). */
    private static void registerField(String issuer, String ingest, String a) throws Exception {
        String department = clientToken(issuer, "it-department", "it-department-secret-01");
        post(ingest, "/api/cooperatives", "{\"id\":\"coop-a\",\"name\":\"HTX Thử A\"}", department);
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
        // a3: served by a real edge agent (gateway gw-edge) and the firmware simulator
        post(
                ingest,
                "/api/plots",
                "{\"id\":\"a3\",\"cooperative\":\"coop-a\",\"name\":\"Ruộng A3\",\"crop\":\"lúa\",\"areaHa\":1.0}",
                a);
        for (String device : List.of("a3-wl:water_level", "a3-valve:valve")) {
            String[] d = device.split(":");
            post(
                    ingest,
                    "/api/devices",
                    "{\"id\":\"" + d[0] + "\",\"cooperative\":\"coop-a\",\"plot\":\"a3\",\"kind\":\"" + d[1] + "\"}",
                    a);
        }
        // a5 (AWD, its level falling) and a6 (overrides and schedules): behind gw-edge too, and the
        // registry says so, which is how ingest knows where a plot's overrides and schedules go
        for (String plot : List.of("a5", "a6")) {
            post(
                    ingest,
                    "/api/plots",
                    "{\"id\":\"" + plot + "\",\"cooperative\":\"coop-a\",\"name\":\"Ruộng " + plot.toUpperCase()
                            + "\",\"crop\":\"lúa\",\"areaHa\":1.0}",
                    a);
            for (String kind : List.of("wl:water_level", "valve:valve")) {
                String[] d = kind.split(":");
                post(
                        ingest,
                        "/api/devices",
                        "{\"id\":\"" + plot + "-" + d[0] + "\",\"cooperative\":\"coop-a\",\"plot\":\"" + plot
                                + "\",\"kind\":\"" + d[1] + "\",\"gateway\":\"gw-edge\"}",
                        a);
            }
        }
    }

    /**
     * Gateway gw-edge: the edge agent from its jar, with plot a3 (rice; water level a3-wl, valve
     * a3-valve), on the class's broker as field and cloud broker alike (as ./dx run does), and
     * the firmware simulator playing a3's devices. Waits until the agent says it is running.
     */
    private static void startRealGateway(Path work) throws Exception {
        Path home = Path.of(System.getProperty("dx.home", "..")).toAbsolutePath();
        Path config = work.resolve("edge-agent.yaml");
        Files.writeString(config, """
                gateway: gw-edge
                cooperative: coop-a
                field-broker: %1$s
                cloud-broker: %1$s
                outbox:
                  path: %2$s
                plots:
                  - id: a3
                    crop: rice
                    sowing-date: %3$s
                    water-level: a3-wl
                    area-ha: 1.0
                    rain: a3-rain
                    flow: a3-flow
                    valve: a3-valve
                    valve-flow-lpm: 60
                  - id: a5
                    crop: rice
                    sowing-date: %3$s
                    water-level: a5-wl
                    area-ha: 1.0
                    rain: a5-rain
                    flow: a5-flow
                    valve: a5-valve
                    valve-flow-lpm: %4$s
                  - id: a6
                    crop: rice
                    sowing-date: %3$s
                    water-level: a6-wl
                    area-ha: 1.0
                    rain: a6-rain
                    flow: a6-flow
                    valve: a6-valve
                    valve-flow-lpm: 60
                """.formatted(
                        mqtt,
                        work.resolve("edge-outbox-" + System.nanoTime() + ".db"),
                        java.time.LocalDate.now().minusDays(30),
                        A5_VALVE_FLOW));
        String java = ProcessHandle.current().info().command().orElse("java");
        Path agentLog = logs.resolve("edge-agent.log");
        var agent = new ProcessBuilder(
                        java,
                        "--enable-native-access=ALL-UNNAMED",
                        "-jar",
                        home.resolve("edge-agent/target/edge-agent.jar").toString(),
                        "--config",
                        config.toString())
                .redirectErrorStream(true)
                .redirectOutput(agentLog.toFile())
                .start();
        cleanup.add(() -> stop(agent));
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    if (!agent.isAlive()) throw new IllegalStateException("the edge agent stopped; see " + agentLog);
                    return Files.readString(agentLog).contains("running");
                });
        javaCommand = java;
        simJar = home.resolve("firmware-sim/target/firmware-sim.jar");
        var sim = new ProcessBuilder(
                        java,
                        "-jar",
                        home.resolve("firmware-sim/target/firmware-sim.jar").toString(),
                        "--broker",
                        mqtt,
                        "--plots",
                        "a3:rice:1.0:60,a6:rice:1.0:60",
                        "--speed",
                        "1",
                        "--interval",
                        "5s")
                .redirectErrorStream(true)
                .redirectOutput(logs.resolve("firmware-sim.log").toFile())
                .start();
        cleanup.add(() -> stop(sim));
    }

    private static void stop(Process p) throws InterruptedException {
        p.destroy();
        if (!p.waitFor(20, TimeUnit.SECONDS)) p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
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

    private static String get(String ingest, String path, String token) throws Exception {
        return HTTP.send(
                        HttpRequest.newBuilder(URI.create(ingest + path))
                                .header("Authorization", "Bearer " + token)
                                .build(),
                        HttpResponse.BodyHandlers.ofString())
                .body();
    }

    /**
     * gw-a's readings (a1's water level now, a2's soil moisture three hours ago: its sensor silent
     * since) and its decision to skip watering a1 for rain; gw-off heard once, then offline. Waits
     * until ingest has stored them.
     */
    private static void publishField(String ingest, String token) throws Exception {
        Instant now = Instant.now();
        var readings = List.of(
                new Reading("a1-wl", Metric.WATER_LEVEL, now.minusSeconds(60), -4.5),
                Reading.ofBoolean("a1-valve", Metric.VALVE, now.minusSeconds(30), false),
                new Reading("a2-sm", Metric.SOIL_MOISTURE, now.minus(Duration.ofHours(3)), 0.35));
        var codec = new UplinkCodec(new TelemetryCodec());
        var client = new MqttClient(mqtt, "web-ctl-field-" + System.nanoTime(), new MemoryPersistence());
        client.connect();
        try {
            client.publish(
                    "dx/v1/coop/coop-a/gw/gw-a/telemetry",
                    codec.encode(new UplinkBatch("coop-a", "gw-a", 1, now, readings)),
                    1,
                    false);
            client.publish(
                    "dx/v1/coop/coop-a/gw/gw-a/events",
                    EventCodec.encode(new IrrigationEvent(
                            "ev-rain-1",
                            "a1",
                            "a1-valve",
                            IrrigationEvent.Kind.SKIP,
                            "RAIN_SKIP",
                            "12 mm forecast",
                            Map.of("water_level", -4.5),
                            Duration.ZERO,
                            now.minusSeconds(120))),
                    1,
                    false);
            client.publish(
                    "dx/v1/coop/coop-a/gw/gw-off/state",
                    ("{\"online\":false,\"at\":\"" + now.minusSeconds(600) + "\"}").getBytes(StandardCharsets.UTF_8),
                    1,
                    false);
        } finally {
            client.disconnect();
            client.close();
        }
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(300))
                .until(() -> {
                    var latest = Json.MAPPER.readTree(get(ingest, "/api/cooperatives/coop-a/latest", token));
                    var events = Json.MAPPER.readTree(get(ingest, "/api/plots/a1/irrigation-events", token));
                    var gateways = Json.MAPPER.readTree(get(ingest, "/api/gateways?cooperative=coop-a", token));
                    // retained gateway states arrive on their own time: wait for ours
                    var ids = gateways.valueStream()
                            .map(g -> g.path("id").asString())
                            .toList();
                    return latest.path("series").size() == 3
                            && events.size() == 1
                            && ids.containsAll(List.of("gw-a", "gw-off"));
                });
    }
}

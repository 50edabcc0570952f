package vn.dongxanh.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.stream.Stream;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dongxanh.contract.Json;
import vn.dongxanh.contract.identity.PlatformRole;
import vn.dongxanh.devkit.mqtt.TrustedCa;

/**
 * The README's run command in its embedded mode: in-process broker (secured: every part logs in,
 * the cloud side over TLS), embedded PostgreSQL.
 */
class PlatformIT {
    @TempDir
    Path work;

    /** What the IT's province is: two cooperatives of two plots each (the second of each over CoAP). */
    private static final int COOPERATIVES = 2;

    private static final int PLOTS = 4;
    private static final int HISTORY_DAYS = 1;
    private static final Duration HISTORY_STEP = Duration.ofMinutes(30);

    @Test
    void embeddedPlatformSeedsAProvinceAndStoresSimulatedReadings() throws Exception {
        var options = new Options(
                null,
                null,
                null,
                "postgres",
                "",
                0,
                0,
                0,
                null,
                COOPERATIVES,
                PLOTS,
                60,
                "1s",
                true,
                HISTORY_DAYS,
                HISTORY_STEP,
                0, // the generated province is GeneratedProvinceTest's (and traceability's ProvinceAuditTest's)
                8080,
                work,
                Path.of(System.getProperty("dx.home")));
        var http = HttpClient.newHttpClient();
        Instant before = Instant.now();
        long startedAt = System.nanoTime();
        try (var platform = Platform.start(options, System.out)) {
            System.out.printf("PlatformIT: started and seeded in %.1f s%n", (System.nanoTime() - startedAt) / 1e9);
            assertThat(platform.mqttUrl()).startsWith("tcp://127.0.0.1:");
            // the first cooperative's manager signs in through the embedded provider like a browser
            var seed = platform.identitySeed().orElseThrow();
            var manager = seed.signIns().stream()
                    .filter(p -> p.role() == PlatformRole.COOP_MANAGER
                            && p.organisation().equals("htx-an-phu"))
                    .findFirst()
                    .orElseThrow();
            assertThat(seed.signIns())
                    .filteredOn(p -> p.role() == PlatformRole.COOP_MANAGER)
                    .extracting(IdentitySeed.SignIn::organisation)
                    .containsExactlyInAnyOrder("htx-an-phu", "htx-my-hoa");
            var signIn = new SignIn(
                    URI.create(platform.issuer()),
                    IdentitySeed.WEB_CLIENT,
                    seed.clientSecrets().get(IdentitySeed.WEB_CLIENT),
                    IdentitySeed.WEB_REDIRECT);
            String token = signIn.accessToken(manager.username(), manager.password());
            var claims = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
            assertThat(claims.path("org").asString()).isEqualTo("htx-an-phu");
            assertThat(claims.path("roles").path(0).asString()).isEqualTo("COOP_MANAGER");
            assertThat(claims.path("iss").asString()).isEqualTo(platform.issuer());
            assertThatThrownBy(() -> signIn.accessToken(manager.username(), manager.password() + "x"))
                    .isInstanceOf(SignIn.Refused.class);
            assertThat(platform.cloudMqttUrl()).startsWith("ssl://127.0.0.1:");
            assertSecured(platform);

            // the province is in ingest's registry: the manager sees her own plots, not the other cooperative's
            var ingest = new ApiClient(platform.ingestUrl());
            assertThat(ingest.get("/api/plots", token)
                            .json()
                            .valueStream()
                            .map(p -> p.path("id").asString())
                            .toList())
                    .containsExactlyInAnyOrder("p01", "p02");
            assertThat(ingest.get("/api/plots/p03", token).status()).isEqualTo(404);
            // each plot names the code its cooperative holds for its crop in traceability
            assertThat(ingest.get("/api/plots/p01", token)
                            .json()
                            .path("growingAreaCode")
                            .asString())
                    .isEqualTo("VN-87-0011");

            // the buyer page of a published batch is on the web (the QR codes' host) and answers anyone
            var lot = ProvinceSeed.lots(ProvincePlan.of(COOPERATIVES, PLOTS, 60, LocalDate.now(FieldPlan.ZONE)))
                    .getFirst();
            String buyerPage = platform.buyerPage().orElseThrow();
            assertThat(buyerPage).isEqualTo(platform.publicUrl() + lot.digitalLinkPath());
            assertBuyerPage(http, platform, buyerPage, lot);
            // its shipping was captured as an EPCIS event next to the harvest the batch made
            String events = "/api/epcis/events?epc="
                    + URLEncoder.encode(
                            "https://id.gs1.org/01/" + lot.gtin() + "/10/" + lot.lot(), StandardCharsets.UTF_8);
            var trace = new ApiClient(platform.traceUrl());
            var eventList = trace.get(events, null).json().path("epcisBody").path("eventList");
            assertThat(eventList.valueStream().map(e -> e.path("bizStep").asString()))
                    .contains("commissioning", "shipping");

            // history: readings of the past day, from before the platform started, for a plot of each cooperative
            var people = new SeedPeople(seed, platform.issuer());
            String window = "&from=" + before.minus(Duration.ofDays(HISTORY_DAYS)) + "&to=" + before;
            for (var owned : java.util.Map.of("p01-wl", token, "p03-wl", people.managerOf("htx-my-hoa"))
                    .entrySet()) {
                var points = ingest.get(
                                "/api/series?device=" + owned.getKey() + "&metric=water_level" + window,
                                owned.getValue())
                        .json()
                        .path("points");
                // a reading every 30 min for a day, less the minutes between "before" and the seeding
                assertThat(points.size()).as("history of " + owned.getKey()).isGreaterThanOrEqualTo(40);
            }
            int historyPoints = ingest.get(
                            "/api/series?device=p01-wl&metric=water_level&from="
                                    + before.minus(Duration.ofDays(HISTORY_DAYS)) + "&to=" + before,
                            token)
                    .json()
                    .path("points")
                    .size();

            // a second seeding changes nothing: every write again is a 409, the history's batches duplicates
            var plan = ProvincePlan.of(COOPERATIVES, PLOTS, 60, LocalDate.now(FieldPlan.ZONE));
            long again = System.nanoTime();
            new RegistrySeed(platform.ingestUrl()).apply(plan, people, true);
            assertThat(new ProvinceSeed(platform.traceUrl(), platform.publicUrl()).apply(plan, people, true))
                    .isEqualTo(buyerPage);
            new HistorySeed()
                    .publish(
                            plan.fields(),
                            Instant.now(),
                            HISTORY_DAYS,
                            HISTORY_STEP,
                            platform.cloudMqttUrl(),
                            platform.secrets().orElseThrow().tls().ca(),
                            platform.secrets().orElseThrow()::gatewayCredentials,
                            platform.ingestManagementUrl());
            System.out.printf("PlatformIT: second seeding in %.1f s%n", (System.nanoTime() - again) / 1e9);
            assertThat(ingest.get("/api/plots", token).json().size()).isEqualTo(2);
            assertThat(trace.get(events, null)
                            .json()
                            .path("epcisBody")
                            .path("eventList")
                            .size())
                    .isEqualTo(eventList.size());
            assertThat(ingest.get(
                                    "/api/series?device=p01-wl&metric=water_level&from="
                                            + before.minus(Duration.ofDays(HISTORY_DAYS)) + "&to=" + before,
                                    token)
                            .json()
                            .path("points")
                            .size())
                    .isEqualTo(historyPoints);

            // the web face runs and sends a browser that is not signed in to the provider's sign-in
            var webHome = http.send(
                    HttpRequest.newBuilder(URI.create(platform.webUrl())).build(),
                    HttpResponse.BodyHandlers.discarding());
            assertThat(webHome.statusCode()).isEqualTo(302);
            assertThat(webHome.headers().firstValue("Location"))
                    .hasValueSatisfying(l -> assertThat(l).endsWith("/oauth2/authorization/dx"));
            assertThat(webHome.headers().firstValue("Content-Security-Policy"))
                    .hasValueSatisfying(csp -> assertThat(csp).contains("script-src 'self'"));
            // live: the simulator's readings arrive after the history
            var series =
                    URI.create(platform.ingestUrl() + "/api/series?device=p01-wl&metric=water_level&from=" + before);
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> {
                        var response = http.send(
                                HttpRequest.newBuilder(series)
                                        .header("Authorization", "Bearer " + token)
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                        assertThat(response.statusCode()).isEqualTo(200);
                        assertThat(response.body()).contains("\"points\":[{");
                    });
            assertThat(platform.readingsStored())
                    .hasValueSatisfying(n -> assertThat(n).isPositive());
            // p02's devices speak CoAP over DTLS with the run's keys, made owner-only on this first start
            var coap = URI.create(
                    platform.ingestUrl() + "/api/series?device=p02-sm&metric=soil_moisture&from=" + Instant.now());
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> assertThat(http.send(
                                            HttpRequest.newBuilder(coap)
                                                    .header("Authorization", "Bearer " + token)
                                                    .build(),
                                            HttpResponse.BodyHandlers.ofString())
                                    .body())
                            .contains("\"points\":[{"));
            assertThat(java.nio.file.Files.getPosixFilePermissions(work.resolve("secrets/coap-psk.txt")))
                    .isEqualTo(vn.dongxanh.contract.psk.PskFile.OWNER_ONLY);
            assertThat(java.nio.file.Files.readString(work.resolve("edge-agent-gw-02.yaml")))
                    .contains("coaps://")
                    .contains("field-devices: plots")
                    .doesNotContain("coap://");
        }
    }

    /**
     * The buyer page on the web: Vietnamese by default, English by the switch, the product, lot and
     * code shown under the strict CSP (its connect-src naming the run's chain for the page's script), no
     * session opened; machines at the same URI get the
     * resolver's JSON-LD passed through, and the resolver itself sends a browser to the page.
     */
    private static void assertBuyerPage(HttpClient http, Platform platform, String buyerPage, ProvinceSeed.Lot lot)
            throws Exception {
        String browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
        var page = http.send(
                HttpRequest.newBuilder(URI.create(buyerPage))
                        .header("Accept", browser)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(page.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(
                        csp -> assertThat(csp).contains("script-src 'self'").contains("style-src 'self'"));
        assertThat(page.headers().firstValue("Set-Cookie"))
                .as("no session for a buyer")
                .isEmpty();
        assertThat(page.body())
                .contains("<html lang=\"vi\">")
                .contains("Gạo Hợp tác xã An Phú")
                .contains(lot.lot())
                .contains("VN-87-0011")
                .contains("Mã số vùng trồng")
                // its script is the bundled one; the records it checks are JSON data, nothing runs inline
                .contains("<script type=\"module\" src=\"/js/verify.js\"></script>")
                .contains("<script type=\"application/json\" id=\"records\">")
                .doesNotContain("<script>");
        // the page's script reads roots from this run's anvil, and may connect nowhere else
        assertThat(page.headers().firstValue("Content-Security-Policy"))
                .hasValueSatisfying(
                        csp -> assertThat(csp).containsPattern("connect-src 'self' http://127\\.0\\.0\\.1:\\d+;"));
        var english = http.send(
                HttpRequest.newBuilder(URI.create(buyerPage + "?lang=en"))
                        .header("Accept", browser)
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(english.statusCode()).isEqualTo(200);
        assertThat(english.body()).contains("<html lang=\"en\">").contains("Growing-area code");
        var machine = http.send(
                HttpRequest.newBuilder(URI.create(buyerPage))
                        .header("Accept", "application/ld+json")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(machine.statusCode()).isEqualTo(200);
        assertThat(machine.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/ld+json"));
        assertThat(machine.headers().firstValue("Link"))
                .hasValueSatisfying(l -> assertThat(l).contains("linkset"));
        assertThat(Json.MAPPER.readTree(machine.body()).path("@id").asString()).isEqualTo(buyerPage);
        var atResolver = http.send(
                HttpRequest.newBuilder(URI.create(platform.traceUrl() + lot.digitalLinkPath()))
                        .header("Accept", browser)
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        assertThat(atResolver.statusCode()).isEqualTo(303);
        assertThat(atResolver.headers().firstValue("Location")).hasValue(buyerPage);
    }

    /** Nobody gets on the run's broker without credentials; its secrets are readable by their owner only. */
    private void assertSecured(Platform platform) throws Exception {
        for (String url : new String[] {platform.mqttUrl(), platform.cloudMqttUrl()}) {
            var client = new MqttClient(url, "anonymous-" + System.nanoTime(), new MemoryPersistence());
            var options = new MqttConnectionOptions();
            options.setConnectionTimeout(5);
            if (url.startsWith("ssl://")) {
                options.setSocketFactory(TrustedCa.socketFactory(
                        platform.secrets().orElseThrow().tls().ca()));
            }
            assertThatThrownBy(() -> client.connect(options)).as(url).isInstanceOf(MqttException.class);
            client.close(true);
        }
        Path secrets = work.resolve("secrets");
        try (Stream<Path> files = Files.walk(secrets)) {
            for (Path f : files.toList()) {
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
                        .as(f.toString())
                        .isEqualTo(Files.isDirectory(f) ? "rwx------" : "rw-------");
            }
        }
        String yaml = Files.readString(work.resolve("edge-agent-gw-01.yaml"));
        assertThat(yaml).contains("cloud-credentials-file:").contains("cloud-tls-ca:");
        String gatewayPassword = platform.secrets().orElseThrow().broker().password("gw-gw-01");
        assertThat(yaml).doesNotContain(gatewayPassword);
    }
}

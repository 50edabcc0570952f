package vn.dongxanh.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import vn.dongxanh.contract.Json;
import vn.dongxanh.contract.event.EventCodec;
import vn.dongxanh.contract.event.IrrigationEvent;
import vn.dongxanh.contract.identity.PlatformRole;
import vn.dongxanh.contract.identity.TokenClaims;
import vn.dongxanh.contract.irrigation.SeasonSummaryCodec;
import vn.dongxanh.contract.topic.Topic;
import vn.dongxanh.devkit.FreePorts;
import vn.dongxanh.devkit.LocalServices;
import vn.dongxanh.devkit.MqttListener;
import vn.dongxanh.devkit.TokenIssuer;

/**
 * The farming diary's irrigation summary across the two services, each its packaged jar: a plot
 * registered in ingest-service, its gateway's irrigation events sent over MQTT, and
 * traceability-service pulling the plot's season summary into the diary over HTTP, into a batch's
 * story, and refusing clearly (503) once ingest is gone — while batches are still created.
 */
class DiaryIrrigationIT {
    private static final Path HOME = Path.of(System.getProperty("dx.home"));
    private static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final String CODE = "VN-51-0042";
    private static final String GTIN = "08931234567897";
    private static final String TRACE_CLIENT_SECRET = "trace-" + UUID.randomUUID();

    @TempDir
    Path work;

    private final List<AutoCloseable> closeAfter = new ArrayList<>();
    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void stopAll() throws Exception {
        for (int i = closeAfter.size() - 1; i >= 0; i--) closeAfter.get(i).close();
    }

    private record Reply(int status, JsonNode json, String text) {}

    @Test
    void theSeasonSummaryOfARealIngestGoesIntoTheDiaryAndTheLotsStory() throws Exception {
        String broker = LocalServices.mqttUrl();
        var ingestDb = LocalServices.freshDatabase("diary_ingest");
        closeAfter.add(ingestDb);
        var traceDb = LocalServices.freshDatabase("diary_trace");
        closeAfter.add(traceDb);
        Path logs = Files.createDirectories(work.resolve("logs"));
        String coop = "htx-diary-" + run;
        String gateway = "gw-diary-" + run;
        String plot = "dp" + run;
        int ingestPort = FreePorts.tcp();
        int tracePort = FreePorts.tcp();
        String ingestUrl = "http://127.0.0.1:" + ingestPort;
        String traceUrl = "http://127.0.0.1:" + tracePort;

        // the services trust a stand-in OpenID Connect issuer (discovery + JWKS), and traceability
        // reads ingest with its own client credentials from it
        var issuer = TokenIssuer.start();
        closeAfter.add(issuer);
        issuer.client(new TokenIssuer.Client(
                "traceability-service",
                TRACE_CLIENT_SECRET,
                null,
                List.of(PlatformRole.SERVICE),
                List.of(TokenClaims.INGEST_AUDIENCE)));
        String dept = issuer.token("dept-officer")
                .organisation("so-nnptnt")
                .roles(PlatformRole.DEPARTMENT_OFFICER)
                .audience(TokenClaims.INGEST_AUDIENCE, TokenClaims.TRACE_AUDIENCE)
                .sign();
        String ingestManager = issuer.tokenFor("manager", coop, PlatformRole.COOP_MANAGER, TokenClaims.INGEST_AUDIENCE);
        String coopUser = issuer.tokenFor("manager", "htx-demo", PlatformRole.COOP_MANAGER, TokenClaims.TRACE_AUDIENCE);

        var ingest = Child.start(
                "ingest-service",
                HOME.resolve("ingest-service/target/ingest-service.jar"),
                List.of(),
                Map.ofEntries(
                        Map.entry("DX_INGEST_PORT", Integer.toString(ingestPort)),
                        Map.entry("DX_INGEST_MANAGEMENT_PORT", Integer.toString(FreePorts.tcp())),
                        Map.entry("DX_INGEST_OIDC_ISSUER_URI", issuer.issuerUri()),
                        Map.entry("DX_MQTT_URL", broker),
                        // a group, a short session and filters of this run only (the broker is shared)
                        Map.entry("DX_MQTT_SHARE_GROUP", "diary-" + run),
                        Map.entry("DX_INGEST_MQTT_SESSIONEXPIRY", "30s"),
                        Map.entry("DX_INGEST_MQTT_TOPICFILTER", "dx/v1/coop/" + coop + "/gw/+/telemetry"),
                        Map.entry("DX_INGEST_MQTT_EVENTSFILTER", "dx/v1/coop/" + coop + "/gw/+/events"),
                        Map.entry("DX_INGEST_MQTT_STATEFILTER", "dx/v1/coop/" + coop + "/gw/+/state"),
                        Map.entry("DX_INGEST_DB_URL", ingestDb.jdbcUrl()),
                        Map.entry("DX_INGEST_DB_USER", ingestDb.user()),
                        Map.entry("DX_INGEST_DB_PASSWORD", ingestDb.password())),
                logs);
        closeAfter.add(ingest);
        var trace = Child.start(
                "traceability-service",
                HOME.resolve("traceability-service/target/traceability-service.jar"),
                List.of(),
                Map.ofEntries(
                        Map.entry("DX_TRACE_PORT", Integer.toString(tracePort)),
                        Map.entry(
                                "DX_TRACE_ANVIL_BINARY",
                                HOME.resolve(
                                                "traceability-service/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil")
                                        .toString()),
                        Map.entry("DX_TRACE_LEDGER_DIR", work.resolve("ledger").toString()),
                        Map.entry("DX_TRACE_ANCHOR_INTERVAL", "1s"),
                        Map.entry("DX_TRACE_DB_URL", traceDb.jdbcUrl()),
                        Map.entry("DX_TRACE_DB_USER", traceDb.user()),
                        Map.entry("DX_TRACE_DB_PASSWORD", traceDb.password()),
                        Map.entry("DX_TRACE_OIDC_ISSUER_URI", issuer.issuerUri()),
                        Map.entry("DX_TRACE_INGEST_CLIENT_SECRET", TRACE_CLIENT_SECRET),
                        Map.entry("DX_TRACE_INGEST_URL", ingestUrl),
                        // its default public URL is local http: accepted on this machine only
                        Map.entry("DX_TRACE_ALLOW_HTTP_PUBLIC_URL", "true")),
                logs);
        closeAfter.add(trace);
        awaitHealthy(ingest, ingestUrl);
        awaitHealthy(trace, traceUrl);

        // ingest: the cooperative, and the plot under its growing-area code
        expect(call("POST", ingestUrl + "/api/cooperatives", Map.of("id", coop, "name", "HTX Diary"), dept), 201);
        expect(
                call(
                        "POST",
                        ingestUrl + "/api/plots",
                        Map.of(
                                "id",
                                plot,
                                "cooperative",
                                coop,
                                "name",
                                "Ruộng diary",
                                "crop",
                                "rice",
                                "areaHa",
                                1.5,
                                "growingAreaCode",
                                CODE),
                        ingestManager),
                201);

        // the gateway's irrigation over three days, sent as a gateway sends it
        LocalDate today = LocalDate.now(ZONE);
        LocalDate d1 = today.minusDays(3);
        LocalDate d2 = today.minusDays(2);
        LocalDate d3 = today.minusDays(1);
        var gw = MqttListener.listen(broker, "diary-gw-" + run, (t, m) -> {}, "dx/v1/diary-" + run + "/none");
        closeAfter.add(gw);
        String topic = new Topic.GatewayEvents(coop, gateway).path();
        int n = 0;
        for (Object[] e : new Object[][] {
            {d1, 6, IrrigationEvent.Kind.START}, {d1, 7, IrrigationEvent.Kind.STOP},
            {d2, 6, IrrigationEvent.Kind.START}, {d2, 8, IrrigationEvent.Kind.STOP},
            {d3, 6, IrrigationEvent.Kind.SKIP}
        }) {
            var at = ((LocalDate) e[0])
                    .atTime(LocalTime.of((int) e[1], 0))
                    .atZone(ZONE)
                    .toInstant();
            gw.publish(
                    topic,
                    EventCodec.encode(new IrrigationEvent(
                            gateway + "-" + (++n),
                            plot,
                            plot + "-valve",
                            (IrrigationEvent.Kind) e[2],
                            e[2] == IrrigationEvent.Kind.SKIP ? "RAIN" : "BELOW_START_LEVEL",
                            "diary IT",
                            Map.of("water_level", -15.0),
                            Duration.ofMinutes(90),
                            at)));
        }
        await().atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> call(
                                        "GET",
                                        ingestUrl + "/api/plots/" + plot + "/irrigation-events?from=" + d1 + "&to="
                                                + d3,
                                        null,
                                        ingestManager)
                                .json()
                                .size()
                        == 5);

        // traceability: the department registers the cooperative, which registers the same plot id
        expect(
                call(
                        "POST",
                        traceUrl + "/api/organisations",
                        Map.of("id", "htx-demo", "kind", "COOPERATIVE", "name", "HTX Demo"),
                        dept),
                201);
        double lon = 108.85;
        double lat = 14.95;
        double side = 0.0012; // about 130 m × 130 m: above the code's minimum area
        var square = List.of(List.of(
                List.of(lon, lat),
                List.of(lon + side, lat),
                List.of(lon + side, lat + side),
                List.of(lon, lat + side),
                List.of(lon, lat)));
        expect(
                call(
                        "POST",
                        traceUrl + "/api/plots",
                        Map.of(
                                "id",
                                plot,
                                "name",
                                "Ruộng diary",
                                "crop",
                                "rice",
                                "geometry",
                                Map.of("type", "Polygon", "coordinates", square)),
                        coopUser),
                201);
        expect(
                call(
                        "POST",
                        traceUrl + "/api/codes",
                        Map.of(
                                "code",
                                CODE,
                                "crop",
                                "rice",
                                "plotIds",
                                List.of(plot),
                                "applicationDate",
                                today.minusDays(200).toString()),
                        coopUser),
                201);
        for (String[] step : new String[][] {{"UNDER_INSPECTION", "190"}, {"ISSUED", "180"}}) {
            expect(
                    call(
                            "POST",
                            traceUrl + "/api/codes/" + CODE + "/status",
                            Map.of(
                                    "status",
                                    step[0],
                                    "reason",
                                    "ok",
                                    "effectiveDate",
                                    today.minusDays(Long.parseLong(step[1])).toString()),
                            dept),
                    200);
        }
        expect(
                call(
                        "POST",
                        traceUrl + "/api/plots/" + plot + "/diary",
                        Map.of("date", d1.minusDays(7).toString(), "operation", "SOWING"),
                        coopUser),
                201);

        // the cooperative pulls the summary of d1..d3 into the diary
        Reply pulled = call(
                "POST",
                traceUrl + "/api/plots/" + plot + "/diary/irrigation-summary",
                Map.of("from", d1.toString(), "to", d3.toString()),
                coopUser);
        expect(pulled, 201);
        JsonNode summary = pulled.json().get("summary");
        assertThat(summary.get("plot").stringValue()).isEqualTo(plot);
        assertThat(summary.get("cooperative").stringValue()).isEqualTo(coop);
        assertThat(summary.get("growingAreaCode").stringValue()).isEqualTo(CODE);
        assertThat(summary.get("days").longValue()).isEqualTo(3);
        assertThat(summary.get("daysIrrigated").longValue()).isEqualTo(2);
        assertThat(summary.get("events").get("start").longValue()).isEqualTo(2);
        assertThat(summary.get("events").get("stop").longValue()).isEqualTo(2);
        assertThat(summary.get("events").get("skip").longValue()).isEqualTo(1);
        // what traceability stored is what ingest serves for those days (all but when it was computed)
        JsonNode direct = call(
                        "GET",
                        ingestUrl + "/api/plots/" + plot + "/season-summary?from=" + d1 + "&to=" + d3,
                        null,
                        ingestManager)
                .json();
        var stored = SeasonSummaryCodec.decode(Json.MAPPER.writeValueAsBytes(summary));
        var served = SeasonSummaryCodec.decode(Json.MAPPER.writeValueAsBytes(direct));
        assertThat(stored)
                .usingRecursiveComparison()
                .ignoringFields("generatedAt")
                .isEqualTo(served);
        long recordId = pulled.json().get("recordId").longValue();
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> !call("GET", traceUrl + "/api/records/" + recordId, null, coopUser)
                        .json()
                        .path("status")
                        .asString("PENDING")
                        .equals("PENDING"));

        // a batch harvested on d3 pulls its season (from the SOWING entry) and tells it in its story
        expect(
                call(
                        "POST",
                        traceUrl + "/api/products",
                        Map.of("gtin", GTIN, "name", "Gạo diary", "crop", "rice"),
                        coopUser),
                201);
        expect(
                call(
                        "POST",
                        traceUrl + "/api/batches",
                        Map.of(
                                "gtin",
                                GTIN,
                                "lot",
                                "DIARY-1",
                                "code",
                                CODE,
                                "harvestDate",
                                d3.toString(),
                                "quantityKg",
                                900),
                        coopUser),
                201);
        JsonNode story = call("GET", traceUrl + "/01/" + GTIN + "/10/DIARY-1", null, null)
                .json();
        JsonNode irrigation = story.get("dx:irrigation");
        assertThat(irrigation).as(story.toString()).hasSize(1);
        assertThat(irrigation.get(0).get("dx:plot").stringValue()).isEqualTo(plot);
        assertThat(irrigation.get(0).get("dx:from").stringValue())
                .isEqualTo(d1.minusDays(7).toString());
        assertThat(irrigation.get(0).get("dx:to").stringValue()).isEqualTo(d3.toString());
        assertThat(irrigation.get(0).get("dx:daysIrrigated").longValue()).isEqualTo(2);

        // ingest gone: a pull is refused with the reason, nothing half-written; a batch is still created
        ingest.close();
        Reply down = call(
                "POST",
                traceUrl + "/api/plots/" + plot + "/diary/irrigation-summary",
                Map.of("from", d1.toString(), "to", d3.toString()),
                coopUser);
        expect(down, 503);
        assertThat(down.json().get("rule").stringValue()).isEqualTo("ingest-unavailable");
        assertThat(down.json().get("detail").stringValue()).contains(ingestUrl);
        expect(
                call(
                        "POST",
                        traceUrl + "/api/batches",
                        Map.of(
                                "gtin",
                                GTIN,
                                "lot",
                                "DIARY-2",
                                "code",
                                CODE,
                                "harvestDate",
                                today.toString(),
                                "quantityKg",
                                400),
                        coopUser),
                201);
        assertThat(Files.readString(trace.log())).contains("no irrigation summary pulled for plot " + plot);
    }

    /** A call with a Bearer token (null: anonymous). */
    private Reply call(String method, String url, Object body, String token) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json");
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofByteArray(Json.MAPPER.writeValueAsBytes(body)));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        var response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json;
        try {
            json = Json.MAPPER.readTree(response.body());
        } catch (RuntimeException notJson) {
            json = Json.MAPPER.missingNode();
        }
        return new Reply(response.statusCode(), json, response.body());
    }

    private static void expect(Reply r, int status) {
        assertThat(r.status()).as(r.text()).isEqualTo(status);
    }

    private void awaitHealthy(Child child, String base) {
        await().atMost(Duration.ofSeconds(180))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    assertThat(child.alive())
                            .as(child.name() + " died:\n" + child.tail(40))
                            .isTrue();
                    try {
                        var r = http.send(
                                HttpRequest.newBuilder(URI.create(base + "/actuator/health"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                        return r.statusCode() == 200 && r.body().contains("\"UP\"");
                    } catch (java.io.IOException e) {
                        return false;
                    }
                });
    }
}

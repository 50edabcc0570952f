package vn.dongxanh.ingest.series;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.dongxanh.contract.telemetry.Metric.SOIL_MOISTURE;
import static vn.dongxanh.contract.telemetry.Metric.WATER_LEVEL;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.dongxanh.contract.telemetry.Reading;
import vn.dongxanh.ingest.IngestTestSupport;

/** The HTTP side over real HTTP: series queries, health, Prometheus, OpenAPI. */
class HttpApiTest extends IngestTestSupport {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Instant T0 =
            Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(3600).plusMillis(250);
    private static boolean published;

    private RestClient http;
    private RestClient management;
    /** Readings of devices nobody registered belong to no cooperative: the department reads them. */
    private String token;

    record Reply(int status, MediaType type, String body) {
        JsonNode json() {
            return JSON.readTree(body);
        }
    }

    @BeforeEach
    void publishOnce() throws Exception {
        http = RestClient.builder().baseUrl("http://127.0.0.1:" + port).build();
        management = RestClient.builder()
                .baseUrl("http://127.0.0.1:" + managementPort)
                .build();
        token = token(vn.dongxanh.contract.identity.PlatformRole.DEPARTMENT_OFFICER, "so-nn-qng");
        if (published) return;
        double stored = messages("stored");
        publish(batch(
                "gw-h",
                1,
                List.of(
                        new Reading("h-wl1", WATER_LEVEL, T0.plusSeconds(120), 9.0),
                        new Reading("h-wl1", WATER_LEVEL, T0, 7.5),
                        new Reading("h-wl1", WATER_LEVEL, T0.plusSeconds(60), 8.25),
                        new Reading("h-sm1", SOIL_MOISTURE, T0, 0.42))));
        awaitMessages("stored", stored + 1);
        published = true;
    }

    private Reply get(String path) {
        return http.get()
                .uri(path)
                .header("Authorization", "Bearer " + token)
                .exchange((req, res) -> new Reply(
                        res.getStatusCode().value(),
                        res.getHeaders().getContentType(),
                        new String(res.getBody().readAllBytes(), StandardCharsets.UTF_8)));
    }

    /** The management port: actuator with details, metrics, API docs (loopback, no token). */
    private Reply manage(String path) {
        return management
                .get()
                .uri(path)
                .exchange((req, res) -> new Reply(
                        res.getStatusCode().value(),
                        res.getHeaders().getContentType(),
                        new String(res.getBody().readAllBytes(), StandardCharsets.UTF_8)));
    }

    private static String series(String device, String metric, Instant from, Instant to) {
        var b = UriComponentsBuilder.fromPath("/api/series")
                .queryParam("device", device)
                .queryParam("metric", metric);
        if (from != null) b.queryParam("from", from.toString());
        if (to != null) b.queryParam("to", to.toString());
        return b.build().toUriString();
    }

    @Test
    void returnsStoredPointsInTimeOrder() {
        Reply r = get(series("h-wl1", "water_level", T0.minusSeconds(1), T0.plusSeconds(3600)));

        assertThat(r.status()).isEqualTo(200);
        JsonNode body = r.json();
        assertThat(body.get("device").stringValue()).isEqualTo("h-wl1");
        assertThat(body.get("metric").stringValue()).isEqualTo("water_level");
        assertThat(body.get("unit").stringValue()).isEqualTo("cm");
        assertThat(body.get("truncated").booleanValue()).isFalse();
        JsonNode points = body.get("points");
        assertThat(points).hasSize(3);
        assertThat(points.get(0).get("t").stringValue()).isEqualTo(T0.toString());
        assertThat(points.get(0).get("v").doubleValue()).isEqualTo(7.5);
        assertThat(points.get(1).get("t").stringValue())
                .isEqualTo(T0.plusSeconds(60).toString());
        assertThat(points.get(1).get("v").doubleValue()).isEqualTo(8.25);
        assertThat(points.get(2).get("t").stringValue())
                .isEqualTo(T0.plusSeconds(120).toString());
        assertThat(points.get(2).get("v").doubleValue()).isEqualTo(9.0);
    }

    @Test
    void defaultsToTheLastDayAndHonoursRangeAndLimit() {
        JsonNode all = get(series("h-wl1", "water_level", null, null)).json();
        assertThat(all.get("points")).hasSize(3);

        // from inclusive, to exclusive
        JsonNode middle = get(series("h-wl1", "water_level", T0.plusSeconds(60), T0.plusSeconds(120)))
                .json();
        assertThat(middle.get("points")).hasSize(1);
        assertThat(middle.get("points").get(0).get("v").doubleValue()).isEqualTo(8.25);

        JsonNode limited =
                get(series("h-wl1", "water_level", null, null) + "&limit=2").json();
        assertThat(limited.get("points")).hasSize(2);
        assertThat(limited.get("truncated").booleanValue()).isTrue();

        JsonNode moisture = get(series("h-sm1", "soil_moisture", null, null)).json();
        assertThat(moisture.get("unit").stringValue()).isEqualTo("m3/m3");
        assertThat(moisture.get("points").get(0).get("v").doubleValue()).isEqualTo(0.42);
    }

    @Test
    void explainsBadQueries() {
        Reply unknownMetric = get(series("h-wl1", "salinity", null, null));
        assertThat(unknownMetric.status()).isEqualTo(400);
        assertThat(unknownMetric.type().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .isTrue();
        assertThat(unknownMetric.json().get("detail").stringValue())
                .contains("unknown metric 'salinity'")
                .contains("water_level");

        Reply badTime = get("/api/series?device=h-wl1&metric=water_level&from=yesterday");
        assertThat(badTime.status()).isEqualTo(400);
        assertThat(badTime.json().get("detail").stringValue()).contains("from 'yesterday' is not an ISO-8601 instant");

        Reply backwards = get(series("h-wl1", "water_level", T0, T0.minusSeconds(1)));
        assertThat(backwards.status()).isEqualTo(400);
        assertThat(backwards.json().get("detail").stringValue()).contains("is after to");

        Reply badLimit = get(series("h-wl1", "water_level", null, null) + "&limit=100001");
        assertThat(badLimit.status()).isEqualTo(400);
        assertThat(badLimit.json().get("detail").stringValue()).contains("limit must be between 1 and 100000");

        Reply missingDevice = get("/api/series?metric=water_level");
        assertThat(missingDevice.status()).isEqualTo(400);
        assertThat(missingDevice.body()).contains("device");
    }

    @Test
    void unknownSeriesIs404() {
        Reply r = get(series("h-nobody", "water_level", null, null));
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.json().get("detail").stringValue()).contains("no water_level series for device 'h-nobody'");
    }

    @Test
    void healthIsUpWithMqttAndDatabase() {
        Reply r = manage("/actuator/health");
        assertThat(r.status()).isEqualTo(200);
        JsonNode body = r.json();
        assertThat(body.get("status").stringValue()).isEqualTo("UP");
        assertThat(body.get("components").get("mqtt").get("status").stringValue())
                .isEqualTo("UP");
        assertThat(body.get("components").get("db").get("status").stringValue()).isEqualTo("UP");

        // the API port answers UP or DOWN to anyone, without the details
        Reply open = http.get()
                .uri("/actuator/health")
                .exchange((req, res) -> new Reply(
                        res.getStatusCode().value(),
                        res.getHeaders().getContentType(),
                        new String(res.getBody().readAllBytes(), StandardCharsets.UTF_8)));
        assertThat(open.status()).isEqualTo(200);
        assertThat(open.json().get("status").stringValue()).isEqualTo("UP");
        assertThat(open.json().has("components")).isFalse();
    }

    @Test
    void prometheusExposesTheIntakeMetrics() throws Exception {
        double rejected = messages("rejected");
        publish(topic("gw-h"), utf8("[]"));
        awaitMessages("rejected", rejected + 1);

        await().untilAsserted(() -> {
            Reply r = manage("/actuator/prometheus");
            assertThat(r.status()).isEqualTo(200);
            assertThat(r.body())
                    .contains("dx_ingest_messages_total{outcome=\"stored\"}")
                    .contains("dx_ingest_messages_total{outcome=\"duplicate\"}")
                    .contains("dx_ingest_messages_total{outcome=\"rejected\"}")
                    .contains("dx_ingest_readings_stored_total")
                    .contains("dx_ingest_rejected_total{reason=\"INVALID_ENVELOPE\"}")
                    .contains("dx_ingest_batch_latency_seconds_count{from=\"arrival\"}")
                    .contains("dx_ingest_batch_latency_seconds_count{from=\"sent\"}")
                    .contains("dx_ingest_queue_depth");
        });
    }

    @Test
    void openApiDocumentsTheSeriesEndpoint() {
        Reply r = manage(API_DOCS);
        assertThat(r.status()).isEqualTo(200);
        JsonNode get = r.json().get("paths").get("/api/series").get("get");
        assertThat(get.get("summary").stringValue()).isEqualTo("Points of one series");
        assertThat(get.get("parameters"))
                .extracting(p -> p.get("name").stringValue())
                .contains("device", "metric", "from", "to", "limit");
    }
}

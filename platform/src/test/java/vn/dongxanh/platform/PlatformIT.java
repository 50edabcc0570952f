package vn.dongxanh.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The README's run command in its embedded mode: in-process broker, embedded PostgreSQL. */
class PlatformIT {
    @TempDir
    Path work;

    @Test
    void embeddedPlatformStoresSimulatedReadings() throws Exception {
        var options = new Options(
                null, null, null, "postgres", "", 0, 0, 2, 60, "1s", work, Path.of(System.getProperty("dx.home")));
        var http = HttpClient.newHttpClient();
        try (var platform = Platform.start(options, System.out)) {
            assertThat(platform.mqttUrl()).startsWith("tcp://127.0.0.1:");
            var series = URI.create(platform.ingestUrl() + "/api/series?device=p01-wl&metric=water_level");
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> {
                        var response =
                                http.send(HttpRequest.newBuilder(series).build(), HttpResponse.BodyHandlers.ofString());
                        assertThat(response.statusCode()).isEqualTo(200);
                        assertThat(response.body()).contains("\"points\":[{");
                    });
            assertThat(platform.readingsStored())
                    .hasValueSatisfying(n -> assertThat(n).isPositive());
            // p02's devices speak CoAP over DTLS with the run's keys, made owner-only on this first start
            var coap = URI.create(platform.ingestUrl() + "/api/series?device=p02-sm&metric=soil_moisture");
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> assertThat(http.send(
                                            HttpRequest.newBuilder(coap).build(), HttpResponse.BodyHandlers.ofString())
                                    .body())
                            .contains("\"points\":[{"));
            assertThat(java.nio.file.Files.getPosixFilePermissions(work.resolve("secrets/coap-psk.txt")))
                    .isEqualTo(vn.dongxanh.contract.psk.PskFile.OWNER_ONLY);
            assertThat(java.nio.file.Files.readString(work.resolve("edge-agent.yaml")))
                    .contains("coaps://")
                    .doesNotContain("coap://");
        }
    }
}

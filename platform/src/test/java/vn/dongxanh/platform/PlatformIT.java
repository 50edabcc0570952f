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
        }
    }
}

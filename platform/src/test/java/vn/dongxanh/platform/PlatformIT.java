package vn.dongxanh.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
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

    @Test
    void embeddedPlatformStoresSimulatedReadings() throws Exception {
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
                2,
                60,
                "1s",
                work,
                Path.of(System.getProperty("dx.home")));
        var http = HttpClient.newHttpClient();
        try (var platform = Platform.start(options, System.out)) {
            assertThat(platform.mqttUrl()).startsWith("tcp://127.0.0.1:");
            // the cooperative's manager signs in through the embedded provider like a browser
            var seed = platform.identitySeed().orElseThrow();
            var manager = seed.signIns().stream()
                    .filter(p -> p.role() == PlatformRole.COOP_MANAGER)
                    .findFirst()
                    .orElseThrow();
            var signIn = new SignIn(
                    URI.create(platform.issuer()),
                    IdentitySeed.WEB_CLIENT,
                    seed.clientSecrets().get(IdentitySeed.WEB_CLIENT),
                    IdentitySeed.WEB_REDIRECT);
            String token = signIn.accessToken(manager.username(), manager.password());
            var claims = Json.MAPPER.readTree(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
            assertThat(claims.path("org").asString()).isEqualTo(FieldPlan.COOPERATIVE);
            assertThat(claims.path("roles").path(0).asString()).isEqualTo("COOP_MANAGER");
            assertThat(claims.path("iss").asString()).isEqualTo(platform.issuer());
            assertThatThrownBy(() -> signIn.accessToken(manager.username(), manager.password() + "x"))
                    .isInstanceOf(SignIn.Refused.class);
            assertThat(platform.cloudMqttUrl()).startsWith("ssl://127.0.0.1:");
            assertSecured(platform);
            // the web face runs and sends a browser that is not signed in to the provider's sign-in
            var webHome = http.send(
                    HttpRequest.newBuilder(URI.create(platform.webUrl())).build(),
                    HttpResponse.BodyHandlers.discarding());
            assertThat(webHome.statusCode()).isEqualTo(302);
            assertThat(webHome.headers().firstValue("Location"))
                    .hasValueSatisfying(l -> assertThat(l).endsWith("/oauth2/authorization/dx"));
            assertThat(webHome.headers().firstValue("Content-Security-Policy"))
                    .hasValueSatisfying(csp -> assertThat(csp).contains("script-src 'self'"));
            var series = URI.create(platform.ingestUrl() + "/api/series?device=p01-wl&metric=water_level");
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
            var coap = URI.create(platform.ingestUrl() + "/api/series?device=p02-sm&metric=soil_moisture");
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
            assertThat(java.nio.file.Files.readString(work.resolve("edge-agent.yaml")))
                    .contains("coaps://")
                    .doesNotContain("coap://");
        }
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
        String yaml = Files.readString(work.resolve("edge-agent.yaml"));
        assertThat(yaml).contains("cloud-credentials-file:").contains("cloud-tls-ca:");
        String gatewayPassword = platform.secrets().orElseThrow().broker().password("gw-gw-01");
        assertThat(yaml).doesNotContain(gatewayPassword);
    }
}

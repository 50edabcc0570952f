package vn.dongxanh.sim.mqtt;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import vn.dongxanh.contract.topic.Topics;
import vn.dongxanh.devkit.EmbeddedBroker;
import vn.dongxanh.devkit.MqttListener;
import vn.dongxanh.devkit.mqtt.AccessPlan;
import vn.dongxanh.devkit.mqtt.BrokerSecrets;
import vn.dongxanh.devkit.mqtt.LocalCertificates;
import vn.dongxanh.devkit.mqtt.Principals;
import vn.dongxanh.sim.PlotSpec;
import vn.dongxanh.sim.Simulation;
import vn.dongxanh.sim.SimulationConfig;
import vn.dongxanh.sim.cli.CommandLine;
import vn.dongxanh.sim.field.Crop;

/** Simulated devices on a field broker that requires each device's own credentials. */
@Timeout(90)
class SecuredFieldBrokerTest {
    private static final List<String> DEVICES = List.of("s01-wl", "s01-rain", "s01-flow", "s01-valve");

    @Test
    void devicesLogInWithTheirPasswordsOverTls(@TempDir Path dir) throws Exception {
        var secrets = BrokerSecrets.ensure(
                dir.resolve("mqtt"), AccessPlan.of(List.of(new AccessPlan.Gateway("htx-s", "gw-s", DEVICES))));
        var tls = LocalCertificates.ensure(dir.resolve("tls"));
        try (var broker = EmbeddedBroker.startSecured(
                0, secrets.auth(), new EmbeddedBroker.Tls(0, tls.keystore(), tls.keystorePassword()))) {
            Set<String> heard = ConcurrentHashMap.newKeySet();
            try (var edge = MqttListener.listen(
                    broker.url(),
                    "edge-s",
                    new MqttListener.Login(
                            Principals.fieldUser("gw-s"), secrets.password(Principals.fieldUser("gw-s")), null),
                    (topic, m) -> heard.add(topic),
                    Topics.ALL_DEVICE_TELEMETRY)) {
                var options = CommandLine.parse(
                        "--broker", broker.tlsUrl(),
                        "--plots", "s01:rice:2.5",
                        "--interval", "200ms",
                        "--credentials", secrets.deviceCredentialsFile().toString(),
                        "--tls-ca", tls.ca().toString());
                try (var sim = new Simulation(options.config()).start()) {
                    await().atMost(Duration.ofSeconds(20)).until(() -> heard.contains("dx/v1/dev/s01-wl/up"));
                }
            }

            // without credentials no device gets in
            var anonymous = SimulationConfig.builder()
                    .broker(broker.url())
                    .plots(new PlotSpec("s01", Crop.RICE, 2.5))
                    .connectTimeout(Duration.ofSeconds(3))
                    .build();
            assertThatThrownBy(() -> new Simulation(anonymous).start().close()).hasMessageContaining("cannot connect");
        }
    }
}

package vn.dongxanh.edge.irrigation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dongxanh.contract.psk.PskFile;
import vn.dongxanh.devkit.LocalServices;
import vn.dongxanh.devkit.Retained;
import vn.dongxanh.edge.EdgeAgent;
import vn.dongxanh.edge.config.AgentConfig;
import vn.dongxanh.sim.PlotSpec;
import vn.dongxanh.sim.Simulation;
import vn.dongxanh.sim.SimulationConfig;
import vn.dongxanh.sim.coap.CoapSecurity;
import vn.dongxanh.sim.field.Crop;
import vn.dongxanh.sim.field.FieldParameters;

/**
 * A plot whose every device speaks CoAP over DTLS: the agent reads its water level through
 * DTLS observations and opens its valve with a PUT over DTLS, as it would over the field broker.
 */
class CoapIrrigationTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    @TempDir
    Path dir;

    private final String run = UUID.randomUUID().toString().substring(0, 6);
    private final List<AutoCloseable> closeAfter = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = closeAfter.size() - 1; i >= 0; i--) closeAfter.get(i).close();
    }

    @Test
    void aDryPaddyBehindDtlsIsWatered() throws Exception {
        String broker = LocalServices.mqttUrl();
        String plot = "k" + run;
        List<String> devices = List.of(plot + "-wl", plot + "-rain", plot + "-flow", plot + "-valve");
        Path keys = dir.resolve("coap-psk.txt");
        var psk = PskFile.ensure(keys, devices, new SecureRandom());

        // below the AWD threshold: the agent must open the valve at once
        var p = FieldParameters.defaults().paddy();
        var field = FieldParameters.defaults()
                .withPaddy(new FieldParameters.Paddy(
                        p.etMmPerDay(),
                        p.seepagePercolationMmPerDay(),
                        p.drainablePorosity(),
                        p.bundHeightCm(),
                        p.floorCm(),
                        -14.5,
                        0,
                        p.valveFlowLpmPerHa()))
                .withRain(new FieldParameters.Rain(0, 12, 2));
        var sim = new Simulation(SimulationConfig.builder()
                        .broker(null)
                        .plots(new PlotSpec(plot, Crop.RICE, 1.0, 1000))
                        .coapPlots(Set.of(plot))
                        .coapSecurity(CoapSecurity.dtls(psk, keys.toString()))
                        .interval(Duration.ofMillis(200))
                        .speed(3600)
                        .field(field)
                        .build())
                .start();
        closeAfter.add(sim);

        var yaml = new StringBuilder("""
                gateway: gw-%1$s
                cooperative: htx-coap
                field-broker: %2$s
                cloud-broker: %2$s
                outbox: { path: %3$s, linger: 100ms }
                coap-credentials: %4$s
                coap-devices:
                """.formatted(run, broker, dir.resolve("outbox.db"), keys));
        for (String d : devices) {
            yaml.append("  - { uri: '")
                    .append(sim.coapTelemetryUris().get(d))
                    .append("', device: ")
                    .append(d)
                    .append(" }\n");
        }
        yaml.append("""
                plots:
                  - id: %1$s
                    crop: rice
                    area-ha: 1.0
                    sowing-date: %2$s
                    water-level: %1$s-wl
                    rain: %1$s-rain
                    flow: %1$s-flow
                    valve: %1$s-valve
                    valve-flow-lpm: 1000
                control:
                  rice:
                    plausible: { max-jump: 100 }
                """.formatted(plot, LocalDate.now(ZONE).minusDays(30)));
        closeAfter.add(() -> Retained.clear(
                broker, List.of(new vn.dongxanh.contract.topic.Topic.GatewayState("htx-coap", "gw-" + run).path())));
        var agent = new EdgeAgent(AgentConfig.fromYaml(yaml.toString()), Clock.systemUTC());
        closeAfter.add(agent);

        await().atMost(Duration.ofSeconds(20)).until(() -> sim.plotState(plot).valveOpen());
        assertThat(agent.coapDevices().readingsReceived()).isPositive();
        await().atMost(Duration.ofSeconds(10)).until(() -> agent.control().valvesOpen() == 1);
    }
}

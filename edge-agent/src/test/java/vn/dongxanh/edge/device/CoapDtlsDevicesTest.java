package vn.dongxanh.edge.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dongxanh.contract.command.CommandAck;
import vn.dongxanh.contract.command.ValveCommand;
import vn.dongxanh.contract.psk.DevicePsk;
import vn.dongxanh.contract.psk.PskFile;
import vn.dongxanh.contract.telemetry.Reading;
import vn.dongxanh.contract.telemetry.TelemetryCodec;
import vn.dongxanh.edge.config.AgentConfig;
import vn.dongxanh.edge.config.CoapDevice;
import vn.dongxanh.sim.PlotSpec;
import vn.dongxanh.sim.Simulation;
import vn.dongxanh.sim.SimulationConfig;
import vn.dongxanh.sim.coap.CoapSecurity;
import vn.dongxanh.sim.field.Crop;

/**
 * The gateway's CoAP adapter against simulated devices behind DTLS, over real loopback UDP,
 * configured the way an operator would: a YAML file naming a key file.
 */
class CoapDtlsDevicesTest {
    /** How long a refused gateway is watched: many report intervals and DTLS retransmissions. */
    private static final Duration BOUND = Duration.ofSeconds(4);

    @TempDir
    Path dir;

    private final SecureRandom random = new SecureRandom();
    private final TelemetryCodec codec = new TelemetryCodec();
    private final List<AutoCloseable> closeAfter = new ArrayList<>();
    private Simulation sim;
    private Map<String, DevicePsk> keys;

    @BeforeEach
    void devices() throws Exception {
        Path file = dir.resolve("device-keys.txt");
        keys = PskFile.ensure(file, List.of("r1-wl", "r1-rain", "r1-flow", "r1-valve"), random);
        sim = new Simulation(SimulationConfig.builder()
                        .broker(null)
                        .plots(new PlotSpec("r1", Crop.RICE, 2.0))
                        .coapPlots(Set.of("r1"))
                        .coapSecurity(CoapSecurity.dtls(keys, file.toString()))
                        .interval(Duration.ofMillis(200))
                        .build())
                .start();
        closeAfter.add(sim);
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = closeAfter.size() - 1; i >= 0; i--) closeAfter.get(i).close();
    }

    /** An adapter as the agent builds it, from YAML naming a credentials file. */
    private final class Gateway {
        final List<Reading> received = new CopyOnWriteArrayList<>();
        final List<CommandAck> acks = new CopyOnWriteArrayList<>();
        final CoapDevices devices;

        Gateway(String yaml) {
            var config = AgentConfig.fromYaml(yaml);
            devices = new CoapDevices(config.coapDevices(), codec, (readings, onDurable) -> received.addAll(readings));
            devices.onCommandAck(acks::add);
            closeAfter.add(devices);
        }

        boolean heard(String deviceId) {
            return received.stream().anyMatch(r -> r.deviceId().equals(deviceId));
        }
    }

    private String yaml(Path credentials, String... entries) {
        var y = new StringBuilder("coap-credentials: ").append(credentials).append("\ncoap-devices:\n");
        for (String e : entries) y.append("  - ").append(e).append('\n');
        return y.toString();
    }

    private String entry(String deviceId) {
        return "{ uri: '" + sim.coapTelemetryUris().get(deviceId) + "', device: " + deviceId + " }";
    }

    private Path keyFile(String name, DevicePsk... psks) throws Exception {
        Path file = dir.resolve(name);
        PskFile.write(file, List.of(psks));
        return file;
    }

    private static ValveCommand open(String id) {
        return ValveCommand.open(id, "r1-valve", Duration.ofMinutes(30), Instant.now(), Duration.ofMinutes(1));
    }

    @Test
    void withTheRightKeyNotificationsArriveAndTheValveObeys() throws Exception {
        Path file = keyFile("gw-keys.txt", keys.get("r1-wl"), keys.get("r1-valve"));
        var gw = new Gateway(yaml(file, entry("r1-wl"), entry("r1-valve")));

        await().atMost(Duration.ofSeconds(15)).until(() -> gw.heard("r1-wl") && gw.heard("r1-valve"));
        int before = gw.received.size();
        await().atMost(Duration.ofSeconds(5)).until(() -> gw.received.size() >= before + 4); // observing, not polling

        assertThat(gw.devices.reaches("r1-valve")).isTrue();
        assertThat(gw.devices.send(open("k-1"))).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> !gw.acks.isEmpty());
        assertThat(gw.acks.getFirst().commandId()).isEqualTo("k-1");
        assertThat(gw.acks.getFirst().result()).isEqualTo(CommandAck.Result.APPLIED);
        assertThat(sim.valve("r1-valve").isOpen()).isTrue();
    }

    @Test
    void withoutTheRightKeyTheDeviceNeverAnswers() throws Exception {
        DevicePsk wl = keys.get("r1-wl");
        DevicePsk valve = keys.get("r1-valve");
        var wrongKey = new Gateway(yaml(
                keyFile("wrong.txt", DevicePsk.generate("r1-wl", random), DevicePsk.generate("r1-valve", random)),
                entry("r1-wl"),
                entry("r1-valve")));
        var unknownIdentity = new Gateway(yaml(
                keyFile(
                        "unknown.txt",
                        new DevicePsk("r1-wl", "intruder-1", wl.key()),
                        new DevicePsk("r1-valve", "intruder-2", valve.key())),
                entry("r1-wl"),
                entry("r1-valve")));
        // plain CoAP to the DTLS ports
        var plain = new Gateway("coap-devices:\n"
                + "  - " + plain(sim.coapTelemetryUris().get("r1-wl")) + "\n"
                + "  - " + plain(sim.coapTelemetryUris().get("r1-valve")) + "\n");
        for (var gw : List.of(wrongKey, unknownIdentity)) {
            assertThat(gw.devices.send(open("bad-" + gw.hashCode()))).isTrue();
        }
        // and a gateway with the right key, watched over the same window: the devices were talking
        var right = new Gateway(yaml(keyFile("right.txt", wl), entry("r1-wl")));

        await().during(BOUND)
                .atMost(BOUND.plusSeconds(2))
                .until(() -> wrongKey.received.isEmpty()
                        && unknownIdentity.received.isEmpty()
                        && plain.received.isEmpty()
                        && wrongKey.acks.isEmpty()
                        && unknownIdentity.acks.isEmpty()
                        && !sim.valve("r1-valve").isOpen());
        assertThat(right.heard("r1-wl")).isTrue();
        assertThat(plain.devices.reaches("r1-valve")).isFalse();
    }

    private static URI plain(URI coaps) {
        return URI.create("coap://" + coaps.getAuthority() + coaps.getPath());
    }

    @Test
    void configurationNamesTheFieldAndTheFix() throws Exception {
        Path file = keyFile("keys.txt", keys.get("r1-wl"));
        String uri = sim.coapTelemetryUris().get("r1-wl").toString();
        assertThat(AgentConfig.fromYaml(yaml(file, entry("r1-wl"))).coapDevices())
                .singleElement()
                .satisfies(d -> {
                    assertThat(d.secure()).isTrue();
                    assertThat(d.psk()).isEqualTo(keys.get("r1-wl"));
                    assertThat(d.toString()).doesNotContain(keys.get("r1-wl").keyHex());
                });
        assertThat(AgentConfig.fromYaml("coap-devices: [ 'coap://10.0.0.5:5683/telemetry' ]")
                        .coapDevices())
                .containsExactly(CoapDevice.plain(URI.create("coap://10.0.0.5:5683/telemetry")));
        assertRefused("coap-devices: [ '" + uri + "' ]", "coap-devices[0]", "device: ID");
        assertRefused("coap-devices: [ { uri: '" + uri + "', device: r1-wl } ]", "coap-credentials", "is missing");
        assertRefused(yaml(file, entry("r1-valve")), "coap-devices[0].device", "has no line in");
        assertRefused(yaml(dir.resolve("absent.txt"), entry("r1-wl")), "coap-credentials", "does not exist");
        Files.writeString(dir.resolve("bad.txt"), "r1-wl r1-wl 00\n");
        assertRefused(yaml(dir.resolve("bad.txt"), entry("r1-wl")), "coap-credentials", "line 1");
        assertRefused(
                "coap-devices: [ { uri: 'coap://h:1/telemetry', device: r1-wl } ]", "coap-devices[0].device", "coaps");
        assertRefused("coap-devices: [ { url: x } ]", "coap-devices[0].url", "uri and device");
    }

    private static void assertRefused(String yaml, String field, String text) {
        try {
            AgentConfig.fromYaml(yaml);
        } catch (vn.dongxanh.edge.config.ConfigException e) {
            assertThat(e.field()).isEqualTo(field);
            assertThat(e.getMessage()).contains(text);
            return;
        }
        throw new AssertionError("accepted: " + yaml);
    }
}

package vn.dongxanh.sim.coap;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
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
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.core.network.Endpoint;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.config.DtlsConnectorConfig;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dongxanh.contract.command.CommandAck;
import vn.dongxanh.contract.command.CommandCodec;
import vn.dongxanh.contract.command.ValveCommand;
import vn.dongxanh.contract.psk.DevicePsk;
import vn.dongxanh.contract.psk.PskFile;
import vn.dongxanh.contract.telemetry.TelemetryCodec;
import vn.dongxanh.sim.PlotSpec;
import vn.dongxanh.sim.Simulation;
import vn.dongxanh.sim.SimulationConfig;
import vn.dongxanh.sim.field.Crop;

/**
 * Devices behind DTLS with a pre-shared key each, over real loopback UDP: the right key reads
 * and commands; no DTLS, an unknown identity or a wrong key get no answer at all (the device
 * stays silent rather than saying why), the valve stays shut and nothing is recorded.
 */
class CoapDtlsTest {
    /** Longer than a loopback handshake and exchange take, short enough for a test. */
    private static final long BOUND_MS = 3_000;

    private final SecureRandom random = new SecureRandom();
    private final List<Endpoint> endpoints = new ArrayList<>();
    private final List<CoapClient> clients = new ArrayList<>();

    @BeforeAll
    static void californium() {
        CoapSupport.configuration();
    }

    @AfterEach
    void close() {
        clients.forEach(CoapClient::shutdown);
        endpoints.forEach(Endpoint::destroy);
    }

    @Test
    void onlyTheDevicesOwnKeyIsAnswered(@TempDir Path dir) throws Exception {
        Path keysFile = dir.resolve("coap-psk.txt");
        Map<String, DevicePsk> keys =
                PskFile.ensure(keysFile, List.of("d1-wl", "d1-rain", "d1-flow", "d1-valve"), random);
        Path record = dir.resolve("record.jsonl");
        var config = SimulationConfig.builder()
                .broker(null)
                .plots(new PlotSpec("d1", Crop.RICE, 2.0))
                .coapPlots(Set.of("d1"))
                .coapSecurity(CoapSecurity.dtls(keys, keysFile.toString()))
                .interval(Duration.ofMillis(200))
                .record(record)
                .build();
        try (var sim = new Simulation(config).start()) {
            URI valve = sim.coapValveUris().get("d1-valve");
            URI telemetry = sim.coapTelemetryUris().get("d1-wl");
            assertThat(valve.getScheme()).isEqualTo("coaps");
            DevicePsk valveKey = keys.get("d1-valve");
            byte[] wrongKey = DevicePsk.generate("d1-valve", random).key();

            DevicePsk other = keys.get("d1-wl");
            var plain = URI.create("coap://" + valve.getAuthority() + valve.getPath());
            var refused = new ArrayList<Future<CoapResponse>>();
            // asked in parallel, so the test waits for the bound once, not once per intruder
            try (var pool = Executors.newVirtualThreadPerTaskExecutor()) {
                // plain CoAP to the DTLS port: the datagram is not DTLS, so it is dropped
                var c1 = plainClient(plain);
                refused.add(pool.submit(() -> put(c1, open("c-plain"))));
                // an identity the device does not know
                var c2 = dtlsClient(valve, "intruder", valveKey.key());
                refused.add(pool.submit(() -> put(c2, open("c-unknown"))));
                // its identity with another key
                var c3 = dtlsClient(valve, valveKey.identity(), wrongKey);
                refused.add(pool.submit(() -> put(c3, open("c-wrong"))));
                // another device's identity and key: valid on that device, not on this one
                var c4 = dtlsClient(valve, other.identity(), other.key());
                refused.add(pool.submit(() -> put(c4, open("c-other"))));
                var c5 = dtlsClient(telemetry, "intruder", wrongKey);
                refused.add(pool.submit(() -> get(c5)));
                for (var f : refused) assertThat(f.get()).isNull();
            }

            assertThat(sim.valve("d1-valve").isOpen()).isFalse();
            assertThat(Files.exists(record) ? Files.readAllLines(record) : List.<String>of())
                    .isEmpty();

            // the device's own key: telemetry reads and the valve opens
            var wl = keys.get("d1-wl");
            CoapResponse reading = get(dtlsClient(telemetry, wl.identity(), wl.key()));
            assertThat(reading).isNotNull();
            assertThat(reading.getCode()).isEqualTo(CoAP.ResponseCode.CONTENT);
            assertThat(new TelemetryCodec().decode(reading.getPayload()))
                    .isNotEmpty()
                    .allMatch(r -> r.deviceId().equals("d1-wl"));

            CoapResponse answer = put(dtlsClient(valve, valveKey.identity(), valveKey.key()), open("c-right"));
            assertThat(answer).isNotNull();
            assertThat(answer.getCode()).isEqualTo(CoAP.ResponseCode.CHANGED);
            CommandAck ack = CommandCodec.decodeAck(answer.getPayload());
            assertThat(ack.commandId()).isEqualTo("c-right");
            assertThat(ack.result()).isEqualTo(CommandAck.Result.APPLIED);
            assertThat(sim.valve("d1-valve").isOpen()).isTrue();
            // the refused commands never reached the valve: none of them is remembered as a duplicate
            assertThat(CommandCodec.decodeAck(
                                    put(dtlsClient(valve, valveKey.identity(), valveKey.key()), open("c-unknown"))
                                            .getPayload())
                            .result())
                    .isEqualTo(CommandAck.Result.APPLIED);
        }
    }

    private static ValveCommand open(String id) {
        return ValveCommand.open(id, "d1-valve", Duration.ofMinutes(30), Instant.now(), Duration.ofMinutes(1));
    }

    private static CoapResponse put(CoapClient client, ValveCommand command) throws Exception {
        return client.put(CommandCodec.encode(command), CoapSupport.JSON);
    }

    private static CoapResponse get(CoapClient client) throws Exception {
        return client.get();
    }

    private CoapClient plainClient(URI uri) {
        var client = new CoapClient(uri.toString()).setTimeout(BOUND_MS);
        clients.add(client);
        return client;
    }

    private CoapClient dtlsClient(URI uri, String identity, byte[] key) throws Exception {
        var config = CoapSupport.configuration();
        var dtls = DtlsConnectorConfig.builder(config)
                .setAddress(new InetSocketAddress("127.0.0.1", 0))
                .set(DtlsConfig.DTLS_ROLE, DtlsConfig.DtlsRole.CLIENT_ONLY)
                .setAdvancedPskStore(new AdvancedSinglePskStore(identity, key))
                .build();
        var endpoint = CoapEndpoint.builder()
                .setConfiguration(config)
                .setConnector(new DTLSConnector(dtls))
                .build();
        endpoint.start();
        endpoints.add(endpoint);
        var client = new CoapClient(uri.toString()).setTimeout(BOUND_MS);
        client.setEndpoint(endpoint);
        clients.add(client);
        return client;
    }
}

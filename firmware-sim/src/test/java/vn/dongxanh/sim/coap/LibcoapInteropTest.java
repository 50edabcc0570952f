package vn.dongxanh.sim.coap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dongxanh.contract.psk.DevicePsk;
import vn.dongxanh.sim.PlotSpec;
import vn.dongxanh.sim.Simulation;
import vn.dongxanh.sim.SimulationConfig;
import vn.dongxanh.sim.field.Crop;

/**
 * Another DTLS stack against the simulated devices: libcoap's {@code coap-client-openssl}
 * (Debian package libcoap3-bin). Skipped when the tool is not installed; CI does not install it.
 * The tool exits 0 even when the handshake fails, so the test reads what it printed.
 */
class LibcoapInteropTest {
    private static final String CLIENT = "coap-client-openssl";
    // libcoap 4.3.1 takes the key as text, so this key is printable (its bytes go into the file as hex)
    private static final String KEY = "dongxanh-interop-key-01";

    private static boolean installed() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (new File(dir, CLIENT).canExecute()) return true;
        }
        return false;
    }

    @Test
    void libcoapReadsWithTheRightKeyAndGetsNothingWithAWrongOne(@TempDir Path dir) throws Exception {
        assumeTrue(installed(), CLIENT + " is not installed (apt install libcoap3-bin)");
        var keys = Map.of("i1-wl", new DevicePsk("i1-wl", "i1-wl", KEY.getBytes(StandardCharsets.US_ASCII)));
        var sim = new Simulation(SimulationConfig.builder()
                .broker(null)
                .plots(new PlotSpec("i1", Crop.RICE, 1.0))
                .coapPlots(Set.of("i1"))
                // only the water-level node is tried; the others need keys too, so give them theirs
                .coapSecurity(CoapSecurity.dtls(withOthers(keys), "test"))
                .interval(Duration.ofMillis(200))
                .build());
        try (sim) {
            sim.start();
            String uri = sim.coapTelemetryUris().get("i1-wl").toString();

            String right = get(uri, "i1-wl", KEY);
            assertThat(right).contains("\"bn\":\"i1-wl:\"").contains("water_level");

            String wrong = get(uri, "i1-wl", "another-key-of-23-chars");
            assertThat(wrong).doesNotContain("water_level");
            String unknown = get(uri, "intruder", KEY);
            assertThat(unknown).doesNotContain("water_level");
        }
    }

    private static Map<String, DevicePsk> withOthers(Map<String, DevicePsk> keys) {
        var all = new java.util.HashMap<>(keys);
        for (String d : List.of("i1-rain", "i1-flow", "i1-valve")) {
            all.put(d, DevicePsk.generate(d, new java.security.SecureRandom()));
        }
        return all;
    }

    /** Runs one GET; returns everything the tool printed (it waits at most 3 s for an answer). */
    private static String get(String uri, String identity, String key) throws Exception {
        var command = new ArrayList<>(List.of(CLIENT, "-m", "get", "-B", "3", "-u", identity, "-k", key, uri));
        var process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            assertThat(process.waitFor(20, TimeUnit.SECONDS))
                    .as("coap-client finished")
                    .isTrue();
            return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            process.destroyForcibly();
        }
    }
}

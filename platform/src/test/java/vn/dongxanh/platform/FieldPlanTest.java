package vn.dongxanh.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dongxanh.contract.psk.PskFile;

class FieldPlanTest {
    @TempDir
    Path work;

    @Test
    void theLastPlotSpeaksCoapOverDtlsWithKeysOutsideTheYaml() {
        var plan = FieldPlan.of(6, 60, LocalDate.of(2026, 6, 1));
        assertThat(plan.simulatorCoapPlots()).isEqualTo("p06");
        assertThat(plan.coapDeviceIds()).containsExactly("p06-sm", "p06-rain", "p06-flow", "p06-valve");
        String yaml = plan.edgeConfig(
                "tcp://127.0.0.1:1883",
                "ssl://127.0.0.1:8883",
                work.resolve("o.db"),
                "127.0.0.1",
                40000,
                work.resolve("k"));
        assertThat(yaml)
                .contains("coap-credentials: " + work.resolve("k"))
                .contains("- { uri: 'coaps://127.0.0.1:40000/telemetry', device: p06-sm }")
                .contains("- { uri: 'coaps://127.0.0.1:40003/telemetry', device: p06-valve }")
                .doesNotContain("coap://");

        assertThat(FieldPlan.of(1, 60, LocalDate.of(2026, 6, 1)).coapDeviceIds())
                .isEmpty();
        assertThat(FieldPlan.of(3, 60, LocalDate.of(2026, 6, 1)).coapDeviceIds())
                .startsWith("p03-wl");
    }

    @Test
    void coapKeysAreMadeOnceOwnerOnlyAndReused() throws Exception {
        var plan = FieldPlan.of(2, 60, LocalDate.of(2026, 6, 1));
        Path file = Platform.coapKeys(work, plan.coapDeviceIds());
        assertThat(file).isEqualTo(work.resolve("secrets/coap-psk.txt"));
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PskFile.OWNER_ONLY);
        assertThat(Files.getPosixFilePermissions(file.getParent()))
                .isEqualTo(PosixFilePermissions.fromString("rwx------"));
        var first = PskFile.read(file);
        assertThat(first).containsOnlyKeys("p02-sm", "p02-rain", "p02-flow", "p02-valve");

        String text = Files.readString(file);
        Platform.coapKeys(work, plan.coapDeviceIds()); // a later start
        assertThat(Files.readString(file)).isEqualTo(text);
        // a bigger field later: the old keys stay, the new last plot gets its own
        var grown = PskFile.read(Platform.coapKeys(
                work, FieldPlan.of(4, 60, LocalDate.of(2026, 6, 1)).coapDeviceIds()));
        assertThat(grown).containsAllEntriesOf(first).containsKey("p04-sm");
    }
}

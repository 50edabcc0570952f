package vn.dongxanh.contract.psk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PskFileTest {
    @TempDir
    Path dir;

    private final SecureRandom random = new SecureRandom();

    @Test
    void createsTheFileOwnerOnlyAndReusesItsKeys() throws Exception {
        Path file = dir.resolve("secrets/coap-psk.txt");
        var first = PskFile.ensure(file, List.of("p02-sm", "p02-valve"), random);

        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PskFile.OWNER_ONLY);
        assertThat(first.keySet()).containsExactly("p02-sm", "p02-valve");
        assertThat(first.get("p02-sm").identity()).isEqualTo("p02-sm");
        assertThat(first.get("p02-sm").key())
                .hasSize(32)
                .isNotEqualTo(first.get("p02-valve").key());
        assertThat(PskFile.read(file)).isEqualTo(first);

        // a later start keeps every key and adds only what is new
        var second = PskFile.ensure(file, List.of("p02-sm", "p02-valve", "p04-sm"), random);
        assertThat(second.get("p02-sm")).isEqualTo(first.get("p02-sm"));
        assertThat(second.get("p02-valve")).isEqualTo(first.get("p02-valve"));
        assertThat(second).containsKey("p04-sm");
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PskFile.OWNER_ONLY);
        assertThat(dir.resolve("secrets"))
                .isDirectoryNotContaining(p -> p.toString().endsWith(".tmp"));
    }

    @Test
    void narrowsAFileOthersCouldRead() throws Exception {
        Path file = dir.resolve("coap-psk.txt");
        PskFile.ensure(file, List.of("a1"), random);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        PskFile.ensure(file, List.of("a1"), random);
        assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PskFile.OWNER_ONLY);
    }

    @Test
    void readsCommentsAndTabs() {
        var keys = PskFile.parse("""
                # header
                p01-wl\tsensor-17   00112233445566778899aabbccddeeff  # trailing comment

                """, "test");
        assertThat(keys.get("p01-wl").identity()).isEqualTo("sensor-17");
        assertThat(keys.get("p01-wl").keyHex()).isEqualTo("00112233445566778899aabbccddeeff");
    }

    @Test
    void refusesBadLinesNamingTheLineAndTheFix() {
        String key = "00112233445566778899aabbccddeeff";
        assertThatThrownBy(() -> PskFile.parse("p01-wl " + key, "f"))
                .hasMessageContaining("f line 1 has 2 fields")
                .hasMessageContaining("DEVICE-ID IDENTITY KEY-HEX");
        assertThatThrownBy(() -> PskFile.parse("\np01-wl id zz", "f"))
                .hasMessageContaining("f line 2: the key is not hex");
        assertThatThrownBy(() -> PskFile.parse("p01-wl id 0011", "f"))
                .hasMessageContaining("has 2 bytes; use 16 to 64");
        assertThatThrownBy(() -> PskFile.parse("p01-wl a " + key + "\np01-wl b " + key, "f"))
                .hasMessageContaining("line 2 repeats device p01-wl");
        assertThatThrownBy(() -> PskFile.parse("p01-wl a " + key + "\np02-wl a " + key, "f"))
                .hasMessageContaining("the identity of device p01-wl");
        assertThatThrownBy(() -> PskFile.parse("P01 a " + key, "f")).hasMessageContaining("device id 'P01'");
    }

    @Test
    void neverPrintsTheKey() {
        var psk = DevicePsk.generate("p01-wl", random);
        assertThat(psk.toString()).doesNotContain(psk.keyHex()).contains("32 bytes");
    }
}

package vn.dongxanh.devkit.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PasswordHashTest {
    @Test
    void aHashVerifiesItsPasswordOnly() {
        String hash = PasswordHash.hash("s3cret-pässword");
        assertThat(hash).startsWith("$7$" + PasswordHash.ITERATIONS + "$").doesNotContain("s3cret");
        assertThat(PasswordHash.verify("s3cret-pässword", hash)).isTrue();
        assertThat(PasswordHash.verify("s3cret-passwörd", hash)).isFalse();
        assertThat(PasswordHash.hash("same")).as("salted").isNotEqualTo(PasswordHash.hash("same"));
    }

    @Test
    void malformedHashesNeverVerify() {
        assertThat(PasswordHash.verify("x", "x")).isFalse();
        assertThat(PasswordHash.verify("x", "$6$abc$def")).isFalse();
        assertThat(PasswordHash.verify("x", "$7$101$!!$!!")).isFalse();
        assertThat(PasswordHash.verify("x", "$7$0$AAAA$AAAA")).isFalse();
        assertThat(PasswordHash.verify(null, PasswordHash.hash("x"))).isFalse();
    }

    /** The format is Mosquitto's: a hash written by the installed mosquitto_passwd verifies here. */
    @Test
    void readsTheHashesOfTheInstalledMosquittoPasswd(@TempDir Path dir) throws Exception {
        Path tool = Path.of("/usr/bin/mosquitto_passwd");
        assumeTrue(Files.isExecutable(tool), "mosquitto_passwd is not installed");
        Path file = dir.resolve("pw");
        Process p = new ProcessBuilder(tool.toString(), "-c", "-b", file.toString(), "alice", "wonder-land")
                .redirectErrorStream(true)
                .start();
        assertThat(p.waitFor()).isZero();
        String line = Files.readString(file).trim();
        String hash = line.substring(line.indexOf(':') + 1);
        assertThat(hash).startsWith("$7$");
        assertThat(PasswordHash.verify("wonder-land", hash)).isTrue();
        assertThat(PasswordHash.verify("wonderland", hash)).isFalse();
    }
}

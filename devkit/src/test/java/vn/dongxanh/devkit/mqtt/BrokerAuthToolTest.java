package vn.dongxanh.devkit.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerAuthToolTest {
    @Test
    void makesTheFilesOfAFieldForARealBroker(@TempDir Path tmp) throws Exception {
        var out = new ByteArrayOutputStream();
        int code = BrokerAuthTool.run(
                new String[] {"--out", tmp.resolve("s").toString(), "--gateway", "htx-a:gw-01:p01-wl,p01-valve"},
                new PrintStream(out),
                new PrintStream(new ByteArrayOutputStream()));
        assertThat(code).isZero();
        assertThat(out.toString()).contains("5 principals");
        assertThat(Files.readString(tmp.resolve("s/mosquitto/acl_file"))).contains("user gw-gw-01");
        assertThat(Files.readString(tmp.resolve("s/mosquitto/password_file"))).contains("dev-p01-valve:$7$");
        assertThat(tmp.resolve("s/clients/gw-gw-01.credentials")).exists();
    }

    @Test
    void aBadGatewaySpecIsExplained() {
        var err = new ByteArrayOutputStream();
        int code = BrokerAuthTool.run(
                new String[] {"--out", "x", "--gateway", "only-one"},
                new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("COOP:GATEWAY");
    }
}

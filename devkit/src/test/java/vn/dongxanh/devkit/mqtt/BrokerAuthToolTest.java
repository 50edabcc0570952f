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

    @Test
    void aRegistryNeedsItsTokenAndAnUnreachableOneIsNamed(@TempDir Path tmp) throws Exception {
        var err = new ByteArrayOutputStream();
        int code = BrokerAuthTool.run(
                new String[] {"--out", tmp.resolve("s").toString(), "--from-ingest", "http://127.0.0.1:9"},
                new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("--from-ingest and --token-file go together");

        Path token = Files.writeString(tmp.resolve("token"), "a-token\n");
        int closed = vn.dongxanh.devkit.FreePorts.tcp(); // free, so nothing listens there
        var err2 = new ByteArrayOutputStream();
        code = BrokerAuthTool.run(
                new String[] {
                    "--out", tmp.resolve("s").toString(),
                    "--from-ingest", "http://127.0.0.1:" + closed,
                    "--token-file", token.toString()
                },
                new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err2));
        assertThat(code).isEqualTo(1);
        assertThat(err2.toString()).contains("cannot reach http://127.0.0.1:" + closed + "/api/broker/access-plan");
        assertThat(tmp.resolve("s/mosquitto/password_file")).doesNotExist();
    }

    @Test
    void oneGatewayIdInTwoCooperativesIsRefused(@TempDir Path tmp) {
        var err = new ByteArrayOutputStream();
        int code = BrokerAuthTool.run(
                new String[] {
                    "--out", tmp.resolve("s").toString(), "--gateway", "htx-a:gw-01", "--gateway", "htx-b:gw-01"
                },
                new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("gateway gw-01 is given for cooperatives htx-a and htx-b");
    }
}

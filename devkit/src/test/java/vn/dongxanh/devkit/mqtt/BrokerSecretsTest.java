package vn.dongxanh.devkit.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BrokerSecretsTest {
    private static AccessPlan plan(String... devices) {
        return AccessPlan.of(List.of(new AccessPlan.Gateway("htx-demo", "gw-01", List.of(devices))));
    }

    @Test
    void secretsAreOwnerOnlyAndThePasswordsAreNotInTheBrokersFile(@TempDir Path tmp) throws Exception {
        Path dir = tmp.resolve("mqtt");
        var secrets = BrokerSecrets.ensure(dir, plan("p01-wl", "p01-valve"));
        assertThat(secrets.users())
                .containsExactlyInAnyOrder("gw-gw-01", "edge-gw-01", "dev-p01-wl", "dev-p01-valve", Principals.INGEST);
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.toList()) {
                String perms = PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
                assertThat(perms).as(p.toString()).isEqualTo(Files.isDirectory(p) ? "rwx------" : "rw-------");
            }
        }
        String gwPassword = secrets.password("gw-gw-01");
        assertThat(gwPassword).hasSizeGreaterThan(20);
        assertThat(Files.readString(secrets.authFile())).doesNotContain(gwPassword);
        assertThat(MosquittoFiles.passwordFile(secrets.auth())).doesNotContain(gwPassword);
        assertThat(secrets.auth().authenticate("gw-gw-01", gwPassword)).isPresent();
        assertThat(Files.readString(secrets.deviceCredentialsFile())).contains("p01-wl=");
    }

    @Test
    void laterStartsKeepPasswordsAddNewPrincipalsAndDropOldOnes(@TempDir Path tmp) {
        Path dir = tmp.resolve("mqtt");
        var first = BrokerSecrets.ensure(dir, plan("p01-wl", "p01-valve"));
        var second = BrokerSecrets.ensure(dir, plan("p01-wl", "p02-wl"));
        assertThat(second.password("gw-gw-01")).isEqualTo(first.password("gw-gw-01"));
        assertThat(second.auth().principals().get("dev-p01-wl").passwordHash())
                .isEqualTo(first.auth().principals().get("dev-p01-wl").passwordHash());
        assertThat(second.users()).contains("dev-p02-wl").doesNotContain("dev-p01-valve");
        // the field side may now command p02-wl and no longer p01-valve
        assertThat(second.auth().mayPublish("edge-gw-01", "dx/v1/dev/p02-wl/cmd"))
                .isTrue();
        assertThat(second.auth().mayPublish("edge-gw-01", "dx/v1/dev/p01-valve/cmd"))
                .isFalse();
    }

    @Test
    void theModelRoundTripsAndRefusesPlainPasswords() {
        var auth = BrokerAuth.of(List.of(Principals.device("d1", PasswordHash.hash("pw"))));
        assertThat(BrokerAuth.fromJson(auth.toJson())).isEqualTo(auth);
        assertThatThrownBy(() -> new Principal("x", "plain", List.of(), List.of()))
                .hasMessageContaining("not plain text");
        assertThatThrownBy(() -> new Principal("a:b", "$7$1$a$b", List.of(), List.of()))
                .hasMessageContaining("user name");
    }

    @Test
    void theMosquittoAclSaysTheSameAsTheModel() {
        var auth = BrokerAuth.of(List.of(
                Principals.gateway("htx", "gw-1", PasswordHash.hash("a")),
                Principals.ingest("ingest", "ingest-acks", PasswordHash.hash("b"))));
        String acl = MosquittoFiles.aclFile(auth);
        assertThat(acl)
                .contains("user gw-gw-1\ntopic write dx/v1/coop/htx/gw/gw-1/telemetry\n")
                .contains("topic read dx/v1/coop/htx/gw/gw-1/cmd\n")
                .contains("user ingest-service\ntopic write dx/v1/coop/+/gw/+/cmd\n")
                .contains("topic read dx/v1/coop/+/gw/+/telemetry\n")
                .doesNotContain("$share");
    }
}

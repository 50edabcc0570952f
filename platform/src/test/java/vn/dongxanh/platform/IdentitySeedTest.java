package vn.dongxanh.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dongxanh.contract.identity.PlatformRole;

class IdentitySeedTest {
    @TempDir
    Path dir;

    @Test
    void firstStartGeneratesOneUserPerRoleOwnerOnlyAndLaterStartsReuseThem() throws Exception {
        Path secrets = dir.resolve("secrets");
        var first = IdentitySeed.loadOrCreate(secrets, List.of("htx-demo"));
        assertThat(first.created()).isTrue();
        assertThat(first.signIns())
                .extracting(IdentitySeed.SignIn::role)
                .containsExactlyInAnyOrder(
                        PlatformRole.COOP_MANAGER,
                        PlatformRole.COOP_OPERATOR,
                        PlatformRole.DEPARTMENT_OFFICER,
                        PlatformRole.CERTIFICATION_BODY);
        assertThat(first.signIns()).extracting(IdentitySeed.SignIn::password).doesNotHaveDuplicates();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(first.file())))
                .isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secrets)))
                .isEqualTo("rwx------");

        var again = IdentitySeed.loadOrCreate(secrets, List.of("htx-demo"));
        assertThat(again.created()).isFalse();
        assertThat(again.signIns()).isEqualTo(first.signIns());
        assertThat(again.clientSecrets()).isEqualTo(first.clientSecrets());
    }

    @Test
    void aProvinceGrownSinceTheFirstStartGetsItsNewCooperativesPeopleAndKeepsTheOthers() throws Exception {
        Path secrets = dir.resolve("secrets");
        var first = IdentitySeed.loadOrCreate(secrets, List.of("htx-an-phu"));
        var grown = IdentitySeed.loadOrCreate(secrets, List.of("htx-an-phu", "htx-my-hoa"));
        assertThat(grown.created())
                .as("the new people's passwords are to be shown")
                .isTrue();
        assertThat(grown.signIns()).containsAll(first.signIns());
        assertThat(grown.signIns())
                .filteredOn(p -> p.organisation().equals("htx-my-hoa"))
                .extracting(IdentitySeed.SignIn::role)
                .containsExactlyInAnyOrder(PlatformRole.COOP_MANAGER, PlatformRole.COOP_OPERATOR);
        assertThat(IdentitySeed.loadOrCreate(secrets, List.of("htx-an-phu", "htx-my-hoa"))
                        .signIns())
                .isEqualTo(grown.signIns());
        assertThat(Files.readString(grown.file())).contains("Hợp tác xã Mỹ Hòa");
    }
}

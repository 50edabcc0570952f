package vn.dongxanh.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import vn.dongxanh.devkit.LocalServices;

/** The seed applied at start: idempotent, and a wrong one stops the start naming the entry. */
class SeedTest {
    private static final String REDIRECT = "http://127.0.0.1:9/signed-in";
    private static final LocalServices.TestDatabase DB = LocalServices.freshDatabase("identity_seed");

    @AfterAll
    static void drop() {
        DB.close();
    }

    @Test
    void applyingTheSeedTwiceKeepsOneUserWhosePasswordStillWorks() throws Exception {
        Path dir = Provider.tempDir();
        Path seed = Provider.testSeed();
        String hashBefore;
        String secretBefore;
        try (Provider first = Provider.start(DB, dir.resolve("key.json"), seed)) {
            JdbcTemplate jdbc = first.context.getBean(JdbcTemplate.class);
            hashBefore = passwordHash(jdbc);
            secretBefore = secret(jdbc);
        }
        try (Provider second = Provider.start(DB, dir.resolve("key.json"), seed)) {
            JdbcTemplate jdbc = second.context.getBean(JdbcTemplate.class);
            assertThat(jdbc.queryForObject("select count(*) from users where username = 'an'", Integer.class))
                    .isEqualTo(1);
            assertThat(jdbc.queryForObject("select count(*) from users", Integer.class))
                    .isEqualTo(4);
            assertThat(jdbc.queryForObject("select count(*) from oauth2_registered_client", Integer.class))
                    .isEqualTo(3);
            // not re-hashed: the stored value is the very same
            assertThat(passwordHash(jdbc)).isEqualTo(hashBefore);
            assertThat(secret(jdbc)).isEqualTo(secretBefore);

            Browser browser = new Browser(second.base());
            Browser.SignIn signIn = browser.signIn("web", REDIRECT, "an", "an-test-password");
            assertThat(signIn.code()).as(signIn.stoppedAt()).isPresent();
        }

        // a changed password in the seed replaces the stored one
        Path changed = dir.resolve("changed.yaml");
        Files.writeString(changed, Files.readString(seed).replace("an-test-password", "an-new-password"));
        try (Provider third = Provider.start(DB, dir.resolve("key.json"), changed)) {
            assertThat(passwordHash(third.context.getBean(JdbcTemplate.class))).isNotEqualTo(hashBefore);
            Browser browser = new Browser(third.base());
            assertThat(browser.signIn("web", REDIRECT, "an", "an-test-password").code())
                    .isEmpty();
            assertThat(new Browser(third.base())
                            .signIn("web", REDIRECT, "an", "an-new-password")
                            .code())
                    .isPresent();
        }
    }

    @Test
    void anInvalidSeedStopsTheStartNamingTheEntryAndField() throws Exception {
        Path dir = Provider.tempDir();
        Path seed = dir.resolve("bad.yaml");
        Files.writeString(seed, """
                organisations: [{id: htx-a, name: HTX A, kind: COOPERATIVE}]
                users:
                  - {username: an, password: "an-test-password", name: An, organisation: htx-a, roles: [COOP_MANAGER]}
                  - {username: lan, password: "lan-test-password", name: Lan, organisation: htx-nowhere, roles: [COOP_OPERATOR]}
                """);
        LocalServices.TestDatabase db = LocalServices.freshDatabase("identity_badseed");
        try {
            assertThatThrownBy(() -> Provider.start(db, dir.resolve("key.json"), seed))
                    .rootCause()
                    .hasMessageContaining("bad.yaml")
                    .hasMessageContaining("users[1] (username 'lan')")
                    .hasMessageContaining("field 'organisation'")
                    .hasMessageContaining("htx-nowhere");
        } finally {
            db.close();
        }
    }

    private static String passwordHash(JdbcTemplate jdbc) {
        return jdbc.queryForObject("select password_hash from users where username = 'an'", String.class);
    }

    private static String secret(JdbcTemplate jdbc) {
        return jdbc.queryForObject(
                "select client_secret from oauth2_registered_client where client_id = 'traceability-service'",
                String.class);
    }
}

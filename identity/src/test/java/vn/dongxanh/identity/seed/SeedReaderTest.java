package vn.dongxanh.identity.seed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import vn.dongxanh.contract.identity.PlatformRole;
import vn.dongxanh.identity.account.OrganisationKind;

/** What a seed file may say, and how a wrong one is reported: by entry and field. */
class SeedReaderTest {
    private static final String ORGS =
            "organisations: [{id: htx-a, name: HTX A, kind: COOPERATIVE}, {id: so, name: Sở, kind: DEPARTMENT}]\n";

    private static Seed read(String yaml) {
        return new SeedReader(
                        "seed file test.yaml",
                        id -> "stored-coop".equals(id) ? Optional.of(OrganisationKind.COOPERATIVE) : Optional.empty())
                .read(new StringReader(yaml));
    }

    private static void refused(String yaml, String... fragments) {
        assertThatThrownBy(() -> read(yaml)).isInstanceOf(SeedException.class).satisfies(e -> {
            for (String f : fragments) {
                assertThat(e.getMessage()).contains(f);
            }
        });
    }

    @Test
    void aCompleteSeedIsRead() {
        Seed seed = read(
                ORGS
                        + "users: [{username: an, password: 'an-password', name: An, organisation: htx-a, roles: [COOP_MANAGER]},"
                        + " {username: old, password: 'old-password', name: Old, organisation: stored-coop, roles: [coop_operator], enabled: false}]\n"
                        + "clients:\n"
                        + "  - {id: traceability-service, secret: 'a-secret-of-enough-length', grants: [client_credentials], roles: [SERVICE], audience: [ingest-service]}\n"
                        + "  - {id: web, secret: none, grants: [authorization_code], redirect-uris: ['http://127.0.0.1:8080/cb'], pkce: true, audience: [ingest-service, traceability-service]}\n");
        assertThat(seed.organisations()).hasSize(2);
        assertThat(seed.users().get(1).roles()).containsExactly(PlatformRole.COOP_OPERATOR);
        assertThat(seed.users().get(1).enabled()).isFalse();
        assertThat(seed.clients().get(1).isPublic()).isTrue();
        assertThat(seed.clients().get(1).scopes()).containsExactly("openid", "profile");
        assertThat(seed.clients().get(0).scopes()).isEmpty();
    }

    @Test
    void jsonIsReadToo() {
        Seed seed = read("{\"organisations\": [{\"id\": \"htx-a\", \"name\": \"HTX A\", \"kind\": \"COOPERATIVE\"}]}");
        assertThat(seed.organisations().getFirst().kind()).isEqualTo(OrganisationKind.COOPERATIVE);
    }

    @Test
    void anEmptyFileIsAnEmptySeed() {
        assertThat(read("").users()).isEmpty();
    }

    @Test
    void anUnknownOrganisationIsNamedWithItsUser() {
        refused(
                ORGS
                        + "users: [{username: an, password: 'an-password', name: An, organisation: htx-x, roles: [COOP_MANAGER]}]",
                "seed file test.yaml",
                "users[0] (username 'an')",
                "field 'organisation'",
                "htx-x");
    }

    @Test
    void wrongEntriesAreNamedByEntryAndField() {
        refused("organisations: [{id: HTX, name: A, kind: COOPERATIVE}]", "organisations[0] (id 'HTX')", "field 'id'");
        refused("organisations: [{id: a, name: A, kind: FARM}]", "organisations[0] (id 'a')", "field 'kind'", "FARM");
        refused(
                ORGS + "users: [{username: an, password: short, name: An, organisation: htx-a, roles: [COOP_MANAGER]}]",
                "users[0] (username 'an')",
                "field 'password'",
                "8 characters");
        refused(
                ORGS
                        + "users: [{username: an, password: 'an-password', name: An, organisation: htx-a, roles: [DEPARTMENT_OFFICER]}]",
                "field 'roles'",
                "does not fit");
        refused(
                ORGS
                        + "users: [{username: an, password: 'an-password', name: An, organisation: htx-a, roles: [SERVICE]}]",
                "field 'roles'",
                "SERVICE");
        refused(
                ORGS
                        + "users: [{username: an, password: '{bcrypt}nonsense', name: An, organisation: htx-a, roles: [COOP_MANAGER]}]",
                "field 'password'",
                "bcrypt");
        refused(
                ORGS
                        + "users: [{username: an, password: 'an-password', name: An, organisation: htx-a, roles: [COOP_MANAGER], admin: true}]",
                "users[0] (username 'an')",
                "unknown field 'admin'");
        refused(
                ORGS
                        + "users: [{username: an, password: 'an-password', name: An, organisation: htx-a, roles: [COOP_MANAGER]},"
                        + " {username: an, password: 'an-password', name: An, organisation: htx-a, roles: [COOP_MANAGER]}]",
                "users[1] (username 'an')",
                "listed twice");
    }

    @Test
    void clientRulesAreChecked() {
        refused(
                "clients: [{id: web, grants: [authorization_code], redirect-uris: ['http://127.0.0.1/cb'], pkce: false, audience: [a]}]",
                "clients[0] (id 'web')",
                "field 'pkce'");
        refused(
                "clients: [{id: svc, grants: [client_credentials], audience: [a]}]",
                "clients[0] (id 'svc')",
                "field 'secret'");
        refused(
                "clients: [{id: svc, secret: 'a-secret-of-enough-length', grants: [client_credentials]}]",
                "field 'audience'");
        refused("clients: [{id: web, grants: [authorization_code], audience: [a]}]", "field 'redirect-uris'");
        refused(
                "clients: [{id: web, grants: [authorization_code], redirect-uris: ['http://localhost/cb'], audience: [a]}]",
                "field 'redirect-uris'",
                "127.0.0.1");
        refused("clients: [{id: web, grants: [implicit], audience: [a]}]", "field 'grants'", "implicit");
        refused(
                "clients: [{id: svc, secret: 'a-secret-of-enough-length', grants: [client_credentials], roles: [COOP_MANAGER], audience: [a]}]",
                "field 'organisation'");
        refused(
                "clients: [{id: web, grants: [authorization_code], redirect_uris: ['http://127.0.0.1/cb'], audience: [a]}]",
                "unknown field 'redirect_uris'");
    }

    @Test
    void notYamlIsReported() {
        refused("users: [unclosed", "seed file test.yaml", "not valid YAML or JSON");
        refused("users: {username: an}", "field 'users'", "must be a list");
    }
}

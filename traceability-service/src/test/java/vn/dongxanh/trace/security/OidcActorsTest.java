package vn.dongxanh.trace.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import vn.dongxanh.contract.identity.PlatformRole;

/** How claims of a verified token become an actor, for the claim layouts providers use. */
class OidcActorsTest {
    private static Jwt jwt(Map<String, Object> claims) {
        Jwt.Builder b = Jwt.withTokenValue("t")
                .header("alg", "RS256")
                .subject("user-1")
                .issuedAt(Instant.now())
                .expiresAt(Instant.now().plusSeconds(60));
        claims.forEach(b::claim);
        return b.build();
    }

    private static Actor actor(SecurityProperties.Oidc oidc, Map<String, Object> claims) {
        return ((OidcActors.Token) new OidcActors(oidc).convert(jwt(claims))).actor();
    }

    private static SecurityProperties.Oidc oidc(String roles, String org, String name) {
        return new SecurityProperties.Oidc("https://idp.example", null, null, roles, org, name, null, null);
    }

    @Test
    void defaultsPointAtTheEmbeddedProviderWithASmallClockSkew() {
        var oidc = oidc(null, null, null);
        assertThat(oidc.issuerUri()).isEqualTo("https://idp.example");
        var defaults = new SecurityProperties(null, null).oidc();
        assertThat(defaults.issuerUri()).isEqualTo("http://127.0.0.1:8083");
        assertThat(defaults.audience()).isEqualTo("traceability-service");
        assertThat(defaults.rolesClaim()).isEqualTo("roles");
        assertThat(defaults.organisationClaim()).isEqualTo("org");
        assertThat(defaults.clockSkew()).isLessThanOrEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void keycloakRealmRolesThroughADottedPathAndAnotherNameClaim() {
        var oidc = oidc("realm_access.roles", "organisation", "preferred_username");
        assertThat(actor(
                        oidc,
                        Map.of(
                                "realm_access", Map.of("roles", List.of("default-roles-dx", "department_officer")),
                                "organisation", "so-nnmt",
                                "preferred_username", "nguyen.van.a")))
                .isEqualTo(Actor.of("nguyen.van.a", PlatformRole.DEPARTMENT_OFFICER, "so-nnmt"));
    }

    @Test
    void aSpaceSeparatedRoleStringAndTheDefaults() {
        var oidc = oidc(null, null, null);
        assertThat(actor(oidc, Map.of("roles", "openid CERTIFICATION_BODY", "org", "cb-1")))
                .isEqualTo(Actor.of("user-1", PlatformRole.CERTIFICATION_BODY, "cb-1"));
        assertThat(actor(oidc, Map.of("roles", List.of("offline_access"))).roles())
                .as("no platform role: authenticated, allowed nothing beyond the public")
                .isEmpty();
        assertThat(actor(oidc, Map.of("roles", List.of("SERVICE"))))
                .as("a service client needs no organisation")
                .isEqualTo(new Actor("user-1", Set.of(PlatformRole.SERVICE), Optional.empty()));
    }

    @Test
    void severalRolesAreTheUnionForTheOneOrganisation() {
        Actor both = actor(
                oidc(null, null, null), Map.of("roles", List.of("COOP_OPERATOR", "COOP_MANAGER"), "org", "htx-a"));
        assertThat(both.roles()).containsExactlyInAnyOrder(PlatformRole.COOP_OPERATOR, PlatformRole.COOP_MANAGER);
        assertThat(both.hasAny(PlatformRole.COOP_MANAGER)).isTrue();
        assertThat(both.isCooperativeOf("htx-a")).isTrue();
        assertThat(both.isCooperativeOf("htx-b")).isFalse();
    }

    @Test
    void aPersonsRoleWithoutOrganisationOrAnUnknownAlgorithmIsRefused() {
        var oidc = oidc(null, null, null);
        assertThatThrownBy(() -> actor(oidc, Map.of("roles", List.of("COOP_MANAGER"))))
                .isInstanceOf(InvalidBearerTokenException.class)
                .hasMessageContaining("'org'");
        assertThatThrownBy(() -> actor(oidc, Map.of("roles", List.of("DEPARTMENT_OFFICER"), "org", " ")))
                .isInstanceOf(InvalidBearerTokenException.class);
        assertThatThrownBy(() -> OidcActors.decoder(new SecurityProperties.Oidc(
                        null, "http://127.0.0.1:1/jwks", null, null, null, null, List.of("RS999"), null)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("RS999");
        assertThatThrownBy(() ->
                        new SecurityProperties.Oidc(null, null, null, null, null, null, null, Duration.ofHours(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("clock-skew");
    }
}

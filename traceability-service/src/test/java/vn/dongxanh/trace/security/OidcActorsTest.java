package vn.dongxanh.trace.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

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

    private static Optional<Actor> actor(SecurityProperties.Oidc oidc, Map<String, Object> claims) {
        return ((OidcActors.Token) new OidcActors(oidc).convert(jwt(claims))).actor();
    }

    private static SecurityProperties.Oidc oidc(String roles, String org, String name) {
        return new SecurityProperties.Oidc("https://idp.example", null, null, roles, org, name, null);
    }

    @Test
    void keycloakRealmRolesThroughADottedPathAndAnotherNameClaim() {
        var oidc = oidc("realm_access.roles", "organisation", "preferred_username");
        assertThat(actor(
                        oidc,
                        Map.of(
                                "realm_access", Map.of("roles", List.of("default-roles-dx", "department")),
                                "organisation", "so-nnmt",
                                "preferred_username", "nguyen.van.a")))
                .contains(new Actor("nguyen.van.a", Role.DEPARTMENT, Optional.of("so-nnmt")));
    }

    @Test
    void aSpaceSeparatedRoleStringAndTheDefaults() {
        var oidc = oidc(null, null, null);
        assertThat(actor(oidc, Map.of("roles", "openid CERTIFICATION_BODY", "org", "cb-1")))
                .contains(new Actor("user-1", Role.CERTIFICATION_BODY, Optional.of("cb-1")));
        assertThat(actor(oidc, Map.of("roles", List.of("offline_access")))).isEmpty();
        assertThat(actor(oidc, Map.of())).isEmpty();
    }

    @Test
    void aCooperativeWithoutOrganisationOrATokenWithTwoRolesIsRefused() {
        var oidc = oidc(null, null, null);
        assertThatThrownBy(() -> actor(oidc, Map.of("roles", List.of("COOPERATIVE"))))
                .isInstanceOf(InvalidBearerTokenException.class)
                .hasMessageContaining("'org'");
        assertThatThrownBy(() -> actor(oidc, Map.of("roles", List.of("COOPERATIVE", "DEPARTMENT"), "org", "x")))
                .isInstanceOf(InvalidBearerTokenException.class)
                .hasMessageContaining("one role");
        assertThatThrownBy(() -> OidcActors.decoder(new SecurityProperties.Oidc(
                        null, "http://127.0.0.1:1/jwks", null, null, null, null, List.of("RS999"))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("RS999");
    }
}

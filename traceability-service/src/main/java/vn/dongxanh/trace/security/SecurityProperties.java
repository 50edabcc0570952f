package vn.dongxanh.trace.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may change things ({@code dx.trace.security}): local users of the embedded default and,
 * for production, an OpenID Connect provider whose Bearer JWTs are accepted. A local user with an
 * empty password is left out, so nobody logs in with a default password.
 */
@ConfigurationProperties("dx.trace.security")
public record SecurityProperties(List<User> users, Oidc oidc) {
    public SecurityProperties {
        users = users == null ? List.of() : List.copyOf(users);
        oidc = oidc == null ? new Oidc(null, null, null, null, null, null, null) : oidc;
    }

    /**
     * @param name login name
     * @param password plain, or with a Spring Security encoder prefix such as {@code {bcrypt}}
     * @param role DEPARTMENT, COOPERATIVE or CERTIFICATION_BODY
     * @param organisation the organisation the user acts for (required for cooperatives)
     */
    public record User(String name, String password, Role role, String organisation) {}

    /**
     * An OpenID Connect provider; off while both {@code issuerUri} and {@code jwkSetUri} are empty.
     *
     * @param issuerUri the provider's issuer: tokens must carry it as {@code iss}; its keys are
     *     discovered from {@code {issuer}/.well-known/openid-configuration} unless jwkSetUri is set
     * @param jwkSetUri where the signing keys are (JWK set)
     * @param audience when set, tokens must name it in {@code aud}
     * @param rolesClaim claim holding the platform role (a string or a list; a dotted path such
     *     as {@code realm_access.roles} reaches into an object)
     * @param organisationClaim claim holding the organisation the user acts for
     * @param nameClaim claim naming the user in records
     * @param jwsAlgorithms accepted signature algorithms
     */
    public record Oidc(
            String issuerUri,
            String jwkSetUri,
            String audience,
            String rolesClaim,
            String organisationClaim,
            String nameClaim,
            List<String> jwsAlgorithms) {
        public Oidc {
            issuerUri = blankToNull(issuerUri);
            jwkSetUri = blankToNull(jwkSetUri);
            audience = blankToNull(audience);
            rolesClaim = rolesClaim == null || rolesClaim.isBlank() ? "roles" : rolesClaim;
            organisationClaim = organisationClaim == null || organisationClaim.isBlank() ? "org" : organisationClaim;
            nameClaim = nameClaim == null || nameClaim.isBlank() ? "sub" : nameClaim;
            jwsAlgorithms = jwsAlgorithms == null || jwsAlgorithms.isEmpty()
                    ? List.of("RS256")
                    : jwsAlgorithms.stream()
                            .filter(a -> !a.isBlank())
                            .map(String::trim)
                            .toList();
        }

        public boolean enabled() {
            return issuerUri != null || jwkSetUri != null;
        }

        private static String blankToNull(String s) {
            return s == null || s.isBlank() ? null : s.trim();
        }
    }
}

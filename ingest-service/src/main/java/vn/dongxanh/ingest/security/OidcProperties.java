package vn.dongxanh.ingest.security;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The OpenID Connect provider whose access tokens the API accepts (docs/security-ingest.md).
 *
 * @param issuerUri the provider's issuer: every token's {@code iss}, and the base of its discovery
 *     document (read at the first token, not at start-up)
 * @param jwkSetUri where its signing keys are; empty = as its discovery document says
 * @param audience the {@code aud} a token must name
 * @param rolesClaim claim holding the platform roles; a dotted path reaches into objects
 *     ({@code realm_access.roles})
 * @param organisationClaim claim holding the organisation id (a dotted path too)
 * @param clockSkew leeway on {@code exp} and {@code nbf}; small, so expired tokens stop working
 *     promptly
 */
@ConfigurationProperties("dx.ingest.security.oidc")
public record OidcProperties(
        @DefaultValue("http://127.0.0.1:8083") String issuerUri,
        String jwkSetUri,
        @DefaultValue("ingest-service") String audience,
        @DefaultValue("roles") String rolesClaim,
        @DefaultValue("org") String organisationClaim,
        @DefaultValue("30s") Duration clockSkew) {
    public OidcProperties {
        if (issuerUri == null || issuerUri.isBlank()) {
            throw new IllegalArgumentException(
                    "dx.ingest.security.oidc.issuer-uri (DX_INGEST_OIDC_ISSUER_URI) is required");
        }
        if (audience == null || audience.isBlank()) {
            throw new IllegalArgumentException(
                    "dx.ingest.security.oidc.audience (DX_INGEST_OIDC_AUDIENCE) is required");
        }
        if (clockSkew.isNegative() || clockSkew.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException(
                    "dx.ingest.security.oidc.clock-skew must be between 0s and 5m, got " + clockSkew);
        }
        if (jwkSetUri != null && jwkSetUri.isBlank()) jwkSetUri = null;
    }
}

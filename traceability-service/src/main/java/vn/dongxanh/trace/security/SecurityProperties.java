package vn.dongxanh.trace.security;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who may call ({@code dx.trace.security}): the OpenID Connect provider whose Bearer JWTs are
 * accepted (the service is its OAuth2 resource server, there is no other sign-in), and the rate
 * limit of the public endpoints.
 */
@ConfigurationProperties("dx.trace.security")
public record SecurityProperties(Oidc oidc, RateLimit rateLimit) {
    public SecurityProperties {
        oidc = oidc == null ? new Oidc(null, null, null, null, null, null, null, null) : oidc;
        rateLimit = rateLimit == null ? new RateLimit(0, 0, null, 0) : rateLimit;
    }

    /**
     * The OpenID Connect provider.
     *
     * @param issuerUri the provider's issuer: tokens must carry it as {@code iss}; its keys are
     *     discovered from {@code {issuer}/.well-known/openid-configuration} (at the first token)
     *     unless jwkSetUri is set. Default: the embedded identity provider, http://127.0.0.1:8083
     * @param jwkSetUri where the signing keys are (JWK set); empty: discovered
     * @param audience tokens must name it in {@code aud} (default traceability-service)
     * @param rolesClaim claim holding the platform roles (a list or a space/comma separated
     *     string; a dotted path such as {@code realm_access.roles} reaches into an object)
     * @param organisationClaim claim holding the organisation the subject acts for
     * @param nameClaim claim naming the subject in what it changes (default sub)
     * @param jwsAlgorithms accepted signature algorithms
     * @param clockSkew how far past its expiry (or before its not-before) a token is still taken
     */
    public record Oidc(
            String issuerUri,
            String jwkSetUri,
            String audience,
            String rolesClaim,
            String organisationClaim,
            String nameClaim,
            List<String> jwsAlgorithms,
            Duration clockSkew) {
        public Oidc {
            issuerUri = blankToNull(issuerUri) == null ? "http://127.0.0.1:8083" : issuerUri.strip();
            jwkSetUri = blankToNull(jwkSetUri);
            audience = blankToNull(audience) == null ? "traceability-service" : audience.strip();
            rolesClaim = blankToNull(rolesClaim) == null ? "roles" : rolesClaim.strip();
            organisationClaim = blankToNull(organisationClaim) == null ? "org" : organisationClaim.strip();
            nameClaim = blankToNull(nameClaim) == null ? "sub" : nameClaim.strip();
            jwsAlgorithms = jwsAlgorithms == null || jwsAlgorithms.isEmpty()
                    ? List.of("RS256")
                    : jwsAlgorithms.stream()
                            .filter(a -> !a.isBlank())
                            .map(String::trim)
                            .toList();
            clockSkew = clockSkew == null ? Duration.ofSeconds(30) : clockSkew;
            if (clockSkew.isNegative() || clockSkew.compareTo(Duration.ofMinutes(5)) > 0) {
                throw new IllegalArgumentException(
                        "dx.trace.security.oidc.clock-skew must be between 0 and 5 minutes, not " + clockSkew);
            }
        }

        private static String blankToNull(String s) {
            return s == null || s.isBlank() ? null : s.trim();
        }
    }

    /**
     * The per-client limit of the public endpoints (token bucket per client address).
     *
     * @param requestsPerMinute sustained rate a client may make (default 120)
     * @param burst requests a client may make at once before the rate applies (default 40)
     * @param trustedProxies addresses of reverse proxies whose {@code X-Forwarded-For} names the
     *     client; empty (the default): the header is ignored and the peer address is the client
     * @param maxClients clients tracked at once; the least recently seen is forgotten beyond it
     */
    public record RateLimit(int requestsPerMinute, int burst, List<String> trustedProxies, int maxClients) {
        public RateLimit {
            requestsPerMinute = requestsPerMinute <= 0 ? 120 : requestsPerMinute;
            burst = burst <= 0 ? 40 : burst;
            trustedProxies = trustedProxies == null
                    ? List.of()
                    : trustedProxies.stream()
                            .filter(p -> !p.isBlank())
                            .map(String::strip)
                            .toList();
            maxClients = maxClients <= 0 ? 100_000 : maxClients;
        }
    }
}

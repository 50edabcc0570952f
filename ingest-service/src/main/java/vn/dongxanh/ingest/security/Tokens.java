package vn.dongxanh.ingest.security;

import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidatorResult;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import vn.dongxanh.contract.identity.PlatformRole;

/**
 * Access tokens of the configured OpenID Connect provider: how they are verified and what caller
 * they name. One code path for the embedded provider and any other.
 */
final class Tokens implements Converter<Jwt, AbstractAuthenticationToken> {
    private final OidcProperties oidc;

    Tokens(OidcProperties oidc) {
        this.oidc = oidc;
    }

    /**
     * RS256 signatures by the provider's keys, then expiry (with the configured small skew), issuer
     * and audience. Without a configured JWK set URI the discovery document is read at the first
     * token, not at start-up, so the service starts while the provider is down; a failed read is
     * tried again at the next token ({@link SupplierJwtDecoder} keeps only a success).
     */
    static JwtDecoder decoder(OidcProperties oidc) {
        if (oidc.jwkSetUri() != null) return build(oidc, NimbusJwtDecoder.withJwkSetUri(oidc.jwkSetUri()));
        return new SupplierJwtDecoder(() -> build(oidc, NimbusJwtDecoder.withIssuerLocation(oidc.issuerUri())));
    }

    private static JwtDecoder build(OidcProperties oidc, NimbusJwtDecoder.JwkSetUriJwtDecoderBuilder builder) {
        NimbusJwtDecoder decoder =
                builder.jwsAlgorithm(SignatureAlgorithm.RS256).build();
        List<OAuth2TokenValidator<Jwt>> validators = List.of(
                new JwtTimestampValidator(oidc.clockSkew()),
                new JwtIssuerValidator(oidc.issuerUri()),
                audience(oidc.audience()));
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
        return decoder;
    }

    private static OAuth2TokenValidator<Jwt> audience(String audience) {
        return jwt -> {
            List<String> aud = jwt.getAudience();
            if (aud != null && aud.contains(audience)) return OAuth2TokenValidatorResult.success();
            return OAuth2TokenValidatorResult.failure(new OAuth2Error(
                    "invalid_token",
                    "the token is for " + (aud == null ? "no audience" : aud) + ", not for '" + audience + "'",
                    null));
        };
    }

    /** The caller a verified token names; a cooperative role without an organisation is refused. */
    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        Set<PlatformRole> roles = roles(jwt);
        Object org = claim(jwt, oidc.organisationClaim());
        String organisation = org == null || org.toString().isBlank() ? null : org.toString();
        if (organisation == null && roles.stream().anyMatch(PlatformRole::isCooperative)) {
            throw new InvalidBearerTokenException(
                    "a cooperative user's token needs its organisation in claim '" + oidc.organisationClaim() + "'");
        }
        String subject = jwt.getSubject() == null ? "" : jwt.getSubject();
        if (subject.isBlank()) throw new InvalidBearerTokenException("the token has no subject ('sub')");
        var authorities = roles.stream()
                .map(r -> new SimpleGrantedAuthority("ROLE_" + r.name()))
                .toList();
        return new CallerToken(jwt, authorities, new Caller(subject, organisation, roles));
    }

    private Set<PlatformRole> roles(Jwt jwt) {
        Object value = claim(jwt, oidc.rolesClaim());
        Collection<?> values = value instanceof Collection<?> c
                ? c
                : value == null ? List.of() : List.of(value.toString().split("[\\s,]+"));
        Set<PlatformRole> roles = EnumSet.noneOf(PlatformRole.class);
        // other values (offline_access, …) belong to other applications
        for (Object v : values) PlatformRole.fromClaim(String.valueOf(v)).ifPresent(roles::add);
        return roles;
    }

    /** A claim by its name, else by a dotted path into nested objects. */
    private static Object claim(Jwt jwt, String name) {
        if (jwt.hasClaim(name)) return jwt.getClaims().get(name);
        Object node = jwt.getClaims();
        for (String part : name.split("\\.")) {
            if (!(node instanceof Map<?, ?> map)) return null;
            node = map.get(part);
        }
        return node;
    }
}

package vn.dongxanh.trace.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import vn.dongxanh.contract.identity.PlatformRole;

/**
 * Turns a verified JWT of the platform's OpenID Connect provider into an {@link Actor}: the
 * platform roles from the roles claim (all of them: the actor may do what any allows), the
 * organisation from the organisation claim. A person's role (cooperative, department,
 * certification body) only means something for an organisation, so such a token without one is
 * refused; a token naming no platform role is authenticated but may do nothing more than the
 * public.
 */
public final class OidcActors implements Converter<Jwt, AbstractAuthenticationToken> {
    private final SecurityProperties.Oidc oidc;

    public OidcActors(SecurityProperties.Oidc oidc) {
        this.oidc = oidc;
    }

    /** An authenticated JWT with the actor it stands for. */
    public static final class Token extends JwtAuthenticationToken {
        private final transient Actor actor;

        Token(Jwt jwt, Collection<? extends GrantedAuthority> authorities, String name, Actor actor) {
            super(jwt, authorities, name);
            this.actor = actor;
        }

        public Actor actor() {
            return actor;
        }
    }

    /**
     * The decoder: signature by the provider's keys (only the configured algorithms: never
     * {@code none}), expiry and not-before with a small clock skew, issuer and audience. With no
     * JWK set URI the provider's discovery document is read at the first token, not at start-up
     * (Spring's {@code withIssuerLocation} reads it at once, so a provider down would stop the
     * service), and read again on the next token while that fails.
     */
    public static JwtDecoder decoder(SecurityProperties.Oidc oidc) {
        for (String a : oidc.jwsAlgorithms()) {
            if (SignatureAlgorithm.from(a) == null) {
                throw new IllegalArgumentException("dx.trace.security.oidc.jws-algorithms: unknown algorithm " + a);
            }
        }
        if (oidc.jwkSetUri() != null) {
            return build(oidc, NimbusJwtDecoder.withJwkSetUri(oidc.jwkSetUri()));
        }
        return new SupplierJwtDecoder(() -> build(oidc, NimbusJwtDecoder.withIssuerLocation(oidc.issuerUri())));
    }

    private static JwtDecoder build(SecurityProperties.Oidc oidc, NimbusJwtDecoder.JwkSetUriJwtDecoderBuilder builder) {
        builder.jwsAlgorithms(algorithms -> {
            algorithms.clear();
            oidc.jwsAlgorithms().forEach(a -> algorithms.add(SignatureAlgorithm.from(a)));
        });
        NimbusJwtDecoder decoder = builder.build();
        List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
        validators.add(new JwtTimestampValidator(oidc.clockSkew()));
        validators.add(new JwtClaimValidator<Object>(JwtClaimNames.EXP, exp -> exp != null));
        validators.add(new JwtIssuerValidator(oidc.issuerUri()));
        validators.add(new JwtClaimValidator<List<String>>(
                JwtClaimNames.AUD, aud -> aud != null && aud.contains(oidc.audience())));
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
        return decoder;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        String name = Optional.ofNullable(jwt.getClaimAsString(oidc.nameClaim()))
                .filter(n -> !n.isBlank())
                .orElse(jwt.getSubject());
        Set<PlatformRole> roles = roles(jwt);
        Optional<String> organisation = Optional.ofNullable(claim(jwt, oidc.organisationClaim()))
                .map(Object::toString)
                .map(String::strip)
                .filter(o -> !o.isBlank());
        boolean person = roles.stream().anyMatch(r -> r != PlatformRole.SERVICE);
        if (person && organisation.isEmpty()) {
            throw new InvalidBearerTokenException(
                    "the token's roles " + roles + " need the organisation in '" + oidc.organisationClaim() + "'");
        }
        List<GrantedAuthority> authorities = roles.stream()
                .map(r -> (GrantedAuthority) new SimpleGrantedAuthority("ROLE_" + r.name()))
                .toList();
        return new Token(jwt, authorities, name, new Actor(name, roles, organisation));
    }

    private Set<PlatformRole> roles(Jwt jwt) {
        Object value = claim(jwt, oidc.rolesClaim());
        List<Object> values = value instanceof Collection<?> c
                ? List.copyOf(c)
                : value == null
                        ? List.of()
                        : List.of((Object[]) value.toString().split("[\\s,]+"));
        Set<PlatformRole> roles = EnumSet.noneOf(PlatformRole.class);
        // other values (offline_access, …) belong to other applications
        values.forEach(v -> PlatformRole.fromClaim(v.toString()).ifPresent(roles::add));
        return roles;
    }

    /** A claim by its name, else by a dotted path into nested objects (Keycloak's realm_access.roles). */
    private static Object claim(Jwt jwt, String name) {
        if (jwt.hasClaim(name)) {
            return jwt.getClaims().get(name);
        }
        Object node = jwt.getClaims();
        for (String part : name.split("\\.")) {
            if (!(node instanceof Map<?, ?> map)) {
                return null;
            }
            node = map.get(part);
        }
        return node;
    }
}

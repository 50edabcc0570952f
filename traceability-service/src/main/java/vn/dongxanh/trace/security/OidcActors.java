package vn.dongxanh.trace.security;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
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
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.SupplierJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Turns a verified OpenID Connect JWT into an {@link Actor}: the platform role from the
 * configured roles claim, the organisation from the organisation claim. An actor has one role, so
 * a token naming several platform roles is refused; a token naming none is authenticated but may
 * change nothing.
 */
public final class OidcActors implements Converter<Jwt, AbstractAuthenticationToken> {
    private final SecurityProperties.Oidc oidc;

    public OidcActors(SecurityProperties.Oidc oidc) {
        this.oidc = oidc;
    }

    /** An authenticated JWT with the actor it stands for (empty: no platform role in it). */
    public static final class Token extends JwtAuthenticationToken {
        private final transient Actor actor;

        Token(Jwt jwt, Collection<? extends GrantedAuthority> authorities, String name, Optional<Actor> actor) {
            super(jwt, authorities, name);
            this.actor = actor.orElse(null);
        }

        public Optional<Actor> actor() {
            return Optional.ofNullable(actor);
        }
    }

    /**
     * The decoder: signature by the provider's keys, expiry, and issuer/audience when configured.
     * With only an issuer, its discovery document is read at the first token, not at start-up
     * (Spring's {@code withIssuerLocation} reads it at once, so a provider down would stop the
     * service), and read again on the next token while it fails.
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
        validators.add(
                oidc.issuerUri() != null
                        ? JwtValidators.createDefaultWithIssuer(oidc.issuerUri())
                        : JwtValidators.createDefault());
        if (oidc.audience() != null) {
            validators.add(new JwtClaimValidator<List<String>>(
                    JwtClaimNames.AUD, aud -> aud != null && aud.contains(oidc.audience())));
        }
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
        return decoder;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        String name = Optional.ofNullable(jwt.getClaimAsString(oidc.nameClaim()))
                .filter(n -> !n.isBlank())
                .orElse(jwt.getSubject());
        Set<Role> roles = roles(jwt);
        if (roles.size() > 1) {
            throw new InvalidBearerTokenException("the token names several platform roles " + roles + " in '"
                    + oidc.rolesClaim() + "'; a user acts in one role");
        }
        if (roles.isEmpty()) {
            return new Token(jwt, List.of(), name, Optional.empty());
        }
        Role role = roles.iterator().next();
        Optional<String> organisation = Optional.ofNullable(claim(jwt, oidc.organisationClaim()))
                .map(Object::toString)
                .filter(o -> !o.isBlank());
        if (role == Role.COOPERATIVE && organisation.isEmpty()) {
            throw new InvalidBearerTokenException(
                    "a cooperative token needs its organisation in '" + oidc.organisationClaim() + "'");
        }
        return new Token(
                jwt,
                List.of(new SimpleGrantedAuthority("ROLE_" + role.name())),
                name,
                Optional.of(new Actor(name, role, organisation)));
    }

    private Set<Role> roles(Jwt jwt) {
        Object value = claim(jwt, oidc.rolesClaim());
        List<Object> values = value instanceof Collection<?> c
                ? List.copyOf(c)
                : value == null ? List.of() : List.of(value.toString().split("[\\s,]+"));
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (Object v : values) {
            String s = v.toString().trim().toUpperCase(Locale.ROOT);
            for (Role r : Role.values()) {
                if (r.name().equals(s)) {
                    roles.add(r); // other values (offline_access, …) belong to other applications
                }
            }
        }
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

package vn.dongxanh.trace.security;

import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.transaction.PlatformTransactionManager;
import vn.dongxanh.trace.audit.AuditFilter;
import vn.dongxanh.trace.audit.AuditLog;
import vn.dongxanh.trace.web.Problems;

/**
 * The service is an OAuth2 resource server of the platform's OpenID Connect provider and nothing
 * else: a Bearer JWT (signature, expiry, issuer, audience checked) or no token at all. Without a
 * token only the public surface answers ({@link PublicSurface}, rate limited per client) and
 * health; metrics need the DEPARTMENT_OFFICER or SERVICE role, the API documents any platform
 * role. Which resource a caller may read or change is decided by the endpoints ({@link Access}).
 * Every refusal here is problem+json; 401 carries {@code WWW-Authenticate: Bearer}. Stateless.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SecurityProperties.class)
public class SecurityConfiguration {
    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    @Bean
    SecurityFilterChain api(
            HttpSecurity http, SecurityProperties props, AuditLog audit, PlatformTransactionManager transactions)
            throws Exception {
        JwtDecoder decoder = OidcActors.decoder(props.oidc());
        OidcActors actors = new OidcActors(props.oidc());
        AuthenticationEntryPoint entryPoint = entryPoint();
        AccessDeniedHandler denied = denied();
        http.oauth2ResourceServer(o -> o.jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(actors))
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(denied))
                .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint).accessDeniedHandler(denied))
                .authorizeHttpRequests(auth -> auth.requestMatchers("/actuator/health", "/actuator/health/**", "/error")
                        .permitAll()
                        .requestMatchers(PublicSurface.matcher())
                        .permitAll()
                        .requestMatchers("/actuator/**")
                        .hasAnyRole("DEPARTMENT_OFFICER", "SERVICE")
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui/**", "/swagger-ui.html")
                        .hasAnyRole(
                                "COOP_MANAGER", "COOP_OPERATOR", "DEPARTMENT_OFFICER", "CERTIFICATION_BODY", "SERVICE")
                        .anyRequest()
                        .authenticated())
                .addFilterBefore(new PublicRateLimit(props.rateLimit()), BearerTokenAuthenticationFilter.class)
                .addFilterAfter(new AuditFilter(audit, transactions), BearerTokenAuthenticationFilter.class)
                .httpBasic(b -> b.disable())
                .formLogin(f -> f.disable())
                .logout(l -> l.disable())
                .requestCache(c -> c.disable())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        log.info(
                "OAuth2 resource server: issuer {}, keys {}, audience {}, roles from '{}', organisation from '{}'",
                props.oidc().issuerUri(),
                props.oidc().jwkSetUri() != null ? props.oidc().jwkSetUri() : "discovered at the first token",
                props.oidc().audience(),
                props.oidc().rolesClaim(),
                props.oidc().organisationClaim());
        return http.build();
    }

    /** 401: Spring's Bearer entry point sets {@code WWW-Authenticate}; the body says why. */
    static AuthenticationEntryPoint entryPoint() {
        BearerTokenAuthenticationEntryPoint bearer = new BearerTokenAuthenticationEntryPoint();
        return (request, response, e) -> {
            bearer.commence(request, response, e);
            String detail = request.getHeader("Authorization") == null
                    ? "a Bearer token is needed"
                    : "the Bearer token is refused: " + e.getMessage();
            Problems.write(request, response, Problems.of(HttpStatus.UNAUTHORIZED, "unauthenticated", detail));
        };
    }

    /** 403 from the URL rules (metrics, API documents). */
    static AccessDeniedHandler denied() {
        BearerTokenAccessDeniedHandler bearer = new BearerTokenAccessDeniedHandler();
        return (request, response, e) -> {
            bearer.handle(request, response, e);
            Problems.write(
                    request,
                    response,
                    Problems.of(
                            HttpStatus.FORBIDDEN,
                            "forbidden",
                            "the token's roles do not allow " + request.getMethod() + " " + request.getRequestURI()));
            response.setStatus(HttpServletResponse.SC_FORBIDDEN);
        };
    }
}

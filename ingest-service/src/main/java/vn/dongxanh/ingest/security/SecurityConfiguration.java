package vn.dongxanh.ingest.security;

import static vn.dongxanh.contract.identity.PlatformRole.COOP_MANAGER;
import static vn.dongxanh.contract.identity.PlatformRole.COOP_OPERATOR;
import static vn.dongxanh.contract.identity.PlatformRole.DEPARTMENT_OFFICER;
import static vn.dongxanh.contract.identity.PlatformRole.SERVICE;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.authentication.BearerTokenAuthenticationFilter;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import vn.dongxanh.contract.identity.PlatformRole;
import vn.dongxanh.ingest.api.Problems;
import vn.dongxanh.ingest.audit.AuditFilter;

/**
 * Who may call which operation, by role (docs/security-ingest.md has the same table). Ownership —
 * which cooperative's things — is checked by the controllers through {@link Access}. Every
 * operation of the API needs a token; only {@code /actuator/health} is public. An operation not
 * listed here is refused to everyone (a new endpoint cannot ship open by accident); requests that
 * match no operation at all go on to Spring MVC for its 404/405.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OidcProperties.class)
public class SecurityConfiguration {
    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    @Bean
    JwtDecoder jwtDecoder(OidcProperties oidc) {
        return Tokens.decoder(oidc);
    }

    @Bean
    SecurityFilterChain api(
            HttpSecurity http,
            OidcProperties oidc,
            JwtDecoder decoder,
            AuditFilter audit,
            ManagementPort managementPort,
            @Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> mappings)
            throws Exception {
        AuthenticationEntryPoint entryPoint = entryPoint(oidc);
        http.oauth2ResourceServer(o -> o.jwt(jwt -> jwt.decoder(decoder).jwtAuthenticationConverter(new Tokens(oidc)))
                        .authenticationEntryPoint(entryPoint)
                        .accessDeniedHandler(denied())
                        .withObjectPostProcessor(
                                new org.springframework.security.config.ObjectPostProcessor<
                                        BearerTokenAuthenticationFilter>() {
                                    @Override
                                    public <O extends BearerTokenAuthenticationFilter> O postProcess(O filter) {
                                        filter.setAuthenticationFailureHandler(failure(entryPoint, oidc));
                                        return filter;
                                    }
                                }))
                .exceptionHandling(e -> e.authenticationEntryPoint(entryPoint).accessDeniedHandler(denied()))
                .authorizeHttpRequests(auth -> auth.dispatcherTypeMatchers(DispatcherType.ERROR)
                        .permitAll()
                        // the end of a request already let through (a dashboard stream closing), not a new one
                        .dispatcherTypeMatchers(DispatcherType.ASYNC)
                        .permitAll()
                        .requestMatchers(managementPort) // loopback-only port of actuator and API docs
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, "/actuator/health")
                        .permitAll()
                        // reads
                        .requestMatchers(HttpMethod.GET, "/api/audit")
                        .hasAnyRole(roles(DEPARTMENT_OFFICER, COOP_MANAGER))
                        .requestMatchers(HttpMethod.GET, "/api/plots/*/season-summary", "/api/plot-activity")
                        .hasAnyRole(roles(COOP_MANAGER, COOP_OPERATOR, DEPARTMENT_OFFICER, SERVICE))
                        .requestMatchers(HttpMethod.GET, "/api/broker/access-plan")
                        .hasAnyRole(roles(DEPARTMENT_OFFICER, SERVICE))
                        // a user's own settings: only a cooperative's users have any
                        .requestMatchers("/api/me/**")
                        .hasAnyRole(roles(COOP_MANAGER, COOP_OPERATOR))
                        .requestMatchers(HttpMethod.GET, "/api/**")
                        .hasAnyRole(roles(COOP_MANAGER, COOP_OPERATOR, DEPARTMENT_OFFICER))
                        // writes
                        .requestMatchers(HttpMethod.POST, "/api/cooperatives")
                        .hasRole(DEPARTMENT_OFFICER.name())
                        .requestMatchers(HttpMethod.PUT, "/api/cooperatives/*")
                        .hasAnyRole(roles(DEPARTMENT_OFFICER, COOP_MANAGER))
                        .requestMatchers(HttpMethod.POST, "/api/plots", "/api/devices", "/api/alarm-rules")
                        .hasRole(COOP_MANAGER.name())
                        .requestMatchers(HttpMethod.PUT, "/api/plots/*", "/api/devices/*", "/api/alarm-rules/*")
                        .hasRole(COOP_MANAGER.name())
                        .requestMatchers(HttpMethod.DELETE, "/api/alarm-rules/*")
                        .hasRole(COOP_MANAGER.name())
                        .requestMatchers(
                                HttpMethod.POST, "/api/commands", "/api/plots/*/overrides", "/api/plots/*/schedules")
                        .hasAnyRole(roles(COOP_MANAGER, COOP_OPERATOR))
                        .requestMatchers(HttpMethod.POST, "/api/alarms/*/acknowledgement")
                        .hasAnyRole(roles(COOP_MANAGER, COOP_OPERATOR))
                        .anyRequest()
                        .access(unlisted(mappings)))
                .csrf(c -> c.disable()) // bearer tokens only, no cookies: nothing for CSRF to ride on
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterAfter(audit, BearerTokenAuthenticationFilter.class);
        log.info(
                "API tokens: issuer {}, keys {}, audience '{}', roles from '{}', organisation from '{}', skew {}",
                oidc.issuerUri(),
                oidc.jwkSetUri() != null ? oidc.jwkSetUri() : "discovered at the first token",
                oidc.audience(),
                oidc.rolesClaim(),
                oidc.organisationClaim(),
                oidc.clockSkew());
        return http.build();
    }

    private static String[] roles(PlatformRole... roles) {
        return Arrays.stream(roles).map(PlatformRole::name).toArray(String[]::new);
    }

    /**
     * The rule for everything not listed: an authenticated caller may reach Spring MVC only when no
     * handler would take the request (so it answers 404, 405 or 415 as problems); a handler without
     * a rule above is refused, and logged, so that the omission is noticed.
     */
    private static AuthorizationManager<RequestAuthorizationContext> unlisted(
            ObjectProvider<RequestMappingHandlerMapping> mappings) {
        return (authentication, context) -> {
            var a = authentication.get();
            if (a == null || !a.isAuthenticated() || a.getPrincipal() instanceof String) {
                return new AuthorizationDecision(false);
            }
            HttpServletRequest request = context.getRequest();
            boolean handled;
            try {
                handled = mappings.getObject().getHandler(request) != null;
            } catch (Exception e) {
                handled = false; // method not allowed, media type not supported: MVC answers it
            }
            if (handled) {
                log.error("no access rule for {} {}: refused", request.getMethod(), request.getRequestURI());
            }
            return new AuthorizationDecision(!handled);
        };
    }

    /** 401 with {@code WWW-Authenticate: Bearer …} (as RFC 6750 has it) and a problem naming the cause. */
    private static AuthenticationEntryPoint entryPoint(OidcProperties oidc) {
        var bearer = new BearerTokenAuthenticationEntryPoint();
        return (request, response, e) -> {
            bearer.commence(request, response, e); // status and WWW-Authenticate
            String detail = request.getHeader("Authorization") == null
                    ? "this API needs a bearer token (Authorization: Bearer …) issued by " + oidc.issuerUri()
                            + " for audience '" + oidc.audience() + "'"
                    : "the bearer token was refused: " + e.getMessage();
            Problems.write(request, response, HttpStatus.UNAUTHORIZED, detail);
        };
    }

    /** A provider that cannot be reached is the service's trouble, not the caller's: 503, not 401. */
    private static AuthenticationFailureHandler failure(AuthenticationEntryPoint entryPoint, OidcProperties oidc) {
        return (request, response, e) -> {
            if (e instanceof AuthenticationServiceException) {
                log.warn("cannot verify tokens: {}", e.getMessage());
                response.setHeader("Retry-After", "5");
                Problems.write(
                        request,
                        response,
                        HttpStatus.SERVICE_UNAVAILABLE,
                        "the token cannot be verified now: the identity provider " + oidc.issuerUri()
                                + " (or its keys) cannot be reached; try again shortly");
                return;
            }
            entryPoint.commence(request, response, e);
        };
    }

    private static AccessDeniedHandler denied() {
        return (request, response, e) -> {
            var auth = org.springframework.security.core.context.SecurityContextHolder.getContext()
                    .getAuthentication();
            String who = auth instanceof CallerToken t
                    ? "roles " + t.caller().roles() + " of organisation '"
                            + t.caller().organisation() + "'"
                    : "this caller";
            Problems.write(
                    request,
                    response,
                    HttpStatus.FORBIDDEN,
                    request.getMethod() + " " + request.getRequestURI() + " is not allowed to " + who
                            + " (docs/security-ingest.md lists who may do what)");
        };
    }
}

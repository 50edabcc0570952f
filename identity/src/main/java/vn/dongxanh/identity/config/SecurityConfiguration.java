package vn.dongxanh.identity.config;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import vn.dongxanh.identity.web.SignInFirst;

/**
 * Two filter chains: the protocol endpoints of Spring Authorization Server (authorize, token,
 * JWKS, discovery, userinfo, logout …), and the rest — the sign-in page, health, the error page.
 * Both send a strict Content-Security-Policy: the sign-in page has no script and no inline style.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {
    /**
     * No {@code form-action}: after the sign-in form is posted the browser follows redirects to the
     * applications' redirect URIs, which browsers check against {@code form-action} too.
     */
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
            + " connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    @Bean
    @Order(1)
    SecurityFilterChain protocol(HttpSecurity http) throws Exception {
        http.oauth2AuthorizationServer(server -> {
                    http.securityMatcher(server.getEndpointsMatcher());
                    server.oidc(Customizer.withDefaults());
                })
                .authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
                // userinfo takes this provider's access tokens
                .oauth2ResourceServer(rs -> rs.jwt(Customizer.withDefaults()))
                // a browser that must sign in first goes to the sign-in page (only text/html: a
                // program gets the OAuth error, not a page)
                .exceptionHandling(e -> e.defaultAuthenticationEntryPointFor(
                        new LoginUrlAuthenticationEntryPoint("/login"), SignInFirst.htmlOnly()));
        headers(http);
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain site(HttpSecurity http) throws Exception {
        http.authorizeHttpRequests(auth -> auth.requestMatchers(
                                "/login", "/css/**", "/actuator/health", "/actuator/health/**", "/error")
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .formLogin(form -> form.loginPage("/login"))
                .exceptionHandling(e -> e.authenticationEntryPoint(new SignInFirst()));
        headers(http);
        return http.build();
    }

    private static void headers(HttpSecurity http) throws Exception {
        http.headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives(CSP))
                .referrerPolicy(r -> r.policy(ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)));
    }
}

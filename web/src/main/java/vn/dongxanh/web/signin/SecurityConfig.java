package vn.dongxanh.web.signin;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.oidc.web.logout.OidcClientInitiatedLogoutSuccessHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.web.SecurityFilterChain;
import vn.dongxanh.web.WebProperties;
import vn.dongxanh.web.buyer.PublicPaths;

/**
 * Sign-in through the platform's OpenID Connect provider: authorization code with PKCE (the web
 * is a confidential client, PKCE all the same), sign-out at the provider too, and the security
 * headers of every answer (a strict Content-Security-Policy: no inline script or style).
 */
@Configuration
class SecurityConfig {
    /** The client registration's id in {@code spring.security.oauth2.client.registration}. */
    static final String REGISTRATION = "dx";

    @Bean
    SecurityFilterChain signIn(HttpSecurity http, ClientRegistrationRepository registrations, WebProperties web)
            throws Exception {
        var resolver = new DefaultOAuth2AuthorizationRequestResolver(registrations, "/oauth2/authorization");
        resolver.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        var signedOut = new OidcClientInitiatedLogoutSuccessHandler(registrations);
        signedOut.setPostLogoutRedirectUri("{baseUrl}/");
        http.authorizeHttpRequests(a -> a.requestMatchers("/css/**", "/js/**", "/actuator/health", "/favicon.ico")
                        .permitAll()
                        // the buyer page and the resolver's reads: anyone, like traceability-service's public surface
                        .requestMatchers(HttpMethod.GET, PublicPaths.RESOLVER)
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, PublicPaths.READS.toArray(String[]::new))
                        .permitAll()
                        .anyRequest()
                        .authenticated())
                .oauth2Login(o -> o.authorizationEndpoint(e -> e.authorizationRequestResolver(resolver)))
                .oauth2Client(c -> {})
                .logout(l -> l.logoutSuccessHandler(signedOut))
                .headers(h -> h.contentSecurityPolicy(csp -> csp.policyDirectives(web.contentSecurityPolicy())));
        return http.build();
    }

    /** Gets and refreshes the signed-in user's access token for calls to the services. */
    @Bean
    OAuth2AuthorizedClientManager authorizedClients(
            ClientRegistrationRepository registrations, OAuth2AuthorizedClientRepository clients) {
        var manager = new DefaultOAuth2AuthorizedClientManager(registrations, clients);
        manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder()
                .authorizationCode()
                .refreshToken()
                .build());
        return manager;
    }
}

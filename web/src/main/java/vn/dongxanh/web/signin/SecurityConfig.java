package vn.dongxanh.web.signin;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorizationDecision;
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
import org.springframework.security.web.header.HeaderWriter;
import vn.dongxanh.web.WebProperties;
import vn.dongxanh.web.buyer.BuyerProperties;
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
    SecurityFilterChain signIn(
            HttpSecurity http, ClientRegistrationRepository registrations, WebProperties web, BuyerProperties buyer)
            throws Exception {
        var resolver = new DefaultOAuth2AuthorizationRequestResolver(registrations, "/oauth2/authorization");
        resolver.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
        var signedOut = new OidcClientInitiatedLogoutSuccessHandler(registrations);
        signedOut.setPostLogoutRedirectUri("{baseUrl}/");
        http.authorizeHttpRequests(a -> a.requestMatchers("/css/**", "/js/**", "/actuator/health", "/favicon.ico")
                        .permitAll()
                        // an error page (a buyer's browser asking for a missing /favicon.ico) is rendered for
                        // whoever got the error, not turned into a sign-in redirect
                        .dispatcherTypeMatchers(jakarta.servlet.DispatcherType.ERROR)
                        .permitAll()
                        // the buyer page and the resolver's reads: anyone, like traceability-service's public surface
                        .requestMatchers(HttpMethod.GET, PublicPaths.RESOLVER)
                        .permitAll()
                        .requestMatchers(HttpMethod.GET, PublicPaths.READS.toArray(String[]::new))
                        .permitAll()
                        // the import of legacy codes writes the register: the department's only
                        .requestMatchers("/register/import")
                        .access((authentication, context) ->
                                new AuthorizationDecision(SignedIn.department(authentication.get())))
                        .anyRequest()
                        .authenticated())
                .oauth2Login(o -> o.authorizationEndpoint(e -> e.authorizationRequestResolver(resolver)))
                .oauth2Client(c -> {})
                .logout(l -> l.logoutSuccessHandler(signedOut))
                .headers(h -> h.addHeaderWriter(contentSecurityPolicy(web, buyer)));
        return http.build();
    }

    /**
     * The configured Content-Security-Policy on every answer; on the buyer page its {@code
     * connect-src} also names the chain's public JSON-RPC origin when one is configured, so the
     * page's script can read roots there (and nowhere else).
     */
    private static HeaderWriter contentSecurityPolicy(WebProperties web, BuyerProperties buyer) {
        String policy = web.contentSecurityPolicy();
        String buyerPage = buyer.policyWithChain(policy);
        return (request, response) -> {
            if (response.containsHeader(CSP)) return;
            response.setHeader(CSP, PublicPaths.isPage(request.getRequestURI()) ? buyerPage : policy);
        };
    }

    private static final String CSP = "Content-Security-Policy";

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

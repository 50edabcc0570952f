package vn.dongxanh.web.signin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.net.http.HttpClient;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import vn.dongxanh.web.WebProperties;

/**
 * HTTP clients for the platform's services, one way for all of them: every call carries the
 * signed-in user's access token (got and refreshed by the authorized client manager), so the
 * service decides what this user may read and change; a service that does not answer within
 * {@code dx.web.api-timeout} is given up on, and the page says so.
 */
@Component
public class ServiceClients {
    private final WebProperties web;
    private final OAuth2AuthorizedClientManager clients;

    ServiceClients(WebProperties web, OAuth2AuthorizedClientManager clients) {
        this.web = web;
        this.clients = clients;
    }

    /** A client of the service at {@code base}, acting as the signed-in user. */
    public RestClient asUser(URI base) {
        return asUser(base, web.apiTimeout());
    }

    /** The same, waiting {@code readTimeout} for an answer (a long import, not a page's reads). */
    public RestClient asUser(URI base, java.time.Duration readTimeout) {
        var bearer = new OAuth2ClientHttpRequestInterceptor(clients);
        bearer.setClientRegistrationIdResolver(request -> SecurityConfig.REGISTRATION);
        var factory = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(web.apiTimeout()).build());
        factory.setReadTimeout(readTimeout);
        return RestClient.builder()
                .baseUrl(base.toString())
                .requestFactory(factory)
                .requestInterceptor(bearer)
                .build();
    }

    /**
     * The signed-in user's access token now (refreshed when it has expired), for a call no
     * RestClient makes: the live stream, held open by a thread of its own. Null when there is none.
     */
    public String accessToken(Authentication user, HttpServletRequest request, HttpServletResponse response) {
        var authorized = clients.authorize(OAuth2AuthorizeRequest.withClientRegistrationId(SecurityConfig.REGISTRATION)
                .principal(user)
                .attribute(HttpServletRequest.class.getName(), request)
                .attribute(HttpServletResponse.class.getName(), response)
                .build());
        return authorized == null ? null : authorized.getAccessToken().getTokenValue();
    }
}

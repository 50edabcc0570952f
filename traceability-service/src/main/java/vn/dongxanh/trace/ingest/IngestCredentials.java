package vn.dongxanh.trace.ingest;

import java.net.http.HttpClient;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.endpoint.RestClientClientCredentialsTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import vn.dongxanh.trace.web.Refusal;

/**
 * traceability-service's own credentials towards ingest-service: an OAuth2 client-credentials grant
 * (client {@code traceability-service}) at the identity provider's token endpoint, given or
 * discovered from the issuer at the first call (so the service starts while the provider is down).
 * Spring Security's authorized-client manager fetches, parses and caches the token, and fetches a
 * new one a minute before it expires. Without a configured secret no token is sent.
 */
@Component
public class IngestCredentials {
    static final String REGISTRATION = "ingest-service";
    private static final Logger log = LoggerFactory.getLogger(IngestCredentials.class);
    private static final OAuth2AuthorizeRequest REQUEST = OAuth2AuthorizeRequest.withClientRegistrationId(REGISTRATION)
            .principal("traceability-service")
            .build();

    private final IngestProperties.Client client;
    private final AuthorizedClientServiceOAuth2AuthorizedClientManager manager;
    private volatile ClientRegistration registration;

    public IngestCredentials(IngestProperties props) {
        this.client = props.client();
        if (!client.enabled()) {
            log.info("no client secret for ingest-service (DX_TRACE_INGEST_CLIENT_SECRET): its calls carry no token");
            this.manager = null;
            return;
        }
        if (blank(client.tokenUri()) && blank(client.issuerUri())) {
            throw new IllegalStateException("dx.trace.ingest.client.secret is set but there is no token endpoint:"
                    + " set DX_TRACE_INGEST_TOKEN_URI or dx.trace.security.oidc.issuer-uri");
        }
        ClientRegistrationRepository repository = id -> REGISTRATION.equals(id) ? registration() : null;
        var factory = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(props.connectTimeout()).build());
        factory.setReadTimeout(props.readTimeout());
        var tokens = new RestClientClientCredentialsTokenResponseClient();
        // as the library's default client, plus the timeouts of every call to ingest
        tokens.setRestClient(RestClient.builder()
                .requestFactory(factory)
                .configureMessageConverters(c -> c.addCustomConverter(new FormHttpMessageConverter())
                        .addCustomConverter(new OAuth2AccessTokenResponseHttpMessageConverter()))
                .defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
                .build());
        this.manager = new AuthorizedClientServiceOAuth2AuthorizedClientManager(
                repository, new InMemoryOAuth2AuthorizedClientService(repository));
        manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder()
                .clientCredentials(c -> c.accessTokenResponseClient(tokens))
                .build());
    }

    /** The access token to send, when credentials are configured; a 503 refusal naming the cause otherwise. */
    public Optional<String> bearer() {
        if (manager == null) {
            return Optional.empty();
        }
        try {
            OAuth2AuthorizedClient authorized = manager.authorize(REQUEST);
            if (authorized == null) {
                throw unavailable("the identity provider gave no token");
            }
            return Optional.of(authorized.getAccessToken().getTokenValue());
        } catch (Refusal e) {
            throw e;
        } catch (RuntimeException e) {
            throw unavailable(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        }
    }

    private Refusal unavailable(String cause) {
        String where =
                blank(client.tokenUri()) ? "the token endpoint of issuer " + client.issuerUri() : client.tokenUri();
        return new Refusal(
                HttpStatus.SERVICE_UNAVAILABLE,
                "ingest-unavailable",
                "could not get traceability-service's token for ingest-service from " + where + ": " + cause);
    }

    /** Built at the first call: discovery needs the provider up, the service's start does not. */
    private ClientRegistration registration() {
        ClientRegistration known = registration;
        if (known != null) {
            return known;
        }
        ClientRegistration.Builder builder = blank(client.tokenUri())
                ? ClientRegistrations.fromIssuerLocation(client.issuerUri()).registrationId(REGISTRATION)
                : ClientRegistration.withRegistrationId(REGISTRATION).tokenUri(client.tokenUri());
        builder.clientId(client.id())
                .clientSecret(client.secret())
                .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS);
        if (!blank(client.scope())) {
            builder.scope(client.scope().split("[ ,]+"));
        }
        registration = builder.build();
        return registration;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}

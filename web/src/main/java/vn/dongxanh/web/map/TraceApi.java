package vn.dongxanh.web.map;

import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.client.OAuth2ClientHttpRequestInterceptor;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import vn.dongxanh.web.WebProperties;

/**
 * The part of traceability-service's API the map reads, with the signed-in user's token: a plot's
 * GeoJSON polygon ({@code GET /api/plots/{id}}; a cooperative's people read their own plots). There
 * is no list of a cooperative's plots there, so the map asks for each of ingest's plots by its id.
 */
@Component
class TraceApi {
    private final RestClient http;

    TraceApi(WebProperties web, OAuth2AuthorizedClientManager clients) {
        var bearer = new OAuth2ClientHttpRequestInterceptor(clients);
        bearer.setClientRegistrationIdResolver(request -> "dx");
        var factory =
                new org.springframework.http.client.JdkClientHttpRequestFactory(java.net.http.HttpClient.newBuilder()
                        .connectTimeout(web.apiTimeout())
                        .build());
        factory.setReadTimeout(web.apiTimeout());
        this.http = RestClient.builder()
                .baseUrl(web.traceUrl().toString())
                .requestFactory(factory)
                .requestInterceptor(bearer)
                .build();
    }

    /** A plot as traceability-service registered it: its geometry is a GeoJSON Polygon or MultiPolygon. */
    record TracePlot(String id, String name, Map<String, Object> geometry) {}

    /** The plot of that id, or empty when traceability-service has none the user may read (404). */
    Optional<TracePlot> plot(String id) {
        try {
            return Optional.ofNullable(
                    http.get().uri("/api/plots/{id}", id).retrieve().body(TracePlot.class));
        } catch (HttpClientErrorException e) {
            if (e.getStatusCode() == HttpStatus.NOT_FOUND) return Optional.empty();
            throw e;
        }
    }
}

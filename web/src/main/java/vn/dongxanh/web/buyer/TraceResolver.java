package vn.dongxanh.web.buyer;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import vn.dongxanh.web.WebProperties;

/**
 * traceability-service's public surface as the buyer page reads it: without a token (the page
 * shows what anyone may see, whoever is signed in here) and naming the client in {@code
 * X-Forwarded-For}, so the service's per-client rate limit counts the buyer, not this web. Never
 * follows a redirect: those are the caller's to pass on.
 */
@Component
class TraceResolver {
    /** The headers of the service's answer a forwarded read passes back to the client. */
    static final List<String> PASSED_BACK = List.of(
            HttpHeaders.LOCATION,
            HttpHeaders.CONTENT_TYPE,
            HttpHeaders.LINK,
            HttpHeaders.VARY,
            HttpHeaders.RETRY_AFTER,
            HttpHeaders.CONTENT_LANGUAGE,
            HttpHeaders.CONTENT_DISPOSITION,
            HttpHeaders.CACHE_CONTROL,
            HttpHeaders.WWW_AUTHENTICATE);

    private final RestClient http;
    /** The service's base URL without a trailing slash. */
    private final String base;

    TraceResolver(WebProperties web) {
        String url = web.traceUrl().toString();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        var factory = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .connectTimeout(web.apiTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build());
        factory.setReadTimeout(web.apiTimeout());
        this.http = RestClient.builder()
                .baseUrl(web.traceUrl().toString())
                .requestFactory(factory)
                .build();
    }

    /** The service's answer about a lot: its story when 200, else the status (and Retry-After) only. */
    record Told(int status, Story story, String retryAfter) {}

    /** An answer passed on as it came. */
    record Answer(HttpStatusCode status, HttpHeaders headers, byte[] body) {}

    /**
     * The lot's story ({@code GET /api/lots/{gtin}/{lot}/story}, the records the buyer page shows);
     * throws when the service does not answer.
     */
    Told story(String gtin, String lot, String client) {
        return http.get()
                .uri("/api/lots/{gtin}/{lot}/story", gtin, lot)
                .accept(MediaType.APPLICATION_JSON)
                .header("X-Forwarded-For", client)
                .exchange((request, response) -> {
                    int status = response.getStatusCode().value();
                    Story story = status == 200 ? response.bodyTo(Story.class) : null;
                    return new Told(status, story, response.getHeaders().getFirst(HttpHeaders.RETRY_AFTER));
                });
    }

    /**
     * A GET of the service's public surface, the request's path and query as the client sent them
     * (already encoded), its Accept header passed on; throws {@link RestClientException} when the
     * service does not answer.
     */
    Answer read(String pathAndQuery, String accept, String client) {
        var spec = http.get().uri(URI.create(base + pathAndQuery)).header("X-Forwarded-For", client);
        if (accept != null) spec = spec.header(HttpHeaders.ACCEPT, accept);
        return spec.exchange((request, response) -> {
            var headers = new HttpHeaders();
            for (String name : PASSED_BACK) {
                List<String> values = response.getHeaders().get(name);
                if (values != null) headers.addAll(name, values);
            }
            byte[] body;
            try (var in = response.getBody()) {
                body = in.readAllBytes();
            } catch (IOException e) {
                throw new RestClientException("reading traceability-service's answer", e);
            }
            return new Answer(response.getStatusCode(), headers, body);
        });
    }
}

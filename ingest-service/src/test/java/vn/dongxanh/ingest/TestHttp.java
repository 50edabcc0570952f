package vn.dongxanh.ingest;

import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Real HTTP to the service on its random port; every status comes back as a {@link Reply}, none throws. */
public final class TestHttp {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final int port;
    private final RestClient client;
    private final String token;

    /** Without a token. */
    public TestHttp(int port) {
        this(port, null);
    }

    private TestHttp(int port, String token) {
        this.port = port;
        this.token = token;
        client = RestClient.builder().baseUrl("http://127.0.0.1:" + port).build();
    }

    /** The same service, each request with {@code Authorization: Bearer token}. */
    public TestHttp bearer(String token) {
        return new TestHttp(port, token);
    }

    /** Status, content type and body of a response. */
    public record Reply(int status, MediaType type, String body, HttpHeaders headers) {
        public JsonNode json() {
            return JSON.readTree(body);
        }

        public boolean isProblem() {
            return type != null && type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        }
    }

    public Reply get(String path) {
        return exchange(HttpMethod.GET, path, null);
    }

    public Reply post(String path, String json) {
        return exchange(HttpMethod.POST, path, json);
    }

    public Reply put(String path, String json) {
        return exchange(HttpMethod.PUT, path, json);
    }

    public Reply delete(String path) {
        return exchange(HttpMethod.DELETE, path, null);
    }

    /** Any method, with an optional JSON body. */
    public Reply exchange(HttpMethod method, String path, String json) {
        var spec = client.method(method).uri(path);
        if (token != null) spec = spec.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
        if (json != null) spec = spec.contentType(MediaType.APPLICATION_JSON).body(json);
        return spec.exchange((req, res) -> new Reply(
                res.getStatusCode().value(),
                res.getHeaders().getContentType(),
                new String(res.getBody().readAllBytes(), StandardCharsets.UTF_8),
                res.getHeaders()));
    }
}

package vn.dongxanh.trace;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A plain HTTP client for the service under test: any status comes back, with its JSON body. */
public final class TestHttp {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private final RestClient client;
    private final String base;

    public TestHttp(int port) {
        this.base = "http://127.0.0.1:" + port;
        this.client = RestClient.create();
    }

    /** A response: status and body (JSON, or a JSON string node holding the text). */
    public record Response(int status, JsonNode body, String text, String contentType, Map<String, String> headers) {
        public String detail() {
            return body.path("detail").asString("");
        }
    }

    /** An anonymous GET (a buyer). */
    public Response get(String path) {
        return call("GET", path, null, null);
    }

    /** A GET as a test user ({@link TestTokens}). */
    public Response get(String path, String user) {
        return call("GET", path, null, user);
    }

    public Response post(String path, Object body, String user) {
        return call("POST", path, body, user);
    }

    /** A call as a test user (a name of {@link TestTokens}: its Bearer token), or anonymous when null. */
    public Response call(String method, String path, Object body, String user) {
        return callWithToken(method, path, body, user == null ? null : TestTokens.token(user));
    }

    /** A POST of a body as it is (e.g. an XML document) with this content type, as a test user (null: anonymous). */
    public Response postRaw(String path, String contentType, String body, String user) {
        // as UTF-8 bytes: a String would be written in ISO-8859-1 for a type without a charset
        return send(
                "POST",
                path,
                MediaType.parseMediaType(contentType),
                body.getBytes(StandardCharsets.UTF_8),
                user == null ? null : TestTokens.token(user));
    }

    /** A POST of bytes as they are (a photo, a file) with this content type, as a test user (null: anonymous). */
    public Response postBytes(String path, byte[] body, String contentType, String user) {
        return send(
                "POST",
                path,
                MediaType.parseMediaType(contentType),
                body,
                user == null ? null : TestTokens.token(user));
    }

    /** A call with this exact Bearer token (null: none). */
    public Response callWithToken(String method, String path, Object body, String bearer) {
        return send(
                method,
                path,
                MediaType.APPLICATION_JSON,
                body == null ? null : body instanceof String s ? s : JSON.writeValueAsString(body),
                bearer);
    }

    private Response send(String method, String path, MediaType contentType, Object body, String bearer) {
        var spec = client.method(org.springframework.http.HttpMethod.valueOf(method))
                .uri(java.net.URI.create(base + path)); // as given: already encoded
        if (bearer != null) {
            spec = spec.header("Authorization", "Bearer " + bearer);
        }
        if (body != null) {
            spec = spec.contentType(contentType).body(body);
        }
        return spec.exchange((request, response) -> {
            byte[] bytes = response.getBody().readAllBytes();
            String text = new String(bytes, StandardCharsets.UTF_8);
            JsonNode json;
            try {
                json = text.isEmpty() ? JSON.nullNode() : JSON.readTree(text);
            } catch (RuntimeException e) {
                json = JSON.getNodeFactory().stringNode(text);
            }
            return new Response(
                    response.getStatusCode().value(),
                    json,
                    text,
                    response.getHeaders().getContentType() == null
                            ? ""
                            : response.getHeaders().getContentType().toString(),
                    headers(response.getHeaders()));
        });
    }

    /** A binary answer (a PDF, an image): status, content type and the bytes as sent. */
    public record Bytes(int status, String contentType, byte[] body, Map<String, String> headers) {}

    /** A GET of a binary resource as a test user, or anonymous when null. */
    public Bytes bytes(String path, String user) {
        var spec = client.get().uri(java.net.URI.create(base + path));
        if (user != null) {
            spec = spec.header("Authorization", "Bearer " + TestTokens.token(user));
        }
        return spec.exchange((request, response) -> new Bytes(
                response.getStatusCode().value(),
                response.getHeaders().getContentType() == null
                        ? ""
                        : response.getHeaders().getContentType().toString(),
                response.getBody().readAllBytes(),
                headers(response.getHeaders())));
    }

    /** Response headers by name, any case. */
    private static Map<String, String> headers(org.springframework.http.HttpHeaders headers) {
        Map<String, String> map = new org.springframework.util.LinkedCaseInsensitiveMap<>();
        headers.forEach((name, values) -> map.put(name, values.isEmpty() ? "" : values.getFirst()));
        return map;
    }

    /** A square plot of {@code sideMetres} with its south-west corner at (lon, lat), as GeoJSON. */
    public static JsonNode square(double lon, double lat, double sideMetres) {
        double dLat = sideMetres / 110_574.0;
        double dLon = sideMetres / (111_320.0 * Math.cos(Math.toRadians(lat)));
        String json = String.format(
                java.util.Locale.ROOT,
                "{\"type\":\"Polygon\",\"coordinates\":[[[%1$.8f,%2$.8f],[%3$.8f,%2$.8f],[%3$.8f,%4$.8f],[%1$.8f,%4$.8f],[%1$.8f,%2$.8f]]]}",
                lon,
                lat,
                lon + dLon,
                lat + dLat);
        return JSON.readTree(json);
    }
}

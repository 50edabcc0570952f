package vn.dongxanh.trace;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
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
    public record Response(int status, JsonNode body, String text) {
        public String detail() {
            return body.path("detail").asString("");
        }
    }

    public Response get(String path) {
        return call("GET", path, null, null);
    }

    public Response post(String path, Object body, String user) {
        return call("POST", path, body, user);
    }

    public Response call(String method, String path, Object body, String user) {
        var spec = client.method(org.springframework.http.HttpMethod.valueOf(method))
                .uri(java.net.URI.create(base + path)); // as given: already encoded
        if (user != null) {
            String token =
                    Base64.getEncoder().encodeToString((user + ":" + user + "-pw").getBytes(StandardCharsets.UTF_8));
            spec = spec.header("Authorization", "Basic " + token);
        }
        if (body != null) {
            spec = spec.contentType(MediaType.APPLICATION_JSON)
                    .body(body instanceof String s ? s : JSON.writeValueAsString(body));
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
            return new Response(response.getStatusCode().value(), json, text);
        });
    }

    /** Users every web test configures: the password of user X is "X-pw". */
    public static void users(org.springframework.test.context.DynamicPropertyRegistry registry) {
        String[][] users = {
            {"dept", "DEPARTMENT", "so-nnmt"},
            {"htx-a", "COOPERATIVE", "htx-a"},
            {"htx-b", "COOPERATIVE", "htx-b"},
            {"cb", "CERTIFICATION_BODY", "cb-1"}
        };
        for (int i = 0; i < users.length; i++) {
            String[] u = users[i];
            String prefix = "dx.trace.security.users[" + i + "].";
            registry.add(prefix + "name", () -> u[0]);
            registry.add(prefix + "password", () -> u[0] + "-pw");
            registry.add(prefix + "role", () -> u[1]);
            registry.add(prefix + "organisation", () -> u[2]);
        }
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

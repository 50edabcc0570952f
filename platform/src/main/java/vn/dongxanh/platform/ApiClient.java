package vn.dongxanh.platform;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import tools.jackson.databind.JsonNode;
import vn.dongxanh.contract.Json;

/** JSON calls to one service's API with a person's Bearer token, for the seeds. */
final class ApiClient {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;

    ApiClient(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    /** An answer: its status and body (JSON when there is one). */
    record Reply(int status, String body) {
        JsonNode json() {
            return body.isBlank() ? Json.MAPPER.nullNode() : Json.MAPPER.readTree(body);
        }

        boolean created() {
            return status == 201 || status == 200;
        }
    }

    Reply get(String path, String token) throws IOException, InterruptedException {
        var b = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Accept", "application/json");
        if (token != null) b.header("Authorization", "Bearer " + token);
        var r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body());
    }

    Reply post(String path, Object body, String token) throws IOException, InterruptedException {
        var r = HTTP.send(
                HttpRequest.newBuilder(URI.create(baseUrl + path))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.ofString(Json.MAPPER.writeValueAsString(body)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body());
    }

    /**
     * A create that may already have been done by an earlier seeding: 201 (or 200) and 409 are
     * fine, anything else stops the seed with the service's answer.
     */
    Reply create(String path, Object body, String token) throws IOException, InterruptedException {
        Reply r = post(path, body, token);
        if (!r.created() && r.status() != 409) {
            throw new IllegalStateException("seeding " + baseUrl + path + " with "
                    + Json.MAPPER.writeValueAsString(body) + " was answered " + r.status() + ": " + r.body());
        }
        return r;
    }
}

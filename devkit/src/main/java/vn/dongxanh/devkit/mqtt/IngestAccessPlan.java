package vn.dongxanh.devkit.mqtt;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import vn.dongxanh.contract.Json;
import vn.dongxanh.contract.identity.BrokerPlan;

/**
 * Reads the gateways and devices from ingest-service's registry ({@code GET /api/broker/access-plan},
 * with a bearer token from a file), as the {@link AccessPlan}'s gateways.
 */
final class IngestAccessPlan {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    /** ingest-service did not give the plan: unreachable, refused the token, or answered nonsense. */
    static final class Unavailable extends RuntimeException {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private IngestAccessPlan() {}

    static List<AccessPlan.Gateway> fetch(URI ingest, Path tokenFile) {
        String token;
        try {
            token = Files.readString(tokenFile).strip();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the token file " + tokenFile + ": " + e.getMessage());
        }
        if (token.isEmpty()) throw new IllegalArgumentException("the token file " + tokenFile + " is empty");
        URI uri = ingest.resolve("/api/broker/access-plan");
        HttpResponse<byte[]> response;
        try (var http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build()) {
            response = http.send(
                    HttpRequest.newBuilder(uri)
                            .timeout(TIMEOUT)
                            .header("Authorization", "Bearer " + token)
                            .header("Accept", "application/json")
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new Unavailable("cannot reach " + uri + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted while asking " + uri, e);
        }
        if (response.statusCode() != 200) {
            throw new Unavailable(
                    uri + " answered " + response.statusCode() + ": " + detail(response.body())
                            + (response.statusCode() == 403
                                    ? " (the token needs role SERVICE or DEPARTMENT_OFFICER)"
                                    : ""),
                    null);
        }
        BrokerPlan plan;
        try {
            plan = Json.MAPPER.readValue(response.body(), BrokerPlan.class);
        } catch (RuntimeException e) {
            throw new Unavailable(uri + " answered a plan that cannot be read: " + e.getMessage(), e);
        }
        return plan.gateways().stream()
                .map(g -> new AccessPlan.Gateway(g.cooperative(), g.gateway(), g.devices()))
                .toList();
    }

    /** The problem's detail when the answer is a problem+json, else the start of the body. */
    private static String detail(byte[] body) {
        try {
            var node = Json.MAPPER.readTree(body);
            if (node.has("detail")) return node.get("detail").asString();
        } catch (RuntimeException e) {
            // not JSON: show what came
        }
        String text = new String(body, java.nio.charset.StandardCharsets.UTF_8);
        return text.length() > 200 ? text.substring(0, 200) + "…" : text;
    }
}

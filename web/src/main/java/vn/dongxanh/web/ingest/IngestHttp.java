package vn.dongxanh.web.ingest;

import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpStatusCodeException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.databind.JsonNode;
import vn.dongxanh.contract.Json;
import vn.dongxanh.web.WebProperties;
import vn.dongxanh.web.signin.ServiceClients;

/**
 * The HTTP client every page calls ingest-service with (through {@link IngestApi} or directly): the
 * signed-in user's access token on every call, so ingest decides what this user may read and change.
 */
@Component
public class IngestHttp {
    private final RestClient http;

    IngestHttp(WebProperties web, ServiceClients clients) {
        this.http = clients.asUser(web.ingestUrl());
    }

    public RestClient client() {
        return http;
    }

    /**
     * What went wrong in a call to ingest, for the page to say in the reader's language: the HTTP
     * status (0 when ingest did not answer) and ingest's own problem+json {@code detail} (English,
     * shown beneath as the service's words).
     */
    public record Problem(int status, String detail) {
        public static Problem of(RestClientException e) {
            if (e instanceof HttpStatusCodeException s) {
                return new Problem(s.getStatusCode().value(), detail(s.getResponseBodyAsString()));
            }
            return new Problem(0, null);
        }

        private static String detail(String body) {
            try {
                JsonNode n = Json.MAPPER.readTree(body);
                return Optional.ofNullable(n.get("detail"))
                        .filter(JsonNode::isString)
                        .map(JsonNode::stringValue)
                        .orElse(null);
            } catch (RuntimeException notJson) {
                return null;
            }
        }

        /** The bundle key of what the page says: by status, the same words for every form. */
        public String messageKey() {
            return switch (status) {
                case 0 -> "problem.unavailable";
                case 400, 413, 422 -> "problem.invalid";
                case 401, 403 -> "problem.forbidden";
                case 404 -> "problem.gone";
                case 409 -> "problem.conflict";
                default -> status >= 500 ? "problem.unavailable" : "problem.invalid";
            };
        }
    }
}

package vn.dongxanh.web.diary;

import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.HttpStatusCodeException;
import org.springframework.web.client.RestClientException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Why the service did not take a diary form: a key of ours (by the service's rule when it names
 * one we know, else by status) and the service's own detail, in English, when it gave one.
 */
public record DiaryProblem(String key, String detail, HttpStatus status) {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    static DiaryProblem of(String key, HttpStatus status) {
        return new DiaryProblem(key, null, status);
    }

    static DiaryProblem of(RestClientException e) {
        if (!(e instanceof HttpStatusCodeException s)) {
            return of("diary.problem.unavailable", HttpStatus.SERVICE_UNAVAILABLE);
        }
        int code = s.getStatusCode().value();
        JsonNode body = json(s.getResponseBodyAsString());
        String rule = text(body, "rule");
        String key = "phi-unknown".equals(rule)
                ? "diary.problem.phi-unknown"
                : switch (code) {
                    case 400, 422 -> "diary.problem.invalid";
                    case 401, 403 -> "diary.problem.forbidden";
                    case 404 -> "diary.problem.gone";
                    case 409 -> "diary.problem.conflict";
                    // the service answered but could not do it (e.g. ingest-service, asked for the summary, did not)
                    default -> code >= 500 ? "diary.problem.failed" : "diary.problem.invalid";
                };
        HttpStatus status = HttpStatus.resolve(code);
        return new DiaryProblem(
                key,
                text(body, "detail"),
                status != null && status.is4xxClientError() ? status : HttpStatus.SERVICE_UNAVAILABLE);
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    private static String text(JsonNode body, String field) {
        return Optional.ofNullable(body)
                .map(b -> b.get(field))
                .filter(JsonNode::isString)
                .map(JsonNode::stringValue)
                .orElse(null);
    }
}

package vn.dongxanh.web.batch;

import org.springframework.http.ProblemDetail;
import org.springframework.web.client.HttpClientErrorException;

/**
 * Why the service did not answer as hoped: a message key of ours, and the service's own detail
 * (its problem+json's, in English) when it gave one.
 */
public record Problem(String key, String detail) {
    static Problem of(String key) {
        return new Problem(key, null);
    }

    static Problem of(HttpClientErrorException e) {
        String key = switch (e.getStatusCode().value()) {
            case 401, 403 -> "batch.problem.forbidden";
            case 409 -> "batch.problem.conflict";
            default -> "batch.problem.refused";
        };
        return new Problem(key, detail(e));
    }

    /** The service's own detail of a refusal (its problem+json's), or null when it sent none. */
    public static String detail(HttpClientErrorException e) {
        try {
            ProblemDetail problem = e.getResponseBodyAs(ProblemDetail.class);
            return problem == null ? null : problem.getDetail();
        } catch (RuntimeException notProblemJson) {
            return null; // the status says enough
        }
    }
}

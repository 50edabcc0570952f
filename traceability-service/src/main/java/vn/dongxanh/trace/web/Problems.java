package vn.dongxanh.trace.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one error shape of the service: RFC 9457 {@code application/problem+json} with
 * {@code type}, {@code title} (the rule broken, a short code), {@code status}, {@code detail}
 * (the real cause in words), {@code instance} (the path) and {@code rule} (= title). Built here
 * for controllers, the exception handlers, the error page, and the filters that answer before
 * any controller (authentication, rate limit, request size).
 */
public final class Problems {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Request attribute holding the problem answered ("rule: detail"), for the audit log. */
    public static final String ATTRIBUTE = Problems.class.getName() + ".answered";

    /** RFC 9457's type for problems described by their status and title alone. */
    public static final URI BLANK = URI.create("about:blank");

    private Problems() {}

    /** Leaves the problem on the request for the audit log. */
    public static void remember(HttpServletRequest request, ProblemDetail problem) {
        request.setAttribute(ATTRIBUTE, problem.getTitle() + ": " + problem.getDetail());
    }

    /** A problem for a rule broken. */
    public static ProblemDetail of(HttpStatus status, String rule, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setType(BLANK);
        p.setTitle(rule);
        p.setProperty("rule", rule);
        return p;
    }

    /** The rule code of a status without a more precise one (e.g. 405 method-not-allowed). */
    public static String ruleOf(int status) {
        return switch (status) {
            case 401 -> "unauthenticated";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 409 -> "conflict";
            case 413 -> "content-too-large";
            case 415 -> "unsupported-media-type";
            case 422 -> "unprocessable";
            case 429 -> "too-many-requests";
            default -> status >= 500 ? "server-error" : "bad-request";
        };
    }

    /** Writes a problem as the whole response (status, content type, body). */
    public static void write(HttpServletRequest request, HttpServletResponse response, ProblemDetail problem)
            throws IOException {
        if (problem.getInstance() == null) {
            problem.setInstance(URI.create(request.getRequestURI()));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", (problem.getType() == null ? BLANK : problem.getType()).toString());
        body.put("title", problem.getTitle());
        body.put("status", problem.getStatus());
        body.put("detail", problem.getDetail());
        body.put("instance", problem.getInstance().toString());
        if (problem.getProperties() != null) body.putAll(problem.getProperties());
        remember(request, problem);
        byte[] bytes = JSON.writeValueAsBytes(body);
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }
}

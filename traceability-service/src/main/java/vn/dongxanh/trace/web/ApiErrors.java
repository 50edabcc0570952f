package vn.dongxanh.trace.web;

import java.util.stream.Collectors;
import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import tools.jackson.core.JacksonException;
import vn.dongxanh.trace.record.CanonicalJson;

/**
 * Every error a controller or Spring MVC raises, as one problem+json shape ({@link Problems}):
 * refusals keep their rule; MVC's own errors (405, 406, 415, a missing parameter, a body that is
 * not JSON or has a field of the wrong type) get a rule code and a detail naming the field;
 * database constraints are told by their real cause ({@link Constraints}).
 */
@RestControllerAdvice
public class ApiErrors extends ResponseEntityExceptionHandler {

    @ExceptionHandler(DataIntegrityViolationException.class)
    ResponseEntity<Object> constraint(DataIntegrityViolationException e, WebRequest request) {
        Refusal refusal = Constraints.refusal(e);
        return handleExceptionInternal(refusal, refusal.getBody(), new HttpHeaders(), refusal.getStatusCode(), request);
    }

    /** A record body holding a number canonical JSON would change: 400 naming where it is. */
    @ExceptionHandler(CanonicalJson.InexactNumber.class)
    ResponseEntity<Object> inexactNumber(CanonicalJson.InexactNumber e, WebRequest request) {
        ProblemDetail p = Problems.of(HttpStatus.BAD_REQUEST, "inexact-number", e.getMessage());
        p.setProperty("field", e.pointer());
        return handleExceptionInternal(e, p, new HttpHeaders(), HttpStatus.BAD_REQUEST, request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RequestSizeLimit.TooLarge tooLarge) {
                ProblemDetail p = Problems.of(HttpStatus.CONTENT_TOO_LARGE, "content-too-large", tooLarge.getMessage());
                return handleExceptionInternal(e, p, headers, HttpStatus.CONTENT_TOO_LARGE, request);
            }
        }
        String detail = "the request body is not readable JSON";
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof JacksonException j) {
                String field = j.getPath().stream()
                        .map(r -> r.getPropertyName() != null ? r.getPropertyName() : "[" + r.getIndex() + "]")
                        .collect(Collectors.joining("."))
                        .replace(".[", "[");
                detail = field.isEmpty()
                        ? "the request body is not valid JSON: " + j.getOriginalMessage()
                        : "field '" + field + "' has a value of the wrong form: " + j.getOriginalMessage();
                break;
            }
        }
        return handleExceptionInternal(
                e, Problems.of(HttpStatus.BAD_REQUEST, "bad-request", detail), headers, status, request);
    }

    @Override
    protected ResponseEntity<Object> handleTypeMismatch(
            TypeMismatchException e, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        String type = e.getRequiredType() == null
                ? "another type"
                : e.getRequiredType().getSimpleName();
        String detail = "'" + e.getPropertyName() + "' must be " + type.toLowerCase() + ", not '" + e.getValue() + "'";
        return handleExceptionInternal(
                e, Problems.of(HttpStatus.BAD_REQUEST, "bad-request", detail), headers, status, request);
    }

    /** Every answer passes here: the shape is made uniform (rule = title, a detail always). */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception e, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ProblemDetail problem = body instanceof ProblemDetail p
                ? p
                : e instanceof ErrorResponse r ? r.getBody() : ProblemDetail.forStatus(status);
        if (problem.getType() == null) {
            problem.setType(Problems.BLANK);
        }
        if (problem.getProperties() == null || !problem.getProperties().containsKey("rule")) {
            String rule = Problems.ruleOf(status.value());
            problem.setTitle(rule);
            problem.setProperty("rule", rule);
        }
        if (problem.getDetail() == null) {
            problem.setDetail(e.getMessage());
        }
        HttpHeaders h = new HttpHeaders();
        h.addAll(headers);
        h.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (status.value() == 401) {
            h.set(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        request.setAttribute(
                Problems.ATTRIBUTE, problem.getTitle() + ": " + problem.getDetail(), WebRequest.SCOPE_REQUEST);
        return super.handleExceptionInternal(e, problem, h, status, request);
    }
}

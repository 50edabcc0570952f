package vn.dongxanh.ingest.api;

import java.sql.SQLException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of the API as one RFC 9457 problem ({@code application/problem+json}) whose detail
 * names the cause: {@link ApiException}s; Spring MVC's own (400 missing or mistyped parameter,
 * unreadable body, 404 no such path, 405, 406, 413, 415) through {@link ResponseEntityExceptionHandler};
 * database constraint failures by the constraint PostgreSQL names; anything else a 500 that does
 * not echo internals. 401 and 403 are written by the security filter chain in the same shape.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE) // after the feature advices (series), which keep their own titles
class ApiErrors extends ResponseEntityExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    @ExceptionHandler
    ProblemDetail apiError(ApiException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        p.setTitle(e.title());
        return p;
    }

    /**
     * A constraint the database enforced (most are checked before writing; this is the race or the
     * case nobody checked). PostgreSQL's own detail names the key and value ("Key (id)=(p1) already
     * exists."), which is the real cause, without SQL or stack.
     */
    @ExceptionHandler
    ProblemDetail constraint(DataIntegrityViolationException e) {
        ServerErrorMessage m = serverError(e);
        String state = m == null ? "" : String.valueOf(m.getSQLState());
        String table =
                m == null || m.getTable() == null ? "the record" : m.getTable().replace('_', ' ');
        String pgDetail = m == null || m.getDetail() == null ? "" : " (" + m.getDetail() + ")";
        return switch (state) {
            case "23505" -> problem(HttpStatus.CONFLICT, "Conflict", table + " exists already" + pgDetail);
            case "23503" ->
                problem(HttpStatus.CONFLICT, "Conflict", table + " refers to something not registered" + pgDetail);
            case "23502" ->
                problem(
                        HttpStatus.BAD_REQUEST,
                        "Bad request",
                        "'" + (m.getColumn() == null ? "a field" : m.getColumn()) + "' of " + table + " is required");
            case "23514", "22001", "22003" ->
                problem(
                        HttpStatus.BAD_REQUEST,
                        "Bad request",
                        "a value breaks the rule " + m.getConstraint() + " of " + table + pgDetail);
            default -> {
                log.warn("constraint violation without a PostgreSQL detail", e);
                yield problem(HttpStatus.CONFLICT, "Conflict", "the change conflicts with what is stored");
            }
        };
    }

    @ExceptionHandler({DataAccessResourceFailureException.class, TransientDataAccessException.class})
    ResponseEntity<ProblemDetail> databaseAway(DataAccessException e) {
        log.warn("database unavailable: {}", e.getMessage());
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, "5")
                .body(problem(
                        HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable", "the database cannot be reached now"));
    }

    /** Method security or a filter's refusal that reached MVC: the filter chain's shape, not a 500. */
    @ExceptionHandler
    ProblemDetail denied(AccessDeniedException e) {
        return problem(HttpStatus.FORBIDDEN, "Forbidden", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail unauthenticated(AuthenticationException e) {
        return problem(HttpStatus.UNAUTHORIZED, "Unauthorized", e.getMessage());
    }

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unexpected(Exception e) {
        if (e instanceof org.springframework.web.ErrorResponse r) {
            return ResponseEntity.status(r.getStatusCode())
                    .headers(r.getHeaders())
                    .body(r.getBody());
        }
        log.error("unexpected failure", e);
        return ResponseEntity.internalServerError()
                .body(problem(
                        HttpStatus.INTERNAL_SERVER_ERROR,
                        "Internal Server Error",
                        "the service failed (" + e.getClass().getSimpleName() + "); the cause is in its log"));
    }

    /** MVC's own errors keep their status; the detail is made to name the cause where Spring's does not. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception ex, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        ResponseEntity<Object> r = super.handleExceptionInternal(ex, body, headers, status, request);
        if (r != null && r.getBody() instanceof ProblemDetail p && p.getDetail() == null) {
            p.setDetail(ex.getMessage());
        }
        return r;
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setTitle(title);
        return p;
    }

    private static ServerErrorMessage serverError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PSQLException p && p.getServerErrorMessage() != null) return p.getServerErrorMessage();
            if (t instanceof SQLException s && s.getNextException() instanceof PSQLException p) {
                return p.getServerErrorMessage();
            }
        }
        return null;
    }
}

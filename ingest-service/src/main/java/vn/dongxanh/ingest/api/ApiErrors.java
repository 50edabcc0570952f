package vn.dongxanh.ingest.api;

import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** {@link ApiException}s as RFC 9457 problem details ({@code application/problem+json}). */
@RestControllerAdvice
class ApiErrors {
    @ExceptionHandler
    ProblemDetail apiError(ApiException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(e.status(), e.getMessage());
        p.setTitle(e.title());
        return p;
    }
}

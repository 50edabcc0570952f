package vn.dongxanh.ingest.series;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Errors of the series API as RFC 9457 problem details ({@code application/problem+json}). */
@RestControllerAdvice(assignableTypes = SeriesController.class)
@Order(Ordered.HIGHEST_PRECEDENCE) // before the catch-all of api.ApiErrors
class SeriesErrors {
    @ExceptionHandler
    ProblemDetail badQuery(BadQueryException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        p.setTitle("Bad query");
        return p;
    }

    @ExceptionHandler
    ProblemDetail notFound(SeriesNotFoundException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        p.setTitle("No such series");
        return p;
    }
}

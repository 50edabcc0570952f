package vn.dongxanh.identity.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Every error that reaches the container's error page — an unknown path, a protocol endpoint's
 * {@code sendError}, a failure outside Spring MVC — is answered as RFC 9457 problem details,
 * never an HTML page. (The token endpoint's own errors keep the OAuth 2 shape {@code {"error": …}}
 * that clients are written for.)
 */
@RestController
public class ProblemErrors implements ErrorController {
    private static final MediaType PROBLEM = MediaType.APPLICATION_PROBLEM_JSON;

    @RequestMapping("/error")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        HttpStatus status = status(request);
        Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
        // a server error's message may describe internals: the log has it, the answer does not
        String detail = !status.is5xxServerError() && message instanceof String m && !m.isBlank()
                ? m
                : status.getReasonPhrase();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        if (request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) instanceof String uri) {
            problem.setInstance(URI.create(uri.replace(" ", "%20")));
        }
        return ResponseEntity.status(status).contentType(PROBLEM).body(problem);
    }

    private static HttpStatus status(HttpServletRequest request) {
        if (request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code) {
            HttpStatus s = HttpStatus.resolve(code);
            if (s != null) {
                return s;
            }
        }
        return HttpStatus.INTERNAL_SERVER_ERROR;
    }
}

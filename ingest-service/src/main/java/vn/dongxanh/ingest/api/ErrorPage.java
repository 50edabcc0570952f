package vn.dongxanh.ingest.api;

import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The container's error dispatch ({@code /error}): whatever Tomcat or a filter ends with an error
 * status — an exception that escaped everything, a {@code sendError} — is answered as a problem
 * instead of Boot's JSON map or Tomcat's HTML page. The cause's own message is not echoed for a
 * 500 (it may carry internals); it is in the log.
 */
@Hidden
@RestController
class ErrorPage implements ErrorController {
    @RequestMapping("/error")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = HttpStatus.resolve(code instanceof Integer i ? i : 500);
        if (status == null || !status.isError()) status = HttpStatus.INTERNAL_SERVER_ERROR;
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        Object message = request.getAttribute(RequestDispatcher.ERROR_MESSAGE);
        String detail = status.is5xxServerError()
                ? "the service failed to answer " + uri + "; the cause is in its log"
                : message instanceof String m && !m.isBlank() ? m : status.getReasonPhrase() + ": " + uri;
        Problems.write(response, status, detail, uri == null ? null : uri.toString());
    }
}

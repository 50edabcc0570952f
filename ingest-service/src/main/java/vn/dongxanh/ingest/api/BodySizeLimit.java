package vn.dongxanh.ingest.api;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request body larger than {@code dx.ingest.api.max-request-size} with 413
 * problem+json, before anything reads it. The API's bodies are small JSON documents (a plot, a
 * device, a rule, a command); a body that says it is larger is refused by its Content-Length.
 */
public final class BodySizeLimit extends OncePerRequestFilter {
    private final long max;

    BodySizeLimit(long max) {
        this.max = max;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long length = request.getContentLengthLong();
        if (length > max) {
            Problems.write(
                    request,
                    response,
                    HttpStatus.CONTENT_TOO_LARGE,
                    "the request body has " + length + " bytes; at most " + max + " are taken");
            return;
        }
        chain.doFilter(request, response);
    }

    @Configuration(proxyBeanMethods = false)
    static class Registration {
        @Bean
        FilterRegistrationBean<BodySizeLimit> bodySizeLimit(
                @Value("${dx.ingest.api.max-request-size:1MB}") DataSize max) {
            var registration = new FilterRegistrationBean<>(new BodySizeLimit(max.toBytes()));
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE); // before security: no work for an oversized body
            return registration;
        }
    }
}

package vn.dongxanh.ingest.audit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;
import vn.dongxanh.ingest.security.CallerToken;

/**
 * Appends one audit row for every write to the API (anything but GET, HEAD and OPTIONS under
 * {@code /api/}), valve commands included, once it has been answered: who, for which organisation,
 * which operation, on what, the cooperative it concerned, when and how it ended — refusals too.
 * It runs inside the security filter chain, right after the token is verified, so it sees the
 * caller and also the requests the URL rules refuse. Requests without a valid token (401) are not
 * recorded: they touched nothing and would let anyone fill the log.
 *
 * <p>The row is written after the answer, in its own statement: a write whose audit row fails is
 * logged at ERROR (docs/security-ingest.md says why this order).
 */
@Component
public class AuditFilter extends OncePerRequestFilter {
    /** Request attribute naming the cooperative the request's resource belongs to (set by Access). */
    public static final String COOPERATIVE = AuditFilter.class.getName() + ".cooperative";

    private static final Logger log = LoggerFactory.getLogger(AuditFilter.class);
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    private final AuditLog audit;
    private final Clock clock;

    AuditFilter(AuditLog audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return READS.contains(request.getMethod()) || !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        try {
            chain.doFilter(request, response);
        } finally {
            record(request, response);
        }
    }

    private void record(HttpServletRequest request, HttpServletResponse response) {
        if (!(SecurityContextHolder.getContext().getAuthentication() instanceof CallerToken token)) return;
        var caller = token.caller();
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        String location = response.getHeader(HttpHeaders.LOCATION);
        int status = response.getStatus();
        var entry = new AuditEntry(
                0,
                clock.instant(),
                caller.subject(),
                caller.organisation(),
                String.join(
                        ",",
                        new TreeSet<>(caller.roles().stream().map(Enum::name).toList())),
                request.getMethod() + " " + (pattern != null ? pattern : request.getRequestURI()),
                status < 300 && location != null ? location : request.getRequestURI(),
                (String) request.getAttribute(COOPERATIVE),
                status,
                outcome(status));
        try {
            audit.append(entry);
        } catch (RuntimeException e) {
            log.error("audit row not written for {} by {}: {}", entry.operation(), entry.subject(), e.getMessage());
        }
    }

    static String outcome(int status) {
        if (status < 400) return "SUCCEEDED";
        if (status == 401 || status == 403 || status == 404) return "REFUSED";
        if (status < 500) return "INVALID";
        return "FAILED";
    }
}

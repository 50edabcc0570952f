package vn.dongxanh.trace.audit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;
import vn.dongxanh.trace.security.Access;
import vn.dongxanh.trace.security.Actor;
import vn.dongxanh.trace.web.Problems;

/**
 * Logs every write once it is answered: it sits in the security chain just after the Bearer
 * token is read, so it knows who called, and around everything after it (the URL rules, the
 * endpoint), so it sees the outcome — refusals included. A request with an invalid token is
 * answered 401 before it and is not logged: nobody is known to have written anything.
 */
public class AuditFilter extends OncePerRequestFilter {
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final AuditLog audit;

    public AuditFilter(AuditLog audit) {
        this.audit = audit;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return READS.contains(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        int status = 500;
        try {
            chain.doFilter(request, response);
            status = response.getStatus();
        } finally {
            Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
            String path = request.getRequestURI();
            Actor actor = Access.caller(auth).orElse(null);
            Object problem = request.getAttribute(Problems.ATTRIBUTE);
            audit.append(
                    actor == null ? null : actor.subject(),
                    actor == null ? null : actor.organisation().orElse(null),
                    actor == null
                            ? List.of()
                            : actor.roles().stream().map(Enum::name).sorted().toList(),
                    request.getMethod() + " " + (pattern instanceof String p ? p : path),
                    path,
                    status,
                    problem == null ? null : problem.toString());
        }
    }
}

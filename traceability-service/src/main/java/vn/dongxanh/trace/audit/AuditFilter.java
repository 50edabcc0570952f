package vn.dongxanh.trace.audit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.util.ContentCachingResponseWrapper;
import vn.dongxanh.trace.security.Access;
import vn.dongxanh.trace.security.Actor;
import vn.dongxanh.trace.web.Problems;

/**
 * Makes every write and its audit row one transaction. It sits in the security chain just after
 * the Bearer token is read, so it knows who called, and around everything after it (the URL
 * rules, the endpoint), so it sees the outcome — refusals included. It opens a transaction that
 * the services' {@code @Transactional} methods join, and holds the answer's body back:
 *
 * <ul>
 *   <li>a 2xx/3xx answer: the row (outcome DONE) is inserted in that transaction, then it commits,
 *       then the answer leaves. If the row or the commit fails, the write is rolled back and the
 *       caller gets a problem+json 503 (database unreachable) or 500 naming the cause instead;
 *   <li>a 4xx/5xx answer: whatever the request wrote is rolled back, and the attempt is recorded in
 *       a transaction of its own as REFUSED or FAILED, with the problem answered.
 * </ul>
 *
 * A request with an invalid token is answered 401 before it and is not logged: nobody is known to
 * have written anything.
 */
public class AuditFilter extends OncePerRequestFilter {
    private static final Logger log = LoggerFactory.getLogger(AuditFilter.class);
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

    private final AuditLog audit;
    private final PlatformTransactionManager transactions;

    public AuditFilter(AuditLog audit, PlatformTransactionManager transactions) {
        this.audit = audit;
        this.transactions = transactions;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return READS.contains(request.getMethod());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        TransactionStatus tx;
        try {
            tx = transactions.getTransaction(new DefaultTransactionDefinition());
        } catch (CannotCreateTransactionException e) {
            log.warn("write refused, no database transaction: {}", e.getMessage());
            answer(request, response, HttpStatus.SERVICE_UNAVAILABLE, "the database cannot be reached now");
            return;
        }
        var held = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(request, held);
        } catch (IOException | ServletException | RuntimeException | Error e) {
            transactions.rollback(tx);
            record(auth, request, HttpStatus.INTERNAL_SERVER_ERROR.value(), false);
            throw e;
        }
        int status = held.getStatus();
        if (status >= 400) {
            transactions.rollback(tx);
            record(auth, request, status, false);
            held.copyBodyToResponse();
            return;
        }
        try {
            record(auth, request, status, true);
        } catch (RuntimeException e) {
            transactions.rollback(tx);
            fail(auth, request, response, e, "its audit row could not be written");
            return;
        }
        try {
            transactions.commit(tx);
        } catch (RuntimeException e) {
            fail(auth, request, response, e, "its transaction did not commit");
            return;
        }
        held.copyBodyToResponse();
    }

    /** The write and its row were rolled back: the held answer is dropped for a problem naming why. */
    private void fail(
            Authentication auth,
            HttpServletRequest request,
            HttpServletResponse response,
            RuntimeException e,
            String why)
            throws IOException {
        String cause = NestedExceptionUtils.getMostSpecificCause(e).getMessage();
        boolean away = e instanceof DataAccessResourceFailureException || e instanceof TransientDataAccessException;
        HttpStatus status = away ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.INTERNAL_SERVER_ERROR;
        log.error("write rolled back, {}: {} {}: {}", why, request.getMethod(), request.getRequestURI(), cause);
        response.reset(); // the held body never reached it; this drops the write's status and headers
        answer(request, response, status, "the write was not made: " + why + " (" + cause + ")");
        record(auth, request, status.value(), false);
    }

    private static void answer(
            HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
            throws IOException {
        if (status == HttpStatus.SERVICE_UNAVAILABLE) response.setHeader(HttpHeaders.RETRY_AFTER, "5");
        Problems.write(
                request,
                response,
                Problems.of(
                        status,
                        status == HttpStatus.SERVICE_UNAVAILABLE ? "database-unavailable" : "audit-log",
                        detail));
    }

    /**
     * The write's row ({@code strict}: in its transaction, a failure thrown) or an attempt's (in a
     * transaction of its own, a failure logged).
     */
    private void record(Authentication auth, HttpServletRequest request, int status, boolean strict) {
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        String path = request.getRequestURI();
        Actor actor = Access.caller(auth).orElse(null);
        Object problem = request.getAttribute(Problems.ATTRIBUTE);
        String subject = actor == null ? null : actor.subject();
        String organisation = actor == null ? null : actor.organisation().orElse(null);
        List<String> roles = actor == null
                ? List.of()
                : actor.roles().stream().map(Enum::name).sorted().toList();
        String action = request.getMethod() + " " + (pattern instanceof String p ? p : path);
        String detail = problem == null ? null : problem.toString();
        if (strict) {
            audit.append(subject, organisation, roles, action, path, status, detail);
        } else {
            audit.appendAttempt(subject, organisation, roles, action, path, status, detail);
        }
    }
}

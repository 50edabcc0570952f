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
import org.springframework.core.NestedExceptionUtils;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.util.ContentCachingResponseWrapper;
import vn.dongxanh.ingest.api.Problems;
import vn.dongxanh.ingest.security.CallerToken;

/**
 * Makes every write to the API (anything but GET, HEAD and OPTIONS under {@code /api/}), valve
 * commands included, and its audit row one transaction: who, for which organisation, which
 * operation, on what, the cooperative it concerned, when and how it ended.
 *
 * <p>It runs inside the security filter chain, right after the token is verified, so it knows the
 * caller and also sees the requests the URL rules refuse. It opens a transaction around the rest
 * of the request, which the stores' own transactions join, and holds the answer's body back:
 *
 * <ul>
 *   <li>a 2xx/3xx answer: the audit row is inserted in that transaction, then it commits, then the
 *       answer leaves. If the row or the commit fails, the write is rolled back and the caller gets
 *       a problem+json 503 (database unreachable) or 500 naming the cause instead;
 *   <li>a 4xx/5xx answer: whatever the request wrote is rolled back, and the attempt is recorded in
 *       a transaction of its own with its outcome (REFUSED, INVALID or FAILED), never as a write.
 * </ul>
 *
 * Requests without a valid token (401) are not recorded and get no transaction: they touched
 * nothing and would let anyone fill the log. Work that must not happen unless the write commits
 * (a valve command's publish) waits for the commit (see {@code CommandLink}).
 */
@Component
public class AuditFilter extends OncePerRequestFilter {
    /** Request attribute naming the cooperative the request's resource belongs to (set by Access). */
    public static final String COOPERATIVE = AuditFilter.class.getName() + ".cooperative";

    private static final Logger log = LoggerFactory.getLogger(AuditFilter.class);
    private static final Set<String> READS = Set.of("GET", "HEAD", "OPTIONS");

    private final AuditLog audit;
    private final PlatformTransactionManager transactions;
    private final Clock clock;

    AuditFilter(AuditLog audit, PlatformTransactionManager transactions, Clock clock) {
        this.audit = audit;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return READS.contains(request.getMethod()) || !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (!(SecurityContextHolder.getContext().getAuthentication() instanceof CallerToken)) {
            chain.doFilter(request, response);
            return;
        }
        TransactionStatus tx;
        try {
            tx = transactions.getTransaction(new DefaultTransactionDefinition());
        } catch (CannotCreateTransactionException e) {
            log.warn("write refused, no database transaction: {}", e.getMessage());
            unavailable(request, response, "the database cannot be reached now, so nothing was written");
            return;
        }
        var held = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(request, held);
        } catch (IOException | ServletException | RuntimeException | Error e) {
            transactions.rollback(tx);
            recordAttempt(request, held, HttpStatus.INTERNAL_SERVER_ERROR.value());
            throw e;
        }
        int status = held.getStatus();
        if (status >= 400) {
            transactions.rollback(tx);
            recordAttempt(request, held, status);
            held.copyBodyToResponse();
            return;
        }
        AuditEntry entry = entry(request, held, status);
        try {
            audit.append(entry);
        } catch (RuntimeException e) {
            transactions.rollback(tx);
            fail(request, response, e, "its audit row could not be written");
            return;
        }
        try {
            transactions.commit(tx);
        } catch (RuntimeException e) {
            fail(request, response, e, "its transaction did not commit");
            return;
        }
        held.copyBodyToResponse();
    }

    /** The write and its row were rolled back: the held answer is dropped for a problem naming why. */
    private void fail(HttpServletRequest request, HttpServletResponse response, RuntimeException e, String why)
            throws IOException {
        String cause = NestedExceptionUtils.getMostSpecificCause(e).getMessage();
        boolean away = e instanceof DataAccessResourceFailureException || e instanceof TransientDataAccessException;
        int status = (away ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.INTERNAL_SERVER_ERROR).value();
        AuditEntry failed = entry(request, response, status);
        log.error("write rolled back, {}: {} by {}: {}", why, failed.operation(), failed.subject(), cause);
        response.reset(); // the held body never reached it; this drops the write's status and headers
        String detail = "the write was not made: " + why + " (" + cause + ")";
        if (away) {
            unavailable(request, response, detail);
        } else {
            Problems.write(request, response, HttpStatus.INTERNAL_SERVER_ERROR, detail);
        }
        recordAttempt(request, response, status);
    }

    private static void unavailable(HttpServletRequest request, HttpServletResponse response, String detail)
            throws IOException {
        response.setHeader(HttpHeaders.RETRY_AFTER, "5");
        Problems.write(request, response, HttpStatus.SERVICE_UNAVAILABLE, detail);
    }

    /** A refused or failed attempt, in its own transaction: it records that nothing was written. */
    private void recordAttempt(HttpServletRequest request, HttpServletResponse response, int status) {
        AuditEntry entry = entry(request, response, status);
        try {
            audit.append(entry);
        } catch (RuntimeException e) {
            log.error(
                    "audit row of a {} attempt not written for {} by {}: {}",
                    entry.outcome(),
                    entry.operation(),
                    entry.subject(),
                    e.getMessage());
        }
    }

    private AuditEntry entry(HttpServletRequest request, HttpServletResponse response, int status) {
        var caller = ((CallerToken) SecurityContextHolder.getContext().getAuthentication()).caller();
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        String location = response.getHeader(HttpHeaders.LOCATION);
        return new AuditEntry(
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
    }

    static String outcome(int status) {
        if (status < 400) return "SUCCEEDED";
        if (status == 401 || status == 403 || status == 404) return "REFUSED";
        if (status < 500) return "INVALID";
        return "FAILED";
    }
}

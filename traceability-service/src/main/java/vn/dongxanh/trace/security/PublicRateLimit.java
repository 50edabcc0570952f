package vn.dongxanh.trace.security;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import vn.dongxanh.trace.web.Problems;

/**
 * The per-client limit of the public surface ({@link PublicSurface}): a token bucket per client
 * address (Bucket4j), {@code burst} requests at once refilled at {@code requests-per-minute}.
 * Past it: 429 problem+json with {@code Retry-After} in whole seconds. The client is the peer
 * address; {@code X-Forwarded-For} is read only when the peer is a configured trusted proxy, and
 * then the right-most address that is not one of those proxies is the client (addresses further
 * left were written by the client itself and prove nothing).
 */
public class PublicRateLimit extends OncePerRequestFilter {
    /** The request attribute holding the client's address as this filter found it (scan signals read it). */
    public static final String CLIENT = PublicRateLimit.class.getName() + ".client";

    private final SecurityProperties.RateLimit limit;
    private final Set<String> trusted;
    private final Map<String, Bucket> buckets;

    public PublicRateLimit(SecurityProperties.RateLimit limit) {
        this.limit = limit;
        this.trusted = Set.copyOf(limit.trustedProxies());
        int max = limit.maxClients();
        this.buckets = new LinkedHashMap<>(1024, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Bucket> eldest) {
                return size() > max;
            }
        };
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !PublicSurface.matches(request);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String client = client(request);
        request.setAttribute(CLIENT, client);
        ConsumptionProbe probe = bucket(client).tryConsumeAndReturnRemaining(1);
        if (probe.isConsumed()) {
            chain.doFilter(request, response);
            return;
        }
        long seconds =
                Math.max(1, Duration.ofNanos(probe.getNanosToWaitForRefill()).toSeconds() + 1);
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        Problems.write(
                request,
                response,
                Problems.of(
                        HttpStatus.TOO_MANY_REQUESTS,
                        "too-many-requests",
                        "more than " + limit.requestsPerMinute() + " requests a minute (burst " + limit.burst()
                                + ") from " + client + "; retry after " + seconds + " s"));
    }

    private Bucket bucket(String client) {
        synchronized (buckets) {
            return buckets.computeIfAbsent(
                    client,
                    c -> Bucket.builder()
                            .addLimit(l -> l.capacity(limit.burst())
                                    .refillGreedy(limit.requestsPerMinute(), Duration.ofMinutes(1)))
                            .build());
        }
    }

    /** The client's address: the peer, or what a trusted proxy says the client was. */
    String client(HttpServletRequest request) {
        String peer = request.getRemoteAddr();
        String forwarded = request.getHeader("X-Forwarded-For");
        if (!trusted.contains(peer) || forwarded == null || forwarded.isBlank()) {
            return peer;
        }
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            if (!hop.isEmpty() && !trusted.contains(hop)) {
                return hop;
            }
        }
        return peer;
    }
}

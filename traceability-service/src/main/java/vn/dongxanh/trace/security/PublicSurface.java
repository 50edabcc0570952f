package vn.dongxanh.trace.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import org.springframework.http.HttpMethod;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * The reads a buyer may make without a token: the resolver, the records and proofs of published
 * batches and what their story names, and the ledger facts needed to check them. Reaching one of
 * these paths is not enough: each controller answers an anonymous caller only for a published
 * batch's story (else 404). These reads are rate limited per client.
 */
public final class PublicSurface {
    /** GET path patterns open to anonymous callers (docs/security-traceability.md). */
    public static final List<String> PATTERNS = List.of(
            "/01/**",
            "/.well-known/**",
            "/api/batches/*",
            "/api/lots/*/*",
            "/api/lots/*/*/story",
            "/api/batches/*/qr.png",
            "/api/batches/*/qr.svg",
            "/api/plots/*",
            "/api/codes/*",
            "/api/certificates/*",
            "/api/products/*",
            "/api/organisations/*",
            "/api/records/*",
            "/api/records/*/proof",
            "/api/records/*/verification",
            "/api/epcis/events",
            "/api/ledger",
            "/api/ledger/abi",
            // the listing feed for e-commerce floors (published, live lots only)
            "/api/listing",
            "/api/listing/*");

    private static final RequestMatcher MATCHER = new OrRequestMatcher(PATTERNS.stream()
            .map(p -> (RequestMatcher) PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.GET, p))
            .toList());

    private PublicSurface() {}

    public static boolean matches(HttpServletRequest request) {
        return MATCHER.matches(request);
    }

    public static RequestMatcher matcher() {
        return MATCHER;
    }
}

package vn.dongxanh.web.buyer;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Set;

/**
 * Who the client of a public request is, to be passed on to traceability-service (its public
 * rate limit is per client): the peer address; when the peer is a trusted proxy, the right-most
 * address of {@code X-Forwarded-For} that is not a trusted proxy (addresses further left were
 * written by the client itself and prove nothing). The same rule as traceability-service's.
 */
final class ClientAddress {
    private final Set<String> trusted;

    ClientAddress(Iterable<String> trustedProxies) {
        var set = new java.util.HashSet<String>();
        trustedProxies.forEach(set::add);
        this.trusted = Set.copyOf(set);
    }

    String of(HttpServletRequest request) {
        return of(request.getRemoteAddr(), request.getHeader("X-Forwarded-For"));
    }

    String of(String peer, String forwarded) {
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

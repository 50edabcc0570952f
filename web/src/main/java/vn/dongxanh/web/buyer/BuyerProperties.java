package vn.dongxanh.web.buyer;

import java.net.URI;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The public buyer page's options ({@code dx.web.buyer.*}, CONFIGURATION.md section "web").
 *
 * @param trustedProxies the addresses of reverse proxies in front of the web whose {@code
 *     X-Forwarded-For} is believed when telling traceability-service who the client is (its rate
 *     limit is per client); loopback by default. From any other peer the header is ignored.
 * @param chainRpcUrl a public JSON-RPC endpoint of the ledger's chain: the page's script reads each
 *     root's anchor from it (the page's CSP lets it connect there and nowhere else). None by default:
 *     the page then says the root was served by the platform.
 * @param transactionUrl a block explorer's page of a transaction, {@code {tx}} standing for its
 *     hash; none by default (the page then links the record's proof on this origin)
 */
@ConfigurationProperties("dx.web.buyer")
public record BuyerProperties(List<String> trustedProxies, URI chainRpcUrl, String transactionUrl) {
    public BuyerProperties {
        trustedProxies = trustedProxies == null
                ? List.of()
                : trustedProxies.stream()
                        .map(String::strip)
                        .filter(s -> !s.isEmpty())
                        .toList();
        if (chainRpcUrl != null && chainRpcUrl.toString().isBlank()) chainRpcUrl = null;
        if (chainRpcUrl != null
                && (chainRpcUrl.getHost() == null
                        || !("http".equals(chainRpcUrl.getScheme()) || "https".equals(chainRpcUrl.getScheme())))) {
            throw new IllegalArgumentException(
                    "dx.web.buyer.chain-rpc-url must be an http(s) URL with a host, not '" + chainRpcUrl + "'");
        }
        if (transactionUrl != null && transactionUrl.isBlank()) transactionUrl = null;
    }

    /** The RPC endpoint's origin ({@code scheme://host[:port]}), what the CSP's connect-src names; null without one. */
    public String chainRpcOrigin() {
        if (chainRpcUrl == null) return null;
        return chainRpcUrl.getScheme() + "://" + chainRpcUrl.getHost()
                + (chainRpcUrl.getPort() == -1 ? "" : ":" + chainRpcUrl.getPort());
    }

    /**
     * A Content-Security-Policy with this page's RPC origin added to its {@code connect-src} (and only
     * that): the policy as it is without an endpoint.
     */
    public String policyWithChain(String policy) {
        String origin = chainRpcOrigin();
        if (origin == null) return policy;
        var directives = new java.util.ArrayList<String>();
        boolean found = false;
        for (String d : policy.split(";")) {
            String s = d.strip();
            if (s.isEmpty()) continue;
            if (s.startsWith("connect-src ") || s.equals("connect-src")) {
                s = s + " " + origin;
                found = true;
            }
            directives.add(s);
        }
        if (!found) directives.add("connect-src 'self' " + origin);
        return String.join("; ", directives);
    }
}

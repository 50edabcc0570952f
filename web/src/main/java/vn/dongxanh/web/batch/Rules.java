package vn.dongxanh.web.batch;

import java.util.Set;

/**
 * The rules of traceability-service's batch checks that the bundles name in words
 * ({@code batch.rule.<rule>}); a rule the service adds later is shown by its code until it is.
 */
public final class Rules {
    private static final Set<String> NAMED = Set.of(
            "bad-request",
            "harvest-date",
            "gtin",
            "unknown-product",
            "product-not-owned",
            "lot-format",
            "duplicate",
            "unknown-code",
            "code-not-owned",
            "code-not-issued",
            "crop-mismatch",
            "plot-not-in-code",
            "unknown-certificate",
            "certificate-not-valid",
            "certificate-scope",
            "pre-harvest-interval");

    private Rules() {}

    public static boolean named(String rule) {
        return NAMED.contains(rule);
    }
}

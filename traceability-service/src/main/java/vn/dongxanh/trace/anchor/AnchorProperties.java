package vn.dongxanh.trace.anchor;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * When pending records are gathered into a Merkle root ({@code dx.trace.anchor.*}).
 *
 * @param interval a root is made once the oldest pending record has waited this long
 * @param batchSize ... or as soon as this many records are pending
 * @param maxLeaves most records under one root
 * @param retryAfter the records of an anchor whose transaction FAILED go into a new root this long
 *     after the failure (so a cause that lasts, such as a revoked role, costs a transaction per
 *     period, not one per poll)
 */
@ConfigurationProperties("dx.trace.anchor")
public record AnchorProperties(Duration interval, int batchSize, int maxLeaves, Duration retryAfter) {
    public AnchorProperties {
        if (batchSize < 1 || maxLeaves < 1) {
            throw new IllegalArgumentException("dx.trace.anchor.batch-size and max-leaves must be >= 1");
        }
        if (retryAfter == null || retryAfter.isNegative()) {
            throw new IllegalArgumentException("dx.trace.anchor.retry-after must be a duration >= 0");
        }
    }
}

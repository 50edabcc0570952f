package vn.dongxanh.ingest.gateway;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Gap detection on the uplink sequence.
 *
 * @param resetJump a jump forward (or back) larger than this is a new outbox, not a gap: a fresh
 *     edge outbox starts its sequence at the current epoch millisecond
 */
@ConfigurationProperties("dx.ingest.sequence")
public record SequenceProperties(long resetJump) {
    public SequenceProperties {
        if (resetJump < 1) throw new IllegalArgumentException("dx.ingest.sequence.reset-jump must be >= 1");
    }
}

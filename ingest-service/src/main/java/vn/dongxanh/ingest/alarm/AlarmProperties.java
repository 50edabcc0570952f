package vn.dongxanh.ingest.alarm;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Evaluation and webhook delivery of alarms (CONFIGURATION.md, ingest-service, "Alarms").
 *
 * @param enabled false: rules can still be edited, but nothing is evaluated or delivered
 * @param evaluateEvery how often every rule is evaluated
 * @param afterBatchDelay an extra evaluation this long after a batch of readings is committed (several
 *     batches in that time share one); 0 evaluates on the schedule only
 * @param webhookUrl where each raise and clear is POSTed as JSON; empty: no webhook (nothing is queued)
 * @param webhookSecret when set, each POST carries {@code X-DX-Signature: sha256=<hex HMAC-SHA256 of the body>}
 * @param webhookTimeout longest wait for the receiver to connect and answer
 * @param retryBackoff wait after the first failed attempt; doubles per attempt up to {@code maxRetryBackoff}
 * @param maxRetryBackoff longest wait between attempts
 * @param maxAttempts attempts before a delivery is given up ({@code GAVE_UP}); 0 = never give up
 * @param deliveryPollEvery how often the outbox is looked at for due deliveries
 * @param deliveryBatch most deliveries one instance takes from the outbox at a time
 */
@ConfigurationProperties("dx.ingest.alarms")
public record AlarmProperties(
        boolean enabled,
        Duration evaluateEvery,
        Duration afterBatchDelay,
        String webhookUrl,
        String webhookSecret,
        Duration webhookTimeout,
        Duration retryBackoff,
        Duration maxRetryBackoff,
        int maxAttempts,
        Duration deliveryPollEvery,
        int deliveryBatch) {

    public AlarmProperties {
        positive(evaluateEvery, "evaluate-every");
        Objects.requireNonNull(afterBatchDelay, "dx.ingest.alarms.after-batch-delay");
        if (afterBatchDelay.isNegative()) throw new IllegalArgumentException("dx.ingest.alarms.after-batch-delay < 0");
        positive(webhookTimeout, "webhook-timeout");
        positive(retryBackoff, "retry-backoff");
        positive(maxRetryBackoff, "max-retry-backoff");
        positive(deliveryPollEvery, "delivery-poll-every");
        if (maxAttempts < 0) throw new IllegalArgumentException("dx.ingest.alarms.max-attempts must be >= 0");
        if (deliveryBatch < 1) throw new IllegalArgumentException("dx.ingest.alarms.delivery-batch must be >= 1");
        webhookUrl = webhookUrl == null ? "" : webhookUrl.strip();
        webhookSecret = webhookSecret == null ? "" : webhookSecret;
        if (!webhookUrl.isEmpty()) {
            URI u;
            try {
                u = URI.create(webhookUrl);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("dx.ingest.alarms.webhook-url is not a URL: " + webhookUrl, e);
            }
            if (!"http".equals(u.getScheme()) && !"https".equals(u.getScheme()) || u.getHost() == null) {
                throw new IllegalArgumentException(
                        "dx.ingest.alarms.webhook-url must be an http:// or https:// URL, got " + webhookUrl);
            }
        }
    }

    private static void positive(Duration d, String name) {
        Objects.requireNonNull(d, "dx.ingest.alarms." + name);
        if (!d.isPositive()) throw new IllegalArgumentException("dx.ingest.alarms." + name + " must be positive");
    }

    public boolean webhookOn() {
        return !webhookUrl.isEmpty();
    }

    /**
     * How long claimed deliveries are left to their instance before another may try them: long enough for
     * every attempt of one claimed batch (each up to the timeout), with room to spare.
     */
    Duration lease() {
        return webhookTimeout.multipliedBy(deliveryBatch + 1L).plusSeconds(5);
    }

    /** Wait before the attempt after {@code attempts} failed ones. */
    Duration backoff(int attempts) {
        Duration d = retryBackoff;
        for (int i = 1; i < attempts && d.compareTo(maxRetryBackoff) < 0; i++) d = d.multipliedBy(2);
        return d.compareTo(maxRetryBackoff) > 0 ? maxRetryBackoff : d;
    }
}

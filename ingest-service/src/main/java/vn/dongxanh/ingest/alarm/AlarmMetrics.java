package vn.dongxanh.ingest.alarm;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * {@code dx_alarms_raised_total{kind}}, {@code dx_alarms_cleared_total{kind}} and
 * {@code dx_alarm_webhook_attempts_total{outcome="delivered"|"failed"|"gave_up"}}.
 */
@Component
class AlarmMetrics {
    private final MeterRegistry registry;

    AlarmMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void raised(String kind) {
        Counter.builder("dx.alarms.raised")
                .description("Alarms raised, by rule kind")
                .tag("kind", kind)
                .register(registry)
                .increment();
    }

    void cleared(String kind) {
        Counter.builder("dx.alarms.cleared")
                .description("Alarms cleared, by rule kind")
                .tag("kind", kind)
                .register(registry)
                .increment();
    }

    /** A user's alarm message: queued for the webhook, or dropped by the user's rate limit. */
    void notification(String outcome) {
        Counter.builder("dx.alarm.notifications")
                .description("Alarm messages for users, by outcome (queued, rate_limited)")
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }

    void attempt(String outcome) {
        Counter.builder("dx.alarm.webhook.attempts")
                .description("Webhook delivery attempts, by outcome (gave_up: the last failed attempt)")
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }
}

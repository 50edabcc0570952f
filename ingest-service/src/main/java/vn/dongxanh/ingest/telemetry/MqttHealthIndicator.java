package vn.dongxanh.ingest.telemetry;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/** {@code mqtt} in /actuator/health: UP while subscribed (or when intake is disabled). */
@Component("mqtt")
class MqttHealthIndicator implements HealthIndicator {
    private final TelemetrySubscriber subscriber;
    private final IntakeQueue queue;

    MqttHealthIndicator(TelemetrySubscriber subscriber, IntakeQueue queue) {
        this.subscriber = subscriber;
        this.queue = queue;
    }

    @Override
    public Health health() {
        if (!subscriber.enabled()) {
            return Health.up().withDetail("enabled", false).build();
        }
        Health.Builder h = subscriber.subscribed() ? Health.up() : Health.down();
        return h.withDetail("broker", subscriber.url())
                .withDetail("subscriptions", subscriber.subscriptions())
                .withDetail("queued", queue.size())
                .build();
    }
}

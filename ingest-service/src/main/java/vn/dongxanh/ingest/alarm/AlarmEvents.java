package vn.dongxanh.ingest.alarm;

import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * What follows a raise or a clear, in its transaction: a log line, a count, and — when a webhook is
 * configured — a delivery in the outbox, carrying the alarm as the API shows it.
 */
@Component
class AlarmEvents {
    private static final Logger log = LoggerFactory.getLogger(AlarmEvents.class);

    private final DeliveryStore deliveries;
    private final AlarmProperties props;
    private final AlarmMetrics metrics;
    private final JsonMapper json;

    AlarmEvents(DeliveryStore deliveries, AlarmProperties props, AlarmMetrics metrics, JsonMapper json) {
        this.deliveries = deliveries;
        this.props = props;
        this.metrics = metrics;
        this.json = json;
    }

    void raised(AlarmView a, Instant now) {
        log.warn("alarm {} RAISED by rule {} ({}): {}", a.id(), a.ruleId(), a.kind(), a.message());
        metrics.raised(a.kind());
        enqueue(a, "RAISED", now);
    }

    void cleared(AlarmView a, Instant now) {
        log.info("alarm {} CLEARED ({}): {}", a.id(), a.kind(), a.clearReason());
        metrics.cleared(a.kind());
        enqueue(a, "CLEARED", now);
    }

    private void enqueue(AlarmView a, String event, Instant now) {
        if (!props.webhookOn()) return;
        deliveries.enqueue(a.id(), event, json.writeValueAsString(a), now);
    }
}

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
    private final PreferenceStore preferences;
    private final NotificationProperties notifications;

    AlarmEvents(
            DeliveryStore deliveries,
            AlarmProperties props,
            AlarmMetrics metrics,
            JsonMapper json,
            PreferenceStore preferences,
            NotificationProperties notifications) {
        this.deliveries = deliveries;
        this.props = props;
        this.metrics = metrics;
        this.json = json;
        this.preferences = preferences;
        this.notifications = notifications;
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
        String payload = json.writeValueAsString(a);
        deliveries.enqueue(a.id(), event, payload, now);
        // and one for each user who asked for this alarm, within the user's rate limit
        Instant since = now.minus(notifications.window());
        for (String subject : preferences.webhookRecipients(a.cooperative(), a.kind(), a.plot())) {
            if (deliveries.queuedFor(subject, since) >= notifications.maxPerWindow()) {
                metrics.notification("rate_limited");
                continue;
            }
            deliveries.enqueue(a.id(), event, payload, subject, text(a, event), now);
            metrics.notification("queued");
        }
    }

    /** One SMS segment: what, where, and the alarm's own sentence; no person's name is in any of it. */
    private String text(AlarmView a, String event) {
        String t =
                "[Dong Xanh] " + event + " " + a.kind() + (a.plot() == null ? "" : " " + a.plot()) + ": " + a.message();
        int max = notifications.textLength();
        return t.length() <= max ? t : t.substring(0, max - 1) + "…";
    }
}

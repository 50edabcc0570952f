package vn.dongxanh.ingest.alarm;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Alarms sent to users who asked for them (CONFIGURATION.md, docs/dashboard-api.md).
 *
 * @param maxPerWindow at most this many alarm messages reach one user per {@code window}; those
 *     beyond are not sent (counted), so a flapping sensor cannot flood a phone. Engineering defaults:
 *     DOMAIN.md has no figure
 * @param window the sliding window of the limit
 * @param textLength the short text of a user's delivery at most (characters): one SMS segment
 */
@ConfigurationProperties("dx.ingest.alarms.notifications")
public record NotificationProperties(
        @DefaultValue("6") int maxPerWindow,
        @DefaultValue("1h") Duration window,
        @DefaultValue("160") int textLength) {
    public NotificationProperties {
        if (maxPerWindow < 1 || window == null || !window.isPositive() || textLength < 20) {
            throw new IllegalArgumentException("dx.ingest.alarms.notifications: max-per-window must be at least 1,"
                    + " window positive, text-length at least 20");
        }
    }
}

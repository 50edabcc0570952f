package vn.dongxanh.web.notify;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Browser notifications of alarms ({@code dx.web.notifications.*}, CONFIGURATION.md section "web").
 *
 * @param browserPerMinute at most this many notifications a browser shows in any minute, besides
 *     ingest's own limit per window (a burst of alarms at once is one glance, not a wall of pop-ups)
 */
@ConfigurationProperties("dx.web.notifications")
public record NotificationProperties(int browserPerMinute) {
    public NotificationProperties {
        if (browserPerMinute < 1) {
            throw new IllegalArgumentException("dx.web.notifications.browser-per-minute must be at least 1");
        }
    }
}

package vn.dongxanh.ingest.dashboard;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The dashboard API's options (CONFIGURATION.md, docs/dashboard-api.md).
 *
 * @param staleAfter a plot's water level or soil moisture older than this is shown as stale, greyed
 *     with its age; default 15 min = 3 reporting intervals of 5 min (DOMAIN §6)
 * @param zone where "rain today" starts at midnight
 * @param heartbeat a stream with nothing to say sends a comment this often, so proxies keep it open
 *     and a dead browser is noticed
 * @param streamTimeout a stream is closed after this long (the browser's EventSource reconnects and
 *     re-reads the overview); bounds what a forgotten tab holds
 * @param subscriberBuffer events queued for one stream at most: a stream that falls this far behind
 *     (a slow phone) is closed instead of slowing anything else
 * @param maxStreams open streams per instance at most; one more is answered 503
 * @param listenRetry wait before the change listener reconnects to PostgreSQL after losing it
 */
@ConfigurationProperties("dx.ingest.dashboard")
public record DashboardProperties(
        Duration staleAfter,
        ZoneId zone,
        Duration heartbeat,
        Duration streamTimeout,
        int subscriberBuffer,
        int maxStreams,
        Duration listenRetry) {

    public DashboardProperties {
        Objects.requireNonNull(staleAfter, "dx.ingest.dashboard.stale-after");
        Objects.requireNonNull(zone, "dx.ingest.dashboard.zone");
        Objects.requireNonNull(heartbeat, "dx.ingest.dashboard.heartbeat");
        Objects.requireNonNull(streamTimeout, "dx.ingest.dashboard.stream-timeout");
        Objects.requireNonNull(listenRetry, "dx.ingest.dashboard.listen-retry");
        if (!staleAfter.isPositive()
                || !heartbeat.isPositive()
                || !streamTimeout.isPositive()
                || !listenRetry.isPositive()) {
            throw new IllegalArgumentException(
                    "dx.ingest.dashboard: stale-after, heartbeat, stream-timeout and listen-retry must be positive");
        }
        if (subscriberBuffer < 1 || maxStreams < 1) {
            throw new IllegalArgumentException(
                    "dx.ingest.dashboard: subscriber-buffer and max-streams must be at least 1");
        }
    }
}

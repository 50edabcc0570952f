package vn.dongxanh.web.notify;

import java.time.Instant;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import vn.dongxanh.web.ingest.IngestHttp;

/**
 * ingest-service's {@code /api/me/alarm-notifications}: which alarms reach the signed-in user and
 * by which channel (docs/dashboard-api.md). The user is the token's subject; ingest keeps the
 * choice and the webhook channel, the web applies the browser channel.
 */
@Component
public class NotificationApi {
    private final IngestHttp ingest;

    NotificationApi(IngestHttp ingest) {
        this.ingest = ingest;
    }

    /**
     * The user's choice as ingest answers it; empty {@code kinds} or {@code plots} mean every one.
     *
     * @param updatedAt null until the user saved a choice
     */
    public record Preferences(
            String cooperative,
            List<String> kinds,
            List<String> plots,
            boolean browser,
            boolean webhook,
            Instant updatedAt,
            RateLimit rateLimit) {
        public Preferences {
            kinds = kinds == null ? List.of() : List.copyOf(kinds);
            plots = plots == null ? List.of() : List.copyOf(plots);
        }
    }

    /** At most {@code max} alarm messages per {@code windowSeconds} reach the user, by each channel. */
    public record RateLimit(int max, long windowSeconds) {}

    /** What is sent on PUT: every field, as ingest requires. */
    record Choice(List<String> kinds, List<String> plots, boolean browser, boolean webhook) {}

    Preferences get() {
        return ingest.client()
                .get()
                .uri("/api/me/alarm-notifications")
                .retrieve()
                .body(Preferences.class);
    }

    Preferences put(Choice choice) {
        return ingest.client()
                .put()
                .uri("/api/me/alarm-notifications")
                .contentType(MediaType.APPLICATION_JSON)
                .body(choice)
                .retrieve()
                .body(Preferences.class);
    }
}

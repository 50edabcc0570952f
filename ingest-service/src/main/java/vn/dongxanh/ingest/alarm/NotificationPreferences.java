package vn.dongxanh.ingest.alarm;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Which alarms reach one user and how. The user is the token's subject; nothing here names a person.
 *
 * @param kinds alarm kinds that reach the user; empty = every kind
 * @param plots plots of the user's cooperative whose alarms reach them (gateway alarms have no plot
 *     and reach them when {@code plots} is empty); empty = every plot
 * @param browser the dashboard shows a browser notification (when the browser allows it)
 * @param webhook the service's webhook gets a delivery naming this user (for an SMS or Zalo gateway)
 */
@Schema(description = "Which alarms reach the signed-in user, and by which channel")
public record NotificationPreferences(
        @Schema(description = "the user's cooperative (from the token)")
        String cooperative,

        @Schema(description = "alarm kinds that reach the user; empty = every kind")
        List<String> kinds,

        @Schema(description = "plots whose alarms reach the user; empty = every plot")
        List<String> plots,

        boolean browser,
        boolean webhook,

        @Schema(description = "null until the user saved preferences")
        Instant updatedAt,

        @Schema(description = "the rate limit every channel keeps to")
        RateLimit rateLimit) {

    /** At most {@code max} alarm messages per {@code windowSeconds} reach the user (the rest are dropped). */
    public record RateLimit(int max, long windowSeconds) {
        static RateLimit of(NotificationProperties p) {
            return new RateLimit(p.maxPerWindow(), p.window().toSeconds());
        }

        Duration window() {
            return Duration.ofSeconds(windowSeconds);
        }
    }
}

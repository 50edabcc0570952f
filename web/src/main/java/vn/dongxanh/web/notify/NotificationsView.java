package vn.dongxanh.web.notify;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import vn.dongxanh.web.ingest.IngestApi;
import vn.dongxanh.web.ingest.IngestHttp;
import vn.dongxanh.web.page.Texts;

/**
 * What the notifications page shows: the alarm kinds and plots to choose from, the user's choice
 * (none ticked = every one), the two channels, ingest's rate limit, and the user's account id, by
 * which alone the webhook names them. A choice ingest refused comes back as it was ticked, with why.
 *
 * @param rateLimit null when ingest did not say
 * @param updatedAt null until the user saved a choice
 */
public record NotificationsView(
        List<String> kinds,
        List<IngestApi.Plot> plots,
        Set<String> chosenKinds,
        Set<String> chosenPlots,
        boolean browser,
        boolean webhook,
        NotificationApi.RateLimit rateLimit,
        Instant updatedAt,
        String subject,
        Refusal refusal,
        boolean saved,
        boolean unavailable) {

    /** Why ingest refused the choice: the bundle key of what the page says, and the service's words. */
    public record Refusal(String key, String detail) {
        static Refusal of(IngestHttp.Problem p) {
            return new Refusal(p.messageKey(), p.detail());
        }
    }

    /** The limit's window in the largest whole unit: "1 giờ", "10 minutes", "90 seconds". */
    public static String window(Texts t, long seconds) {
        if (seconds > 0 && seconds % 3600 == 0) return t.get("notify.window.hours", seconds / 3600);
        if (seconds > 0 && seconds % 60 == 0) return t.get("notify.window.minutes", seconds / 60);
        return t.get("notify.window.seconds", seconds);
    }
}

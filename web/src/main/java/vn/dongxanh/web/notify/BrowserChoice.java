package vn.dongxanh.web.notify;

import java.util.List;

/**
 * What the browser needs to decide whether a raised alarm becomes a notification (served as JSON
 * at {@code /notifications/choice}; live.js asks it when an alarm is raised): the user's kinds and
 * plots (empty = every one), whether they want browser notifications at all, and the two limits it
 * keeps to — ingest's {@code max} per {@code windowSeconds}, and this web's {@code perMinute}.
 */
public record BrowserChoice(
        boolean browser, List<String> kinds, List<String> plots, int max, long windowSeconds, int perMinute) {

    /** The user's saved choice; without an answer from ingest, nothing is shown (browser off). */
    static BrowserChoice of(NotificationApi.Preferences p, int perMinute) {
        if (p == null || p.rateLimit() == null) return new BrowserChoice(false, List.of(), List.of(), 0, 0, perMinute);
        return new BrowserChoice(
                p.browser(),
                p.kinds(),
                p.plots(),
                p.rateLimit().max(),
                p.rateLimit().windowSeconds(),
                perMinute);
    }
}

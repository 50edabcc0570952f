package vn.dongxanh.web.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;
import vn.dongxanh.contract.Json;
import vn.dongxanh.web.page.Texts;

/** What the browser is told of the user's choice, what is sent to ingest, the limit's window in words. */
class NotificationChoiceTest {

    @Test
    void theBrowserGetsTheChoiceWithIngestsLimitAndTheWebsMinute() {
        var p = new NotificationApi.Preferences(
                "coop-a",
                List.of("NO_DATA"),
                List.of("a2"),
                true,
                false,
                Instant.parse("2026-12-03T05:00:00Z"),
                new NotificationApi.RateLimit(6, 3600));

        assertThat(BrowserChoice.of(p, 3))
                .isEqualTo(new BrowserChoice(true, List.of("NO_DATA"), List.of("a2"), 6, 3600, 3));
    }

    @Test
    void withoutIngestsAnswerTheBrowserShowsNothing() {
        assertThat(BrowserChoice.of(null, 3).browser()).isFalse();
    }

    @Test
    void ingestsAnswerIsReadAndEveryFieldIsSentBack() throws Exception {
        var p = Json.MAPPER.readValue("""
                {"cooperative":"coop-a","kinds":[],"plots":["a1"],"browser":false,"webhook":true,
                 "updatedAt":null,"rateLimit":{"max":6,"windowSeconds":3600}}""", NotificationApi.Preferences.class);
        assertThat(p.kinds()).isEmpty();
        assertThat(p.webhook()).isTrue();
        assertThat(p.rateLimit().windowSeconds()).isEqualTo(3600);

        String sent =
                Json.MAPPER.writeValueAsString(new NotificationApi.Choice(List.of("LEAK"), List.of(), true, false));
        assertThat(Json.MAPPER.readTree(sent).propertyNames())
                .containsExactlyInAnyOrder("kinds", "plots", "browser", "webhook");
    }

    @Test
    void theWindowIsSaidInItsLargestWholeUnit() {
        Texts en = texts("en");
        Texts vi = texts("vi");
        assertThat(NotificationsView.window(en, 3600)).isEqualTo("hour");
        assertThat(NotificationsView.window(en, 7200)).isEqualTo("2 hours");
        assertThat(NotificationsView.window(en, 600)).isEqualTo("10 minutes");
        assertThat(NotificationsView.window(en, 90)).isEqualTo("90 seconds");
        assertThat(NotificationsView.window(vi, 3600)).isEqualTo("1 giờ");
        assertThat(en.get("notify.rate-limit", 6, NotificationsView.window(en, 3600)))
                .startsWith("Each channel sends you at most 6 messages per hour;");
        assertThat(en.get("notify.rate-limit", 1, NotificationsView.window(en, 60)))
                .startsWith("Each channel sends you at most one message per minute;");
    }

    static Texts texts(String lang) {
        var messages = new ResourceBundleMessageSource();
        messages.setBasename("messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return new Texts(messages, Locale.forLanguageTag(lang), ZoneId.of("Asia/Ho_Chi_Minh"));
    }
}

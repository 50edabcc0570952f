package vn.dongxanh.web.valve;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;
import vn.dongxanh.web.page.Texts;

/** The words of an override's or schedule's end, and which ones are shown greyed. */
class InstructionsTest {
    private static final Instant NOW = Instant.parse("2026-12-03T07:00:00Z");

    private static Texts texts(String lang) {
        var bundles = new ResourceBundleMessageSource();
        bundles.setBasename("messages");
        bundles.setDefaultEncoding(StandardCharsets.UTF_8.name());
        bundles.setFallbackToSystemLocale(false);
        return new Texts(bundles, Locale.forLanguageTag(lang), ZoneId.of("Asia/Ho_Chi_Minh"));
    }

    private static ValveApi.Instruction override(String hold, String phase, Instant endsAt) {
        return new ValveApi.Instruction(
                "o1", "OVERRIDE", "gw", hold, endsAt, null, null, null, "APPLIED", "", NOW, NOW, phase, endsAt, "me");
    }

    private static ValveApi.Instruction schedule(String phase, Instant start) {
        return new ValveApi.Instruction(
                "s1",
                "SCHEDULE",
                "gw",
                null,
                null,
                start,
                1200L,
                start.plusSeconds(3600),
                "APPLIED",
                "",
                NOW,
                NOW,
                phase,
                start.plusSeconds(1200),
                "me");
    }

    @Test
    void anActiveOverrideSaysWhenItEnds() {
        var held = override("CLOSED", "ACTIVE", NOW.plus(Duration.ofMinutes(25)));
        assertThat(Instructions.when(texts("en"), held, NOW)).isEqualTo("ends in 25 minutes");
        assertThat(Instructions.when(texts("vi"), held, NOW)).isEqualTo("kết thúc sau 25 phút");
        assertThat(Instructions.what(texts("en"), held)).startsWith("Held closed until ");
        assertThat(Instructions.over(held)).isFalse();
    }

    @Test
    void endedReplacedAndRefusedOnesAreOverAndSaySo() {
        var ended = override("OPEN", "ENDED", NOW.minus(Duration.ofMinutes(3)));
        assertThat(Instructions.when(texts("en"), ended, NOW)).isEqualTo("ended 3 minutes ago");
        assertThat(Instructions.over(ended)).isTrue();
        assertThat(Instructions.over(override("OPEN", "REPLACED", NOW))).isTrue();
        assertThat(Instructions.over(override("OPEN", "NOT_APPLIED", NOW))).isTrue();
        var auto = override("AUTO", "ENDED", NOW.minus(Duration.ofMinutes(2)));
        assertThat(Instructions.what(texts("en"), auto)).isEqualTo("Back to automatic");
        assertThat(Instructions.when(texts("en"), auto, NOW)).isEqualTo("done 2 minutes ago");
        assertThat(Instructions.over(auto)).isTrue();
    }

    @Test
    void aScheduleSaysWhenItStarts() {
        var upcoming = schedule("UPCOMING", NOW.plus(Duration.ofHours(3)));
        assertThat(Instructions.when(texts("en"), upcoming, NOW)).isEqualTo("starts in 3 hours");
        assertThat(Instructions.what(texts("en"), upcoming)).endsWith("for 20 min");
        assertThat(Instructions.when(texts("en"), schedule("UPCOMING", NOW.plusSeconds(90)), NOW))
                .isEqualTo("starts in 1 minute");
        assertThat(Instructions.over(upcoming)).isFalse();
    }
}

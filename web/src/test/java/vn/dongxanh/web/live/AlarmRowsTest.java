package vn.dongxanh.web.live;

import static org.assertj.core.api.Assertions.assertThat;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;
import vn.dongxanh.contract.dashboard.AlarmChange;
import vn.dongxanh.contract.dashboard.AlarmKind;
import vn.dongxanh.contract.dashboard.AlarmState;
import vn.dongxanh.web.page.Texts;

/** An alarm event of the stream as the alarms page's row, and the notice a fresh raise becomes. */
class AlarmRowsTest {
    private static final Instant RAISED = Instant.parse("2026-12-03T05:12:00Z");
    private static final Instant ACKED = Instant.parse("2026-12-03T05:20:00Z");

    private final AlarmRows rows = new AlarmRows(TemplateEngine.createPrecompiled(ContentType.Html));

    @Test
    void aFreshRaiseIsAnOpenRowWithTheAcknowledgementFormAndANotice() {
        var raised = change(AlarmState.RAISED, null, null);
        var reader = new AlarmRows.Reader(texts("vi"), true, "_csrf", "token-1");

        String row = rows.row(reader, raised, "Ruộng A2", null);

        assertThat(row)
                .startsWith("<li id=\"alarm-7\"")
                .contains("data-state=\"RAISED\"", "data-acknowledged=\"no\"", "Cảm biến im lặng", "Ruộng A2 · a2-sm")
                .contains("action=\"/alarms/7/acknowledgement\"", "name=\"_csrf\" value=\"token-1\"")
                .doesNotContain("\n");
        var notice = AlarmRows.notice(texts("en"), raised, "Ruộng A2").orElseThrow();
        assertThat(notice.id()).isEqualTo(7);
        assertThat(notice.kind()).isEqualTo("NO_DATA");
        assertThat(notice.plot()).isEqualTo("a2");
        assertThat(notice.title()).isEqualTo("Alarm: Sensor silent");
        assertThat(notice.body()).startsWith("Ruộng A2 · a2-sm, since ");
        assertThat(notice.url()).isEqualTo("/alarms#alarm-7");
    }

    @Test
    void whoMayNotAcknowledgeGetsNoForm() {
        var reader = new AlarmRows.Reader(texts("en"), false, "_csrf", "token-1");
        assertThat(rows.row(reader, change(AlarmState.RAISED, null, null), "Ruộng A2", null))
                .doesNotContain("<form");
    }

    @Test
    void anAcknowledgementReplacesTheRowWithItsNoteAndIsNoNotice() {
        var acked = change(AlarmState.RAISED, ACKED, null);
        var reader = new AlarmRows.Reader(texts("en"), true, "_csrf", "token-1");

        assertThat(rows.row(reader, acked, "Ruộng A2", "thay pin <chiều nay>"))
                .contains("data-acknowledged=\"yes\"", "class=\"acknowledged\"", "thay pin &lt;chiều nay&gt;")
                .doesNotContain("<form");
        assertThat(AlarmRows.notice(texts("en"), acked, "Ruộng A2")).isEmpty();
    }

    @Test
    void aClearedAlarmIsAHistoryRowAndIsNoNotice() {
        var cleared = change(AlarmState.CLEARED, ACKED, ACKED.plusSeconds(600));
        var reader = new AlarmRows.Reader(texts("en"), true, "_csrf", "token-1");

        assertThat(rows.row(reader, cleared, "Ruộng A2", null))
                .startsWith("<li data-alarm=\"7\" data-state=\"CLEARED\"")
                .contains("Sensor silent", "Ruộng A2")
                .doesNotContain("<form");
        assertThat(AlarmRows.notice(texts("en"), cleared, "Ruộng A2")).isEmpty();
    }

    @Test
    void aGatewaysAlarmIsNamedByTheGateway() {
        var gateway = new AlarmChange(
                9, null, "gw-a", AlarmKind.BACKLOG_GROWING, AlarmState.RAISED, RAISED, null, null, null, "backlog");
        var notice = AlarmRows.notice(texts("en"), gateway, null).orElseThrow();
        assertThat(notice.plot()).isNull();
        assertThat(notice.body()).startsWith("gw-a, since ");
    }

    private static AlarmChange change(AlarmState state, Instant acknowledgedAt, Instant clearedAt) {
        return new AlarmChange(
                7,
                "a2",
                "a2-sm",
                AlarmKind.NO_DATA,
                state,
                RAISED,
                acknowledgedAt,
                acknowledgedAt == null ? null : "3f2c9a",
                clearedAt,
                "device a2-sm silent");
    }

    private static Texts texts(String lang) {
        var messages = new ResourceBundleMessageSource();
        messages.setBasename("messages");
        messages.setDefaultEncoding("UTF-8");
        messages.setFallbackToSystemLocale(false);
        return new Texts(messages, Locale.forLanguageTag(lang), ZoneId.of("Asia/Ho_Chi_Minh"));
    }
}

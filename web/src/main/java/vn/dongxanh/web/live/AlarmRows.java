package vn.dongxanh.web.live;

import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.util.HashMap;
import java.util.Optional;
import vn.dongxanh.contract.dashboard.AlarmChange;
import vn.dongxanh.contract.dashboard.AlarmState;
import vn.dongxanh.web.alarm.AlarmApi;
import vn.dongxanh.web.page.Texts;
import vn.dongxanh.web.page.Words;

/**
 * An {@code alarm} event of ingest's stream as the pages show it: the alarm's row of the alarms page
 * (open, with its acknowledgement form, or past), rendered with the page's own templates in the
 * reader's language, and — for a fresh raise only — the notice a browser may show for it.
 */
final class AlarmRows {
    private final TemplateEngine templates;

    AlarmRows(TemplateEngine templates) {
        this.templates = templates;
    }

    /** Who reads the stream: whether the row offers the acknowledgement form, and its CSRF field. */
    record Reader(Texts t, boolean mayAcknowledge, String csrfName, String csrfToken) {}

    /**
     * What a browser may show for a raised alarm (the browser decides by the user's choice and its
     * limits); {@code plot} is null for an alarm about a gateway.
     */
    record Notice(long id, String kind, String plot, String title, String body, String url) {}

    /** The open row of a raised alarm, the history row of a cleared one; one line of markup. */
    String row(Reader r, AlarmChange c, String plotName, String note) {
        var params = new HashMap<String, Object>();
        params.put("t", r.t());
        params.put("a", alarm(c, note));
        params.put("plotName", plotName);
        var html = new StringOutput();
        if (c.state() == AlarmState.CLEARED) {
            templates.render("alarm/past.jte", params, html);
        } else {
            params.put("mayAcknowledge", r.mayAcknowledge());
            params.put("csrfName", r.csrfName());
            params.put("csrfToken", r.csrfToken());
            templates.render("alarm/open.jte", params, html);
        }
        return html.toString().strip().replace('\n', ' ');
    }

    /** A notice only when the alarm was just raised: not for its acknowledgement, nor its clearing. */
    static Optional<Notice> notice(Texts t, AlarmChange c, String plotName) {
        if (c.state() != AlarmState.RAISED || c.acknowledgedAt() != null) return Optional.empty();
        String kind = Words.of(t, "alarm.kind.", c.kind().name());
        String where = c.plotId() != null && plotName != null ? plotName : c.subject();
        if (!c.subject().equals(c.plotId()) && !where.equals(c.subject())) where += " · " + c.subject();
        return Optional.of(new Notice(
                c.alarmId(),
                c.kind().name(),
                c.plotId(),
                t.get("notify.notice.title", kind),
                t.get("notify.notice.body", where, t.dateTime(c.raisedAt())),
                "/alarms#alarm-" + c.alarmId()));
    }

    /** The stream's change as the alarms page's record; the note is not on the stream (null: not known). */
    static AlarmApi.Alarm alarm(AlarmChange c, String note) {
        return new AlarmApi.Alarm(
                c.alarmId(),
                0,
                null,
                c.kind().name(),
                c.plotId(),
                null,
                c.subject(),
                null,
                c.state().name(),
                c.message(),
                c.raisedAt(),
                c.clearedAt(),
                null,
                c.acknowledgedAt(),
                c.acknowledgedBy(),
                note);
    }
}

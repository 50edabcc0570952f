package vn.dongxanh.web.alarm;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import vn.dongxanh.web.ingest.IngestApi;
import vn.dongxanh.web.ingest.IngestHttp;

/**
 * What the alarms page shows: the cooperative's open alarms (each with its acknowledgement form),
 * the history, the alarm rules (each an edit form) and a form for a new rule. A form ingest
 * refused comes back with what the user typed and why, in the user's language.
 */
public record AlarmsView(
        List<OpenAlarm> open,
        List<AlarmApi.Alarm> history,
        List<RuleForm> rules,
        NewRule newRule,
        List<IngestApi.Plot> plots,
        List<String> kinds,
        boolean mayAcknowledge,
        boolean mayEditRules,
        boolean unavailable) {

    /** Why ingest refused a form: the bundle key of what the page says, and the service's words. */
    public record Refusal(String key, String detail) {
        static Refusal of(IngestHttp.Problem p) {
            return new Refusal(p.messageKey(), p.detail());
        }
    }

    public record OpenAlarm(AlarmApi.Alarm alarm, String note, Refusal refusal) {}

    public record NewRule(String name, String kind, String plot, Refusal refusal) {}

    public record Param(String name, String value) {}

    public record RuleForm(
            long id, String name, String kind, String plot, boolean enabled, List<Param> params, Refusal refusal) {
        static RuleForm of(AlarmApi.Rule r) {
            var params = new ArrayList<Param>();
            if (r.params() != null) {
                for (Map.Entry<String, Object> e : r.params().entrySet()) {
                    params.add(new Param(e.getKey(), e.getValue() == null ? "" : String.valueOf(e.getValue())));
                }
            }
            return new RuleForm(
                    r.id(), r.name() == null ? "" : r.name(), r.kind(), r.plot(), r.enabled(), params, null);
        }

        RuleForm withRefusal(Refusal why) {
            return new RuleForm(id, name, kind, plot, enabled, params, why);
        }
    }

    AlarmsView withOpen(List<OpenAlarm> alarms) {
        return new AlarmsView(alarms, history, rules, newRule, plots, kinds, mayAcknowledge, mayEditRules, unavailable);
    }

    AlarmsView withRules(List<RuleForm> forms) {
        return new AlarmsView(open, history, forms, newRule, plots, kinds, mayAcknowledge, mayEditRules, unavailable);
    }

    AlarmsView withNewRule(NewRule form) {
        return new AlarmsView(open, history, rules, form, plots, kinds, mayAcknowledge, mayEditRules, unavailable);
    }

    /** The open alarm {@code id} with the note as typed and why it was refused; the others as they are. */
    AlarmsView withOpenAlarm(long id, String note, Refusal refusal) {
        return withOpen(open.stream()
                .map(o -> o.alarm().id() == id ? new OpenAlarm(o.alarm(), note, refusal) : o)
                .toList());
    }

    /** Rule {@code id}'s form replaced by {@code change} of it; the others as they are. */
    AlarmsView withRule(long id, UnaryOperator<RuleForm> change) {
        return withRules(
                rules.stream().map(r -> r.id() == id ? change.apply(r) : r).toList());
    }

    public String plotName(String id) {
        if (id == null) return null;
        return plots.stream()
                .filter(p -> p.id().equals(id))
                .map(IngestApi.Plot::name)
                .findFirst()
                .orElse(id);
    }
}

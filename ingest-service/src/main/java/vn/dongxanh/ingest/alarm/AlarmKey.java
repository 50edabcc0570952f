package vn.dongxanh.ingest.alarm;

/**
 * Identifies an alarm within its rule: a rule has at most one open alarm per key.
 *
 * @param facet which condition of the rule, e.g. {@code low} or {@code high} of a band; empty when
 *     the rule has only one
 */
public record AlarmKey(SubjectType type, String subject, String facet) {
    public AlarmKey {
        if (facet == null) facet = "";
    }

    static AlarmKey of(SubjectType type, String subject) {
        return new AlarmKey(type, subject, "");
    }
}

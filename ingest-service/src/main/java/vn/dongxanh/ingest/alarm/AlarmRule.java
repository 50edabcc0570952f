package vn.dongxanh.ingest.alarm;

import java.time.Instant;

/**
 * A stored rule.
 *
 * @param plotId the plot watched; null when the rule watches the whole cooperative
 * @param evaluatedAt when the evaluator last looked at it, null if never
 */
public record AlarmRule(
        long id,
        String name,
        String cooperativeId,
        String plotId,
        RuleSpec spec,
        boolean enabled,
        Instant createdAt,
        Instant updatedAt,
        Instant evaluatedAt) {

    public RuleKind kind() {
        return spec.kind();
    }

    /** "plot" or "cooperative". */
    public String scope() {
        return plotId != null ? "plot" : "cooperative";
    }

    /** Words for messages: "plot p01" or "cooperative htx-an-phu". */
    public String scopeLabel() {
        return plotId != null ? "plot " + plotId : "cooperative " + cooperativeId;
    }
}

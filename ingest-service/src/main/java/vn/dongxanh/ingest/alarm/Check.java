package vn.dongxanh.ingest.alarm;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** The evaluation of one kind of rule. */
interface Check {
    RuleKind kind();

    /**
     * One finding per subject (and facet) in the rule's scope, including those with nothing to say
     * (HOLD): an open alarm whose key is missing is cleared as out of scope.
     *
     * @param open keys with a raised alarm: for those, costly "held for how long" queries can be skipped
     */
    List<Finding> evaluate(AlarmRule rule, Set<AlarmKey> open, Instant now);
}

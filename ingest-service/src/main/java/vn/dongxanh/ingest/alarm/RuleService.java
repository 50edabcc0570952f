package vn.dongxanh.ingest.alarm;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import vn.dongxanh.ingest.api.ApiException;
import vn.dongxanh.ingest.registry.CooperativeStore;
import vn.dongxanh.ingest.registry.Plot;
import vn.dongxanh.ingest.registry.PlotStore;

/**
 * Creating, changing and deleting rules. Changes take the rule's advisory lock, so they never interleave
 * with an evaluation of it; deleting a rule clears its raised alarms in the same transaction.
 */
@Service
class RuleService {
    private final RuleStore rules;
    private final AlarmStore alarms;
    private final AlarmEvents events;
    private final WebhookSender webhook;
    private final RuleDefaults defaults;
    private final PlotStore plots;
    private final CooperativeStore cooperatives;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final Clock clock;

    RuleService(
            RuleStore rules,
            AlarmStore alarms,
            AlarmEvents events,
            WebhookSender webhook,
            RuleDefaults defaults,
            PlotStore plots,
            CooperativeStore cooperatives,
            JdbcTemplate jdbc,
            TransactionTemplate tx,
            Clock clock) {
        this.rules = rules;
        this.alarms = alarms;
        this.events = events;
        this.webhook = webhook;
        this.defaults = defaults;
        this.plots = plots;
        this.cooperatives = cooperatives;
        this.jdbc = jdbc;
        this.tx = tx;
        this.clock = clock;
    }

    AlarmRule create(RuleRequest r) {
        RuleStore.Draft d = draft(r);
        long id = rules.insert(d, clock.instant());
        return rules.find(id).orElseThrow();
    }

    AlarmRule update(long id, RuleRequest r) {
        AlarmRule current = find(id);
        if (current.kind() != r.kind()) {
            throw ApiException.badRequest(
                    "a rule's kind cannot change (" + current.kind() + "); delete it and create" + " another");
        }
        RuleStore.Draft d = draft(r);
        tx.executeWithoutResult(status -> {
            lock(id);
            if (!rules.update(id, d, clock.instant())) throw notFound(id);
        });
        return find(id);
    }

    /** Deletes the rule and clears its raised alarms (reason "rule deleted"). */
    void delete(long id) {
        List<AlarmView> cleared = tx.execute(status -> {
            lock(id);
            if (!rules.delete(id)) throw notFound(id);
            Instant now = clock.instant();
            List<AlarmView> c = alarms.clearRule(id, "rule deleted", now);
            c.forEach(a -> events.cleared(a, now));
            return c;
        });
        if (cleared != null && !cleared.isEmpty()) webhook.wake();
    }

    AlarmRule find(long id) {
        return rules.find(id).orElseThrow(() -> notFound(id));
    }

    private static ApiException notFound(long id) {
        return ApiException.notFound("alarm rule " + id + " does not exist");
    }

    private void lock(long id) {
        jdbc.queryForObject(
                "SELECT 1 FROM pg_advisory_xact_lock(?, ?)", Integer.class, AlarmEvaluator.LOCK_CLASS, (int) id);
    }

    /** Checks the request against the registry and fills in the kind's defaults. */
    private RuleStore.Draft draft(RuleRequest r) {
        String coop = r.cooperative();
        if (r.plot() != null) {
            Plot p = plots.find(r.plot())
                    .orElseThrow(() -> ApiException.badRequest("plot '" + r.plot() + "' is not registered"));
            if (coop != null && !coop.equals(p.cooperative())) {
                throw ApiException.badRequest("plot '" + r.plot() + "' belongs to cooperative '" + p.cooperative()
                        + "', not to '" + coop + "'");
            }
            coop = p.cooperative();
            if (r.kind() == RuleKind.BACKLOG_GROWING) {
                throw ApiException.badRequest("a BACKLOG_GROWING rule watches the gateways of a cooperative: give"
                        + " 'cooperative', not 'plot' (gateways belong to cooperatives, not to plots)");
            }
        } else if (!cooperatives.exists(coop)) {
            throw ApiException.badRequest("cooperative '" + coop + "' is not registered");
        }
        RuleSpec spec;
        try {
            spec = RuleSpecs.parse(r.kind(), r.params(), defaults);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        String name = r.name() != null
                ? r.name()
                : r.kind() + " on " + (r.plot() != null ? "plot " + r.plot() : "cooperative " + coop);
        return new RuleStore.Draft(name, coop, r.plot(), spec, r.enabled());
    }
}

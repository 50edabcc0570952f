package vn.dongxanh.ingest.alarm;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Evaluates every rule every {@code evaluate-every}, and shortly after committed readings
 * ({@code after-batch-delay}, several batches sharing one run). Each rule is evaluated in a transaction
 * of its own under an advisory lock on it, so instances sharing the database never evaluate one rule at
 * the same time: whatever raises or clears an alarm, records its values and queues its webhook
 * delivery commits together.
 */
@Component
public class AlarmEvaluator implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(AlarmEvaluator.class);
    /** First key of the two-key advisory locks of alarm rules ("alrm" in ASCII); the second is the rule id. */
    static final int LOCK_CLASS = 0x616c726d;
    /** Second key of the lock taken to clear alarms of deleted rules. */
    private static final int ORPHANS = 0;

    private final RuleStore rules;
    private final AlarmStore alarms;
    private final AlarmEvents events;
    private final WebhookSender webhook;
    private final Map<RuleKind, Check> checks = new EnumMap<>(RuleKind.class);
    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final AlarmProperties props;
    private final Clock clock;
    private final AtomicBoolean nudged = new AtomicBoolean();
    private volatile ScheduledExecutorService executor;

    public AlarmEvaluator(
            RuleStore rules,
            AlarmStore alarms,
            AlarmEvents events,
            WebhookSender webhook,
            List<Check> checks,
            JdbcTemplate jdbc,
            TransactionTemplate tx,
            AlarmProperties props,
            Clock clock) {
        this.rules = rules;
        this.alarms = alarms;
        this.events = events;
        this.webhook = webhook;
        for (Check c : checks) this.checks.put(c.kind(), c);
        for (RuleKind k : RuleKind.values()) {
            if (!this.checks.containsKey(k)) throw new IllegalStateException("no check for rule kind " + k);
        }
        this.jdbc = jdbc;
        this.tx = tx;
        this.props = props;
        this.clock = clock;
    }

    @Override
    public void start() {
        if (!props.enabled()) {
            log.info("alarm evaluation disabled (dx.ingest.alarms.enabled=false)");
            return;
        }
        ScheduledExecutorService e = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("alarm-evaluator").daemon().factory());
        long every = props.evaluateEvery().toMillis();
        e.scheduleWithFixedDelay(this::evaluateQuietly, every, every, TimeUnit.MILLISECONDS);
        executor = e;
    }

    @Override
    public void stop() {
        ScheduledExecutorService e = executor;
        executor = null;
        if (e == null) return;
        e.shutdownNow();
        try {
            e.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return executor != null;
    }

    /** Asks for an evaluation soon (readings were committed); runs that are already asked for absorb it. */
    void nudge() {
        ScheduledExecutorService e = executor;
        if (e == null || props.afterBatchDelay().isZero() || !nudged.compareAndSet(false, true)) return;
        try {
            e.schedule(
                    () -> {
                        nudged.set(false);
                        evaluateQuietly();
                    },
                    props.afterBatchDelay().toMillis(),
                    TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.RejectedExecutionException stopping) {
            nudged.set(false);
        }
    }

    private void evaluateQuietly() {
        try {
            evaluateAll();
        } catch (RuntimeException e) {
            log.error("alarm evaluation failed: {}", e.toString());
        }
    }

    /** Evaluates every rule once; returns how many alarms were raised or cleared. */
    public int evaluateAll() {
        int changes = 0;
        for (AlarmRule rule : rules.all()) {
            try {
                Integer n = tx.execute(status -> evaluate(rule.id()));
                changes += n == null ? 0 : n;
            } catch (RuntimeException e) {
                log.error("evaluating alarm rule {} failed: {}", rule.id(), e.toString());
            }
        }
        Integer n = tx.execute(status -> {
            if (!tryLock(ORPHANS)) return 0;
            Instant now = clock.instant();
            List<AlarmView> cleared = alarms.clearOrphans(now);
            cleared.forEach(a -> events.cleared(a, now));
            return cleared.size();
        });
        changes += n == null ? 0 : n;
        if (changes > 0) webhook.wake();
        return changes;
    }

    /** One rule, in the caller's transaction; 0 when another instance is evaluating it. */
    private int evaluate(long ruleId) {
        if (!tryLock((int) ruleId)) return 0;
        AlarmRule rule = rules.find(ruleId).orElse(null);
        if (rule == null) return 0; // deleted meanwhile; its alarms were cleared with it
        Instant now = clock.instant();
        int changes = 0;
        if (!rule.enabled()) {
            for (AlarmView a : alarms.clearRule(ruleId, "rule disabled", now)) {
                events.cleared(a, now);
                changes++;
            }
            rules.evaluated(ruleId, now);
            return changes;
        }
        Map<AlarmKey, AlarmStore.Open> open = alarms.open(ruleId);
        List<Finding> findings =
                checks.get(rule.kind()).evaluate(rule, Map.copyOf(open).keySet(), now);
        for (Finding f : findings) {
            AlarmStore.Open a = open.remove(f.key());
            if (a == null) {
                if (f.level() == Finding.Level.RAISE) {
                    var raised = alarms.raise(rule, f, now);
                    if (raised.isPresent()) {
                        events.raised(raised.get(), now);
                        changes++;
                    }
                }
            } else if (f.level() == Finding.Level.CLEAR) {
                var cleared = alarms.clear(a.id(), f.values(), f.message(), now);
                if (cleared.isPresent()) {
                    events.cleared(cleared.get(), now);
                    changes++;
                }
            } else {
                alarms.hold(a, f, now);
            }
        }
        for (AlarmStore.Open gone : open.values()) {
            var cleared = alarms.clear(gone.id(), null, "no longer in the rule's scope", now);
            if (cleared.isPresent()) {
                events.cleared(cleared.get(), now);
                changes++;
            }
        }
        rules.evaluated(ruleId, now);
        return changes;
    }

    private boolean tryLock(int key) {
        return Boolean.TRUE.equals(
                jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(?, ?)", Boolean.class, LOCK_CLASS, key));
    }
}

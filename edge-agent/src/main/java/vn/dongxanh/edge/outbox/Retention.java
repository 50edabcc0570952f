package vn.dongxanh.edge.outbox;

import java.sql.SQLException;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dongxanh.edge.config.AgentConfig;

/**
 * Keeps the outbox within its disk budget during a long outage (documented in
 * CONFIGURATION.md): raw readings are kept for {@code raw-days}; older ones, and the oldest
 * ones beyond {@code max-readings}, become hourly means. Nothing is dropped silently: each
 * compaction is logged and counted in the gateway's health report.
 */
public final class Retention implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Retention.class);

    private final Outbox outbox;
    private final AgentConfig.Outbox settings;
    private final Clock clock;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("outbox-retention").daemon(true).factory());
    private final AtomicLong compacted = new AtomicLong();

    public Retention(Outbox outbox, AgentConfig.Outbox settings, Clock clock) {
        this.outbox = outbox;
        this.settings = settings;
        this.clock = clock;
        timer.scheduleWithFixedDelay(this::check, 1, 60, TimeUnit.SECONDS);
        // Sent readings are kept for the redelivery window; the first purge waits a full window
        // after start, since that is when the field broker redelivers what was left unacknowledged.
        long window = settings.redeliveryWindow().toMillis();
        timer.scheduleWithFixedDelay(this::forgetSent, window, Math.max(1000, window / 6), TimeUnit.MILLISECONDS);
    }

    /** One pass of the policy; public so that tests and a shutdown can run it. */
    public synchronized void check() {
        try {
            report(outbox.compact(clock.instant().minus(settings.rawDays())), "older than " + settings.rawDays());
            long pending = outbox.backlog().readings();
            if (pending > settings.maxReadings()) {
                long excess = pending - settings.maxReadings() * 9 / 10;
                var cutoff = outbox.timeOfOldest(excess);
                if (cutoff.isPresent()) {
                    report(outbox.compact(cutoff.get().plusMillis(1)), "beyond max-readings " + settings.maxReadings());
                }
            }
        } catch (SQLException | RuntimeException e) {
            log.error("outbox retention check failed: {}", e.toString());
        }
    }

    private void forgetSent() {
        try {
            outbox.forgetSent(clock.instant().minus(settings.redeliveryWindow()));
        } catch (SQLException | RuntimeException e) {
            log.error("outbox: forgetting sent readings failed: {}", e.toString());
        }
    }

    private void report(Outbox.Compaction c, String why) {
        if (c.rawReadings() == 0) return;
        compacted.addAndGet(c.rawReadings());
        log.warn(
                "outbox over budget ({}): {} raw readings from {} to {} replaced by {} hourly means",
                why,
                c.rawReadings(),
                c.from().orElseThrow(),
                c.until().orElseThrow(),
                c.rollups());
    }

    /** Raw readings replaced by hourly means since the agent started. */
    public long readingsCompacted() {
        return compacted.get();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}

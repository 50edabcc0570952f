package vn.dongxanh.ingest.schema;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import vn.dongxanh.ingest.rollup.RollupProperties;

/**
 * Deletes data past its retention, on start and every {@code check-every}. Raw readings go a
 * whole partition at a time (a partition goes once its upper bound is older than {@code raw}),
 * plus the old rows that ended up in the DEFAULT partition; on TimescaleDB, {@code drop_chunks}.
 * Rollup rows older than their retention are deleted. One instance at a time (advisory lock).
 */
@Component
public class RetentionJob implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);
    /** Advisory lock key of the job ("retain" in ASCII). */
    static final long LOCK = 0x72657461696eL;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final RetentionProperties props;
    private final PartitionProperties partitionProps;
    private final PartitionMaintainer partitions;
    private final TaskScheduler scheduler;
    private final Clock clock;
    private volatile ScheduledFuture<?> task;

    /** What one run removed. */
    public record Result(
            List<String> droppedPartitions, long defaultRowsDeleted, long hourlyDeleted, long dailyDeleted) {}

    public RetentionJob(
            JdbcTemplate jdbc,
            TransactionTemplate tx,
            RetentionProperties props,
            PartitionProperties partitionProps,
            PartitionMaintainer partitions,
            RollupProperties rollup,
            TaskScheduler scheduler,
            Clock clock) {
        if (rollup.timescaleRefreshWindow().compareTo(props.raw()) >= 0) {
            // a continuous-aggregate refresh over dropped raw chunks would empty the rollups there
            throw new IllegalArgumentException("dx.ingest.rollup.timescale-refresh-window ("
                    + rollup.timescaleRefreshWindow() + ") must be shorter than dx.ingest.retention.raw ("
                    + props.raw() + ")");
        }
        Duration kept = partitionProps.interval().multipliedBy(partitionProps.behind() + 1L);
        if (props.raw().compareTo(kept) < 0) {
            // the maintainer would re-create what retention drops
            throw new IllegalArgumentException("dx.ingest.retention.raw (" + props.raw() + ") must cover the "
                    + (partitionProps.behind() + 1) + " partitions the maintainer keeps behind (" + kept + ")");
        }
        this.jdbc = jdbc;
        this.tx = tx;
        this.props = props;
        this.partitionProps = partitionProps;
        this.partitions = partitions;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    @Override
    public void start() {
        task = scheduler.scheduleWithFixedDelay(this::runQuietly, props.checkEvery());
    }

    @Override
    public void stop() {
        ScheduledFuture<?> t = task;
        if (t != null) t.cancel(false);
        task = null;
    }

    @Override
    public boolean isRunning() {
        return task != null;
    }

    @Override
    public int getPhase() {
        return PartitionMaintainer.PHASE;
    }

    private void runQuietly() {
        try {
            Result r = run();
            if (!r.droppedPartitions().isEmpty() || r.defaultRowsDeleted() + r.hourlyDeleted() + r.dailyDeleted() > 0) {
                log.info("retention: {}", r);
            }
        } catch (RuntimeException e) {
            log.error("retention failed; trying again in {}: {}", props.checkEvery(), e.toString());
        }
    }

    /** One pass; an empty result when another instance holds the job. */
    public Result run() {
        Instant now = clock.instant();
        return tx.execute(status -> {
            if (!Boolean.TRUE.equals(jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(?)", Boolean.class, LOCK))) {
                return new Result(List.of(), 0, 0, 0);
            }
            OffsetDateTime rawCutoff = utc(now.minus(props.raw()));
            var dropped = new ArrayList<String>();
            long defaults = 0;
            if (partitions.layout() == StorageLayout.NATIVE_PARTITIONS) {
                List<String> old = jdbc.queryForList(
                        "SELECT c.relname::text FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                                + " WHERE i.inhparent = 'reading'::regclass AND c.relname <> 'reading_default'"
                                + " AND (regexp_match(pg_get_expr(c.relpartbound, c.oid), 'TO \\(''([^'']+)''\\)'))[1]"
                                + "::timestamptz <= ? ORDER BY 1",
                        String.class,
                        rawCutoff);
                // dropping a partition locks the whole table a moment: writers wait, not for long
                if (!old.isEmpty()) {
                    jdbc.execute("SET LOCAL lock_timeout = '"
                            + partitionProps.lockTimeout().toMillis() + "ms'");
                }
                for (String name : old) {
                    jdbc.execute("DROP TABLE " + name);
                    dropped.add(name);
                }
                defaults = jdbc.update("DELETE FROM reading_default WHERE time < ?", rawCutoff);
                jdbc.update("DELETE FROM rollup_dirty WHERE hour < ?", rawCutoff);
                jdbc.update("DELETE FROM rollup_claimed WHERE hour < ?", rawCutoff);
            } else {
                dropped.addAll(jdbc.queryForList(
                        "SELECT drop_chunks('reading', older_than => ?::timestamptz)::text", String.class, rawCutoff));
            }
            long hourly = props.hourly().isZero() ? 0 : deleteRollups("reading_hourly", utc(now.minus(props.hourly())));
            long daily = props.daily().isZero() ? 0 : deleteRollups("reading_daily", utc(now.minus(props.daily())));
            return new Result(List.copyOf(dropped), defaults, hourly, daily);
        });
    }

    private long deleteRollups(String table, OffsetDateTime cutoff) {
        if (partitions.layout() == StorageLayout.NATIVE_PARTITIONS) {
            return jdbc.update("DELETE FROM " + table + " WHERE bucket < ?", cutoff);
        }
        return jdbc.queryForList(
                        "SELECT drop_chunks(?::regclass, older_than => ?::timestamptz)::text",
                        String.class,
                        table,
                        cutoff)
                .size();
    }

    private static OffsetDateTime utc(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }
}

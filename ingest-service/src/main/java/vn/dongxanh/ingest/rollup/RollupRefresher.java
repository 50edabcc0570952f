package vn.dongxanh.ingest.rollup;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import vn.dongxanh.ingest.schema.PartitionMaintainer;
import vn.dongxanh.ingest.schema.RetentionProperties;
import vn.dongxanh.ingest.schema.StorageLayout;

/**
 * The plain-PostgreSQL rollup job: every {@code refresh-every} it claims dirty (series, hour) marks
 * of hours that ended at least {@code settle} ago (a short transaction that also bumps the marks'
 * generation, see {@link RollupMarks}), then, {@code batch-size} at a time, recomputes those hourly
 * rows from the raw readings and the daily rows of their days from the hourly rows, deleting the
 * claims in the same transaction (a crash leaves them claimed for the next run). One instance at a time (advisory lock). Marks older than
 * the raw retention are dropped unused: their raw readings are (being) deleted, and recomputing
 * from what is left would shrink a complete rollup.
 */
@Component
public class RollupRefresher implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(RollupRefresher.class);
    /** Advisory lock key of the job ("rollups" in ASCII). */
    static final long LOCK = 0x726f6c6c757073L;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final RollupProperties props;
    private final RetentionProperties retention;
    private final PartitionMaintainer partitions;
    private final TaskScheduler scheduler;
    private final Clock clock;
    private volatile ScheduledFuture<?> task;

    public RollupRefresher(
            JdbcTemplate jdbc,
            TransactionTemplate tx,
            RollupProperties props,
            RetentionProperties retention,
            PartitionMaintainer partitions,
            TaskScheduler scheduler,
            Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.props = props;
        this.retention = retention;
        this.partitions = partitions;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    @Override
    public void start() {
        if (partitions.layout() != StorageLayout.NATIVE_PARTITIONS) {
            log.info("rollups are TimescaleDB continuous aggregates: no rollup job");
            return;
        }
        task = scheduler.scheduleWithFixedDelay(this::refreshQuietly, props.refreshEvery());
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

    private void refreshQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            log.error("rollup refresh failed; marks stay for the next run: {}", e.toString());
        }
    }

    /** Recomputes until no marks are left (or another instance holds the job); returns the hours recomputed. */
    public int refresh() {
        int total = 0;
        while (true) {
            Integer n = tx.execute(status -> recomputeClaimed());
            if (n == null || n < 0) return total;
            if (n == 0) {
                Integer claimed = tx.execute(status -> claim());
                if (claimed == null || claimed <= 0) return total;
                continue;
            }
            total += n;
        }
    }

    /**
     * Moves up to {@code batch-size} settled marks to {@code rollup_claimed} after bumping the
     * generation, which waits for the writers that may have skipped one of them (RollupMarks);
     * -1 when another instance is running the job. Kept short: new writers wait for its commit.
     */
    private int claim() {
        if (!locked()) return -1;
        Instant now = clock.instant();
        jdbc.update(
                "DELETE FROM rollup_dirty WHERE hour < ?",
                now.minus(retention.raw()).atOffset(ZoneOffset.UTC));
        jdbc.update("UPDATE rollup_generation SET generation = generation + 1");
        return jdbc.update(
                "WITH taken AS (DELETE FROM rollup_dirty d USING (SELECT series_id, hour FROM rollup_dirty"
                        + " WHERE hour <= ? ORDER BY hour, series_id LIMIT ? FOR UPDATE SKIP LOCKED) s"
                        + " WHERE d.series_id = s.series_id AND d.hour = s.hour RETURNING d.series_id, d.hour)"
                        + " INSERT INTO rollup_claimed (series_id, hour) SELECT series_id, hour FROM taken"
                        + " ON CONFLICT DO NOTHING",
                now.minus(Duration.ofHours(1)).minus(props.settle()).atOffset(ZoneOffset.UTC),
                props.batchSize());
    }

    /** Recomputes up to {@code batch-size} claimed marks; -1 when another instance is running the job. */
    private int recomputeClaimed() {
        if (!locked()) return -1;
        Instant cutoff = clock.instant().minus(retention.raw());
        jdbc.update("DELETE FROM rollup_claimed WHERE hour < ?", cutoff.atOffset(ZoneOffset.UTC));
        record Mark(int seriesId, OffsetDateTime hour) {}
        List<Mark> marks = jdbc.query(
                "DELETE FROM rollup_claimed d USING (SELECT series_id, hour FROM rollup_claimed ORDER BY hour,"
                        + " series_id LIMIT ? FOR UPDATE SKIP LOCKED) s WHERE d.series_id = s.series_id"
                        + " AND d.hour = s.hour RETURNING d.series_id, d.hour",
                (rs, i) -> new Mark(rs.getInt(1), rs.getObject(2, OffsetDateTime.class)),
                props.batchSize());
        if (marks.isEmpty()) return 0;
        Integer[] ids = marks.stream().map(Mark::seriesId).toArray(Integer[]::new);
        Long[] hours = marks.stream().map(m -> m.hour().toEpochSecond()).toArray(Long[]::new);
        String zone = props.zone().getId();
        String marked = "unnest(?::int4[], ?::int8[]) AS m(series_id, hour_s)";
        update(
                "DELETE FROM reading_hourly h USING " + marked
                        + " WHERE h.series_id = m.series_id AND h.bucket = to_timestamp(m.hour_s)",
                ids,
                hours,
                null);
        update(
                "INSERT INTO reading_hourly (series_id, bucket, count, sum, min, max, last, last_time)"
                        + " SELECT r.series_id, to_timestamp(m.hour_s), count(*), sum(r.value), min(r.value),"
                        + " max(r.value), (array_agg(r.value ORDER BY r.time DESC, r.value DESC))[1], max(r.time)"
                        + " FROM " + marked + " JOIN reading r ON r.series_id = m.series_id"
                        + " AND r.time >= to_timestamp(m.hour_s) AND r.time < to_timestamp(m.hour_s) + interval '1 hour'"
                        + " GROUP BY r.series_id, m.hour_s",
                ids,
                hours,
                null);
        // the local days of the marked hours, rebuilt from their (now current) hourly rows
        String days = "(SELECT DISTINCT m.series_id, date_trunc('day', to_timestamp(m.hour_s), ?) AS day FROM " + marked
                + ") d";
        update(
                "DELETE FROM reading_daily x USING " + days + " WHERE x.series_id = d.series_id AND x.bucket = d.day",
                ids,
                hours,
                zone);
        update(
                "INSERT INTO reading_daily (series_id, bucket, count, sum, min, max, last, last_time)"
                        + " SELECT h.series_id, d.day, sum(h.count), sum(h.sum), min(h.min), max(h.max),"
                        + " (array_agg(h.last ORDER BY h.last_time DESC, h.last DESC))[1], max(h.last_time)"
                        + " FROM " + days + " JOIN reading_hourly h ON h.series_id = d.series_id AND h.bucket >= d.day"
                        + " AND h.bucket < (d.day AT TIME ZONE ? + interval '1 day') AT TIME ZONE ?"
                        + " GROUP BY h.series_id, d.day",
                ids,
                hours,
                zone);
        return marks.size();
    }

    private boolean locked() {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT pg_try_advisory_xact_lock(?)", Boolean.class, LOCK));
    }

    /** Runs {@code sql} whose placeholders are: [zone,] series ids, hour epochs[, zone, zone]. */
    private void update(String sql, Integer[] ids, Long[] hours, String zone) {
        jdbc.update(con -> {
            PreparedStatement ps = con.prepareStatement(sql);
            Array a = con.createArrayOf("int4", ids);
            Array b = con.createArrayOf("int8", hours);
            int i = 1;
            if (zone != null) ps.setString(i++, zone);
            ps.setArray(i++, a);
            ps.setArray(i++, b);
            if (zone != null && sql.contains("AT TIME ZONE")) {
                ps.setString(i++, zone);
                ps.setString(i, zone);
            }
            return ps;
        });
    }
}

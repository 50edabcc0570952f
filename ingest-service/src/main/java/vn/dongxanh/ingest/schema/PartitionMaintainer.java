package vn.dongxanh.ingest.schema;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps time partitions of {@code reading} ready from {@code behind} intervals before now to
 * {@code ahead} intervals after, on start and then every {@code check-every}. Rows that already
 * went to the DEFAULT partition for a range are moved into the new partition when it is made.
 * Does nothing when {@code reading} is a TimescaleDB hypertable. Safe to run from several
 * instances at once: the work happens under a table lock and re-checks what exists.
 */
@Component
public class PartitionMaintainer implements SmartLifecycle {
    /** Starts before the telemetry writer so the first readings find their partitions. */
    public static final int PHASE = 0;

    private static final Logger log = LoggerFactory.getLogger(PartitionMaintainer.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final PartitionProperties props;
    private final TaskScheduler scheduler;
    private final Clock clock;
    private volatile StorageLayout layout;
    private volatile ScheduledFuture<?> task;

    public PartitionMaintainer(
            JdbcTemplate jdbc,
            TransactionTemplate tx,
            PartitionProperties props,
            TaskScheduler scheduler,
            Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.props = props;
        this.scheduler = scheduler;
        this.clock = clock;
    }

    @Override
    public void start() {
        layout = detectLayout();
        if (layout == StorageLayout.TIMESCALE_HYPERTABLE) {
            log.info("reading is a TimescaleDB hypertable: no partitions to maintain");
        } else {
            maintainQuietly();
        }
        task = scheduler.scheduleWithFixedDelay(
                this::maintainQuietly, clock.instant().plus(props.checkEvery()), props.checkEvery());
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
        return PHASE;
    }

    /** The layout the migration chose. */
    public StorageLayout layout() {
        StorageLayout l = layout;
        return l != null ? l : detectLayout();
    }

    private StorageLayout detectLayout() {
        String kind = jdbc.queryForObject(
                "SELECT relkind::text FROM pg_class WHERE oid = to_regclass('reading')", String.class);
        return "p".equals(kind) ? StorageLayout.NATIVE_PARTITIONS : StorageLayout.TIMESCALE_HYPERTABLE;
    }

    private void maintainQuietly() {
        try {
            if (layout() == StorageLayout.NATIVE_PARTITIONS) maintain();
        } catch (RuntimeException e) {
            // the next run tries again; writes meanwhile land in the DEFAULT partition
            log.error("partition maintenance failed: {}", e.toString());
        }
    }

    /** Ensures the partitions around now exist; returns the names it created. */
    public List<String> maintain() {
        Instant now = clock.instant();
        Instant from = now.minus(props.interval().multipliedBy(props.behind()));
        Instant to = now.plus(props.interval().multipliedBy(props.ahead()));
        return ensure(from, to);
    }

    /** Ensures a partition exists for every slot from the one holding {@code from} to the one holding {@code to}. */
    public List<String> ensure(Instant from, Instant to) {
        if (layout() != StorageLayout.NATIVE_PARTITIONS) return List.of();
        var created = new ArrayList<String>();
        for (Instant start = props.slotStart(from); !start.isAfter(to); start = start.plus(props.interval())) {
            String name = props.partitionName(start);
            if (exists(name)) continue;
            try {
                if (create(name, start, start.plus(props.interval()))) created.add(name);
            } catch (DataAccessException e) {
                // e.g. an older partition of another width overlaps this range: leave it to DEFAULT
                log.warn(
                        "could not create partition {}: {}",
                        name,
                        e.getMostSpecificCause().getMessage());
            }
        }
        if (!created.isEmpty()) log.info("created partitions {}", created);
        return created;
    }

    private boolean exists(String name) {
        return Boolean.TRUE.equals(jdbc.queryForObject("SELECT to_regclass(?) IS NOT NULL", Boolean.class, name));
    }

    private boolean create(String name, Instant start, Instant end) {
        return Boolean.TRUE.equals(tx.execute(status -> {
            jdbc.execute("SET LOCAL lock_timeout = '" + props.lockTimeout().toMillis() + "ms'");
            // one lock for the whole change: writers wait a moment, no one sees a half-made partition
            jdbc.execute("LOCK TABLE reading IN ACCESS EXCLUSIVE MODE");
            if (exists(name)) return false;
            OffsetDateTime lo = start.atOffset(ZoneOffset.UTC);
            OffsetDateTime hi = end.atOffset(ZoneOffset.UTC);
            String bounds = "FOR VALUES FROM ('" + start + "') TO ('" + end + "')";
            Boolean early = jdbc.queryForObject(
                    "SELECT EXISTS (SELECT 1 FROM reading_default WHERE time >= ? AND time < ?)",
                    Boolean.class,
                    lo,
                    hi);
            if (!Boolean.TRUE.equals(early)) {
                jdbc.execute("CREATE TABLE " + name + " PARTITION OF reading " + bounds);
                return true;
            }
            // Rows for this range already sit in DEFAULT, which blocks CREATE ... PARTITION OF:
            // build the table aside, move them over, then attach.
            jdbc.execute("CREATE TABLE " + name + " (LIKE reading INCLUDING DEFAULTS INCLUDING CONSTRAINTS)");
            int moved = jdbc.update(
                    "WITH moved AS (DELETE FROM reading_default WHERE time >= ? AND time < ?"
                            + " RETURNING time, series_id, value)"
                            + " INSERT INTO " + name + " (time, series_id, value)"
                            + " SELECT time, series_id, value FROM moved",
                    lo,
                    hi);
            jdbc.execute("ALTER TABLE reading ATTACH PARTITION " + name + " " + bounds);
            log.info("moved {} reading(s) from reading_default into {}", moved, name);
            return true;
        }));
    }
}

package vn.dongxanh.ingest.rollup;

import java.sql.Array;
import java.sql.PreparedStatement;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import vn.dongxanh.contract.telemetry.Reading;
import vn.dongxanh.ingest.schema.PartitionMaintainer;
import vn.dongxanh.ingest.schema.StorageLayout;
import vn.dongxanh.ingest.telemetry.ReadingListener;
import vn.dongxanh.ingest.telemetry.SeriesIds;

/**
 * Marks the (series, UTC hour) pairs a batch wrote to as dirty, in the batch's own transaction, so
 * late data and new readings of any age are never missed. Nothing to do with TimescaleDB, whose
 * continuous aggregates follow by themselves.
 *
 * <p>Writing every mark of every transaction cost more than the readings themselves (thousands of
 * series per transaction), so a mark this writer committed in the current rollup generation is not
 * written again. That is safe because the generation row is read {@code FOR SHARE}: the rollup job
 * bumps it before taking marks, which waits for every transaction that read the old generation —
 * their readings are committed before any mark they relied on is recomputed (see V6 migration).
 */
@Component
class RollupMarks implements ReadingListener {
    private record Mark(int seriesId, long hourSecond) {}

    private static final Comparator<Mark> ORDER =
            Comparator.comparingInt(Mark::seriesId).thenComparingLong(Mark::hourSecond);
    /** Bounds the memory of marks known (a long backlog touches many hours); forgetting only costs a rewrite. */
    private static final int MAX_KNOWN = 1_000_000;

    private final JdbcTemplate jdbc;
    private final PartitionMaintainer partitions;
    private final Set<Mark> known = new HashSet<>();
    private long knownGeneration = -1;

    RollupMarks(JdbcTemplate jdbc, PartitionMaintainer partitions) {
        this.jdbc = jdbc;
        this.partitions = partitions;
    }

    @Override
    public void written(List<Reading> readings, Map<SeriesIds.Key, Integer> seriesIds) {
        if (partitions.layout() != StorageLayout.NATIVE_PARTITIONS) return;
        long generation = jdbc.queryForObject("SELECT generation FROM rollup_generation FOR SHARE", Long.class);
        var fresh = new TreeSet<>(ORDER); // sorted: concurrent writers insert the same keys in the same order
        synchronized (this) {
            if (generation != knownGeneration) known.clear();
            for (Reading r : readings) {
                var m = new Mark(
                        seriesIds.get(new SeriesIds.Key(r.deviceId(), r.metric())),
                        r.time().truncatedTo(ChronoUnit.HOURS).getEpochSecond());
                if (!known.contains(m)) fresh.add(m);
            }
        }
        if (fresh.isEmpty()) return;
        Integer[] ids = fresh.stream().map(Mark::seriesId).toArray(Integer[]::new);
        Long[] hours = fresh.stream().map(Mark::hourSecond).toArray(Long[]::new);
        jdbc.update(con -> {
            PreparedStatement ps = con.prepareStatement("INSERT INTO rollup_dirty (series_id, hour)"
                    + " SELECT id, to_timestamp(h) FROM unnest(?::int4[], ?::int8[]) AS m(id, h)"
                    + " ON CONFLICT (series_id, hour) DO NOTHING");
            Array a = con.createArrayOf("int4", ids);
            Array b = con.createArrayOf("int8", hours);
            ps.setArray(1, a);
            ps.setArray(2, b);
            return ps;
        });
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    remember(generation, fresh);
                }
            });
        }
    }

    /** Marks whose transaction committed in {@code generation}; a rolled-back mark is never remembered. */
    private synchronized void remember(long generation, Set<Mark> committed) {
        if (generation < knownGeneration) return;
        if (generation > knownGeneration || known.size() + committed.size() > MAX_KNOWN) {
            known.clear();
            knownGeneration = generation;
        }
        known.addAll(committed);
    }
}

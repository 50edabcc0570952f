package vn.dongxanh.ingest.rollup;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import vn.dongxanh.contract.telemetry.Reading;
import vn.dongxanh.ingest.schema.PartitionMaintainer;
import vn.dongxanh.ingest.schema.StorageLayout;
import vn.dongxanh.ingest.telemetry.ReadingListener;

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
    /** Bounds the memory of marks known (a long backlog touches many hours); forgetting only costs a rewrite. */
    private static final int MAX_KNOWN = 1_000_000;

    private final JdbcTemplate jdbc;
    private final PartitionMaintainer partitions;
    /** Marks committed in {@link #knownGeneration}, as {@link #key}s. */
    private final Set<Long> known = new HashSet<>();

    private long knownGeneration = -1;

    RollupMarks(JdbcTemplate jdbc, PartitionMaintainer partitions) {
        this.jdbc = jdbc;
        this.partitions = partitions;
    }

    /** A mark as one number, ordered by series then hour (hours since the epoch fit in 32 bits until 2460). */
    private static long key(int seriesId, Instant time) {
        return ((long) seriesId << 32) | Math.floorDiv(time.getEpochSecond(), 3600);
    }

    @Override
    public void written(List<Reading> readings, int[] seriesIds) {
        if (partitions.layout() != StorageLayout.NATIVE_PARTITIONS) return;
        long generation = jdbc.queryForObject("SELECT generation FROM rollup_generation FOR SHARE", Long.class);
        long[] keys = new long[seriesIds.length];
        for (int i = 0; i < keys.length; i++)
            keys[i] = key(seriesIds[i], readings.get(i).time());
        // sorted: concurrent writers insert the same keys in the same order
        long[] fresh = LongStream.of(keys).sorted().distinct().toArray();
        synchronized (this) {
            if (generation != knownGeneration) known.clear();
            fresh = LongStream.of(fresh).filter(k -> !known.contains(k)).toArray();
        }
        if (fresh.length == 0) return;
        Integer[] ids = new Integer[fresh.length];
        Long[] hours = new Long[fresh.length];
        for (int i = 0; i < fresh.length; i++) {
            ids[i] = (int) (fresh[i] >>> 32);
            hours[i] = (fresh[i] & 0xFFFF_FFFFL) * 3600;
        }
        jdbc.update(con -> {
            PreparedStatement ps = con.prepareStatement("INSERT INTO rollup_dirty (series_id, hour)"
                    + " SELECT id, to_timestamp(h) FROM unnest(?::int4[], ?::int8[]) AS m(id, h)"
                    + " ON CONFLICT (series_id, hour) DO NOTHING");
            ps.setArray(1, con.createArrayOf("int4", ids));
            ps.setArray(2, con.createArrayOf("int8", hours));
            return ps;
        });
        long[] written = fresh;
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    remember(generation, written);
                }
            });
        }
    }

    /** Marks whose transaction committed in {@code generation}; a rolled-back mark is never remembered. */
    private synchronized void remember(long generation, long[] committed) {
        if (generation < knownGeneration) return;
        if (generation > knownGeneration || known.size() + committed.length > MAX_KNOWN) {
            known.clear();
            knownGeneration = generation;
        }
        for (long k : committed) known.add(k);
    }
}

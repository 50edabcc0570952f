package vn.dongxanh.bench.outbox;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import vn.dongxanh.contract.telemetry.Reading;

/** Plain sqlite-jdbc insert loops into an outbox-shaped table on the same disk. */
final class SqliteBaselines {
    private SqliteBaselines() {}

    /** A measured insert loop: how many readings were stored, in how long. */
    record Run(long readings, double seconds) {
        double perSecond() {
            return readings / seconds;
        }
    }

    /** What a quick integration does: one INSERT per reading, each its own (synced) transaction. */
    static Run autocommit(Path file, String synchronous, List<Reading> readings) throws SQLException {
        try (Connection db = OutboxTable.open(file, synchronous);
                PreparedStatement ps = db.prepareStatement(OutboxTable.insert())) {
            db.setAutoCommit(true);
            long t0 = System.nanoTime();
            for (Reading r : readings) {
                bind(ps, r);
                ps.executeUpdate();
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            return checked(db, readings.size(), seconds);
        }
    }

    /** The ceiling: every reading in one batched statement and one transaction. */
    static Run singleTransaction(Path file, String synchronous, List<Reading> readings) throws SQLException {
        try (Connection db = OutboxTable.open(file, synchronous);
                PreparedStatement ps = db.prepareStatement(OutboxTable.insert())) {
            db.setAutoCommit(false);
            long t0 = System.nanoTime();
            int pending = 0;
            for (Reading r : readings) {
                bind(ps, r);
                ps.addBatch();
                if (++pending == 10_000) {
                    ps.executeBatch();
                    pending = 0;
                }
            }
            ps.executeBatch();
            db.commit();
            double seconds = (System.nanoTime() - t0) / 1e9;
            return checked(db, readings.size(), seconds);
        }
    }

    private static void bind(PreparedStatement ps, Reading r) throws SQLException {
        ps.setString(1, r.deviceId());
        ps.setString(2, r.metric().wireName());
        ps.setLong(3, r.time().toEpochMilli());
        ps.setDouble(4, r.value());
    }

    /** A baseline that lost readings would flatter nothing: refuse it. */
    private static Run checked(Connection db, long expected, double seconds) throws SQLException {
        db.setAutoCommit(true);
        long stored = OutboxTable.count(db);
        if (stored != expected) {
            throw new IllegalStateException("baseline stored " + stored + " of " + expected + " readings");
        }
        return new Run(stored, seconds);
    }
}

package vn.dongxanh.edge.outbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import vn.dongxanh.contract.telemetry.Metric;
import vn.dongxanh.contract.telemetry.Reading;

/**
 * The gateway's durable store-and-forward queue, in SQLite (WAL). Readings are appended, later
 * sealed into a numbered batch, and deleted only when the cloud broker has acknowledged that
 * batch. Sealing is durable too, so after a crash a batch is resent with the same sequence
 * number and the same readings — which is what lets the cloud drop it as a duplicate.
 *
 * <p>Thread-safe: one connection, every operation under the object's lock.
 */
public final class Outbox implements AutoCloseable {
    private final Connection db;
    private final Clock clock;

    /** A sealed batch awaiting the cloud's acknowledgement. */
    public record SealedBatch(long sequence, List<Reading> readings) {}

    /** What is waiting to go up. */
    public record Backlog(long readings, long batches, Optional<Instant> oldest) {}

    public Outbox(Path file, String synchronous, Clock clock) throws SQLException {
        this.clock = clock;
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
        } catch (java.io.IOException e) {
            throw new SQLException("cannot create folder for " + file + ": " + e.getMessage(), e);
        }
        db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try (var s = db.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=" + synchronous);
            s.execute("PRAGMA busy_timeout=5000");
            s.execute("""
                    CREATE TABLE IF NOT EXISTS reading(
                      id INTEGER PRIMARY KEY AUTOINCREMENT,
                      device TEXT NOT NULL, metric TEXT NOT NULL, time_ms INTEGER NOT NULL, value REAL NOT NULL,
                      batch_seq INTEGER, sent_ms INTEGER)""");
            s.execute("CREATE INDEX IF NOT EXISTS reading_sent ON reading(sent_ms) WHERE sent_ms IS NOT NULL");
            s.execute("CREATE INDEX IF NOT EXISTS reading_batch ON reading(batch_seq, id)");
            // A device message redelivered by the field broker (stored, then the gateway died
            // before acknowledging it) must not become a second reading.
            s.execute("CREATE UNIQUE INDEX IF NOT EXISTS reading_once ON reading(device, metric, time_ms)");
            s.execute("CREATE TABLE IF NOT EXISTS batch(seq INTEGER PRIMARY KEY, sealed_ms INTEGER NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value INTEGER NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS event(id INTEGER PRIMARY KEY AUTOINCREMENT, payload BLOB NOT NULL)");
            s.execute("CREATE TABLE IF NOT EXISTS request_seen(id TEXT PRIMARY KEY, seen_ms INTEGER NOT NULL)");
            // until_ms: the end of the request's own validity (its deadline); an id is forgotten
            // only after that, so a replay of a forgotten id is always past its deadline.
            // Stores made before this column get it here (NULL: the old rule, seen_ms only).
            boolean hasUntil = false;
            try (ResultSet cols = s.executeQuery("PRAGMA table_info(request_seen)")) {
                while (cols.next()) hasUntil |= "until_ms".equals(cols.getString("name"));
            }
            if (!hasUntil) s.execute("ALTER TABLE request_seen ADD COLUMN until_ms INTEGER");
            // A new store starts its sequence at the current epoch millisecond, so a gateway whose
            // store was lost or replaced still only moves forward and the cloud never mistakes
            // new batches for duplicates of old ones.
            s.execute("INSERT OR IGNORE INTO meta(key, value) VALUES ('next_seq', "
                    + clock.instant().toEpochMilli() + ")");
        }
        db.setAutoCommit(false);
        db.commit();
    }

    /** Appends readings in one transaction; they are durable when this returns. */
    public synchronized void append(List<Reading> readings) throws SQLException {
        try (PreparedStatement ps =
                db.prepareStatement("INSERT OR IGNORE INTO reading(device, metric, time_ms, value) VALUES (?,?,?,?)")) {
            for (Reading r : readings) {
                ps.setString(1, r.deviceId());
                ps.setString(2, r.metric().wireName());
                ps.setLong(3, r.time().toEpochMilli());
                ps.setDouble(4, r.value());
                ps.addBatch();
            }
            ps.executeBatch();
            db.commit();
        } catch (SQLException e) {
            db.rollback();
            throw e;
        }
    }

    /**
     * The next batch to send: the oldest sealed one not yet acknowledged, else a new one sealed
     * from pending readings when there are {@code max} of them or the oldest waited {@code linger}.
     */
    public synchronized Optional<SealedBatch> nextBatch(int max, Duration linger) throws SQLException {
        Optional<SealedBatch> unacked = oldestSealed();
        if (unacked.isPresent()) return unacked;
        // Look at no more than one batch's worth of pending readings, through the index: counting
        // the whole backlog on every batch would make draining a long outage quadratic.
        long firstId = -1;
        long count = 0;
        long oldestMs = Long.MAX_VALUE;
        try (PreparedStatement ps =
                db.prepareStatement("SELECT id, time_ms FROM reading WHERE batch_seq IS NULL ORDER BY id LIMIT ?")) {
            ps.setInt(1, max);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (count++ == 0) firstId = rs.getLong(1);
                    oldestMs = Math.min(oldestMs, rs.getLong(2));
                }
            }
        }
        if (count == 0) {
            db.commit();
            return Optional.empty();
        }
        boolean full = count >= max;
        boolean waited = clock.millis() - oldestMs >= linger.toMillis();
        if (!full && !waited) {
            db.commit(); // end the read, so the WAL can be checkpointed
            return Optional.empty();
        }
        try {
            long seq = nextSequence();
            try (PreparedStatement ps = db.prepareStatement(
                    "UPDATE reading SET batch_seq = ? WHERE id IN (SELECT id FROM reading WHERE batch_seq IS NULL AND id >= ? ORDER BY id LIMIT ?)")) {
                ps.setLong(1, seq);
                ps.setLong(2, firstId);
                ps.setInt(3, max);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = db.prepareStatement("INSERT INTO batch(seq, sealed_ms) VALUES (?, ?)")) {
                ps.setLong(1, seq);
                ps.setLong(2, clock.millis());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = db.prepareStatement("UPDATE meta SET value = ? WHERE key = 'next_seq'")) {
                ps.setLong(1, seq + 1);
                ps.executeUpdate();
            }
            db.commit();
            return Optional.of(new SealedBatch(seq, readingsOf(seq)));
        } catch (SQLException e) {
            db.rollback();
            throw e;
        }
    }

    /**
     * The cloud broker has the batch. Its readings stay a little longer as sent ({@link
     * #forgetSent}), so that a device message the field broker delivers again after a crash — the
     * gateway had stored it but died before acknowledging it — is still recognised, and not sent
     * up a second time under a new sequence number.
     */
    public synchronized void acknowledge(long sequence) throws SQLException {
        try (PreparedStatement r = db.prepareStatement("UPDATE reading SET sent_ms = ? WHERE batch_seq = ?");
                PreparedStatement b = db.prepareStatement("DELETE FROM batch WHERE seq = ?")) {
            r.setLong(1, clock.millis());
            r.setLong(2, sequence);
            r.executeUpdate();
            b.setLong(1, sequence);
            b.executeUpdate();
            db.commit();
        } catch (SQLException e) {
            db.rollback();
            throw e;
        }
    }

    /** Deletes readings sent before {@code before}; returns how many. */
    public synchronized int forgetSent(Instant before) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("DELETE FROM reading WHERE sent_ms < ?")) {
            ps.setLong(1, before.toEpochMilli());
            int n = ps.executeUpdate();
            db.commit();
            return n;
        } catch (SQLException e) {
            db.rollback();
            throw e;
        }
    }

    /** What a compaction did: raw readings replaced by hourly means, and the period they covered. */
    public record Compaction(long rawReadings, long rollups, Optional<Instant> from, Optional<Instant> until) {}

    /**
     * Bounds the backlog: pending numeric readings older than {@code olderThan} are replaced by
     * their hourly mean per device and metric, stamped in the middle of the hour. Valve and pump
     * states are never compacted. The caller reports what was done; nothing goes silently.
     */
    public synchronized Compaction compact(Instant olderThan) throws SQLException {
        long cutoff = olderThan.toEpochMilli();
        String numeric = "metric NOT IN ('valve', 'pump')";
        try (var s = db.createStatement()) {
            long raw;
            long from;
            long until;
            try (ResultSet rs = s.executeQuery(
                    "SELECT count(*), min(time_ms), max(time_ms) FROM reading WHERE batch_seq IS NULL AND " + numeric
                            + " AND time_ms < " + cutoff)) {
                rs.next();
                raw = rs.getLong(1);
                from = rs.getLong(2);
                until = rs.getLong(3);
            }
            if (raw == 0) return new Compaction(0, 0, Optional.empty(), Optional.empty());
            s.execute("CREATE TEMP TABLE IF NOT EXISTS rollup(device TEXT, metric TEXT, time_ms INTEGER, value REAL)");
            s.execute("DELETE FROM rollup");
            // stamped mid-hour: the mean stands for the hour, and a raw reading is never at :30:00.000 by design
            s.execute(
                    "INSERT INTO rollup SELECT device, metric, (time_ms / 3600000) * 3600000 + 1800000, avg(value) FROM reading"
                            + " WHERE batch_seq IS NULL AND " + numeric + " AND time_ms < " + cutoff
                            + " GROUP BY device, metric, time_ms / 3600000");
            s.execute("DELETE FROM reading WHERE batch_seq IS NULL AND " + numeric + " AND time_ms < " + cutoff);
            int rollups = s.executeUpdate(
                    "INSERT OR IGNORE INTO reading(device, metric, time_ms, value) SELECT device, metric, time_ms, value FROM rollup");
            db.commit();
            return new Compaction(
                    raw, rollups, Optional.of(Instant.ofEpochMilli(from)), Optional.of(Instant.ofEpochMilli(until)));
        } catch (SQLException e) {
            db.rollback();
            throw e;
        }
    }

    /** The time of the {@code n}-th oldest pending reading (1-based), to compact down to a size. */
    public synchronized Optional<Instant> timeOfOldest(long n) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement(
                "SELECT time_ms FROM reading WHERE batch_seq IS NULL ORDER BY time_ms LIMIT 1 OFFSET ?")) {
            ps.setLong(1, Math.max(0, n - 1));
            try (ResultSet rs = ps.executeQuery()) {
                Optional<Instant> t = rs.next() ? Optional.of(Instant.ofEpochMilli(rs.getLong(1))) : Optional.empty();
                db.commit();
                return t;
            }
        }
    }

    /** An event waiting to go up, in the order it was recorded. */
    public record PendingEvent(long id, byte[] payload) {}

    /** Keeps an event (already encoded) until the cloud broker has it. */
    public synchronized void appendEvent(byte[] payload) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("INSERT INTO event(payload) VALUES (?)")) {
            ps.setBytes(1, payload);
            ps.executeUpdate();
            db.commit();
        } catch (SQLException e) {
            db.rollback();
            throw e;
        }
    }

    public synchronized List<PendingEvent> nextEvents(int max) throws SQLException {
        var out = new ArrayList<PendingEvent>();
        try (PreparedStatement ps = db.prepareStatement("SELECT id, payload FROM event ORDER BY id LIMIT ?")) {
            ps.setInt(1, max);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(new PendingEvent(rs.getLong(1), rs.getBytes(2)));
            }
        }
        db.commit();
        return out;
    }

    public synchronized void acknowledgeEvent(long id) throws SQLException {
        try (PreparedStatement ps = db.prepareStatement("DELETE FROM event WHERE id = ?")) {
            ps.setLong(1, id);
            ps.executeUpdate();
            db.commit();
        } catch (SQLException e) {
            db.rollback();
            throw e;
        }
    }

    /**
     * Records a cloud request id; false when it was seen before (so it is applied at most once,
     * across restarts too). Ids older than {@code keep} are forgotten.
     */
    public synchronized boolean firstSighting(String requestId, Duration keep) throws SQLException {
        return firstSighting(requestId, null, keep);
    }

    /**
     * Records a cloud request id valid until {@code validUntil} (its deadline; null for none known,
     * {@link Instant#MAX} for never ending); false when it was seen before. An id is forgotten only
     * when both its sighting and its validity lie more than {@code keep} in the past, so a
     * forgotten id can only come back after its deadline, when it is refused as expired.
     */
    public synchronized boolean firstSighting(String requestId, Instant validUntil, Duration keep) throws SQLException {
        try (PreparedStatement purge = db.prepareStatement(
                        "DELETE FROM request_seen WHERE seen_ms < ? AND (until_ms IS NULL OR until_ms < ?)");
                PreparedStatement ps = db.prepareStatement(
                        "INSERT OR IGNORE INTO request_seen(id, seen_ms, until_ms) VALUES (?, ?, ?)")) {
            long horizon = clock.millis() - keep.toMillis();
            purge.setLong(1, horizon);
            purge.setLong(2, horizon);
            purge.executeUpdate();
            ps.setString(1, requestId);
            ps.setLong(2, clock.millis());
            if (validUntil == null) {
                ps.setNull(3, java.sql.Types.INTEGER);
            } else {
                ps.setLong(3, validUntil.isAfter(MAX_MILLIS) ? Long.MAX_VALUE : validUntil.toEpochMilli());
            }
            boolean first = ps.executeUpdate() == 1;
            db.commit();
            return first;
        } catch (SQLException e) {
            db.rollback();
            throw e;
        }
    }

    private static final Instant MAX_MILLIS = Instant.ofEpochMilli(Long.MAX_VALUE);

    public synchronized Backlog backlog() throws SQLException {
        try (var s = db.createStatement();
                ResultSet rs = s.executeQuery("SELECT count(*), min(time_ms) FROM reading WHERE sent_ms IS NULL");
                var s2 = db.createStatement();
                ResultSet b = s2.executeQuery("SELECT count(*) FROM batch")) {
            rs.next();
            b.next();
            long n = rs.getLong(1);
            Optional<Instant> oldest = n == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(rs.getLong(2)));
            db.commit();
            return new Backlog(n, b.getLong(1), oldest);
        }
    }

    private Optional<SealedBatch> oldestSealed() throws SQLException {
        try (var s = db.createStatement();
                ResultSet rs = s.executeQuery("SELECT min(seq) FROM batch")) {
            rs.next();
            long seq = rs.getLong(1);
            if (rs.wasNull()) return Optional.empty();
            return Optional.of(new SealedBatch(seq, readingsOf(seq)));
        }
    }

    private long nextSequence() throws SQLException {
        try (var s = db.createStatement();
                ResultSet rs = s.executeQuery("SELECT value FROM meta WHERE key = 'next_seq'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private List<Reading> readingsOf(long seq) throws SQLException {
        var out = new ArrayList<Reading>();
        try (PreparedStatement ps = db.prepareStatement(
                "SELECT device, metric, time_ms, value FROM reading WHERE batch_seq = ? ORDER BY id")) {
            ps.setLong(1, seq);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Metric metric = Metric.byWireName(rs.getString(2))
                            .orElseThrow(() -> new SQLException("unknown metric in outbox"));
                    out.add(new Reading(rs.getString(1), metric, Instant.ofEpochMilli(rs.getLong(3)), rs.getDouble(4)));
                }
            }
        }
        return out;
    }

    @Override
    public synchronized void close() throws SQLException {
        db.close();
    }
}

package vn.dongxanh.bench.outbox;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Clock;
import vn.dongxanh.edge.outbox.Outbox;

/**
 * A plain SQLite connection to a database with the outbox's own schema (created by the agent's
 * {@link Outbox} and closed again) and the same pragmas, for the baselines: what a hand-written
 * insert loop into the same table, with the same indexes, costs on the same disk.
 */
final class OutboxTable {
    private OutboxTable() {}

    static Connection open(Path file, String synchronous) throws SQLException {
        new Outbox(file, synchronous, Clock.systemUTC()).close();
        Connection db = DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath());
        try (var s = db.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=" + synchronous);
        }
        return db;
    }

    static String insert() {
        return "INSERT OR IGNORE INTO reading(device, metric, time_ms, value) VALUES (?,?,?,?)";
    }

    static long count(Connection db) throws SQLException {
        try (var s = db.createStatement();
                var rs = s.executeQuery("SELECT count(*) FROM reading")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}

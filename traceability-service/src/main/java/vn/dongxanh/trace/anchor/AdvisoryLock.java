package vn.dongxanh.trace.anchor;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * A PostgreSQL session advisory lock, so that one instance of the service runs the anchoring job
 * at a time. Held on its own connection; a crashed holder's lock goes with its connection.
 */
final class AdvisoryLock implements AutoCloseable {
    private final Connection connection;
    private final long key;
    private final boolean held;

    private AdvisoryLock(Connection connection, long key, boolean held) {
        this.connection = connection;
        this.key = key;
        this.held = held;
    }

    static AdvisoryLock tryAcquire(DataSource dataSource, long key) throws SQLException {
        Connection connection = dataSource.getConnection();
        try (var ps = connection.prepareStatement("select pg_try_advisory_lock(?)")) {
            ps.setLong(1, key);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return new AdvisoryLock(connection, key, rs.getBoolean(1));
            }
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    boolean held() {
        return held;
    }

    @Override
    public void close() throws SQLException {
        try (connection) {
            if (held) {
                try (var ps = connection.prepareStatement("select pg_advisory_unlock(?)")) {
                    ps.setLong(1, key);
                    ps.execute();
                }
            }
        }
    }
}

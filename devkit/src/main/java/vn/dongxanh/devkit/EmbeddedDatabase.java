package vn.dongxanh.devkit;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * An embedded PostgreSQL 17 (zonky binaries) on a free loopback port, for the one-command
 * platform and for tests on machines without a PostgreSQL server. No TimescaleDB inside.
 */
public final class EmbeddedDatabase implements AutoCloseable {
    private final EmbeddedPostgres postgres;

    private EmbeddedDatabase(EmbeddedPostgres postgres) {
        this.postgres = postgres;
    }

    public static EmbeddedDatabase start(int port) {
        return start(port, true);
    }

    /**
     * @param stopAtExit whether the database stops itself when the JVM exits (its own shutdown
     *     hook); false for a launcher that stops the database itself after the processes using it
     */
    public static EmbeddedDatabase start(int port, boolean stopAtExit) {
        try {
            return new EmbeddedDatabase(EmbeddedPostgres.builder()
                    .setPort(port == 0 ? FreePorts.tcp() : port)
                    .setCleanDataDirectory(true)
                    .setRegisterShutdownHook(stopAtExit)
                    .start());
        } catch (IOException e) {
            throw new UncheckedIOException("embedded PostgreSQL did not start: " + e.getMessage(), e);
        }
    }

    public int port() {
        return postgres.getPort();
    }

    /** Creates a database owned by user postgres (password-less, loopback only) and returns its JDBC URL. */
    public String createDatabase(String name) {
        Databases.create(adminUrl(), "postgres", name);
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + name;
    }

    public String adminUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/postgres";
    }

    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Small admin helpers shared with {@link LocalServices}. */
    static final class Databases {
        private Databases() {}

        static void create(String adminUrl, String user, String name) {
            if (!name.matches("[a-z_][a-z0-9_]{0,62}")) {
                throw new IllegalArgumentException("database name '" + name + "' must be a lower-case identifier");
            }
            execute(adminUrl, user, "CREATE DATABASE " + name);
        }

        static void drop(String adminUrl, String user, String name) {
            execute(adminUrl, user, "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
        }

        private static void execute(String adminUrl, String user, String sql) {
            try (var c = DriverManager.getConnection(adminUrl, user, "");
                    var s = c.createStatement()) {
                s.execute(sql);
            } catch (SQLException e) {
                throw new IllegalStateException(sql + " failed: " + e.getMessage(), e);
            }
        }
    }
}

package vn.dongxanh.ingest.telemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static vn.dongxanh.contract.telemetry.Metric.WATER_LEVEL;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import vn.dongxanh.contract.telemetry.Reading;
import vn.dongxanh.contract.uplink.UplinkBatch;
import vn.dongxanh.ingest.IngestTestSupport;

/**
 * The database goes away while a batch waits, with the writer idle or in the middle of its
 * transaction: the writer retries, and once the database is back the batch is stored exactly
 * once and nothing is dead-lettered.
 */
class DatabaseOutageTest extends IngestTestSupport {
    @DynamicPropertySource
    static void quickRetries(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.hikari.connection-timeout", () -> "500");
        registry.add("dx.ingest.writer.retry-backoff", () -> "100ms");
        registry.add("dx.ingest.writer.max-retry-backoff", () -> "400ms");
    }

    private static final Instant BASE =
            Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(120);

    @Test
    void aBatchArrivingDuringAnOutageIsStoredOnceTheDatabaseIsBack() throws Exception {
        UplinkBatch batch = batch("gw-o", 1, readings("o-wl1"));
        double stored = messages("stored");
        double rejected = messages("rejected");
        double retries = count("dx.ingest.storage.retries");

        allowConnections(false);
        try {
            publish(batch);
            awaitRetries(retries + 2);
            assertThat(messages("stored")).isEqualTo(stored);
        } finally {
            allowConnections(true);
        }
        awaitMessages("stored", stored + 1);

        assertStoredOnce("o-wl1", "gw-o");
        assertThat(messages("rejected")).isEqualTo(rejected);
    }

    @Test
    void aTransactionCutOffHalfwayIsRetriedNotDeadLettered() throws Exception {
        UplinkBatch batch = batch("gw-i", 1, readings("i-wl1"));
        double stored = messages("stored");
        double rejected = messages("rejected");
        double retries = count("dx.ingest.storage.retries");

        // hold the ledger so the writer's transaction stops on its first statement
        Connection locker = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password());
        try {
            locker.setAutoCommit(false);
            try (var s = locker.createStatement()) {
                s.execute("LOCK TABLE uplink_batch IN ACCESS EXCLUSIVE MODE");
            }
            publish(batch);
            await("writer waiting on the lock").atMost(WAIT).until(DatabaseOutageTest::someoneWaitsOnALock);
            allowConnections(false); // ends the writer's connection inside its transaction
            awaitRetries(retries + 2);
            assertThat(messages("stored")).isEqualTo(stored);
        } finally {
            allowConnections(true);
            try {
                locker.close();
            } catch (SQLException ignored) {
                // already terminated
            }
        }
        awaitMessages("stored", stored + 1);

        assertStoredOnce("i-wl1", "gw-i");
        assertThat(messages("rejected")).isEqualTo(rejected);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM rejected_message", Integer.class))
                .isZero();
    }

    private static List<Reading> readings(String device) {
        return List.of(
                new Reading(device, WATER_LEVEL, BASE, 10.0),
                new Reading(device, WATER_LEVEL, BASE.plusSeconds(30), 9.5));
    }

    private void awaitRetries(double atLeast) {
        await("retries").atMost(WAIT).until(() -> count("dx.ingest.storage.retries") >= atLeast);
    }

    private void assertStoredOnce(String device, String gateway) {
        assertThat(jdbc.queryForList(
                        "SELECT r.value FROM reading r JOIN series s ON s.id = r.series_id WHERE s.device_id = ?"
                                + " ORDER BY r.time",
                        Double.class,
                        device))
                .containsExactly(10.0, 9.5);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM uplink_batch WHERE gateway_id = ?", Integer.class, gateway))
                .isEqualTo(1);
    }

    private static String name() {
        return db.jdbcUrl().substring(db.jdbcUrl().lastIndexOf('/') + 1);
    }

    private static Connection admin() throws SQLException {
        String url = db.jdbcUrl().substring(0, db.jdbcUrl().lastIndexOf('/') + 1) + "postgres";
        return DriverManager.getConnection(url, db.user(), db.password());
    }

    private static boolean someoneWaitsOnALock() throws SQLException {
        try (var c = admin();
                var s = c.prepareStatement(
                        "SELECT count(*) FROM pg_stat_activity WHERE datname = ? AND wait_event_type = 'Lock'")) {
            s.setString(1, name());
            try (var rs = s.executeQuery()) {
                return rs.next() && rs.getInt(1) > 0;
            }
        }
    }

    /** Closes the test database to new connections and ends the open ones, or opens it again. */
    private static void allowConnections(boolean allow) throws SQLException {
        try (var c = admin();
                var s = c.createStatement()) {
            s.execute("ALTER DATABASE " + name() + " ALLOW_CONNECTIONS " + allow);
            if (!allow) {
                s.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + name() + "'");
            }
        }
    }
}

package vn.dongxanh.ingest.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.UncategorizedSQLException;
import org.springframework.transaction.TransactionSystemException;

/** Only data errors and our own bugs may dead-letter a message; everything else is retried. */
class StorageFailuresTest {
    @Test
    void dataAndIntegrityErrorsArePoison() {
        assertThat(StorageFailures.isPoison(
                        new DataIntegrityViolationException("dup", new SQLException("duplicate key", "23505"))))
                .isTrue();
        assertThat(StorageFailures.isPoison(
                        new UncategorizedSQLException("copy", "COPY", new SQLException("bad time", "22008"))))
                .isTrue();
        assertThat(StorageFailures.isPoison(new IllegalStateException("COPY wrote 3 rows for 4 readings")))
                .isTrue();
    }

    @Test
    void theDatabaseBeingAwayOrRefusingIsNot() {
        assertThat(StorageFailures.isPoison(new DataAccessResourceFailureException(
                        "gone", new SQLException("terminating connection due to administrator command", "57P01"))))
                .isFalse();
        assertThat(StorageFailures.isPoison(
                        new TransactionSystemException("rollback failed", new SQLException("Connection is closed"))))
                .isFalse();
        assertThat(StorageFailures.isPoison(new UncategorizedSQLException(
                        "insert", "INSERT", new SQLException("read-only transaction", "25006"))))
                .isFalse();
        assertThat(StorageFailures.isPoison(new UncategorizedSQLException(
                        "insert", "INSERT", new SQLException("permission denied", "42501"))))
                .isFalse();
    }
}

package vn.dongxanh.ingest.telemetry;

import java.sql.SQLException;
import java.util.Set;
import org.springframework.dao.DataAccessException;
import org.springframework.transaction.TransactionException;

/**
 * Tells a failure caused by the data being written from one caused by the database or the way
 * to it. Only the first may cost a message its place (it is dead-lettered, whole, for replay);
 * anything else is waited out and retried, so an outage, a failover to a read-only replica or a
 * revoked grant never turns telemetry into dead letters.
 */
final class StorageFailures {
    /** SQLSTATE classes that a value in the data can provoke: data exception, integrity violation. */
    private static final Set<String> DATA_CLASSES = Set.of("22", "23");

    private StorageFailures() {}

    /**
     * True when retrying cannot help because of what is being written: a data or integrity error
     * from PostgreSQL, or a failure of our own code outside any database call.
     */
    static boolean isPoison(Throwable e) {
        boolean databaseInvolved = false;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s
                    && s.getSQLState() != null
                    && s.getSQLState().length() >= 2) {
                if (DATA_CLASSES.contains(s.getSQLState().substring(0, 2))) return true;
            }
            if (t instanceof SQLException || t instanceof DataAccessException || t instanceof TransactionException) {
                databaseInvolved = true;
            }
        }
        return !databaseInvolved;
    }

    /** The innermost message, which is the one that says what went wrong. */
    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) t = t.getCause();
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }
}

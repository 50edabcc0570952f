package vn.dongxanh.trace.ledger;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Calls waiting for the ledger, in PostgreSQL: enqueued in the same transaction as the change
 * they record, so a change is never on the ledger without being in the database or the reverse
 * for long; the submitter sends them in order.
 */
@Repository
public class LedgerOutbox {
    private final JdbcClient jdbc;

    public LedgerOutbox(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Queues a call signed by the department's key; returns its id. Must run inside the caller's transaction. */
    public long enqueue(Kind kind, String reference, String callData) {
        return enqueue(kind, reference, callData, null);
    }

    /**
     * Queues a call to be signed by {@code signer}'s key (an organisation id; null = the
     * department's); returns its id. Must run inside the caller's transaction.
     */
    public long enqueue(Kind kind, String reference, String callData, String signer) {
        return jdbc.sql("insert into ledger_tx (kind, reference, call_data, signer) values (?, ?, ?, ?) returning id")
                .params(kind.name(), reference, callData.toLowerCase(), signer)
                .query(Long.class)
                .single();
    }

    /** State of a queued call: QUEUED, SENT, MINED, CONFIRMED, REVERTED (not yet final) or FAILED. */
    public String state(long id) {
        return jdbc.sql("select state from ledger_tx where id = ?")
                .param(id)
                .query(String.class)
                .single();
    }

    /** What a queued call does. */
    public enum Kind {
        ANCHOR,
        REGISTER_CODE,
        CODE_STATUS,
        GRANT_ROLE
    }
}

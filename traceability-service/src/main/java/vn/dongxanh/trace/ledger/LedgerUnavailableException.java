package vn.dongxanh.trace.ledger;

/** The chain did not answer (node down, RPC error); the caller may try again later. */
public class LedgerUnavailableException extends RuntimeException {
    public LedgerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}

package vn.dongxanh.identity.seed;

/** A seed file that cannot be applied; the message names the file, the entry and the field. */
public class SeedException extends RuntimeException {
    public SeedException(String message) {
        super(message);
    }
}

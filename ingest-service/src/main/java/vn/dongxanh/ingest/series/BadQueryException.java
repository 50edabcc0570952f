package vn.dongxanh.ingest.series;

/** A query the API cannot answer as asked (400). */
public class BadQueryException extends RuntimeException {
    public BadQueryException(String message) {
        super(message);
    }
}

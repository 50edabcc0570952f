package vn.dongxanh.ingest.series;

/** No series for the device and metric (404). */
public class SeriesNotFoundException extends RuntimeException {
    public SeriesNotFoundException(String message) {
        super(message);
    }
}

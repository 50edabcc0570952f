package vn.dongxanh.ingest.telemetry;

import java.time.Duration;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * The path from the MQTT callback to the database.
 *
 * @param queueCapacity messages held between the MQTT client and the writer; also the MQTT
 *     receive maximum, so the broker never has more unacked messages out to us than fit
 * @param maxBatchMessages most messages committed in one transaction
 * @param retryBackoff first wait after a write failed for a reason other than the data; doubles up to
 *     {@code maxRetryBackoff}
 * @param maxRetryBackoff longest wait between attempts while the database is unavailable or refusing
 * @param shutdownTimeout how long stopping waits for queued messages to be written
 * @param deadLetterPayloadLimit at most this much of a payload rejected for its content is kept (those
 *     refused by our fault, {@code STORAGE_ERROR} and {@code DECODE_ERROR}, are kept whole for replay)
 */
@ConfigurationProperties("dx.ingest.writer")
public record WriterProperties(
        int queueCapacity,
        int maxBatchMessages,
        Duration retryBackoff,
        Duration maxRetryBackoff,
        Duration shutdownTimeout,
        DataSize deadLetterPayloadLimit) {
    /** MQTT caps Receive Maximum at 65535. */
    private static final int MQTT_RECEIVE_MAXIMUM = 65_535;

    public WriterProperties {
        if (queueCapacity < 1 || maxBatchMessages < 1) {
            throw new IllegalArgumentException("dx.ingest.writer.queue-capacity and max-batch-messages must be >= 1");
        }
        Objects.requireNonNull(retryBackoff, "dx.ingest.writer.retry-backoff");
        Objects.requireNonNull(maxRetryBackoff, "dx.ingest.writer.max-retry-backoff");
        Objects.requireNonNull(shutdownTimeout, "dx.ingest.writer.shutdown-timeout");
        Objects.requireNonNull(deadLetterPayloadLimit, "dx.ingest.writer.dead-letter-payload-limit");
    }

    /** Receive Maximum announced to the broker. */
    public int receiveMaximum() {
        return Math.min(queueCapacity, MQTT_RECEIVE_MAXIMUM);
    }
}

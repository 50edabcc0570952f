package vn.dongxanh.ingest.telemetry;

import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;
import vn.dongxanh.contract.telemetry.TelemetryLimits;

/**
 * What an uplink batch may contain (see {@link TelemetryLimits}).
 *
 * @param maxBytes largest batch accepted
 * @param maxRecords most SenML records in one batch
 * @param earliest readings stamped before this are refused
 * @param maxFutureSkew readings stamped further ahead of our clock are refused
 */
@ConfigurationProperties("dx.ingest.codec")
public record CodecProperties(DataSize maxBytes, int maxRecords, Instant earliest, Duration maxFutureSkew) {
    public TelemetryLimits limits() {
        return new TelemetryLimits(Math.toIntExact(maxBytes.toBytes()), maxRecords, earliest, maxFutureSkew);
    }
}

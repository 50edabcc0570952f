package vn.dongxanh.ingest.schema;

import java.time.Duration;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How long data is kept. A zero duration keeps for ever.
 *
 * @param raw raw readings: older time partitions are dropped (and older rows in the DEFAULT
 *     partition deleted; TimescaleDB: {@code drop_chunks}); at least 1 day
 * @param hourly hourly rollups; 0 or at least {@code raw}
 * @param daily daily rollups; 0 or at least {@code hourly}
 * @param checkEvery how often the retention job runs (also once at start)
 */
@ConfigurationProperties("dx.ingest.retention")
public record RetentionProperties(Duration raw, Duration hourly, Duration daily, Duration checkEvery) {
    public RetentionProperties {
        Objects.requireNonNull(raw, "dx.ingest.retention.raw");
        Objects.requireNonNull(hourly, "dx.ingest.retention.hourly");
        Objects.requireNonNull(daily, "dx.ingest.retention.daily");
        Objects.requireNonNull(checkEvery, "dx.ingest.retention.check-every");
        if (raw.compareTo(Duration.ofDays(1)) < 0) {
            throw new IllegalArgumentException("dx.ingest.retention.raw must be at least 1d, got " + raw);
        }
        if (hourly.isNegative() || (!hourly.isZero() && hourly.compareTo(raw) < 0)) {
            throw new IllegalArgumentException(
                    "dx.ingest.retention.hourly must be 0 (for ever) or at least retention.raw: rollups outlive raw data");
        }
        if (daily.isNegative() || (!daily.isZero() && (hourly.isZero() || daily.compareTo(hourly) < 0))) {
            throw new IllegalArgumentException(
                    "dx.ingest.retention.daily must be 0 (for ever) or at least retention.hourly (which then is not 0)");
        }
        if (!checkEvery.isPositive()) {
            throw new IllegalArgumentException("dx.ingest.retention.check-every must be positive");
        }
    }
}

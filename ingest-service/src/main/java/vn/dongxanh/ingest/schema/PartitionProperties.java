package vn.dongxanh.ingest.schema;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Time partitions of the {@code reading} table (native-partition path only; TimescaleDB sizes
 * its chunks with {@code interval} too).
 *
 * @param interval width of one partition; a whole number of days, or an even divisor of a day of at least an hour
 * @param ahead partitions kept ready after the current one
 * @param behind partitions kept before the current one, for late data
 * @param checkEvery how often the maintainer looks
 * @param lockTimeout longest wait for the table lock when attaching a partition
 */
@ConfigurationProperties("dx.ingest.partitions")
public record PartitionProperties(Duration interval, int ahead, int behind, Duration checkEvery, Duration lockTimeout) {
    private static final long DAY = Duration.ofDays(1).toSeconds();
    private static final DateTimeFormatter DAY_NAME =
            DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter HOUR_NAME =
            DateTimeFormatter.ofPattern("yyyyMMdd_HHmm").withZone(ZoneOffset.UTC);

    public PartitionProperties {
        Objects.requireNonNull(interval, "dx.ingest.partitions.interval");
        Objects.requireNonNull(checkEvery, "dx.ingest.partitions.check-every");
        Objects.requireNonNull(lockTimeout, "dx.ingest.partitions.lock-timeout");
        long s = interval.toSeconds();
        if (s < 3600 || (s % DAY != 0 && DAY % s != 0)) {
            throw new IllegalArgumentException("dx.ingest.partitions.interval must be whole days or divide a day"
                    + " evenly, and be at least 1h; got " + interval);
        }
        if (ahead < 0 || behind < 0) {
            throw new IllegalArgumentException("dx.ingest.partitions.ahead/behind must not be negative");
        }
        if (!checkEvery.isPositive()) {
            throw new IllegalArgumentException("dx.ingest.partitions.check-every must be positive");
        }
    }

    /** Start of the partition that holds {@code t} (partitions are aligned to the Unix epoch, UTC). */
    public Instant slotStart(Instant t) {
        long s = interval.toSeconds();
        return Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond(), s) * s);
    }

    /** Table name of the partition starting at {@code start}: {@code reading_pYYYYMMDD[_HHMM]}. */
    public String partitionName(Instant start) {
        boolean wholeDays = interval.toSeconds() % DAY == 0;
        return "reading_p" + (wholeDays ? DAY_NAME : HOUR_NAME).format(start);
    }
}

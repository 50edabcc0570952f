package vn.dongxanh.ingest.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static vn.dongxanh.contract.telemetry.Metric.WATER_LEVEL;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.dongxanh.contract.telemetry.Reading;
import vn.dongxanh.ingest.IngestTestSupport;

/**
 * The {@code reading} layout. On plain PostgreSQL (here and on CI): partitions made ahead, DEFAULT
 * catches the rest, late partitions adopt their rows. With TimescaleDB: a hypertable.
 */
class PartitionMaintainerTest extends IngestTestSupport {
    @Autowired
    PartitionMaintainer maintainer;

    @Autowired
    PartitionProperties props;

    @Test
    void partitionsAroundNowExistAndOutliersLandInDefaultUntilTheirPartitionIsMade() throws Exception {
        assumeTrue(maintainer.layout() == StorageLayout.NATIVE_PARTITIONS, "plain PostgreSQL");
        Instant now = Instant.now();
        List<String> partitions = jdbc.queryForList(
                "SELECT c.relname::text FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                        + " WHERE i.inhparent = 'reading'::regclass",
                String.class);
        assertThat(partitions).contains("reading_default");
        // behind = 2, ahead = 7 (defaults); the ends can shift by one slot if the clock passed midnight
        for (int d = -(props.behind() - 1); d <= props.ahead() - 1; d++) {
            assertThat(partitions).contains(day(now.plus(Duration.ofDays(d))));
        }
        assertThat(partitions).hasSizeGreaterThanOrEqualTo(props.behind() + props.ahead() + 2);

        Instant recent = now.minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
        Instant old = Instant.parse("2021-03-04T05:06:07.089Z");
        double stored = messages("stored");
        publish(batch(
                "gw-p",
                1,
                List.of(new Reading("p-now", WATER_LEVEL, recent, 7.0), new Reading("p-old", WATER_LEVEL, old, 8.25))));
        awaitMessages("stored", stored + 1);

        assertThat(partitionOf("p-now")).isEqualTo(day(recent));
        assertThat(partitionOf("p-old")).isEqualTo("reading_default");

        // making the partition later moves the row out of DEFAULT, unchanged
        assertThat(maintainer.ensure(old, old)).containsExactly("reading_p20210304");
        assertThat(partitionOf("p-old")).isEqualTo("reading_p20210304");
        assertThat(jdbc.queryForObject(
                                "SELECT r.time FROM reading r JOIN series s ON s.id = r.series_id WHERE s.device_id = 'p-old'",
                                OffsetDateTime.class)
                        .toInstant())
                .isEqualTo(old);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM reading_default", Integer.class))
                .isZero();
        // running again changes nothing
        assertThat(maintainer.ensure(old, old)).isEmpty();
        maintainer.maintain();
        assertThat(maintainer.maintain()).isEmpty();
    }

    /** Runs only against a PostgreSQL with TimescaleDB preloaded (none on CI); see CONFIGURATION.md. */
    @Test
    void withTimescaleReadingIsAHypertableWithTheConfiguredChunks() throws Exception {
        assumeTrue(maintainer.layout() == StorageLayout.TIMESCALE_HYPERTABLE, "TimescaleDB present");
        assertThat(jdbc.queryForObject(
                        "SELECT time_interval::text FROM timescaledb_information.dimensions"
                                + " WHERE hypertable_name = 'reading' AND column_name = 'time'",
                        String.class))
                .isEqualTo("1 day");
        Instant recent = Instant.now().minusSeconds(60).truncatedTo(ChronoUnit.MILLIS);
        Instant old = Instant.parse("2021-03-04T05:06:07.089Z");
        double stored = messages("stored");
        publish(batch(
                "gw-t",
                1,
                List.of(new Reading("t-now", WATER_LEVEL, recent, 7.0), new Reading("t-old", WATER_LEVEL, old, 8.25))));
        awaitMessages("stored", stored + 1);

        assertThat(jdbc.queryForList(
                        "SELECT r.time FROM reading r JOIN series s ON s.id = r.series_id"
                                + " WHERE s.device_id LIKE 't-%' ORDER BY r.time",
                        OffsetDateTime.class))
                .extracting(OffsetDateTime::toInstant)
                .containsExactly(old, recent);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM timescaledb_information.chunks WHERE hypertable_name = 'reading'",
                        Integer.class))
                .isGreaterThanOrEqualTo(2);
        assertThat(maintainer.ensure(old, recent)).isEmpty();
    }

    private String partitionOf(String device) {
        return jdbc.queryForObject(
                "SELECT r.tableoid::regclass::text FROM reading r JOIN series s ON s.id = r.series_id"
                        + " WHERE s.device_id = ?",
                String.class,
                device);
    }

    private static String day(Instant t) {
        return "reading_p" + t.toString().substring(0, 10).replace("-", "");
    }
}

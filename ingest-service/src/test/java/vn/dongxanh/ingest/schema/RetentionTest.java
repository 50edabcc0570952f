package vn.dongxanh.ingest.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static vn.dongxanh.contract.telemetry.Metric.WATER_LEVEL;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import vn.dongxanh.contract.telemetry.Reading;
import vn.dongxanh.ingest.IngestTestSupport;
import vn.dongxanh.ingest.rollup.RollupRefresher;

/** Raw readings, hourly and daily rollups each go when older than their retention; newer ones stay. */
class RetentionTest extends IngestTestSupport {
    @DynamicPropertySource
    static void shortRetention(DynamicPropertyRegistry registry) {
        registry.add("dx.ingest.retention.raw", () -> "5d");
        registry.add("dx.ingest.retention.hourly", () -> "10d");
        registry.add("dx.ingest.retention.daily", () -> "20d");
        registry.add("dx.ingest.retention.check-every", () -> "1h");
        registry.add("dx.ingest.rollup.refresh-every", () -> "1h");
        // TimescaleDB: a policy refresh must not reach back past the raw retention
        registry.add("dx.ingest.rollup.timescale-refresh-window", () -> "3d");
    }

    @Autowired
    RetentionJob retention;

    @Autowired
    RollupRefresher refresher;

    @Autowired
    PartitionMaintainer partitions;

    @Test
    void oldDataGoesAndRecentDataStays() throws Exception {
        assumeTrue(partitions.layout() == StorageLayout.NATIVE_PARTITIONS, "plain PostgreSQL");
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant old = now.minus(Duration.ofDays(30));
        Instant week = now.minus(Duration.ofDays(7));
        Instant recent = now.minus(Duration.ofDays(1));
        double stored = messages("stored");
        publish(batch(
                "gw-rt",
                1,
                List.of(
                        new Reading("rt-old", WATER_LEVEL, old, 1),
                        new Reading("rt-week", WATER_LEVEL, week, 2),
                        new Reading("rt-recent", WATER_LEVEL, recent, 3))));
        awaitMessages("stored", stored + 1);
        String oldPartition = "reading_p" + old.toString().substring(0, 10).replace("-", "");
        assertThat(partitions.ensure(old, old)).containsExactly(oldPartition); // the old reading moves out of DEFAULT

        // readings older than the raw retention never reach the rollups: their marks are dropped
        refresher.refresh();
        assertThat(hourlyOf("rt-old")).isZero();
        assertThat(hourlyOf("rt-week")).isZero();
        assertThat(hourlyOf("rt-recent")).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM rollup_dirty", Integer.class))
                .isZero();

        int series = jdbc.queryForObject("SELECT id FROM series WHERE device_id = 'rt-recent'", Integer.class);
        rollup("reading_hourly", series, now.minus(Duration.ofDays(12)));
        rollup("reading_hourly", series, now.minus(Duration.ofDays(8)));
        rollup("reading_daily", series, now.minus(Duration.ofDays(25)));
        rollup("reading_daily", series, now.minus(Duration.ofDays(15)));

        RetentionJob.Result r = retention.run();

        assertThat(r.droppedPartitions()).contains(oldPartition);
        assertThat(r.droppedPartitions()).allSatisfy(p -> assertThat(p).isNotEqualTo("reading_default"));
        assertThat(r.defaultRowsDeleted()).isEqualTo(1); // the week-old reading sat in DEFAULT
        assertThat(r.hourlyDeleted()).isEqualTo(1);
        assertThat(r.dailyDeleted()).isEqualTo(1);
        assertThat(jdbc.queryForObject("SELECT to_regclass(?) IS NULL", Boolean.class, oldPartition))
                .isTrue();
        assertThat(jdbc.queryForList(
                        "SELECT s.device_id FROM reading r JOIN series s ON s.id = r.series_id"
                                + " WHERE s.device_id LIKE 'rt-%'",
                        String.class))
                .containsExactly("rt-recent");
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM reading_hourly WHERE series_id = ?", Integer.class, series))
                .isEqualTo(2); // 8 days and the recent hour
        assertThat(jdbc.queryForObject("SELECT count(*) FROM reading_daily WHERE series_id = ?", Integer.class, series))
                .isEqualTo(2); // 15 days and the recent day
        // a second run finds nothing more
        RetentionJob.Result again = retention.run();
        assertThat(again.droppedPartitions()).isEmpty();
        assertThat(again.defaultRowsDeleted() + again.hourlyDeleted() + again.dailyDeleted())
                .isZero();
    }

    /** Runs only against a PostgreSQL with TimescaleDB preloaded (none on CI): chunks are dropped. */
    @Test
    void withTimescaleOldChunksAreDropped() throws Exception {
        assumeTrue(partitions.layout() == StorageLayout.TIMESCALE_HYPERTABLE, "TimescaleDB present");
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        double stored = messages("stored");
        publish(batch(
                "gw-rts",
                1,
                List.of(
                        new Reading("rts-old", WATER_LEVEL, now.minus(Duration.ofDays(60)), 1),
                        new Reading("rts-week", WATER_LEVEL, now.minus(Duration.ofDays(7)), 2),
                        new Reading("rts-recent", WATER_LEVEL, now.minus(Duration.ofDays(1)), 3))));
        awaitMessages("stored", stored + 1);
        jdbc.execute("CALL refresh_continuous_aggregate('reading_hourly', NULL, NULL)");
        jdbc.execute("CALL refresh_continuous_aggregate('reading_daily', NULL, NULL)");
        assertThat(hourlyOf("rts-old")).isEqualTo(1);

        RetentionJob.Result r = retention.run();

        assertThat(r.droppedPartitions()).isNotEmpty();
        assertThat(jdbc.queryForList(
                        "SELECT s.device_id FROM reading r JOIN series s ON s.id = r.series_id"
                                + " WHERE s.device_id LIKE 'rts-%'",
                        String.class))
                .containsExactly("rts-recent");
        assertThat(hourlyOf("rts-old")).isZero(); // 60 days > hourly retention (10 days)
        assertThat(hourlyOf("rts-week")).isEqualTo(1);
        assertThat(hourlyOf("rts-recent")).isEqualTo(1);
        assertThat(jdbc.queryForObject(
                        "SELECT count(*) FROM reading_daily d JOIN series s ON s.id = d.series_id"
                                + " WHERE s.device_id = 'rts-old'",
                        Integer.class))
                .isZero(); // 60 days > daily retention (20 days)
    }

    private int hourlyOf(String device) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM reading_hourly h JOIN series s ON s.id = h.series_id WHERE s.device_id = ?",
                Integer.class,
                device);
    }

    private void rollup(String table, int series, Instant bucket) {
        Timestamp t = Timestamp.from(bucket.truncatedTo(ChronoUnit.HOURS));
        jdbc.update(
                "INSERT INTO " + table + " (series_id, bucket, count, sum, min, max, last, last_time)"
                        + " VALUES (?, ?, 1, 1, 1, 1, 1, ?)",
                series,
                t,
                t);
    }
}

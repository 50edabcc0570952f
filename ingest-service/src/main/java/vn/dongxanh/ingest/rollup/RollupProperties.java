package vn.dongxanh.ingest.rollup;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Hourly and daily rollups.
 *
 * @param zone time zone of the daily buckets (and of day-sized API buckets, water per day, season
 *     days); its offset must be a whole number of hours, so every hourly bucket lies in one local day.
 *     Fixed once data exists: daily rollups already computed keep their old days
 * @param refreshEvery how often the rollup job recomputes the hours marked dirty (plain PostgreSQL)
 * @param batchSize dirty (series, hour) pairs recomputed per transaction
 * @param settle an hour is rolled up once it ended this long ago (and again when late data marks it);
 *     until then queries aggregate it from the raw readings, so the hour being written is not
 *     recomputed over and over while it fills
 * @param timescaleRefreshWindow TimescaleDB only: how far back the continuous-aggregate policy
 *     refreshes (late data into older, materialized buckets is not seen until refreshed by hand);
 *     fixed by the migration; shorter than the raw retention
 * @param timescaleRefreshEvery TimescaleDB only: schedule of the refresh policy; fixed by the migration
 */
@ConfigurationProperties("dx.ingest.rollup")
public record RollupProperties(
        ZoneId zone,
        Duration refreshEvery,
        int batchSize,
        Duration settle,
        Duration timescaleRefreshWindow,
        Duration timescaleRefreshEvery) {
    public RollupProperties {
        Objects.requireNonNull(zone, "dx.ingest.rollup.zone");
        Objects.requireNonNull(refreshEvery, "dx.ingest.rollup.refresh-every");
        Objects.requireNonNull(settle, "dx.ingest.rollup.settle");
        Objects.requireNonNull(timescaleRefreshWindow, "dx.ingest.rollup.timescale-refresh-window");
        Objects.requireNonNull(timescaleRefreshEvery, "dx.ingest.rollup.timescale-refresh-every");
        int offset = zone.getRules().getOffset(Instant.now()).getTotalSeconds();
        int standard = zone.getRules().getStandardOffset(Instant.now()).getTotalSeconds();
        if (offset % 3600 != 0 || standard % 3600 != 0) {
            throw new IllegalArgumentException("dx.ingest.rollup.zone " + zone
                    + " is not a whole number of hours from UTC: hourly rollups would straddle its days");
        }
        if (!refreshEvery.isPositive() || batchSize < 1 || settle.isNegative()) {
            throw new IllegalArgumentException("dx.ingest.rollup.refresh-every must be positive, batch-size at"
                    + " least 1 and settle not negative");
        }
        if (timescaleRefreshWindow.compareTo(Duration.ofDays(2)) < 0 || !timescaleRefreshEvery.isPositive()) {
            throw new IllegalArgumentException("dx.ingest.rollup.timescale-refresh-window must be at least 2d"
                    + " (it must cover a whole daily bucket) and timescale-refresh-every positive");
        }
    }
}

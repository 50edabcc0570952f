package vn.dongxanh.bench.ingest;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import vn.dongxanh.bench.mqtt.Mqtt;
import vn.dongxanh.contract.telemetry.Metric;
import vn.dongxanh.contract.telemetry.Reading;
import vn.dongxanh.contract.telemetry.TelemetryCodec;
import vn.dongxanh.contract.uplink.UplinkBatch;
import vn.dongxanh.contract.uplink.UplinkCodec;

/**
 * The data of the 30-day hourly chart: the reading table filled by COPY for a time budget (spread
 * over 30 days and the load's 10,000 series), and one chart series with a reading a minute for 30
 * days whose hours the service's rollup job has turned into {@code reading_hourly} rows.
 *
 * @param path the aggregate request timed
 * @param seriesRows readings of the chart series
 * @param totalRows rows of {@code reading} when the chart was timed
 * @param how a sentence for RESULTS.md
 */
record Chart(String path, long seriesRows, long totalRows, String how, int seriesId, Instant from, Instant to) {
    /**
     * A copy of the hourly query of the service's {@code Rollups.hourly} (ingest-service), run
     * over JDBC as a baseline and explained, to tell the database's share of the chart's time.
     */
    static final String HOURLY_SQL = "WITH dirty AS (SELECT hour FROM rollup_dirty WHERE series_id = ?"
            + " AND hour >= ? AND hour < ? UNION SELECT hour FROM rollup_claimed WHERE series_id = ?"
            + " AND hour >= ? AND hour < ?)"
            + " SELECT bucket, count, sum, min, max, last, last_time FROM reading_hourly h"
            + " WHERE h.series_id = ? AND h.bucket >= ? AND h.bucket < ?"
            + " AND NOT EXISTS (SELECT 1 FROM dirty d WHERE d.hour = h.bucket)"
            + " UNION ALL"
            + " SELECT d.hour, count(*), sum(r.value), min(r.value), max(r.value),"
            + " (array_agg(r.value ORDER BY r.time DESC, r.value DESC))[1], max(r.time)"
            + " FROM dirty d JOIN reading r ON r.series_id = ? AND r.time >= d.hour"
            + " AND r.time < d.hour + interval '1 hour' GROUP BY d.hour ORDER BY 1";

    /**
     * Marks the service's rollup job takes: those of hours that ended at least its settle time ago
     * (default 10 min); younger hours are aggregated from the raw readings by the query.
     */
    static final String SETTLED = "hour < now() - interval '70 minutes'";

    /** Runs {@link #HOURLY_SQL} for this chart; {@code explain} prefixes it, e.g. "EXPLAIN ANALYZE ". */
    java.util.List<String> hourly(Connection sql, String explain) throws SQLException {
        var out = new java.util.ArrayList<String>();
        try (var st = sql.prepareStatement(explain + HOURLY_SQL)) {
            var f = java.time.OffsetDateTime.ofInstant(from, java.time.ZoneOffset.UTC);
            var t = java.time.OffsetDateTime.ofInstant(to, java.time.ZoneOffset.UTC);
            int i = 1;
            for (int k = 0; k < 3; k++) {
                st.setInt(i++, seriesId);
                st.setObject(i++, f);
                st.setObject(i++, t);
            }
            st.setInt(i, seriesId);
            try (var rs = st.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1));
            }
        }
        return out;
    }

    private static final String DEVICE = "chart-wl";
    private static final double GOLDEN = 0.6180339887498949;

    static Chart load(
            IngestProcess service,
            ApiTokens tokens,
            Connection sql,
            String mqttUrl,
            String coop,
            String runId,
            List<Integer> fillSeries,
            Duration fillBudget,
            long fillTarget)
            throws Exception {
        Registry.device(service, tokens, coop, DEVICE);
        Instant now = Instant.now().truncatedTo(ChronoUnit.HOURS);
        Instant from = now.minus(Duration.ofDays(30));
        // the series is created by the service from a real uplink, as in production
        var client = Mqtt.connect(mqttUrl, "bench-chart-" + runId, (t, m) -> {});
        try {
            byte[] one = new UplinkCodec(new TelemetryCodec())
                    .encode(new UplinkBatch(
                            coop,
                            "chart-gw",
                            1,
                            Instant.now(),
                            List.of(new Reading(DEVICE, Metric.WATER_LEVEL, now, 5))));
            Mqtt.publish(client, "dx/v1/coop/" + coop + "/gw/chart-gw/telemetry", one, false);
        } finally {
            Mqtt.closeQuietly(client);
        }
        int seriesId = -1;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (seriesId < 0 && System.nanoTime() < deadline) {
            seriesId = (int) IngestBenchmark.count(
                    sql, "SELECT coalesce(max(id), -1) FROM series WHERE device_id = '" + DEVICE + "'");
            if (seriesId < 0) Thread.sleep(200);
        }
        if (seriesId < 0) throw new IllegalStateException("the chart series was not created by the service");

        // filler: as many rows as COPY writes in the budget, times spread over the 30 days
        long spanMicros = Duration.ofDays(30).minusHours(2).toNanos() / 1000;
        long fromMicros = from.getEpochSecond() * 1_000_000L;
        long f0 = System.nanoTime();
        long fillEnd = f0 + fillBudget.toNanos();
        long fillRows = Math.max(0, fillTarget - IngestBenchmark.count(sql, "SELECT count(*) FROM reading") - 43_200);
        long filled;
        try (var copy = new BinaryCopy(sql, "reading")) {
            int n = fillSeries.size();
            for (long i = 0; i < fillRows; i++) {
                if ((i & 0xFFFF) == 0 && System.nanoTime() >= fillEnd) break;
                double frac = ((i / n) * GOLDEN) % 1.0;
                copy.row(fromMicros + (long) (frac * spanMicros), fillSeries.get((int) (i % n)), 1.0 + (i % 13));
            }
            filled = copy.finish();
        }
        double fillSeconds = (System.nanoTime() - f0) / 1e9;
        System.out.printf("   filled reading with %,d rows by COPY in %.1f s%n", filled, fillSeconds);

        // the chart series: a reading a minute for 30 days
        long seriesRows;
        try (var copy = new BinaryCopy(sql, "reading")) {
            for (Instant t = from; t.isBefore(now); t = t.plusSeconds(60)) {
                copy.row(t, seriesId, 5.0 + (t.getEpochSecond() / 60 % 30));
            }
            seriesRows = copy.finish() + 1;
        }
        // COPY bypasses the writer, so mark the hours as the writer would and let the service's job roll them up
        IngestBenchmark.exec(
                sql,
                "INSERT INTO rollup_dirty (series_id, hour) SELECT DISTINCT series_id,"
                        + " date_trunc('hour', time AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' FROM reading"
                        + " WHERE series_id = " + seriesId + " ON CONFLICT DO NOTHING");
        long r0 = System.nanoTime();
        long rollDeadline = r0 + Duration.ofSeconds(300).toNanos();
        long left;
        while ((left = dirty(sql, seriesId)) > 0 && System.nanoTime() < rollDeadline) Thread.sleep(500);
        double rollSeconds = (System.nanoTime() - r0) / 1e9;
        IngestBenchmark.exec(sql, "ANALYZE reading_hourly");
        long total = IngestBenchmark.count(sql, "SELECT count(*) FROM reading");
        String path = "/api/series/aggregate?device=%s&metric=water_level&from=%s&to=%s&bucket=1h"
                .formatted(DEVICE, from, now);
        String how = ("the series %s was created by one real uplink; its 30 days (a reading a minute, %,d rows) and %,d"
                        + " filler rows of the other series (%.1f s of binary COPY, up to %,d rows in all or %s, spread over the same 30 days) were"
                        + " copied straight into reading; the chart series' hours were marked in rollup_dirty as the"
                        + " writer would and rolled up by the service's own job in %.1f s (%d marks of settled hours left when timed;"
                        + " the last hour or two, not yet settled, are aggregated from the raw readings by the query)."
                        + " Filler rows were not rolled up: they only make the raw table and its index bigger.")
                .formatted(
                        DEVICE,
                        seriesRows - 1,
                        filled,
                        fillSeconds,
                        fillTarget,
                        IngestBenchmark.human(fillBudget),
                        rollSeconds,
                        left);
        return new Chart(path, seriesRows, total, how, seriesId, from, now);
    }

    private static long dirty(Connection sql, int seriesId) throws SQLException {
        return IngestBenchmark.count(
                sql,
                "SELECT (SELECT count(*) FROM rollup_dirty WHERE series_id = " + seriesId + " AND " + SETTLED
                        + ") + (SELECT count(*) FROM rollup_claimed WHERE series_id = " + seriesId + ")");
    }
}

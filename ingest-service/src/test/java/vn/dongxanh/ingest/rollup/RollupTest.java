package vn.dongxanh.ingest.rollup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;
import vn.dongxanh.contract.telemetry.Metric;
import vn.dongxanh.contract.telemetry.Reading;
import vn.dongxanh.ingest.IngestTestSupport;
import vn.dongxanh.ingest.TestHttp;
import vn.dongxanh.ingest.schema.PartitionMaintainer;
import vn.dongxanh.ingest.schema.StorageLayout;
import vn.dongxanh.ingest.telemetry.Decoded;
import vn.dongxanh.ingest.telemetry.InboundMessage;
import vn.dongxanh.ingest.telemetry.ReadingStore;

/**
 * Rollups against the raw rows they summarise, for random readings of several series over three
 * local days, sent in shuffled batches, with late data into hours already rolled up, ties on time
 * and a redelivered batch. The job is driven by hand (its schedule is pushed out of the way).
 */
class RollupTest extends IngestTestSupport {
    private static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");
    private static final double EPS = 1e-9;

    @DynamicPropertySource
    static void manualRollups(DynamicPropertyRegistry registry) {
        registry.add("dx.ingest.rollup.refresh-every", () -> "1h");
        registry.add("dx.ingest.rollup.batch-size", () -> "50"); // several transactions per refresh
    }

    @Autowired
    RollupRefresher refresher;

    @Autowired
    PartitionMaintainer partitions;

    @Autowired
    ReadingStore readings;

    @Autowired
    TransactionTemplate tx;

    private TestHttp http;
    private long seq;

    @BeforeEach
    void setUp() {
        http = department(); // readings of devices nobody registered: the department reads them
    }

    /** A raw row read back from the database. */
    record Row(String device, Instant time, double value) {}

    /** The expected aggregate of some rows. */
    record Expected(long count, double sum, double min, double max, double last, Instant lastTime) {
        static Expected of(List<Row> rows) {
            Row newest = rows.stream()
                    .max(Comparator.comparing(Row::time).thenComparingDouble(Row::value))
                    .orElseThrow();
            return new Expected(
                    rows.size(),
                    rows.stream().mapToDouble(Row::value).sum(),
                    rows.stream().mapToDouble(Row::value).min().orElseThrow(),
                    rows.stream().mapToDouble(Row::value).max().orElseThrow(),
                    newest.value(),
                    newest.time());
        }
    }

    /** Random readings of the devices over three local days from {@code day0}, some hours empty. */
    private static List<Reading> randomReadings(Random random, Instant day0, List<String> devices) {
        var sent = new ArrayList<Reading>();
        // three local days, readings at random minutes, some hours empty
        for (String d : devices) {
            Metric m = d.contains("sm") ? Metric.SOIL_MOISTURE : Metric.WATER_LEVEL;
            for (int h = 0; h < 72; h++) {
                if (random.nextInt(6) == 0) continue;
                int n = 1 + random.nextInt(8);
                for (int i = 0; i < n; i++) {
                    Instant t = day0.plus(Duration.ofHours(h)).plusMillis(random.nextInt(3_600_000));
                    double v = m == Metric.SOIL_MOISTURE
                            ? Math.round(random.nextDouble() * 5000) / 10000.0
                            : Math.round((random.nextDouble() * 60 - 30) * 100) / 100.0;
                    sent.add(new Reading(d, m, t, v));
                }
            }
        }
        return sent;
    }

    private static Instant threeDaysAgo() {
        return LocalDateTime.now(ZONE)
                .truncatedTo(ChronoUnit.DAYS)
                .minusDays(3)
                .atZone(ZONE)
                .toInstant();
    }

    @Test
    void rollupsAgreeWithTheRawRowsIncludingLateData() throws Exception {
        assumeTrue(partitions.layout() == StorageLayout.NATIVE_PARTITIONS, "plain PostgreSQL rollups");
        long seed = System.nanoTime();
        var random = new Random(seed);
        Instant day0 = threeDaysAgo();
        List<String> devices = List.of("ru-wl1", "ru-wl2", "ru-sm1");
        var sent = randomReadings(random, day0, devices);
        // a tie: two readings of one series at the same instant; the larger value is "last"
        Instant tie = day0.plus(Duration.ofHours(30)).plusSeconds(3599);
        sent.add(new Reading("ru-wl1", Metric.WATER_LEVEL, tie, 1.5));
        java.util.Collections.shuffle(sent, random);
        int firstPart = sent.size() * 2 / 3;
        sendAll(sent.subList(0, firstPart));
        assertThat(refresher.refresh()).as("seed %d", seed).isPositive();
        assertThat(dirty()).isZero();
        compareAll(devices, "seed " + seed);

        // the rest arrives late, into hours and days already rolled up, plus a redelivery
        var late = new ArrayList<>(sent.subList(firstPart, sent.size()));
        late.add(new Reading("ru-wl1", Metric.WATER_LEVEL, tie, 0.5));
        sendAll(late);
        double duplicate = messages("duplicate");
        publish(batch("gw-ru", seq, late.subList(0, Math.min(50, late.size()))));
        awaitMessages("duplicate", duplicate + 1);
        assertThat(dirty()).as("late data marked its hours").isPositive();
        // before the job: stale rollups are bypassed, the API is exact already
        compareApi(devices, "before refresh, seed " + seed);

        refresher.refresh();
        assertThat(dirty()).isZero();
        compareAll(devices, "after late data, seed " + seed);
    }

    /**
     * The writer skips marks it already wrote in the current generation. Here a writer's transaction
     * skips one (its readings land in an hour it marked earlier) while the job runs: the job must wait
     * for that transaction before taking the mark, or the hour would be rolled up without its readings.
     */
    @Test
    void theJobWaitsForAWriterThatSkippedAMark() throws Exception {
        assumeTrue(partitions.layout() == StorageLayout.NATIVE_PARTITIONS, "plain PostgreSQL rollups");
        Instant hour = threeDaysAgo().plus(Duration.ofHours(5));
        Reading first = new Reading("rw-wl1", Metric.WATER_LEVEL, hour.plusSeconds(60), 1.0);
        double stored = messages("stored");
        publish(batch("gw-rw", 1, List.of(first)));
        awaitMessages("stored", stored + 1);
        assertThat(dirty()).isEqualTo(1);

        // a writer transaction with a second reading of the same hour, held open before its commit
        Reading second = new Reading("rw-wl1", Metric.WATER_LEVEL, hour.plusSeconds(120), 2.0);
        var inbound = new InboundMessage(topic("gw-rw"), new byte[0], 0, 0, 0, Instant.now(), System.nanoTime());
        var decoded = new Decoded.Accepted(inbound, batch("gw-rw", 2, List.of(second)));
        var written = new CountDownLatch(1);
        var release = new CountDownLatch(1);
        var writer = Executors.newSingleThreadExecutor();
        var job = Executors.newSingleThreadExecutor();
        try {
            Future<?> w = writer.submit(() -> tx.executeWithoutResult(status -> {
                readings.store(List.of(decoded));
                written.countDown();
                awaitQuietly(release);
            }));
            assertThat(written.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(dirty()).as("the mark was known, so not written again").isEqualTo(1);
            Future<Integer> refreshed = job.submit(refresher::refresh);
            Thread.sleep(500);
            assertThat(refreshed.isDone()).as("the job waits for the writer").isFalse();
            release.countDown();
            w.get(30, TimeUnit.SECONDS);
            assertThat(refreshed.get(30, TimeUnit.SECONDS)).isEqualTo(1);
        } finally {
            release.countDown();
            writer.shutdownNow();
            job.shutdownNow();
        }
        var row = jdbc.queryForMap(
                "SELECT h.count, h.sum, h.last FROM reading_hourly h JOIN series s ON s.id = h.series_id"
                        + " WHERE s.device_id = 'rw-wl1' AND h.bucket = ?",
                hour.atOffset(ZoneOffset.UTC));
        assertThat(row).containsEntry("count", 2L).containsEntry("sum", 3.0).containsEntry("last", 2.0);
    }

    /** A mark written in the current generation is not written again; a new generation writes it anew. */
    @Test
    void aWriterWritesAMarkOncePerGeneration() throws Exception {
        assumeTrue(partitions.layout() == StorageLayout.NATIVE_PARTITIONS, "plain PostgreSQL rollups");
        Instant hour = threeDaysAgo().plus(Duration.ofHours(9));
        send("gw-rk", 1, new Reading("rk-wl1", Metric.WATER_LEVEL, hour.plusSeconds(10), 1.0));
        assertThat(dirty()).isEqualTo(1);
        // taken away behind the writer's back: only a writer that rewrites every mark would restore it
        jdbc.update("DELETE FROM rollup_dirty");
        send("gw-rk", 2, new Reading("rk-wl1", Metric.WATER_LEVEL, hour.plusSeconds(20), 2.0));
        assertThat(dirty()).as("known in this generation: not written again").isZero();

        refresher.refresh(); // a new generation
        send("gw-rk", 3, new Reading("rk-wl1", Metric.WATER_LEVEL, hour.plusSeconds(30), 3.0));
        assertThat(dirty()).as("a new generation writes its marks again").isEqualTo(1);
        refresher.refresh();
        assertThat(dirty()).isZero();
    }

    private void send(String gateway, long seq, Reading reading) throws Exception {
        double stored = messages("stored");
        publish(batch(gateway, seq, List.of(reading)));
        awaitMessages("stored", stored + 1);
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void sendAll(List<Reading> readings) throws Exception {
        double stored = messages("stored");
        int batches = 0;
        for (int i = 0; i < readings.size(); i += 50) {
            publish(batch("gw-ru", ++seq, readings.subList(i, Math.min(readings.size(), i + 50))));
            batches++;
        }
        awaitMessages("stored", stored + batches);
    }

    private int dirty() {
        return jdbc.queryForObject("SELECT count(*) FROM rollup_dirty", Integer.class);
    }

    private List<Row> raw(String device) {
        return jdbc.query(
                "SELECT s.device_id, r.time, r.value FROM reading r JOIN series s ON s.id = r.series_id"
                        + " WHERE s.device_id = ?",
                (rs, i) -> new Row(
                        rs.getString(1), rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getDouble(3)),
                device);
    }

    private void compareAll(List<String> devices, String why) {
        for (String d : devices) {
            List<Row> rows = raw(d);
            compareTable("reading_hourly", d, group(rows, t -> t.truncatedTo(ChronoUnit.HOURS)), why);
            compareTable("reading_daily", d, group(rows, RollupTest::localDay), why);
        }
        compareApi(devices, why);
    }

    private void compareApi(List<String> devices, String why) {
        Instant from = LocalDateTime.now(ZONE)
                .truncatedTo(ChronoUnit.DAYS)
                .minusDays(4)
                .atZone(ZONE)
                .toInstant();
        Instant to = from.plus(Duration.ofDays(5));
        for (String d : devices) {
            List<Row> rows = raw(d);
            String metric = d.contains("sm") ? "soil_moisture" : "water_level";
            compareApi(d, metric, from, to, "1h", "hourly", group(rows, t -> t.truncatedTo(ChronoUnit.HOURS)), why);
            compareApi(d, metric, from, to, "3h", "hourly", group(rows, RollupTest::localThreeHours), why);
            compareApi(d, metric, from, to, "1d", "daily", group(rows, RollupTest::localDay), why);
            compareApi(d, metric, from, to, "15m", "raw", group(rows, RollupTest::quarterHour), why);
        }
    }

    private static Instant localDay(Instant t) {
        return t.atZone(ZONE).truncatedTo(ChronoUnit.DAYS).toInstant();
    }

    private static Instant localThreeHours(Instant t) {
        ZonedDateTime z = t.atZone(ZONE).truncatedTo(ChronoUnit.HOURS);
        return z.withHour(z.getHour() / 3 * 3).toInstant();
    }

    private static Instant quarterHour(Instant t) {
        long s = t.getEpochSecond();
        return Instant.ofEpochSecond(s - Math.floorMod(s, 900));
    }

    private static TreeMap<Instant, Expected> group(List<Row> rows, Function<Instant, Instant> bucket) {
        var groups = new TreeMap<Instant, List<Row>>();
        for (Row r : rows)
            groups.computeIfAbsent(bucket.apply(r.time()), k -> new ArrayList<>())
                    .add(r);
        var out = new TreeMap<Instant, Expected>();
        groups.forEach((k, v) -> out.put(k, Expected.of(v)));
        return out;
    }

    private void compareTable(String table, String device, TreeMap<Instant, Expected> expected, String why) {
        List<Map<String, Object>> rows = jdbc.queryForList(
                "SELECT h.* FROM " + table + " h JOIN series s ON s.id = h.series_id WHERE s.device_id = ?"
                        + " ORDER BY h.bucket",
                device);
        assertThat(rows).as("%s rows of %s (%s)", table, device, why).hasSize(expected.size());
        int i = 0;
        for (var e : expected.entrySet()) {
            Map<String, Object> row = rows.get(i++);
            String what = table + " " + device + " " + e.getKey() + " (" + why + ")";
            assertThat(((java.sql.Timestamp) row.get("bucket")).toInstant())
                    .as(what)
                    .isEqualTo(e.getKey());
            Expected x = e.getValue();
            assertThat(row.get("count")).as(what).isEqualTo(x.count());
            assertThat((Double) row.get("sum")).as(what).isCloseTo(x.sum(), within(EPS * Math.max(1, x.count())));
            assertThat(row.get("min")).as(what).isEqualTo(x.min());
            assertThat(row.get("max")).as(what).isEqualTo(x.max());
            assertThat(row.get("last")).as(what).isEqualTo(x.last());
            assertThat(((java.sql.Timestamp) row.get("last_time")).toInstant())
                    .as(what)
                    .isEqualTo(x.lastTime());
        }
    }

    private void compareApi(
            String device,
            String metric,
            Instant from,
            Instant to,
            String bucket,
            String source,
            TreeMap<Instant, Expected> expected,
            String why) {
        String uri = UriComponentsBuilder.fromPath("/api/series/aggregate")
                .queryParam("device", device)
                .queryParam("metric", metric)
                .queryParam("from", from.toString())
                .queryParam("to", to.toString())
                .queryParam("bucket", bucket)
                .queryParam("fn", "avg,min,max,last,count,sum")
                .build()
                .toUriString();
        TestHttp.Reply r = http.get(uri);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        JsonNode body = r.json();
        assertThat(body.get("source").stringValue()).as(bucket).isEqualTo(source);
        JsonNode buckets = body.get("buckets");
        assertThat(buckets).as("%s %s buckets (%s)", device, bucket, why).hasSize(expected.size());
        int i = 0;
        for (var e : expected.entrySet()) {
            JsonNode b = buckets.get(i++);
            Expected x = e.getValue();
            String what = device + " " + bucket + " " + e.getKey() + " (" + why + ")";
            assertThat(Instant.parse(b.get("t").stringValue())).as(what).isEqualTo(e.getKey());
            assertThat(b.get("count").longValue()).as(what).isEqualTo(x.count());
            assertThat(b.get("sum").doubleValue()).as(what).isCloseTo(x.sum(), within(EPS * Math.max(1, x.count())));
            assertThat(b.get("avg").doubleValue()).as(what).isCloseTo(x.sum() / x.count(), within(EPS));
            assertThat(b.get("min").doubleValue()).as(what).isEqualTo(x.min());
            assertThat(b.get("max").doubleValue()).as(what).isEqualTo(x.max());
            assertThat(b.get("last").doubleValue()).as(what).isEqualTo(x.last());
        }
    }

    /**
     * Runs only against a PostgreSQL with TimescaleDB preloaded (none on CI): the continuous
     * aggregates agree with the raw rows, through real-time aggregation before any refresh and
     * after refreshes. Late data into buckets already materialized shows only after the next
     * refresh (TimescaleDB's semantics; the policy does it every timescale-refresh-every). No ties
     * on time here: TimescaleDB's {@code last()} breaks them its own way.
     */
    @Test
    void withTimescaleTheContinuousAggregatesAgreeWithTheRawRows() throws Exception {
        assumeTrue(partitions.layout() == StorageLayout.TIMESCALE_HYPERTABLE, "TimescaleDB present");
        long seed = System.nanoTime();
        var random = new Random(seed);
        List<String> devices = List.of("rt-wl1", "rt-sm1");
        var sent = randomReadings(random, threeDaysAgo(), devices);
        java.util.Collections.shuffle(sent, random);
        int firstPart = sent.size() / 2;
        sendAll(sent.subList(0, firstPart));
        compareApi(devices, "real-time, seed " + seed);
        refreshAggregates();
        compareAll(devices, "refreshed, seed " + seed);
        sendAll(sent.subList(firstPart, sent.size())); // late, into materialized buckets
        refreshAggregates();
        compareAll(devices, "late data refreshed, seed " + seed);
        assertThat(refresher.isRunning()).isFalse();
        assertThat(dirty()).isZero();
    }

    private void refreshAggregates() {
        jdbc.execute("CALL refresh_continuous_aggregate('reading_hourly', NULL, NULL)");
        jdbc.execute("CALL refresh_continuous_aggregate('reading_daily', NULL, NULL)");
    }

    @Test
    void aggregateQueriesExplainWhatTheyCannotAnswer() {
        assertBad(
                "/api/series/aggregate?device=ru-wl1&metric=water_level&bucket=7m",
                "must be whole seconds dividing a day");
        assertBad("/api/series/aggregate?device=ru-wl1&metric=water_level&bucket=soon", "is not a duration");
        assertBad("/api/series/aggregate?device=ru-wl1&metric=water_level&fn=median", "unknown function 'median'");
        assertBad("/api/series/aggregate?device=ru-wl1&metric=salinity", "unknown metric 'salinity'");
        assertBad(
                "/api/series/aggregate?device=ru-wl1&metric=water_level&bucket=1s&from=2020-01-01T00:00:00Z",
                "buckets of PT1S; at most");
        assertThat(http.get("/api/series/aggregate?device=ru-nobody&metric=water_level")
                        .status())
                .isEqualTo(404);
    }

    private void assertBad(String uri, String detail) {
        TestHttp.Reply r = http.get(uri);
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().get("detail").stringValue()).contains(detail);
    }
}

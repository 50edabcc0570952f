package vn.dongxanh.bench.ingest;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import vn.dongxanh.bench.Benchmark;
import vn.dongxanh.bench.Settings;
import vn.dongxanh.bench.footprint.HeapInfo;
import vn.dongxanh.bench.footprint.Jcmd;
import vn.dongxanh.bench.report.Baseline;
import vn.dongxanh.bench.report.BenchmarkResult;
import vn.dongxanh.bench.report.Figure;
import vn.dongxanh.bench.report.Format;
import vn.dongxanh.bench.report.Goal;
import vn.dongxanh.bench.report.Machine;
import vn.dongxanh.devkit.FreePorts;
import vn.dongxanh.devkit.LocalServices;
import vn.dongxanh.devkit.TokenIssuer;
import vn.dongxanh.sim.load.LoadConfig;
import vn.dongxanh.sim.load.LoadGenerator;
import vn.dongxanh.sim.load.LoadSummary;

/**
 * Cloud ingest end to end (issue 5): uplink batches of many gateways through the broker into the
 * packaged ingest-service and PostgreSQL, beside a raw binary COPY of the same rows (the ceiling)
 * and a per-row INSERT loop; then the dashboard's "latest" of 10,000 series and a 30-day hourly
 * chart, beside trivial round trips.
 */
public final class IngestBenchmark implements Benchmark {
    private static final int METRIC_COUNT = LoadConfig.DEFAULT_METRICS.size();

    private final Duration duration = duration("bench.ingest.duration", "60s");
    private final Duration warmup = duration("bench.ingest.warmup", "10s");
    private final int devices = Settings.integer("bench.ingest.devices", 2_500);
    private final int gateways = Settings.integer("bench.ingest.gateways", 50);
    private final int batch = Settings.integer("bench.ingest.batch", 500);
    private final int clients = Settings.integer("bench.ingest.clients", 4);
    private final int window = Settings.integer("bench.ingest.window", 10);
    private final int outstandingBatches = Settings.integer("bench.ingest.outstanding-batches", 200);
    private final int rate = Settings.integer("bench.ingest.rate", 0);
    private final int copyMaxRows = Settings.integer("bench.ingest.copy-max-rows", 20_000_000);
    private final int insertRows = Settings.integer("bench.ingest.insert-rows", 20_000);
    private final Duration fillBudget = duration("bench.ingest.fill", "240s");
    private final int fillTarget = Settings.integer("bench.ingest.fill-rows", 100_000_000);
    private final int queries = Settings.integer("bench.ingest.queries", 50);
    private final String jvmFlags = Settings.text("bench.ingest.jvm-flags", "-Xmx1g");

    /** "60 s", "10 min": Duration.toString() reads PT1M. */
    static String human(Duration d) {
        return d.toSeconds() % 60 == 0 && d.toSeconds() >= 60 ? d.toMinutes() + " min" : d.toSeconds() + " s";
    }

    @Override
    public String name() {
        return "ingest";
    }

    static Duration duration(String key, String dflt) {
        String v = Settings.text(key, dflt).toLowerCase(Locale.ROOT);
        try {
            long n = Long.parseLong(v.replaceAll("[a-z]+$", ""));
            return switch (v.replaceAll("^[0-9]+", "")) {
                case "ms" -> Duration.ofMillis(n);
                case "", "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> throw new IllegalArgumentException();
            };
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("-D" + key + "=" + v + " is not a duration like 60s or 10m");
        }
    }

    @Override
    public BenchmarkResult run(String mqttUrl) throws Exception {
        Machine machine = Machine.probe(Settings.workBase());
        Path jar = Settings.repo().resolve("ingest-service/target/ingest-service.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(
                    jar + " is missing: ./mvnw -B -q -DskipTests package -pl ingest-service -am");
        }
        if (gateways < clients || devices % gateways != 0) {
            throw new IllegalArgumentException(
                    "bench.ingest.gateways must be ≥ clients and divide bench.ingest.devices");
        }
        String runId = UUID.randomUUID().toString().replace("-", "").substring(0, 10);
        String coop = "bench-" + runId;
        Path log = Files.createTempFile(Settings.workBase(), "bench-ingest-", ".log");
        try (var db = LocalServices.freshDatabase("bench_ingest");
                var issuer = TokenIssuer.start()) {
            int port = FreePorts.tcp();
            int managementPort = FreePorts.tcp();
            while (managementPort == port) managementPort = FreePorts.tcp();
            var env = new HashMap<String, String>();
            env.put("DX_INGEST_DB_URL", db.jdbcUrl());
            env.put("DX_INGEST_DB_USER", db.user());
            env.put("DX_INGEST_DB_PASSWORD", db.password());
            env.put("DX_MQTT_URL", mqttUrl);
            env.put("DX_INGEST_PORT", Integer.toString(port));
            // metrics and /actuator/prometheus are served on the loopback management port only
            env.put("DX_INGEST_MANAGEMENT_PORT", Integer.toString(managementPort));
            // the API takes bearer tokens of this stand-in issuer (discovery + JWKS, as a real provider)
            env.put("DX_INGEST_OIDC_ISSUER_URI", issuer.issuerUri());
            env.put("DX_MQTT_CLIENT_ID", "bench-ingest-" + runId);
            env.put("DX_MQTT_SHARE_GROUP", "bench-" + runId);
            env.put("DX_INGEST_MQTT_SESSIONEXPIRY", "30s");
            env.put("DX_INGEST_MQTT_TOPICFILTER", "dx/v1/coop/" + coop + "/gw/+/telemetry");
            env.put("DX_INGEST_MQTT_EVENTSFILTER", "dx/v1/coop/" + coop + "/gw/+/events");
            env.put("DX_INGEST_MQTT_STATEFILTER", "dx/v1/coop/" + coop + "/gw/+/state");
            env.put("DX_INGEST_COMMANDS_ENABLED", "false");
            // partitions for the 30 days of chart data, and rollups kept up closely
            env.put("DX_INGEST_PARTITIONS_BEHIND", "32");
            env.put("DX_INGEST_ROLLUP_REFRESHEVERY", "1s");
            // a private copy: a rebuild of the jar under a running JVM breaks its class loading
            Path copy = Files.createTempFile(Settings.workBase(), "bench-ingest-", ".jar");
            Files.copy(jar, copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            copy.toFile().deleteOnExit();
            List<String> flags = Arrays.asList(jvmFlags.strip().split("\\s+"));
            System.out.println("   starting ingest-service (" + jvmFlags + ") on port " + port + " (management "
                    + managementPort + "), log " + log);
            // valid longer than any run: warm-up, window, fill and queries
            var tokens = ApiTokens.of(issuer, coop, Duration.ofHours(24));
            try (var service = IngestProcess.start(copy, flags, env, port, managementPort, log);
                    Connection sql = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
                return measure(machine, mqttUrl, coop, runId, service, tokens, sql);
            }
        } finally {
            System.out.println("   service log kept at " + log);
        }
    }

    private BenchmarkResult measure(
            Machine machine,
            String mqttUrl,
            String coop,
            String runId,
            IngestProcess service,
            ApiTokens tokens,
            Connection sql)
            throws Exception {
        var notes = new ArrayList<String>();
        var figures = new ArrayList<Figure>();
        // ---- sustained load: firmware-sim's load mode, held back by the service's progress
        var loadConfig = LoadConfig.builder()
                .broker(mqttUrl)
                .cooperative(coop)
                .clientIdPrefix("bench-load-" + runId)
                .gateways(gateways)
                .devicesPerGateway(devices / gateways)
                .batchReadings(batch)
                .readingsPerSecond(rate)
                .clients(clients)
                .inFlight(window)
                .duration(warmup.plus(duration))
                .build();
        Registry.register(service, tokens, coop, loadConfig.deviceIds(), clients);
        Instant base = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(60);
        var stored = new AtomicLong();
        var heap = new ConcurrentLinkedQueue<double[]>(); // {seconds since start, MB}
        var poller = Executors.newScheduledThreadPool(2);
        long maxOutstanding = (long) outstandingBatches * batch;
        long polled = System.nanoTime();
        poller.scheduleWithFixedDelay(
                () -> {
                    try {
                        stored.set((long) service.metric("dx.ingest.readings.stored"));
                    } catch (Exception e) {
                        // next poll
                    }
                },
                0,
                100,
                TimeUnit.MILLISECONDS);
        poller.scheduleAtFixedRate(
                () -> {
                    try {
                        double mb = service.metric("jvm.memory.used?tag=area:heap") / 1e6;
                        heap.add(new double[] {(System.nanoTime() - polled) / 1e9, mb});
                    } catch (Exception e) {
                        // next sample
                    }
                },
                0,
                5,
                TimeUnit.SECONDS);
        // a QoS 1 publish is acknowledged by the broker, not the service: wait for the service
        var paused = new java.util.concurrent.atomic.AtomicBoolean();
        var load = LoadGenerator.start(
                loadConfig, published -> !paused.get() && published - stored.get() <= maxOutstanding);
        long started = System.nanoTime();
        long until = started + warmup.plus(duration).toNanos();
        System.out.printf(
                "   load: %d gateways × %d readings/batch, %d clients, warm-up %s, measuring %s%n",
                gateways, batch, clients, human(warmup), human(duration));
        long s0, t0, s1, t1;
        double liveStart;
        LatencyHistogram h0, h1;
        try {
            sleepUntil(started + warmup.toNanos());
            // the live heap with the intake queue empty (it alone holds up to 1,000 decoded batches)
            paused.set(true);
            awaitDrained(stored, load);
            liveStart = liveHeapMb(service.pid());
            paused.set(false);
            s0 = (long) service.metric("dx.ingest.readings.stored");
            t0 = System.nanoTime();
            h0 = LatencyHistogram.parse(
                    service.management("/actuator/prometheus").body(), "sent");
            sleepUntil(until);
            s1 = (long) service.metric("dx.ingest.readings.stored");
            t1 = System.nanoTime();
            h1 = LatencyHistogram.parse(
                    service.management("/actuator/prometheus").body(), "sent");
            load.awaitEnd();
        } catch (Exception e) {
            try {
                load.stop();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
        LoadSummary published = load.stop();
        long drainDeadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (stored.get() < published.readings() && System.nanoTime() < drainDeadline) Thread.sleep(200);
        double liveEnd = liveHeapMb(service.pid());
        poller.shutdownNow();
        long storedTotal = (long) service.metric("dx.ingest.readings.stored");
        long rows = count(sql, "SELECT count(*) FROM reading");
        double storedRate = (s1 - s0) / ((t1 - t0) / 1e9);
        var latencies = h1.minus(h0);
        System.out.printf(
                "   stored %,d readings in the window (%,.0f/s); %,d published, %,d stored, %,d rows%n",
                s1 - s0, storedRate, published.readings(), storedTotal, rows);

        // ---- baselines on the same rows: raw binary COPY (ceiling) and a per-row INSERT loop
        waitRollupsIdle(sql, Duration.ofSeconds(180));
        List<Integer> seriesIds = ids(sql);
        long copyRows = Math.min(s1 - s0, copyMaxRows);
        exec(sql, "CREATE TABLE bench_copy (LIKE reading) PARTITION BY RANGE (time)");
        exec(
                sql,
                "CREATE TABLE bench_copy_day PARTITION OF bench_copy FOR VALUES FROM ('"
                        + base.minus(Duration.ofDays(1)) + "') TO ('" + base.plus(Duration.ofDays(2)) + "')");
        exec(sql, "CREATE TABLE bench_copy_default PARTITION OF bench_copy DEFAULT");
        exec(sql, "CREATE INDEX ON bench_copy (series_id, time)");
        exec(sql, "CREATE TABLE bench_insert (LIKE bench_copy INCLUDING INDEXES)");
        long c0 = System.nanoTime();
        try (var copy = new BinaryCopy(sql, "bench_copy")) {
            for (long i = 0; i < copyRows; i++) {
                int s = (int) (i % seriesIds.size());
                copy.row(base.plusSeconds(i / seriesIds.size()), seriesIds.get(s), 3.0 + (i % 11));
            }
            copy.finish();
        }
        double copySeconds = (System.nanoTime() - c0) / 1e9;
        double copyRate = copyRows / copySeconds;
        long i0 = System.nanoTime();
        try (var insert = sql.prepareStatement("INSERT INTO bench_insert (time, series_id, value) VALUES (?, ?, ?)")) {
            for (int i = 0; i < insertRows; i++) {
                insert.setObject(
                        1,
                        java.time.OffsetDateTime.ofInstant(
                                base.plusSeconds(i / seriesIds.size()), java.time.ZoneOffset.UTC));
                insert.setInt(2, seriesIds.get(i % seriesIds.size()));
                insert.setDouble(3, 3.0 + (i % 11));
                insert.executeUpdate(); // autocommit: one transaction per row
            }
        }
        double insertSeconds = (System.nanoTime() - i0) / 1e9;
        double insertRate = insertRows / insertSeconds;
        System.out.printf(
                "   COPY %,d rows in %.2f s; INSERT loop %,d rows in %.2f s%n",
                copyRows, copySeconds, insertRows, insertSeconds);
        figures.add(new Figure(
                "ingest: sustained readings stored",
                "readings/s",
                storedRate,
                "%,d readings stored in %.1f s after a %s warm-up (dx_ingest_readings_stored_total before and after); %,d published in %,d batches in all, %,d stored, %,d rows in reading afterwards; publishers waited for the service %,d times (outstanding cap %,d readings)"
                        .formatted(
                                s1 - s0,
                                (t1 - t0) / 1e9,
                                human(warmup),
                                published.readings(),
                                published.batches(),
                                storedTotal,
                                rows,
                                published.flowWaits(),
                                maxOutstanding),
                List.of(
                        new Baseline(
                                "raw binary COPY, same table shape (ceiling)",
                                copyRate,
                                "%,d rows in %.2f s, one COPY, one transaction".formatted(copyRows, copySeconds)),
                        new Baseline(
                                "per-row INSERT loop, autocommit",
                                insertRate,
                                "%,d rows in %.2f s".formatted(insertRows, insertSeconds))),
                Goal.atLeast(100_000)));
        figures.add(new Figure(
                "ingest: share of raw COPY", "%", 100 * storedRate / copyRate, "", List.of(), Goal.atLeast(50)));
        double p99 = latencies.quantile(0.99);
        figures.add(new Figure(
                "ingest: p99 sent → commit",
                "s",
                p99,
                "dx_ingest_batch_latency_seconds{from=\"sent\"} over the %,.0f batches of the window (bucket upper bounds); p50 ≤ %s s, p90 ≤ %s s"
                        .formatted(
                                latencies.count(),
                                Format.number(latencies.quantile(0.5)),
                                Format.number(latencies.quantile(0.9))),
                List.of(),
                Goal.atMost(2)));

        // ---- trivial round trips: the floor of any query
        double select1 = median(timeMs(queries, () -> count(sql, "SELECT 1")));
        double oneRow =
                median(timeMs(queries, () -> requireOk(service.get("/api/cooperatives/" + coop, tokens.manager()))));
        var baselines = List.of(
                new Baseline("JDBC SELECT 1 round trip, median", select1, ""),
                new Baseline("HTTP GET of one cooperative, median", oneRow, ""));

        // ---- latest of 10,000 series (the cooperative's dashboard)
        String latestPath = "/api/cooperatives/" + coop + "/latest";
        String latest = requireOk(service.get(latestPath, tokens.manager()));
        int values = latest.split("\"metric\"", -1).length - 1;
        double[] latestMs = timeMs(queries, () -> requireOk(service.get(latestPath, tokens.manager())));
        figures.add(new Figure(
                "query: latest of %,d series".formatted(values),
                "ms",
                median(latestMs),
                "GET %s, median of %d after 5 unmeasured, p95 %s ms; %,d devices × %d metrics registered over HTTP, %,d values in the answer (%,d bytes)"
                        .formatted(
                                latestPath.replace(coop, "{coop}"),
                                queries,
                                Format.number(pct(latestMs, 0.95)),
                                devices,
                                METRIC_COUNT,
                                values,
                                latest.length()),
                baselines,
                Goal.atMost(50)));

        // ---- 30-day hourly chart over a filled reading table
        Chart chart = Chart.load(service, tokens, sql, mqttUrl, coop, runId, seriesIds, fillBudget, fillTarget);
        String chartPath = chart.path();
        String answer = requireOk(service.get(chartPath, tokens.manager()));
        int buckets = answer.split("\"count\"", -1).length - 1;
        boolean hourly = answer.contains("\"source\":\"hourly\"");
        double[] chartMs = timeMs(queries, () -> requireOk(service.get(chartPath, tokens.manager())));
        double chartSql = median(timeMs(queries, () -> chart.hourly(sql, "")));
        List<String> planLines = chart.hourly(sql, "EXPLAIN (ANALYZE) ");
        System.out.println("   plan of the hourly SQL:\n      " + String.join("\n      ", planLines));
        String plan = String.join(" ", planLines).replaceAll("\\s+", " ");
        var planning =
                java.util.regex.Pattern.compile("Planning Time: ([0-9.]+) ms").matcher(plan);
        var execution =
                java.util.regex.Pattern.compile("Execution Time: ([0-9.]+) ms").matcher(plan);
        String explained = "EXPLAIN ANALYZE of that SQL: planning %s ms, execution %s ms"
                .formatted(planning.find() ? planning.group(1) : "?", execution.find() ? execution.group(1) : "?");
        figures.add(new Figure(
                "query: 30-day hourly chart",
                "ms",
                median(chartMs),
                "GET /api/series/aggregate (bucket=1h, 30 days) of one series with %,d readings, median of %d after 5 unmeasured, p95 %s ms; %d buckets, source %s; reading held %,d rows%s"
                        .formatted(
                                chart.seriesRows(),
                                queries,
                                Format.number(pct(chartMs, 0.95)),
                                buckets,
                                hourly ? "hourly" : "NOT hourly",
                                chart.totalRows(),
                                chart.totalRows() >= 100_000_000 ? "" : " (short of the issue's 100 million)"),
                List.of(
                        baselines.get(0),
                        baselines.get(1),
                        new Baseline(
                                "the service's hourly SQL alone over JDBC, median",
                                chartSql,
                                "the SQL of Rollups.hourly copied, same parameters, %d runs; %s"
                                        .formatted(queries, explained))),
                Goal.atMost(20)));

        // ---- notes
        notes.add(
                "%s measured after a %s warm-up%s. Load: firmware-sim's load mode in-process (vn.dongxanh.sim.load.LoadGenerator): uplink batches of %,d readings from %d gateways of one cooperative (%,d devices × %d metrics = %,d series), exactly as the edge agent sends them (its topic, the contract's envelope, byte for byte what UplinkCodec writes, checked at start; sequence numbers from 1 per gateway; sent time stamped at publish), written from JSON pieces prepared once so a publish only copies bytes and formats seq and times; each device's values come from firmware-sim's field model (paddy water level, soil moisture, its gateway's rain, battery, with sensor noise), precomputed as 32 half-hour steps played back and forth; readings are stamped up to a few ms before the batch's sent time, so rows do not repeat. Figures measured with the benchmark's former generator, whose batches repeated the same rows, are not comparable: PostgreSQL deduplicates repeated (series_id, time) keys in the index, which costs it less than distinct rows. Published QoS 1 by %d Paho clients with TCP_NODELAY, each gateway through one of them, %d unacknowledged publishes each, %s."
                        .formatted(
                                human(duration),
                                human(warmup),
                                duration.toMinutes() >= 10
                                        ? ""
                                        : " (a reduced run for a deadline, not the issue's 10 minutes: select them with -Dbench.ingest.duration=10m)",
                                batch,
                                gateways,
                                devices,
                                METRIC_COUNT,
                                devices * METRIC_COUNT,
                                clients,
                                window,
                                rate == 0 ? "no target rate" : "target %,d readings/s".formatted(rate)));
        notes.add(
                "Everything on this machine: Mosquitto %s, PostgreSQL 15 on 127.0.0.1:5432 (a fresh database, dropped afterwards), the packaged ingest-service.jar as a child process (java %s, default writer settings) and the load generator in this JVM, all on the same %d cores; other engineers' builds shared them (load average above)."
                        .formatted(mqttUrl, jvmFlags, Runtime.getRuntime().availableProcessors()));
        notes.add(
                "End-to-end flow control: a publisher waits while more than %,d readings are published and not yet stored, because the broker acknowledges QoS 1 publishes itself and Mosquitto drops what it queues beyond max_queued_messages (1,000) for a slow subscriber. So the rate is what the service sustains, not what the broker accepts; at saturation the latency is then mostly this backlog queueing (Little's law: outstanding ÷ rate) and moves with bench.ingest.outstanding-batches."
                        .formatted((long) outstandingBatches * batch));
        notes.add(heapNote(heap));
        notes.add(("Live heap of the service after a full collection (jcmd PID GC.run, then GC.heap_info), each time"
                        + " with its intake queue empty (the load paused until everything published was stored;"
                        + " the queue alone holds up to 1,000 decoded batches): %s MB after the warm-up, before"
                        + " the window; %s MB after the window, once the load had ended and drained. This, not"
                        + " the saw-tooth above, is what a leak would grow.")
                .formatted(Format.number(liveStart), Format.number(liveEnd)));
        notes.add(
                "Baselines ran after the load (the service idle, its rollup job caught up) into tables of the same database: bench_copy (LIKE reading, partitioned by range on time, one partition holding the rows, index (series_id, time) like reading_series_time) by one binary COPY of as many rows as the service stored in the window (at most %,d), and bench_insert (same shape) by one INSERT per row in autocommit, timed over %,d rows only. The service's own work per batch (ledger row, sequence check, series_latest, rollup marks) is not in the COPY ceiling: that is the cost the ratio shows."
                        .formatted(copyMaxRows, insertRows));
        notes.add(
                "p99: the service's own histogram dx_ingest_batch_latency_seconds{from=\"sent\"} (the batch's sent time, stamped by the publisher just before publishing, to the commit of its transaction), difference of /actuator/prometheus (read from the service's loopback management port) before and after the window, so a percentile is known only up to Micrometer's bucket bound.");
        notes.add(
                "Every API call carries a bearer token (RS256 JWT) of a stand-in OpenID Connect issuer started by the benchmark (devkit TokenIssuer: discovery and JWK set on a loopback port), which the service validates on each request as it would its real provider's: the department's officer registered the cooperative, its manager the devices and made every timed GET, so the query figures include checking the token and the cooperative's ownership. Metrics and /actuator/prometheus were read from the management port, which takes no token.");
        notes.add(
                "Latest: the cooperative endpoint, the service otherwise idle, answering from series_latest (kept by the writer during the load). Chart: "
                        + chart.how());
        String notDone = (duration.toMinutes() >= 10 ? "" : ", the 10-minute run")
                + (chart.totalRows() >= 100_000_000
                        ? ""
                        : ", the 100-million-reading database (reading held %,d rows when the chart was timed)"
                                .formatted(chart.totalRows()));
        if (!notDone.isEmpty()) notes.add("Not done: " + notDone.substring(2) + ".");
        notes.add("Service log: %d ERROR lines, %d WARN lines (%s)."
                .formatted(service.logLines(" ERROR "), service.logLines(" WARN "), service.log()));
        return new BenchmarkResult("ingest", "Cloud ingest, end to end", machine, figures, notes);
    }

    /** Waits until the service stored everything published (the load paused), and a moment more. */
    private static void awaitDrained(AtomicLong stored, LoadGenerator load) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Thread.sleep(200); // publishes already in flight
        while (stored.get() < load.publishedReadings() && System.nanoTime() < deadline) Thread.sleep(50);
    }

    /** Heap in use right after a full collection: the live data. */
    private static double liveHeapMb(long pid) throws Exception {
        Jcmd.run(pid, "GC.run");
        return HeapInfo.parse(Jcmd.run(pid, "GC.heap_info")).usedKb() / 1024.0;
    }

    private static String heapNote(ConcurrentLinkedQueue<double[]> samples) {
        var list = new ArrayList<>(samples);
        if (list.size() < 3) return "Heap: too few samples.";
        double min = Double.MAX_VALUE, max = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (double[] s : list) {
            min = Math.min(min, s[1]);
            max = Math.max(max, s[1]);
            sx += s[0];
            sy += s[1];
            sxx += s[0] * s[0];
            sxy += s[0] * s[1];
        }
        int n = list.size();
        double slope = (n * sxy - sx * sy) / (n * sxx - sx * sx) * 60;
        int half = n / 2;
        double first =
                list.subList(0, half).stream().mapToDouble(s -> s[1]).average().orElse(0);
        double second =
                list.subList(half, n).stream().mapToDouble(s -> s[1]).average().orElse(0);
        return ("Heap of the service during the load (jvm.memory.used, area heap, every 5 s, %d samples): min %s MB, max %s MB, mean of the first half %s MB, of the second half %s MB, least-squares trend %s MB/min. G1 lets used heap saw-tooth between collections, so min/max show the swing; a leak would show as a rising second half and trend.")
                .formatted(
                        n,
                        Format.number(min),
                        Format.number(max),
                        Format.number(first),
                        Format.number(second),
                        Format.number(slope));
    }

    private static void waitRollupsIdle(Connection sql, Duration limit) throws Exception {
        long deadline = System.nanoTime() + limit.toNanos();
        while (count(
                                sql,
                                "SELECT (SELECT count(*) FROM rollup_dirty WHERE " + Chart.SETTLED
                                        + ") + (SELECT count(*) FROM rollup_claimed)")
                        > 0
                && System.nanoTime() < deadline) Thread.sleep(500);
    }

    static long count(Connection sql, String query) throws SQLException {
        try (Statement st = sql.createStatement();
                ResultSet rs = st.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    static void exec(Connection sql, String statement) throws SQLException {
        try (Statement st = sql.createStatement()) {
            st.execute(statement);
        }
    }

    private static List<Integer> ids(Connection sql) throws SQLException {
        var out = new ArrayList<Integer>();
        try (Statement st = sql.createStatement();
                ResultSet rs = st.executeQuery("SELECT id FROM series ORDER BY id")) {
            while (rs.next()) out.add(rs.getInt(1));
        }
        return out;
    }

    static String requireOk(java.net.http.HttpResponse<String> r) {
        if (r.statusCode() != 200)
            throw new IllegalStateException(r.uri() + ": HTTP " + r.statusCode() + " " + r.body());
        return r.body();
    }

    interface Call {
        Object call() throws Exception;
    }

    /** {@code n} timed calls after 5 unmeasured ones, in milliseconds. */
    static double[] timeMs(int n, Call call) throws Exception {
        for (int i = 0; i < 5; i++) call.call();
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            call.call();
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        return ms;
    }

    static double median(double[] v) {
        return pct(v, 0.5);
    }

    static double pct(double[] v, double q) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) Math.ceil(q * s.length) - 1)];
    }

    private static void sleepUntil(long nanoTime) throws InterruptedException {
        long left;
        while ((left = nanoTime - System.nanoTime()) > 0) Thread.sleep(Math.min(left / 1_000_000 + 1, 1_000));
    }
}

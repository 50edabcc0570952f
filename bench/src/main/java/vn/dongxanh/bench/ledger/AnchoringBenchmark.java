package vn.dongxanh.bench.ledger;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import vn.dongxanh.bench.Benchmark;
import vn.dongxanh.bench.Settings;
import vn.dongxanh.bench.TempDirs;
import vn.dongxanh.bench.report.Baseline;
import vn.dongxanh.bench.report.BenchmarkResult;
import vn.dongxanh.bench.report.Figure;
import vn.dongxanh.bench.report.Format;
import vn.dongxanh.bench.report.Goal;
import vn.dongxanh.bench.report.Machine;
import vn.dongxanh.devkit.LocalServices;
import vn.dongxanh.devkit.TokenIssuer;

/**
 * Records anchored per second end to end through the packaged traceability-service: EPCIS events
 * captured over its HTTP API (each event is a record), timed until every record's anchor
 * transaction is mined on its local anvil; beside plain inserts of as many rows in the same
 * database.
 */
public final class AnchoringBenchmark implements Benchmark {
    /** Clients capturing at once: a province's cooperatives do not wait for each other. */
    private static final int CLIENTS = Settings.integer("bench.ledger.clients", 2);

    private static final String ANCHORED_COUNT = """
            select count(*) from record r
              join anchor a on a.id = r.anchor_id
              join ledger_tx t on t.id = a.ledger_tx
             where r.kind = 'epcis.event' and t.state in ('MINED', 'CONFIRMED')""";

    @Override
    public String name() {
        return "ledger-anchoring";
    }

    @Override
    public BenchmarkResult run(String mqttUrl) throws Exception {
        int records = Settings.integer("bench.ledger.records", 20_480);
        int perCapture = Settings.integer("bench.ledger.events-per-capture", 1000);
        int warmup = Settings.integer("bench.ledger.warmup-records", 5_000);
        int batch = Settings.integer("bench.ledger.batch-size", 1024);
        String poll = Settings.text("bench.ledger.poll-interval", "200ms");
        Duration timeout = Settings.seconds("bench.ledger.timeout-s", 600);
        double goal = Settings.integer("bench.ledger.anchoring-goal", 5000);
        Path repo = Settings.repo();
        Path dir = Files.createTempDirectory(Settings.workBase(), "bench-ledger-anchoring-");
        Machine machine = Machine.probe(dir);
        String run = UUID.randomUUID().toString().substring(0, 8);
        try (var db = LocalServices.freshDatabase("bench_trace");
                var issuer = TokenIssuer.start()) {
            // the cooperative capturing the events; its manager's and the department's tokens
            var tokens = TraceTokens.of(issuer, "bench-coop-" + run, Duration.ofHours(24));
            var env = Map.of(
                    "DX_TRACE_DB_URL", db.jdbcUrl(),
                    "DX_TRACE_DB_USER", db.user(),
                    "DX_TRACE_DB_PASSWORD", db.password(),
                    "DX_TRACE_LEDGER_MODE", "local",
                    "DX_TRACE_LEDGER_POLL_INTERVAL", poll,
                    "DX_TRACE_ANCHOR_BATCH_SIZE", Integer.toString(batch),
                    "DX_TRACE_ANCHOR_MAX_LEAVES", Integer.toString(batch),
                    // the tail under batch-size waits this long; keep it short so it does not dominate
                    "DX_TRACE_ANCHOR_INTERVAL", "1s",
                    "DX_TRACE_API_DOCS", "false",
                    // the API takes bearer tokens of this stand-in issuer (discovery + JWKS, as a real provider)
                    "DX_TRACE_OIDC_ISSUER_URI", issuer.issuerUri());
            long startNs = System.nanoTime();
            Measured m;
            String verification;
            long anchorLines;
            try (var service = TraceService.start(repo, env, dir, Duration.ofSeconds(180))) {
                double startS = (System.nanoTime() - startNs) / 1e9;
                tokens.registerCooperative(service);
                try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
                    if (warmup > 0) {
                        // a running service is warm: its first captures (cold JIT) are not what it sustains
                        capture(service, tokens, "warm" + run.substring(4), warmup, perCapture);
                        waitAnchored(service, c, warmup, System.nanoTime() + timeout.toNanos());
                    }
                    m = drive(service, tokens, c, run, records, warmup, perCapture, timeout);
                    m = m.withStart(startS);
                    verification = verifyOne(service, tokens, c);
                }
                anchorLines = service.countLogLines("queued as ledger tx");
            }
            Backlog backlog = backlog(repo, env, tokens, dir, run, records, perCapture, timeout);
            double plainRate;
            double plainS;
            try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
                plainS = plainInserts(c, run, records, perCapture);
                plainRate = records / plainS;
            }
            double rate = records / m.anchoredS;
            var figure = new Figure(
                    "records anchored end to end",
                    "records/s",
                    rate,
                    ("%s EPCIS events in %d captures of ≤ %d by %d clients at once (POST /api/epcis/capture with the cooperative manager's bearer token), %s s from the first POST until every record's anchor transaction was MINED (records ANCHORED); "
                                    + "all stored after %s s (%s records/s stored); %d roots made (service log); service start %s s and a warm-up of %s records captured and anchored before, not counted; sample record check: %s")
                            .formatted(
                                    Format.number(records),
                                    m.captures,
                                    perCapture,
                                    CLIENTS,
                                    Format.number(m.anchoredS),
                                    Format.number(m.storedS),
                                    Format.number(records / m.storedS),
                                    anchorLines,
                                    Format.number(m.startS),
                                    Format.number(warmup),
                                    verification),
                    List.of(new Baseline(
                            "plain INSERTs of as many rows, same database (storage ceiling)",
                            plainRate,
                            "%s rows (id, kind, subject, canonical JSON, leaf = keccak256 of keccak256 computed per row) by JDBC batches of %d, one transaction each, %s s"
                                    .formatted(Format.number(records), perCapture, Format.number(plainS)))),
                    Goal.atLeast(goal));
            var backlogFigure = new Figure(
                    "records anchored from a backlog",
                    "records/s",
                    records / backlog.seconds,
                    ("%s records pending when the service started, %d roots: %s s from the first root's transaction start (anchor.created_at) until every record's anchor was MINED (polled every 50 ms, elapsed computed by PostgreSQL). The anchoring pipeline alone: make root, write each record's proof, queue, sign, send, mine, follow the receipt")
                            .formatted(Format.number(records), backlog.roots, Format.number(backlog.seconds)),
                    List.of(new Baseline(
                            "plain INSERTs of as many rows, same database (storage ceiling)",
                            plainRate,
                            "the same measurement as above")),
                    Goal.atLeast(goal));
            return new BenchmarkResult(
                    name(),
                    "Records anchored per second",
                    machine,
                    List.of(figure, backlogFigure),
                    List.of(
                            "Jar: " + repo.relativize(TraceService.jar(repo)) + ", built "
                                    + Files.getLastModifiedTime(TraceService.jar(repo))
                                            .toInstant()
                                            .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                                    + " (bench/run builds it only when missing).",
                            "The service is the packaged traceability-service.jar started as a child process against a fresh PostgreSQL database on 127.0.0.1:5432 (the machine's PostgreSQL 15), ledger mode local: it starts its own anvil (one block per transaction) and deploys its contract; confirmations 1.",
                            "Identity as in production: the service trusts a stand-in OpenID Connect issuer started by the benchmark (devkit TokenIssuer: discovery and JWK set on a loopback port) and validates an RS256 bearer token on every request. The department's officer registers the benchmark cooperative (POST /api/organisations); its manager captures the events, so the records are the cooperative's and their roots are anchored with the cooperative's own ledger key (a dev key the service generates, enrolled by a grantRole call of the department's key in the warm-up; in the backlog run that grant is queued with the first roots), see docs/ledger-signers.md.",
                            ("Settings that shape the figure: dx.trace.ledger.poll-interval %s (default 2s: the anchoring job runs that often, making roots, sending queued anchors and following receipts), dx.trace.anchor.batch-size = max-leaves = %d (a root per %d records), dx.trace.anchor.interval 1s (default 1m: only the tail under a full root waits for it).")
                                    .formatted(poll, batch, batch),
                            "Records are EPCIS ObjectEvents: the cheapest record the API makes (up to dx.trace.epcis.max-events-per-capture = 1000 per POST); each capture stores the event, its identifiers and its record (canonical JSON + leaf) in one transaction. Captures are sent by bench.ledger.clients clients at once (default 2: one per core of this machine; cooperatives capture independently) while the anchoring job runs.",
                            "Two figures because two stages limit the first: the end-to-end one (capture → anchored) includes storing each EPCIS event through the API; the backlog one isolates the anchoring pipeline: the same number of records captured with anchoring held back (batch-size 1e9, interval 24h), the service stopped and started again with the settings above, so every record is due at once.",
                            "Anchored is counted in the service's own tables (record → anchor → ledger_tx state MINED or CONFIRMED), polled every 50 ms; that is the status GET /api/records/{id} reports as ANCHORED."));
        } finally {
            TempDirs.delete(dir);
        }
    }

    private record Measured(int captures, double storedS, double anchoredS, double startS) {
        Measured withStart(double s) {
            return new Measured(captures, storedS, anchoredS, s);
        }
    }

    /** Captures and times {@code records} records; {@code before} records were anchored already. */
    private static Measured drive(
            TraceService service,
            TraceTokens tokens,
            Connection c,
            String run,
            int records,
            int before,
            int perCapture,
            Duration timeout)
            throws Exception {
        long t0 = System.nanoTime();
        int captures = capture(service, tokens, run, records, perCapture);
        double stored = (System.nanoTime() - t0) / 1e9;
        waitAnchored(service, c, before + records, t0 + timeout.toNanos());
        return new Measured(captures, stored, (System.nanoTime() - t0) / 1e9, 0);
    }

    /** Captures with {@link #CLIENTS} clients at once, each taking the next document in turn. */
    private static int capture(TraceService service, TraceTokens tokens, String run, int records, int perCapture)
            throws Exception {
        var next = new java.util.concurrent.atomic.AtomicInteger();
        var pool = java.util.concurrent.Executors.newFixedThreadPool(CLIENTS);
        try {
            var done = new ArrayList<java.util.concurrent.Future<Integer>>();
            for (int c = 0; c < CLIENTS; c++) {
                done.add(pool.submit(() -> {
                    int captures = 0;
                    for (int from; (from = next.getAndAdd(perCapture)) < records; captures++) {
                        captureDocument(service, tokens, run, from, Math.min(records, from + perCapture));
                    }
                    return captures;
                }));
            }
            int captures = 0;
            for (var f : done) captures += f.get();
            return captures;
        } finally {
            pool.shutdownNow();
        }
    }

    private static void captureDocument(TraceService service, TraceTokens tokens, String run, int from, int to)
            throws Exception {
        var doc = new StringBuilder(
                "{\"@context\":[\"https://ref.gs1.org/standards/epcis/epcis-context.jsonld\"],\"type\":\"EPCISDocument\",\"schemaVersion\":\"2.0\",\"creationDate\":\"2026-11-22T00:00:00Z\",\"epcisBody\":{\"eventList\":[");
        for (int i = from; i < to; i++) {
            if (i > from) doc.append(',');
            doc.append(Records.event(run, i));
        }
        doc.append("]}}");
        var r = service.post("/api/epcis/capture", doc.toString(), tokens.manager());
        if (r.statusCode() != 202) { // accepted: the capture job has succeeded by the time it answers
            throw new IllegalStateException("capture refused: HTTP " + r.statusCode() + " " + r.body());
        }
    }

    private static void waitAnchored(TraceService service, Connection c, int records, long deadline) throws Exception {
        long anchored = 0;
        while (anchored < records) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only %d of %d records anchored before the timeout; service log:\n%s"
                        .formatted(anchored, records, service.tail()));
            }
            try (var st = c.createStatement();
                    var rs = st.executeQuery(ANCHORED_COUNT)) {
                rs.next();
                anchored = rs.getLong(1);
            }
            if (anchored < records) Thread.sleep(50);
        }
    }

    /**
     * A backlog: records captured while no root was due (huge batch size and interval), the service
     * stopped, then started again with the benchmark's anchoring settings; every record is then
     * due at once. Timed in the database from the first root's transaction start ({@code
     * anchor.created_at} is its {@code now()}) until every anchor was seen mined.
     */
    private static Backlog backlog(
            Path repo,
            Map<String, String> baseEnv,
            TraceTokens tokens,
            Path dir,
            String run,
            int records,
            int perCapture,
            Duration timeout)
            throws Exception {
        try (var db = LocalServices.freshDatabase("bench_trace")) {
            var env = new java.util.HashMap<>(baseEnv);
            env.put("DX_TRACE_DB_URL", db.jdbcUrl());
            env.put("DX_TRACE_DB_USER", db.user());
            env.put("DX_TRACE_DB_PASSWORD", db.password());
            var held = new java.util.HashMap<>(env);
            held.put("DX_TRACE_ANCHOR_BATCH_SIZE", "1000000000");
            held.put("DX_TRACE_ANCHOR_INTERVAL", "24h");
            Path work = Files.createDirectories(dir.resolve("backlog"));
            try (var service = TraceService.start(repo, held, work, Duration.ofSeconds(180))) {
                tokens.registerCooperative(service); // a fresh database
                capture(service, tokens, run + "-backlog", records, perCapture);
            }
            try (Connection c = DriverManager.getConnection(db.jdbcUrl(), db.user(), db.password())) {
                try (var service = TraceService.start(repo, env, work, Duration.ofSeconds(180))) {
                    waitAnchored(service, c, records, System.nanoTime() + timeout.toNanos());
                    try (var st = c.createStatement();
                            var rs = st.executeQuery(
                                    "select extract(epoch from clock_timestamp() - min(created_at)), count(*) from anchor")) {
                        rs.next();
                        return new Backlog(rs.getDouble(1), rs.getInt(2));
                    }
                }
            }
        }
    }

    private record Backlog(double seconds, int roots) {}

    /** The service's own check of one anchored record: leaf recomputed, proof checked in Java and by the contract. */
    private static String verifyOne(TraceService service, TraceTokens tokens, Connection c) throws Exception {
        long id;
        try (var st = c.createStatement();
                var rs = st.executeQuery("select max(id) from record where kind = 'epcis.event'")) {
            rs.next();
            id = rs.getLong(1);
        }
        // an EPCIS event of no batch: only the department reads its record (nothing public names it)
        var r = service.get("/api/records/" + id + "/verification", tokens.department());
        String body = r.body().replaceAll("\\s+", " ");
        return "GET /api/records/%d/verification → HTTP %d %s"
                .formatted(id, r.statusCode(), body.length() > 300 ? body.substring(0, 300) + "…" : body);
    }

    private static double plainInserts(Connection c, String run, int records, int perTx) throws SQLException {
        try (var st = c.createStatement()) {
            st.execute("""
                    create table bench_plain_record (
                        id bigint primary key, kind text not null, subject text not null,
                        content text not null, leaf bytea not null, created_at timestamptz not null default now())""");
        }
        c.setAutoCommit(false);
        long t0 = System.nanoTime();
        try (var ps = c.prepareStatement(
                "insert into bench_plain_record (id, kind, subject, content, leaf) values (?, ?, ?, ?, ?)")) {
            for (int i = 0; i < records; i++) {
                String content = Records.canonical(Records.event(run + "-plain", i));
                ps.setLong(1, i + 1L);
                ps.setString(2, "epcis.event");
                ps.setString(3, "urn:uuid:" + run + "-" + i);
                ps.setString(4, content);
                ps.setBytes(5, Records.leaf(content).bytes());
                ps.addBatch();
                if ((i + 1) % perTx == 0 || i == records - 1) {
                    ps.executeBatch();
                    c.commit();
                }
            }
        }
        double s = (System.nanoTime() - t0) / 1e9;
        c.setAutoCommit(true);
        return s;
    }
}

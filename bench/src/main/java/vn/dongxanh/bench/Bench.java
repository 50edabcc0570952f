package vn.dongxanh.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import vn.dongxanh.bench.audit.AuditBenchmark;
import vn.dongxanh.bench.buyer.BuyerBenchmark;
import vn.dongxanh.bench.dashboard.DashboardBenchmark;
import vn.dongxanh.bench.footprint.FootprintBenchmark;
import vn.dongxanh.bench.ingest.IngestBenchmark;
import vn.dongxanh.bench.latency.LatencyBenchmark;
import vn.dongxanh.bench.ledger.AnchoringBenchmark;
import vn.dongxanh.bench.ledger.GasBenchmark;
import vn.dongxanh.bench.ledger.ProofBenchmark;
import vn.dongxanh.bench.outbox.OutboxBenchmark;
import vn.dongxanh.bench.report.BenchmarkResult;
import vn.dongxanh.bench.report.Machine;
import vn.dongxanh.bench.report.Render;
import vn.dongxanh.bench.report.ResultsFile;
import vn.dongxanh.devkit.LocalServices;

/**
 * Entry point of bench/run: runs the selected benchmarks of the edge agent, prints each figure
 * beside its baseline, and rewrites the edge agent's section of bench/RESULTS.md.
 *
 * <p>Usage: {@code java -jar bench.jar [outbox] [footprint] [latency]} (default: all).
 */
public final class Bench {
    /** A section of RESULTS.md: its marker, heading and intro, and the benchmarks whose blocks it holds. */
    private record Part(String id, String heading, String intro, List<String> benchmarks) {}

    private static final List<Part> PARTS = List.of(
            new Part("edge-agent", "Edge agent", """
                    Figures of `edge-agent` (the field gateway), from `bench/run outbox footprint latency`.
                    Goals come from the edge agent's issue; a figure that misses its goal says so.""", List.of("outbox", "footprint", "latency")),
            new Part(
                    "traceability",
                    "Traceability ledger",
                    """
                    Figures of `traceability-service`'s ledger (Merkle anchoring of records on an EVM chain), from
                    `bench/run ledger-gas ledger-anchoring ledger-proofs`. Goals come from its issue; a figure that
                    misses its goal says so.""",
                    List.of("ledger-gas", "ledger-anchoring", "ledger-proofs")),
            new Part("ingest", "Cloud ingest", """
                    Figures of `ingest-service` (MQTT → PostgreSQL, series queries), from `bench/run ingest`.
                    Goals come from its issue; a figure that misses its goal says so.""", List.of("ingest")),
            new Part("web", "Web dashboard", """
                    Figures of `web` (the cooperative's dashboard) with identity and ingest-service, from
                    `bench/run dashboard`. Goals come from its issue; a figure that misses its goal says so.""", List.of("dashboard")),
            new Part("buyer", "Buyer page", """
                    Figures of the public buyer page (`web` with `traceability-service` on a local chain), from
                    `bench/run buyer`. Goals come from its issue; a figure that misses its goal says so.""", List.of("buyer")),
            new Part("audit", "Province audit", """
                    Figures of `traceability-service`'s audit (`GET /api/findings`) over a seeded province, from
                    `bench/run audit`. Goals come from its issue; a figure that misses its goal says so.""", List.of("audit")));
    private static final Map<String, Supplier<Benchmark>> BENCHMARKS = new LinkedHashMap<>();

    static {
        BENCHMARKS.put("outbox", OutboxBenchmark::new);
        BENCHMARKS.put("footprint", FootprintBenchmark::new);
        BENCHMARKS.put("latency", LatencyBenchmark::new);
        BENCHMARKS.put("ledger-gas", GasBenchmark::new);
        BENCHMARKS.put("ledger-anchoring", AnchoringBenchmark::new);
        BENCHMARKS.put("ledger-proofs", ProofBenchmark::new);
        BENCHMARKS.put("ingest", IngestBenchmark::new);
        BENCHMARKS.put("dashboard", DashboardBenchmark::new);
        BENCHMARKS.put("buyer", BuyerBenchmark::new);
        BENCHMARKS.put("audit", AuditBenchmark::new);
    }

    private static final String USAGE = """
            usage: bench/run [-Dbench.KEY=VALUE …] [outbox] [footprint] [latency]   (default: all)

              outbox     readings/s persisted by the outbox writer and drained by the uplink after an
                         outage, beside plain SQLite insert loops and raw QoS 1 publishing
              footprint  heap, RSS and start time of the edge agent with 1,000 simulated devices,
                         beside an idle JVM
              latency    threshold-crossing reading → valve command, beside a broker round trip
              ledger-gas        gas per record of a Merkle root of 1,024 records on anvil, beside one
                                transaction per record
              ledger-anchoring  records/s from capture to mined anchor through traceability-service.jar,
                                beside plain INSERTs into the same PostgreSQL database
              ledger-proofs     Merkle proof generation and verification per record (1,024 and 10,000
                                leaves), beside computing one record's leaf (two keccak256)
              ingest     readings/s from uplink batches (firmware-sim's load mode) through the broker into
                         ingest-service.jar and PostgreSQL, beside raw binary COPY and a per-row INSERT
                         loop; p99 sent → commit;
                         latest of 10,000 series and a 30-day hourly chart, beside trivial round trips
              dashboard  reading published over MQTT → plot card changed in a signed-in headless Chromium
                         (p50, p95), beside its arrival on ingest's own stream; the overview's first-load
                         transfer and server time with 200 plots, beside ingest's overview API alone
              buyer      the buyer page's first-load transfer and navigation → every section verified in
                         Chromium on an emulated slow phone, beside unthrottled; QR scans of the page served
                         per second at p99 ≤ 100 ms, beside a static file of the same server
              audit      the findings (GET /api/findings) of a province of 1,000 codes, 20,000 plots and
                         100,000 batches copied into traceability-service.jar's database with planted
                         irregularities, and of one code, beside the plainest SQL of the same rules

            Settings (system properties, defaults in brackets):
              bench.mqtt.url                 broker [Mosquitto on 127.0.0.1:1883, else an embedded HiveMQ]
              bench.results                  file to rewrite [bench/RESULTS.md]
              bench.dir                      folder for outboxes and logs; its disk is measured [java.io.tmpdir]
              bench.outbox.readings          readings persisted and drained [500000]
              bench.outbox.producers         producer threads feeding the writer [4]
              bench.outbox.autocommit-readings  readings of the one-INSERT-per-commit baseline [20000]
              bench.outbox.batch             uplink batch size (outbox.batch-max-readings) [500]
              bench.footprint.plots          plots, 4 devices each [250]
              bench.footprint.warmup-s       seconds of traffic before measuring [60]
              bench.footprint.starts         starts of each JVM; the start time is their median [3]
              bench.footprint.interval-s     report interval of each simulated device [5]
              bench.footprint.jvm-flags      JVM flags of the agent and of the idle JVM [-Xmx64m -XX:+UseSerialGC]
              bench.latency.cycles           measured open/close cycles [300]
              bench.latency.warmup-cycles    cycles run first and not counted [30]
              bench.latency.gap-ms           pause before each reading [50]
              bench.ledger.leaves-per-root   records under each anchored root [1024]
              bench.ledger.roots             roots anchored for the gas figure [5]
              bench.ledger.single-records    one-transaction-per-record baseline size [100]
              bench.ledger.records           records captured end to end [20480]
              bench.ledger.warmup-records    records captured and anchored first, not counted [5000]
              bench.ledger.poll-interval     the service's dx.trace.ledger.poll-interval [200ms]
              bench.ledger.batch-size        the service's anchor batch-size and max-leaves [1024]
              bench.ledger.proof-trees       tree sizes of the proof figures [1024,10000]
              bench.ingest.duration          measured load (60s, 10m …) [60s]
              bench.ingest.warmup            load before measuring [10s]
              bench.ingest.devices           simulated devices, 4 series each [2500]
              bench.ingest.gateways          gateways of the benchmark cooperative [50]
              bench.ingest.batch             readings per uplink batch [500]
              bench.ingest.clients           publishing MQTT clients [4]
              bench.ingest.window            unacknowledged publishes per client [10]
              bench.ingest.outstanding-batches  batches published and not yet stored, at most [200]
              bench.ingest.rate              target readings/s of the load, 0 = as fast as the service takes them [0]
              bench.ingest.copy-max-rows     rows of the raw COPY baseline, at most [20000000]
              bench.ingest.insert-rows       rows of the per-row INSERT baseline [20000]
              bench.ingest.fill              longest COPY filling reading before the chart query [240s]
              bench.ingest.fill-rows         rows reading should hold for the chart query [100000000]
              bench.ingest.queries           timed requests per query figure [50]
              bench.ingest.jvm-flags         JVM flags of ingest-service [-Xmx1g]
              bench.dashboard.plots          plots of the cooperative, a water level and a valve each [200]
              bench.dashboard.readings       readings timed to the browser [100]
              bench.dashboard.warmup-readings  readings sent first and not counted [10]
              bench.dashboard.warmup-requests  overview requests sent first and not counted [200]
              bench.dashboard.requests       timed requests of the overview page and of ingest's overview [50]
              bench.dashboard.chromium       headless browser [/usr/bin/chromium]
              bench.dashboard.chromedriver   its driver [/usr/bin/chromedriver]
              bench.buyer.loads              first loads of the page timed, each way [5]
              bench.buyer.max-clients        most clients of the scan load (doubling from 1) [64]
              bench.buyer.step-seconds       measured seconds of each load step [5]
              bench.buyer.warmup-seconds     seconds of each step not counted [3]
              bench.buyer.p99-bound-ms       the p99 a step must keep to count [100]
              bench.buyer.scans-goal         QR scans a second the page should sustain [100]
              bench.buyer.download-kbit      emulated download of the slow phone [1600]
              bench.buyer.upload-kbit        emulated upload [750]
              bench.buyer.rtt-ms             emulated round trip [150]
              bench.buyer.cpu-slowdown       Chromium's CPU throttling factor [4]
              bench.buyer.chromium           headless browser [/usr/bin/chromium]
              bench.buyer.chromedriver       its driver [/usr/bin/chromedriver]
              bench.audit.codes              growing-area codes of the province, at least 510 [1000]
              bench.audit.plots-per-code     plots of each code [20]
              bench.audit.batches-per-code   batches of each code [100]
              bench.audit.cooperatives       cooperatives the codes are spread over [38]
              bench.audit.runs               timed full audits (and baseline runs), after 1 warm-up [5]
              bench.audit.code-runs          timed one-code audits over different codes [50]
              bench.audit.full-goal-ms       the full audit's goal [10000]
              bench.audit.code-goal-ms       one code's goal [100]
            """;

    private Bench() {}

    public static void main(String[] args) {
        // before the first logger: the agent's INFO lines would drown the figures
        System.setProperty("logback.configurationFile", "bench-logback.xml");
        var selected = new ArrayList<String>();
        for (String a : args) {
            if (a.equals("--help") || a.equals("-h")) {
                System.out.print(USAGE);
                return;
            }
            if (!BENCHMARKS.containsKey(a)) {
                System.err.println("bench: unknown benchmark '" + a + "'\n" + USAGE);
                System.exit(2);
            }
            if (!selected.contains(a)) selected.add(a);
        }
        if (selected.isEmpty()) selected.addAll(BENCHMARKS.keySet());
        System.exit(run(selected));
    }

    private static int run(List<String> selected) {
        String broker = Settings.text("bench.mqtt.url", null);
        if (broker == null) broker = LocalServices.mqttUrl();
        Path results = Path.of(Settings.text(
                "bench.results", Settings.repo().resolve("bench/RESULTS.md").toString()));
        System.out.println("broker " + broker + "; results go to " + results);
        var blocks = new LinkedHashMap<String, String>();
        var failed = new LinkedHashMap<String, String>();
        for (String name : selected) {
            Benchmark benchmark = BENCHMARKS.get(name).get();
            System.out.println("\nrunning " + name + " …");
            try {
                BenchmarkResult result = benchmark.run(broker);
                System.out.print(Render.console(result));
                blocks.put(name, Render.markdown(result));
            } catch (Exception e) {
                System.err.println("bench " + name + " failed: " + e);
                e.printStackTrace();
                failed.put(name, "on " + Machine.probe(Settings.workBase()).line() + ": `" + e + "`.");
            }
        }
        try {
            for (Part part : PARTS) {
                // a part none of whose benchmarks ran keeps its section as it was
                if (part.benchmarks().stream().noneMatch(n -> blocks.containsKey(n) || failed.containsKey(n))) continue;
                new ResultsFile(results)
                        .rewrite(part.id(), part.heading(), part.intro(), part.benchmarks(), blocks, failed);
            }
            System.out.println("\nwrote " + results);
        } catch (java.io.IOException e) {
            System.err.println("bench: could not write " + results + ": " + e.getMessage());
            return 1;
        }
        return failed.isEmpty() ? 0 : 1;
    }
}

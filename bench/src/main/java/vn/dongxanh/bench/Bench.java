package vn.dongxanh.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import vn.dongxanh.bench.footprint.FootprintBenchmark;
import vn.dongxanh.bench.latency.LatencyBenchmark;
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
    private static final String PART = "edge-agent";
    private static final Map<String, Supplier<Benchmark>> BENCHMARKS = new LinkedHashMap<>();

    static {
        BENCHMARKS.put("outbox", OutboxBenchmark::new);
        BENCHMARKS.put("footprint", FootprintBenchmark::new);
        BENCHMARKS.put("latency", LatencyBenchmark::new);
    }

    private static final String USAGE = """
            usage: bench/run [-Dbench.KEY=VALUE …] [outbox] [footprint] [latency]   (default: all)

              outbox     readings/s persisted by the outbox writer and drained by the uplink after an
                         outage, beside plain SQLite insert loops and raw QoS 1 publishing
              footprint  heap, RSS and start time of the edge agent with 1,000 simulated devices,
                         beside an idle JVM
              latency    threshold-crossing reading → valve command, beside a broker round trip

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
        int failures = 0;
        for (String name : selected) {
            Benchmark benchmark = BENCHMARKS.get(name).get();
            System.out.println("\nrunning " + name + " …");
            try {
                BenchmarkResult result = benchmark.run(broker);
                System.out.print(Render.console(result));
                blocks.put(name, Render.markdown(result));
            } catch (Exception e) {
                failures++;
                System.err.println("bench " + name + " failed: " + e);
                e.printStackTrace();
                blocks.put(
                        name,
                        "### " + name + "\n\nFailed on "
                                + Machine.probe(Settings.workBase()).line() + ": `" + e
                                + "`. No figure was recorded.\n");
            }
        }
        try {
            new ResultsFile(results).rewrite(PART, "Edge agent", """
                            Figures of `edge-agent` (the field gateway), from `bench/run outbox footprint latency`.
                            Goals come from the edge agent's issue; a figure that misses its goal says so.""", List.copyOf(BENCHMARKS.keySet()), blocks);
            System.out.println("\nwrote " + results);
        } catch (java.io.IOException e) {
            System.err.println("bench: could not write " + results + ": " + e.getMessage());
            return 1;
        }
        return failures == 0 ? 0 : 1;
    }
}

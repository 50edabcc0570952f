package vn.dongxanh.bench.latency;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import vn.dongxanh.bench.Benchmark;
import vn.dongxanh.bench.Settings;
import vn.dongxanh.bench.TempDirs;
import vn.dongxanh.bench.mqtt.BrokerHygiene;
import vn.dongxanh.bench.report.Baseline;
import vn.dongxanh.bench.report.BenchmarkResult;
import vn.dongxanh.bench.report.Figure;
import vn.dongxanh.bench.report.Goal;
import vn.dongxanh.bench.report.Machine;
import vn.dongxanh.contract.command.ValveCommand;
import vn.dongxanh.contract.topic.Topic;
import vn.dongxanh.edge.EdgeAgent;
import vn.dongxanh.edge.config.AgentConfig;

/**
 * Control latency: from a water-level reading that crosses the AWD threshold to the valve
 * command it causes, through the real agent and a real broker, beside the broker's own round
 * trip for a message of the same size.
 */
public final class LatencyBenchmark implements Benchmark {
    private static final double GOAL_P99_MS = 50;
    private static final String COOPERATIVE = "bench";
    /** Tillering: AWD, open at or below -15 cm, close at +5 cm (the agent's defaults). */
    private static final int DAYS_AFTER_SOWING = 30;

    private static final double ABOVE_START_CM = -10;
    private static final double BELOW_START_CM = -16;
    private static final double ABOVE_STOP_CM = 6;
    private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(5);

    @Override
    public String name() {
        return "latency";
    }

    @Override
    public BenchmarkResult run(String mqttUrl) throws Exception {
        int cycles = Settings.integer("bench.latency.cycles", 300);
        int warmupCycles = Settings.integer("bench.latency.warmup-cycles", 30);
        Duration gap = Duration.ofMillis(Settings.integer("bench.latency.gap-ms", 50));
        String run = UUID.randomUUID().toString().substring(0, 6);
        String gateway = "lat-" + run;
        String plot = "l" + run;
        Path dir = Files.createTempDirectory(Settings.workBase(), "dx-bench-latency-");
        Machine machine = Machine.probe(Settings.workBase()); // the disk of dir
        var config = AgentConfig.fromYaml(yaml(gateway, mqttUrl, dir.resolve("outbox.db"), plot));

        var opens = new ArrayList<Long>();
        var closes = new ArrayList<Long>();
        int unexpected;
        byte[] payload; // the crossing reading, for baselines of the same size
        try (var agent = new EdgeAgent(config, Clock.systemUTC());
                var devices = new FieldDevices(mqttUrl, plot + "-wl", plot + "-valve")) {
            // the agent opens nothing before it has read the valve's actual state
            devices.sendValveState(false);
            Thread.sleep(200);
            System.out.println("  ours: " + warmupCycles + " warm-up and " + cycles + " measured cycles …");
            for (int i = 0; i < warmupCycles + cycles; i++) {
                boolean counted = i >= warmupCycles;
                long open = cross(devices, BELOW_START_CM, ValveCommand.Action.OPEN, gap);
                long close = cross(devices, ABOVE_STOP_CM, ValveCommand.Action.CLOSE, gap);
                if (counted) {
                    opens.add(open);
                    closes.add(close);
                }
            }
            unexpected = devices.unexpected();
            payload = devices.waterLevelPayload(BELOW_START_CM);
        } finally {
            BrokerHygiene.endSession(mqttUrl, "edge-" + COOPERATIVE + "-" + gateway);
            BrokerHygiene.clearRetained(
                    mqttUrl, "bench-lat-clean-" + run, List.of(new Topic.GatewayState(COOPERATIVE, gateway).path()));
            TempDirs.delete(dir);
        }

        System.out.println("  baseline: broker round trips …");
        BrokerRoundTrip.oneHop(mqttUrl, run + "w", payload, warmupCycles, gap);
        var oneHop = Percentiles.ofNanos(BrokerRoundTrip.oneHop(mqttUrl, run, payload, cycles, gap));
        BrokerRoundTrip.twoHops(mqttUrl, run + "w", payload, warmupCycles, gap, false);
        var twoHops = Percentiles.ofNanos(BrokerRoundTrip.twoHops(mqttUrl, run, payload, cycles, gap, false));
        BrokerRoundTrip.twoHops(mqttUrl, run + "wn", payload, warmupCycles, gap, true);
        var twoHopsNoDelay =
                Percentiles.ofNanos(BrokerRoundTrip.twoHops(mqttUrl, run + "n", payload, cycles, gap, true));

        var open = Percentiles.ofNanos(opens);
        var close = Percentiles.ofNanos(closes);
        var figure = new Figure(
                "control latency p99: crossing reading → valve command",
                "ms",
                open.p99(),
                "OPEN after a reading at %s cm (threshold -15 cm): %s; CLOSE after a reading at +%s cm (stop +5 cm): %s; %d commands arrived unasked"
                        .formatted(
                                (int) BELOW_START_CM, open.summary(), (int) ABOVE_STOP_CM, close.summary(), unexpected),
                List.of(
                        new Baseline("broker, one hop (publish → subscriber), p99", oneHop.p99(), oneHop.summary()),
                        new Baseline(
                                "broker, two hops through a trivial relay client, p99",
                                twoHops.p99(),
                                twoHops.summary()),
                        new Baseline(
                                "same relay with TCP_NODELAY, p99", twoHopsNoDelay.p99(), twoHopsNoDelay.summary())),
                Goal.atMost(GOAL_P99_MS));
        var notes = List.of(
                "The agent runs in-process (EdgeAgent from AgentConfig.fromYaml) with one rice plot sown %d days ago (tillering: AWD, open at ≤ -15 cm, close at ≥ +5 cm), field and cloud broker %s, outbox synchronous=FULL. Two MQTT clients play the water-level node and the valve (each device has its own connection, as in the field and in firmware-sim): the valve first reports the valve closed (the agent opens nothing before reading the valve back), then repeats: %s cm, %s cm (timed until the OPEN command arrives on dx/v1/dev/{valve}/cmd), ack APPLIED at once, +%s cm (timed until CLOSE), ack APPLIED at once, with %d ms before each reading."
                        .formatted(
                                DAYS_AFTER_SOWING,
                                mqttUrl,
                                (int) ABOVE_START_CM,
                                (int) BELOW_START_CM,
                                (int) ABOVE_STOP_CM,
                                gap.toMillis()),
                "Plausibility is relaxed for the run (control.rice.plausible.max-jump: 100): the readings jump 16–22 cm within seconds, which the default 5 cm/5 min limit would rightly refuse as implausible.",
                "The first %d cycles warm the JIT and are not counted; the baselines get the same warm-up, payload (%d bytes of SenML), QoS 1 and pacing. The agent's path has two broker hops (reading in, command out), like the relay; the one-hop figure is the broker alone."
                        .formatted(warmupCycles, payload.length),
                "Why the relay is measured twice: Paho leaves Nagle's algorithm on, and the relay sends two small packets back to back (its PUBACK of what it received, then its republish); the second is then often held until the broker ACKs the first, which Linux may delay by about 40 ms. The TCP_NODELAY relay shows the two hops without that timer.",
                "Tails (p99, max) move with the machine's load: these machines are shared, other builds run beside the benchmark, and every message crosses several threads of the broker, the agent and the clients. The load average at the start is in the header; compare the ratio to the baselines of the same run rather than the raw numbers across runs.",
                "The agent's own log is silenced to WARN in the benchmark JVM; its INFO lines for each START/STOP come after the command is sent.");
        return new BenchmarkResult(name(), "Control latency", machine, List.of(figure), notes);
    }

    /** Sends the reading that crosses a threshold and times the command it causes, then acks it. */
    private static long cross(FieldDevices devices, double cm, ValveCommand.Action expected, Duration gap)
            throws Exception {
        if (expected == ValveCommand.Action.OPEN) {
            devices.sendWaterLevel(ABOVE_START_CM); // not yet: the level falls towards the threshold
            Thread.sleep(gap.toMillis());
        }
        long sent = devices.sendWaterLevel(cm);
        var arrival = devices.nextCommand(COMMAND_TIMEOUT);
        if (arrival.command().action() != expected) {
            throw new IllegalStateException("expected " + expected + " after " + cm + " cm, got "
                    + arrival.command().action());
        }
        long latency = arrival.nanos() - sent;
        devices.acknowledge(arrival.command()); // a valve answers as soon as it has moved
        Thread.sleep(gap.toMillis());
        return latency;
    }

    private static String yaml(String gateway, String broker, Path outbox, String plot) {
        // crop calendars count days in the agent's default zone
        LocalDate sown = LocalDate.now(ZoneId.of("Asia/Ho_Chi_Minh")).minusDays(DAYS_AFTER_SOWING);
        return """
                gateway: %1$s
                cooperative: %2$s
                field-broker: %3$s
                cloud-broker: %3$s
                outbox: { path: '%4$s' }
                plots:
                  - id: %5$s
                    crop: rice
                    area-ha: 1.0
                    sowing-date: %6$s
                    water-level: %5$s-wl
                    valve: %5$s-valve
                    valve-flow-lpm: 8000
                control:
                  rice:
                    plausible: { max-jump: 100 }
                """.formatted(gateway, COOPERATIVE, broker, outbox, plot, sown);
    }
}

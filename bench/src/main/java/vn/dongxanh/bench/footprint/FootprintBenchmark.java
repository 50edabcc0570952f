package vn.dongxanh.bench.footprint;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import vn.dongxanh.bench.Benchmark;
import vn.dongxanh.bench.Settings;
import vn.dongxanh.bench.TempDirs;
import vn.dongxanh.bench.mqtt.BrokerHygiene;
import vn.dongxanh.bench.mqtt.UplinkCounter;
import vn.dongxanh.bench.report.Baseline;
import vn.dongxanh.bench.report.BenchmarkResult;
import vn.dongxanh.bench.report.Figure;
import vn.dongxanh.bench.report.Format;
import vn.dongxanh.bench.report.Goal;
import vn.dongxanh.bench.report.Machine;
import vn.dongxanh.contract.topic.Topic;
import vn.dongxanh.sim.PlotSpec;
import vn.dongxanh.sim.SimulationConfig;
import vn.dongxanh.sim.device.DeviceKind;

/**
 * The agent's footprint at 1,000 devices: the packaged edge-agent.jar as a child process with a
 * heap limit, fed by the packaged firmware simulator (another child), measured after a warm-up
 * beside an idle JVM started the same way.
 */
public final class FootprintBenchmark implements Benchmark {
    private static final double GOAL_HEAP_MB = 64;
    private static final double GOAL_RSS_MB = 160;
    private static final double GOAL_START_S = 2;
    private static final String COOPERATIVE = "bench";
    /**
     * A 64 MB heap limit (the goal) and the serial collector, which is what the JVM picks by
     * itself on gateway-class hardware (one CPU, or under 1,792 MB of RAM); on a bigger machine
     * it would pick G1, whose own bookkeeping alone costs tens of MB at this heap size.
     */
    private static final String DEFAULT_FLAGS = "-Xmx64m -XX:+UseSerialGC";

    @Override
    public String name() {
        return "footprint";
    }

    @Override
    public BenchmarkResult run(String mqttUrl) throws Exception {
        int plotCount = Settings.integer("bench.footprint.plots", 250);
        Duration warmup = Settings.seconds("bench.footprint.warmup-s", 60);
        Duration interval = Settings.seconds("bench.footprint.interval-s", 5);
        String flags = Settings.text("bench.footprint.jvm-flags", DEFAULT_FLAGS);
        int starts = Math.max(1, Settings.integer("bench.footprint.starts", 3));
        String run = UUID.randomUUID().toString().substring(0, 6);
        String gateway = "gw-" + run;
        Path repo = Settings.repo();
        Path agentJar = requireFile(repo.resolve("edge-agent/target/edge-agent.jar"));
        Path simJar = requireFile(repo.resolve("firmware-sim/target/firmware-sim.jar"));
        Path benchJar = requireFile(Path.of(FootprintBenchmark.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI()));

        List<PlotSpec> plots = SimulationConfig.generatedPlots("f" + run + "p", plotCount);
        int devices = plots.stream()
                .mapToInt(p -> DeviceKind.forCrop(p.crop()).size())
                .sum();
        Path dir = Files.createTempDirectory(Settings.workBase(), "dx-bench-footprint-");
        Machine machine = Machine.probe(Settings.workBase()); // the disk of dir
        Path config = dir.resolve("edge-agent.yaml");
        Files.writeString(config, AgentYaml.of(gateway, COOPERATIVE, mqttUrl, dir.resolve("outbox.db"), plots));
        List<String> jvmFlags = concat(List.of(flags.split("\\s+")), List.of("--enable-native-access=ALL-UNNAMED"));

        var topic = new Topic.GatewayTelemetry(COOPERATIVE, gateway);
        boolean succeeded = false;
        try (var cloud = new UplinkCounter(mqttUrl, "bench-fp-cloud-" + run, topic, false);
                var sim = ChildJvm.start(
                        "firmware-sim",
                        List.of(
                                "--enable-native-access=ALL-UNNAMED",
                                "-jar",
                                simJar.toString(),
                                "--broker",
                                mqttUrl,
                                "--plots",
                                plots.stream()
                                        .map(p -> p.id() + ":" + p.crop().name().toLowerCase() + ":" + p.areaHa())
                                        .collect(Collectors.joining(",")),
                                "--interval",
                                interval.toSeconds() + "s"),
                        dir.resolve("firmware-sim.log"),
                        "MQTT devices connected")) {
            System.out.println("  starting " + devices + " simulated devices …");
            sim.awaitReady(Duration.ofMinutes(3));

            var launcher = new Launcher(jvmFlags, agentJar, benchJar, config, dir);
            var idleStarts = new StartTimes();
            var agentStarts = new StartTimes();
            // Earlier starts only count; the last pair keeps running for the warm-up. One at a
            // time, so that the starts do not compete for the CPUs. Later agent starts are
            // restarts: same outbox, same field session.
            for (int i = 1; i < starts; i++) {
                try (var idle = launcher.idle(i)) {
                    idleStarts.add(idle.awaitReady(Launcher.IDLE_PATIENCE));
                }
                try (var agent = launcher.agent(i)) {
                    agentStarts.add(agent.awaitReady(Launcher.AGENT_PATIENCE));
                }
            }
            try (var idle = launcher.idle(starts)) {
                idleStarts.add(idle.awaitReady(Launcher.IDLE_PATIENCE));
                try (var agent = launcher.agent(starts)) {
                    agentStarts.add(agent.awaitReady(Launcher.AGENT_PATIENCE));
                    long uplinkedAtStart = cloud.readings();
                    System.out.println("  agent starts: " + agentStarts.detail() + "; warming up for "
                            + warmup.toSeconds() + " s …");
                    Thread.sleep(warmup.toMillis());
                    if (!agent.alive()) throw new IllegalStateException("the agent died; see " + agent.log());
                    var ours = Sample.of(agent);
                    var base = Sample.of(idle);
                    long uplinked = cloud.readings() - uplinkedAtStart;
                    succeeded = true;
                    return result(
                            machine,
                            devices,
                            plotCount,
                            flags,
                            warmup,
                            interval,
                            agentStarts,
                            idleStarts,
                            ours,
                            base,
                            uplinked,
                            agent.errorLines(),
                            mqttUrl);
                }
            }
        } finally {
            cleanUp(mqttUrl, run, gateway, plots);
            if (succeeded) {
                TempDirs.delete(dir);
            } else {
                System.err.println("  footprint: logs kept in " + dir);
            }
        }
    }

    /** What one process uses once warm: RSS before the forced GC, heap after it. */
    private record Sample(long rssKb, long peakRssKb, long threads, HeapInfo heap) {
        static Sample of(ChildJvm jvm) throws Exception {
            long rss = jvm.status("VmRSS");
            long peak = jvm.status("VmHWM");
            long threads = jvm.status("Threads");
            return new Sample(rss, peak, threads, jvm.heapAfterGc());
        }
    }

    private BenchmarkResult result(
            Machine machine,
            int devices,
            int plots,
            String flags,
            Duration warmup,
            Duration interval,
            StartTimes agentStarts,
            StartTimes idleStarts,
            Sample ours,
            Sample idle,
            long uplinked,
            long agentErrors,
            String broker) {
        double mb = 1024;
        var figures = new ArrayList<Figure>();
        figures.add(new Figure(
                "footprint: heap used after a full GC",
                "MB",
                ours.heap().usedKb() / mb,
                "committed %s MB (flags: %s)"
                        .formatted(Format.number(ours.heap().committedKb() / mb), flags),
                List.of(new Baseline(
                        "idle JVM, same flags",
                        idle.heap().usedKb() / mb,
                        "committed %s MB".formatted(Format.number(idle.heap().committedKb() / mb)))),
                Goal.atMost(GOAL_HEAP_MB)));
        figures.add(new Figure(
                "footprint: resident set (RSS)",
                "MB",
                ours.rssKb() / mb,
                "VmRSS after %d s of traffic, before the forced GC; peak VmHWM %s MB; %d threads"
                        .formatted(warmup.toSeconds(), Format.number(ours.peakRssKb() / mb), ours.threads()),
                List.of(new Baseline(
                        "idle JVM, same flags",
                        idle.rssKb() / mb,
                        "peak %s MB; %d threads".formatted(Format.number(idle.peakRssKb() / mb), idle.threads()))),
                Goal.atMost(GOAL_RSS_MB)));
        figures.add(new Figure(
                "footprint: start",
                "s",
                agentStarts.medianSeconds(),
                "from spawning `java -jar edge-agent.jar` to its log line \"edge agent … running\" (config read, outbox opened, field broker connected); "
                        + agentStarts.detail(),
                List.of(new Baseline(
                        "idle JVM: spawn to its first line", idleStarts.medianSeconds(), idleStarts.detail())),
                Goal.atMost(GOAL_START_S)));
        var notes = List.of(
                "%s simulated devices (%d plots alternating rice and vegetable: governing sensor, rain gauge, flow meter, valve each), packaged firmware-sim as a second child process, one report per device every %d s, each device its own MQTT client on %s."
                        .formatted(Format.number(devices), plots, interval.toSeconds(), broker),
                "The agent is the packaged edge-agent.jar with a generated configuration for the same %d plots and default control and outbox settings (synchronous=FULL), run as `java %s --enable-native-access=ALL-UNNAMED -jar edge-agent.jar --config …`; the idle JVM gets the same flags. The heap limit is the goal itself: had the agent needed more heap it would have failed, not grown. The serial collector is what the JVM chooses by itself on gateway-class hardware (one CPU or under 1,792 MB RAM); on this larger machine it would choose G1, whose own structures add tens of MB of RSS at this heap size (measure it with -Dbench.footprint.jvm-flags=-Xmx64m)."
                        .formatted(plots, flags),
                "Carried up during the warm-up: %s readings on the gateway's telemetry topic (a check that the agent was working, not idling); the agent logged %d ERROR lines."
                        .formatted(Format.number(uplinked), agentErrors),
                "Heap: `jcmd PID GC.run`, then `jcmd PID GC.heap_info` (live data after a full collection). RSS: VmRSS of /proc/PID/status.");
        return new BenchmarkResult(
                name(), "Footprint with " + Format.number(devices) + " devices", machine, figures, notes);
    }

    private static void cleanUp(String url, String run, String gateway, List<PlotSpec> plots) {
        // the agent's persistent field session and every retained state message of the run
        BrokerHygiene.endSession(url, "edge-" + COOPERATIVE + "-" + gateway);
        var retained = new ArrayList<String>();
        retained.add(new Topic.GatewayState(COOPERATIVE, gateway).path());
        for (PlotSpec p : plots) {
            for (DeviceKind k : DeviceKind.forCrop(p.crop())) {
                retained.add(new Topic.DeviceState(k.deviceId(p.id())).path());
            }
        }
        BrokerHygiene.clearRetained(url, "bench-fp-clean-" + run, retained);
    }

    private static Path requireFile(Path p) {
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException(
                    p + " is missing: build first (bench/run does `./mvnw -DskipTests package`)");
        }
        return p;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        var out = new ArrayList<String>(a);
        out.addAll(b);
        return out;
    }
}

package vn.dongxanh.bench.outbox;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
import vn.dongxanh.bench.report.Format;
import vn.dongxanh.bench.report.Goal;
import vn.dongxanh.bench.report.Machine;
import vn.dongxanh.contract.telemetry.Reading;
import vn.dongxanh.edge.config.AgentConfig;
import vn.dongxanh.edge.outbox.Outbox;

/**
 * Outbox throughput: readings/s made durable through the agent's writer, and readings/s carried
 * up by the uplink once the cloud is back after an outage, each beside its plain baseline.
 */
public final class OutboxBenchmark implements Benchmark {
    /** The goal for both figures, readings per second. */
    private static final double GOAL_PER_SECOND = 20_000;

    private static final int DEVICES = 1_000;

    private static Baseline rawBaseline(String name, RawPublishBaseline.Result raw) {
        return new Baseline(
                name,
                raw.perSecond(),
                "%s readings (%s MB of payload) in %.2f s"
                        .formatted(
                                Format.number(raw.readings()), Format.number(raw.payloadBytes() / 1e6), raw.seconds()));
    }

    /** The gateway as its operator would configure it; the uplink batch size only when asked. */
    private static String yaml(String run, String broker, Path outbox) {
        String batch = Settings.text("bench.outbox.batch", null);
        return """
                gateway: bench-%s
                cooperative: bench
                field-broker: %s
                cloud-broker: %s
                outbox:
                  path: '%s'
                %s""".formatted(run, broker, broker, outbox, batch == null ? "" : "  batch-max-readings: " + batch + "\n");
    }

    @Override
    public String name() {
        return "outbox";
    }

    @Override
    public BenchmarkResult run(String mqttUrl) throws Exception {
        int n = Settings.integer("bench.outbox.readings", 500_000);
        int producers = Settings.integer("bench.outbox.producers", 4);
        int autocommitN = Math.min(n, Settings.integer("bench.outbox.autocommit-readings", 20_000));
        String sync = AgentConfig.DEFAULTS.outbox().synchronous();
        String run = UUID.randomUUID().toString().substring(0, 8);

        Path dir = Files.createTempDirectory(Settings.workBase(), "dx-bench-outbox-");
        try {
            Machine machine = Machine.probe(Settings.workBase()); // the disk of dir
            // stamped within the last hours: an outage's backlog, young enough to be left raw
            var messages = SyntheticReadings.messages(n, DEVICES, Instant.now().minus(Duration.ofHours(6)), 7);
            List<Reading> all = SyntheticReadings.flatten(messages);

            System.out.println("  baseline: SQLite one INSERT per commit, " + autocommitN + " readings …");
            var autocommit =
                    SqliteBaselines.autocommit(dir.resolve("autocommit.db"), sync, all.subList(0, autocommitN));
            System.out.println("  baseline: SQLite one transaction, " + n + " readings …");
            var oneTx = SqliteBaselines.singleTransaction(dir.resolve("one-transaction.db"), sync, all);

            var config = AgentConfig.fromYaml(yaml(run, mqttUrl, dir.resolve("outbox.db")));
            int batch = config.outbox().batchMaxReadings();
            PersistRun.Result persisted;
            DrainRun.Result drained;
            try (var outbox = new Outbox(config.outbox().path(), sync, Clock.systemUTC())) {
                // No uplink runs while the writer fills the outbox: that is the outage.
                System.out.println("  ours: outbox writer, " + n + " readings from " + producers + " producers …");
                persisted = PersistRun.run(outbox, messages, producers);
                if (persisted.stored() != persisted.readings()) {
                    throw new IllegalStateException(
                            "the outbox stored " + persisted.stored() + " of " + persisted.readings() + " readings");
                }
                System.out.println("  ours: uplink drains " + n + " readings to " + mqttUrl + " …");
                drained = DrainRun.run(config, outbox, "bench-drain-sub-" + run);
            } finally {
                BrokerHygiene.clearRetained(mqttUrl, "bench-clean-" + run, DrainRun.retainedTopics(config));
            }
            if (drained.readings() != n || drained.distinct() != n) {
                throw new IllegalStateException("the cloud received " + drained.readings() + " readings ("
                        + drained.distinct() + " distinct) of " + n);
            }
            System.out.println("  baseline: raw QoS 1 publishing of the same batches, Nagle on and off …");
            var raw = RawPublishBaseline.run(mqttUrl, run, all, batch, false);
            var rawNoDelay = RawPublishBaseline.run(mqttUrl, run, all, batch, true);

            var figures = new ArrayList<Figure>();
            figures.add(new Figure(
                    "outbox: readings persisted",
                    "readings/s",
                    persisted.perSecond(),
                    "%s readings in %s device messages of 1–10 readings from %d producer threads through OutboxWriter.accept, %.2f s until the last onDurable ran; all %s found in the outbox afterwards"
                            .formatted(
                                    Format.number(n),
                                    Format.number(persisted.messages()),
                                    producers,
                                    persisted.seconds(),
                                    Format.number(persisted.stored())),
                    List.of(
                            new Baseline(
                                    "SQLite, one INSERT per reading, autocommit",
                                    autocommit.perSecond(),
                                    "%s readings in %.2f s"
                                            .formatted(Format.number(autocommit.readings()), autocommit.seconds())),
                            new Baseline(
                                    "SQLite, all in one transaction (ceiling)",
                                    oneTx.perSecond(),
                                    "%s readings in %.2f s"
                                            .formatted(Format.number(oneTx.readings()), oneTx.seconds()))),
                    Goal.atLeast(GOAL_PER_SECOND)));
            figures.add(new Figure(
                    "outbox: readings drained after an outage",
                    "readings/s",
                    drained.perSecond(),
                    "%s readings in %s batches of ≤ %d, %.2f s from starting the uplink (its connect included) until the outbox was empty and the subscriber had decoded all of them, %s distinct"
                            .formatted(
                                    Format.number(drained.readings()),
                                    Format.number(drained.batches()),
                                    batch,
                                    drained.seconds(),
                                    Format.number(drained.distinct())),
                    List.of(
                            rawBaseline("same batches raw, QoS 1 one at a time, Paho defaults (Nagle on)", raw),
                            rawBaseline("same with TCP_NODELAY (ceiling: the broker's pace)", rawNoDelay)),
                    Goal.atLeast(GOAL_PER_SECOND)));
            var notes = List.of(
                    "All SQLite files (ours and baselines) are in one temp folder on the disk named above, WAL journal, synchronous=%s (the agent's default: a commit survives power loss), same reading table and indexes as the agent's outbox."
                            .formatted(sync),
                    "The one-INSERT-per-commit baseline is timed over the first %s readings only: at its pace the full %s would take minutes."
                            .formatted(Format.number(autocommitN), Format.number(n)),
                    "The drain baselines send exactly this traffic the way the uplink must: the same uplink batches (%d readings each: outbox.batch-max-readings), encoded beforehand, published QoS 1 with one in flight, to the same kind of decoding subscriber. Pipelining several batches would go faster but would give up the uplink's in-order delivery that forgets only what the broker holds, so it is not the fair ceiling."
                            .formatted(batch),
                    "Why two drain baselines: Paho's defaults leave Nagle's algorithm on, and Paho writes a PUBLISH larger than ~8 KB (a %d-reading batch is about %s KB) as two TCP writes; the second then waits for the broker's delayed ACK of the first, about 40 ms on Linux. One-at-a-time publishing with the defaults is bounded by that timer (what a quick integration gets); with TCP_NODELAY the broker's own pace shows (the ceiling)."
                            .formatted(
                                    batch,
                                    Format.number(raw.payloadBytes() / 1e3 / Math.max(1, Math.ceilDiv(n, batch)))),
                    "Broker: " + mqttUrl + ", on this machine; the readings are synthetic device packs from "
                            + Format.number(DEVICES) + " devices.");
            return new BenchmarkResult(name(), "Outbox throughput", machine, figures, notes);
        } finally {
            TempDirs.delete(dir);
        }
    }
}

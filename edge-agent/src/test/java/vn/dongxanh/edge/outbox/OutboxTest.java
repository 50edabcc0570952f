package vn.dongxanh.edge.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.dongxanh.contract.telemetry.Metric;
import vn.dongxanh.contract.telemetry.Reading;

class OutboxTest {
    private static final Instant T0 = Instant.parse("2026-11-22T03:00:00Z");
    private final Clock clock = Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private static List<Reading> readings(int n, int from) {
        var list = new ArrayList<Reading>();
        for (int i = from; i < from + n; i++) {
            list.add(new Reading("p01-wl", Metric.WATER_LEVEL, T0.plusMillis(i), i / 10.0));
        }
        return list;
    }

    @Test
    void sealsInOrderAndForgetsOnlyAcknowledgedBatches() throws Exception {
        try (var outbox = new Outbox(dir.resolve("o.db"), "FULL", clock)) {
            outbox.append(readings(25, 0));
            var first = outbox.nextBatch(10, Duration.ofHours(1)).orElseThrow();
            assertThat(first.readings())
                    .extracting(Reading::value)
                    .startsWith(0.0, 0.1)
                    .hasSize(10);
            // not acknowledged: the same batch comes again, same sequence, same readings
            assertThat(outbox.nextBatch(10, Duration.ofHours(1))).contains(first);
            outbox.acknowledge(first.sequence());
            var second = outbox.nextBatch(10, Duration.ofHours(1)).orElseThrow();
            assertThat(second.sequence()).isEqualTo(first.sequence() + 1);
            assertThat(second.readings().getFirst().value()).isEqualTo(1.0);
            outbox.acknowledge(second.sequence());
            // 5 left, fewer than max: sealed only once they waited the linger time (60 s here)
            assertThat(outbox.nextBatch(10, Duration.ofMinutes(5))).isEmpty();
            var third = outbox.nextBatch(10, Duration.ofSeconds(30)).orElseThrow();
            assertThat(third.readings()).hasSize(5);
            assertThat(outbox.backlog().readings()).isEqualTo(5);
            outbox.acknowledge(third.sequence());
            assertThat(outbox.backlog().readings()).isZero();
            assertThat(outbox.nextBatch(10, Duration.ZERO)).isEmpty();
        }
    }

    @Test
    void aSealedBatchSurvivesARestartWithItsSequence() throws Exception {
        Outbox.SealedBatch sealed;
        try (var outbox = new Outbox(dir.resolve("o.db"), "FULL", clock)) {
            outbox.append(readings(30, 0));
            sealed = outbox.nextBatch(20, Duration.ZERO).orElseThrow();
        }
        try (var reopened = new Outbox(dir.resolve("o.db"), "FULL", clock)) {
            assertThat(reopened.nextBatch(20, Duration.ZERO)).contains(sealed);
            reopened.acknowledge(sealed.sequence());
            var next = reopened.nextBatch(20, Duration.ZERO).orElseThrow();
            assertThat(next.sequence()).isEqualTo(sealed.sequence() + 1);
            assertThat(next.readings()).hasSize(10);
        }
    }

    @Test
    void aNewStoreStartsItsSequenceAtTheClockSoItNeverGoesBack() throws Exception {
        try (var outbox = new Outbox(dir.resolve("o.db"), "NORMAL", clock)) {
            outbox.append(readings(1, 0));
            assertThat(outbox.nextBatch(10, Duration.ZERO).orElseThrow().sequence())
                    .isEqualTo(clock.millis());
        }
    }

    @Test
    void aRedeliveredDeviceMessageIsStoredOnce() throws Exception {
        try (var outbox = new Outbox(dir.resolve("o.db"), "FULL", clock)) {
            outbox.append(readings(5, 0));
            outbox.append(readings(5, 3)); // 3 and 4 again, as after a crash before the device ack
            assertThat(outbox.backlog().readings()).isEqualTo(8);
        }
    }

    @Test
    void compactsOldNumericReadingsIntoHourlyMeansAndKeepsValveStates() throws Exception {
        try (var outbox = new Outbox(dir.resolve("o.db"), "FULL", clock)) {
            var old = new ArrayList<Reading>();
            Instant hour = Instant.parse("2026-11-20T05:00:00Z");
            for (int i = 0; i < 60; i++) {
                old.add(new Reading("p01-wl", Metric.WATER_LEVEL, hour.plusSeconds(i * 60L), i)); // mean 29.5
                old.add(new Reading("p01-wl", Metric.WATER_LEVEL, hour.plusSeconds(3600 + i * 60L), 10)); // mean 10
            }
            old.add(Reading.ofBoolean("p01-valve", Metric.VALVE, hour.plusSeconds(100), true));
            outbox.append(old);
            outbox.append(readings(3, 0)); // recent: kept raw

            var c = outbox.compact(Instant.parse("2026-11-21T00:00:00Z"));
            assertThat(c.rawReadings()).isEqualTo(120);
            assertThat(c.rollups()).isEqualTo(2);
            assertThat(c.from()).contains(hour);

            var batch = outbox.nextBatch(100, Duration.ZERO).orElseThrow().readings();
            assertThat(batch).hasSize(1 + 3 + 2);
            assertThat(batch)
                    .contains(
                            new Reading("p01-wl", Metric.WATER_LEVEL, hour.plusSeconds(1800), 29.5),
                            new Reading("p01-wl", Metric.WATER_LEVEL, hour.plusSeconds(5400), 10),
                            Reading.ofBoolean("p01-valve", Metric.VALVE, hour.plusSeconds(100), true));
        }
    }

    @Test
    void retentionCompactsTheOldestWhenTheBacklogIsOverBudget() throws Exception {
        try (var outbox = new Outbox(dir.resolve("o.db"), "NORMAL", clock)) {
            var many = new ArrayList<Reading>();
            Instant start = T0.minus(Duration.ofHours(20));
            for (int i = 0; i < 20_000; i++) {
                many.add(new Reading("p01-wl", Metric.WATER_LEVEL, start.plusSeconds(i * 3L), i % 7));
            }
            outbox.append(many);
            var settings = new vn.dongxanh.edge.config.AgentConfig.Outbox(
                    dir.resolve("o.db"),
                    500,
                    Duration.ofSeconds(1),
                    "NORMAL",
                    Duration.ofDays(7),
                    10_000,
                    Duration.ofMinutes(2));
            try (var retention = new Retention(outbox, settings, clock)) {
                retention.check();
                assertThat(outbox.backlog().readings()).isLessThanOrEqualTo(10_000);
                assertThat(retention.readingsCompacted()).isGreaterThanOrEqualTo(11_000);
                // the newest readings are still raw
                assertThat(outbox.timeOfOldest(outbox.backlog().readings())).contains(start.plusSeconds(19_999 * 3L));
            }
        }
    }

    /**
     * A request id is forgotten only when its sighting and its own deadline both lie beyond the
     * memory window: a replay of a forgotten id is then always past its deadline (refused EXPIRED).
     */
    @Test
    void aRequestIdOutlivesItsDeadline() throws Exception {
        var now = new java.util.concurrent.atomic.AtomicReference<>(T0);
        Clock moving = new Clock() {
            @Override
            public java.time.ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public java.time.Instant instant() {
                return now.get();
            }
        };
        var keep = java.time.Duration.ofDays(7);
        try (var outbox = new Outbox(dir.resolve("o.db"), "FULL", moving)) {
            var deadline = T0.plus(java.time.Duration.ofDays(30));
            assertThat(outbox.firstSighting("far", deadline, keep)).isTrue();
            assertThat(outbox.firstSighting("forever", java.time.Instant.MAX, keep))
                    .isTrue();
            assertThat(outbox.firstSighting("soon", T0.plusSeconds(60), keep)).isTrue();

            now.set(T0.plus(java.time.Duration.ofDays(20)));
            assertThat(outbox.firstSighting("far", deadline, keep))
                    .as("seen 20 days ago, deadline ahead")
                    .isFalse();
            assertThat(outbox.firstSighting("soon", T0.plusSeconds(60), keep))
                    .as("forgotten: its deadline passed long ago")
                    .isTrue();

            now.set(deadline.plus(keep).plusSeconds(1));
            assertThat(outbox.firstSighting("far", deadline, keep))
                    .as("forgotten past deadline + window")
                    .isTrue();
            assertThat(outbox.firstSighting("forever", java.time.Instant.MAX, keep))
                    .isFalse();
        }
    }
}

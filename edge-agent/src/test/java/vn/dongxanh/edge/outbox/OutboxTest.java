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
}

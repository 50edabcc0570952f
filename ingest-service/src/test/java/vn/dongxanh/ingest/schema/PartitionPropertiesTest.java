package vn.dongxanh.ingest.schema;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Slot alignment and partition names. */
class PartitionPropertiesTest {
    private static PartitionProperties every(Duration interval) {
        return new PartitionProperties(interval, 7, 2, Duration.ofHours(1), Duration.ofSeconds(5));
    }

    @Test
    void dailySlotsStartAtUtcMidnight() {
        var p = every(Duration.ofDays(1));
        Instant start = p.slotStart(Instant.parse("2026-11-22T23:59:59.999Z"));
        assertThat(start).isEqualTo(Instant.parse("2026-11-22T00:00:00Z"));
        assertThat(p.partitionName(start)).isEqualTo("reading_p20261122");
    }

    @Test
    void hourlySlotsCarryTheTimeInTheirName() {
        var p = every(Duration.ofHours(6));
        Instant start = p.slotStart(Instant.parse("2026-11-22T13:10:00Z"));
        assertThat(start).isEqualTo(Instant.parse("2026-11-22T12:00:00Z"));
        assertThat(p.partitionName(start)).isEqualTo("reading_p20261122_1200");
    }

    @Test
    void refusesIntervalsThatDoNotTileADay() {
        assertThatThrownBy(() -> every(Duration.ofHours(5))).hasMessageContaining("interval");
        assertThatThrownBy(() -> every(Duration.ofMinutes(30))).hasMessageContaining("interval");
        assertThatThrownBy(() -> every(Duration.ofHours(36))).hasMessageContaining("interval");
    }
}

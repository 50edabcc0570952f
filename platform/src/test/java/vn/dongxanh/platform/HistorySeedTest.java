package vn.dongxanh.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import vn.dongxanh.contract.telemetry.Metric;
import vn.dongxanh.contract.telemetry.Reading;
import vn.dongxanh.contract.uplink.UplinkBatch;

class HistorySeedTest {
    private static final Instant END = Instant.parse("2026-12-03T05:00:00Z");

    @Test
    void aGatewaysHistoryIsSequencedBatchesOfItsOwnDevicesUpToNow() {
        var field =
                ProvincePlan.of(2, 8, 60, LocalDate.of(2026, 12, 3)).fields().get(1);
        var batches = HistorySeed.batches(field, END, 3, Duration.ofMinutes(15));
        var readings = batches.stream().flatMap(b -> b.readings().stream()).toList();
        // 3 days × 96 readings a day × 4 devices × 4 plots
        assertThat(readings).hasSize(3 * 96 * 4 * 4);
        assertThat(batches).extracting(UplinkBatch::sequence).startsWith(1L, 2L).doesNotHaveDuplicates();
        assertThat(batches.getLast().sequence()).isEqualTo(batches.size());
        assertThat(batches).allMatch(b -> b.readings().size() <= HistorySeed.BATCH_READINGS);
        assertThat(batches)
                .allMatch(
                        b -> b.gatewayId().equals("gw-02") && b.cooperativeId().equals("htx-my-hoa"));
        assertThat(readings).extracting(Reading::deviceId).allMatch(field.deviceIds()::contains);
        assertThat(readings)
                .allMatch(r -> !r.time().isBefore(END.minus(Duration.ofDays(3)))
                        && r.time().isBefore(END));
        // the charts show something happening: rice refilled, vegetables watered, some rain
        var level = readings.stream()
                .filter(r -> r.metric() == Metric.WATER_LEVEL)
                .mapToDouble(Reading::value)
                .summaryStatistics();
        assertThat(level.getMax() - level.getMin()).isGreaterThan(10);
        assertThat(readings).anyMatch(r -> r.metric() == Metric.VALVE && r.value() == 1);
        assertThat(readings).anyMatch(r -> r.metric() == Metric.FLOW && r.value() > 0);
        assertThat(readings).anyMatch(r -> r.metric() == Metric.RAIN && r.value() > 0);
        assertThat(readings)
                .filteredOn(r -> r.metric() == Metric.SOIL_MOISTURE)
                .allMatch(r -> r.value() > 0.1 && r.value() < 0.5);
    }

    @Test
    void theSameHistoryIsTheSameBatchesSoASecondSeedingIsDroppedAsDuplicates() {
        var field =
                ProvincePlan.of(1, 2, 60, LocalDate.of(2026, 12, 3)).fields().getFirst();
        var once = HistorySeed.batches(field, END, 1, Duration.ofMinutes(30));
        var again = HistorySeed.batches(field, END, 1, Duration.ofMinutes(30));
        assertThat(again)
                .extracting(UplinkBatch::sequence)
                .isEqualTo(once.stream().map(UplinkBatch::sequence).toList());
    }
}

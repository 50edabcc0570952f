package vn.dongxanh.edge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import vn.dongxanh.contract.telemetry.Metric;
import vn.dongxanh.contract.telemetry.Reading;

/** On a shared field broker a gateway keeps its own devices' readings and lets the others' go. */
class PlotDevicesSinkTest {
    private final List<Reading> kept = new ArrayList<>();
    private final AtomicInteger durable = new AtomicInteger();
    private final ReadingSink sink = EdgeAgent.ofDevices(Set.of("p01-wl"), (readings, onDurable) -> {
        kept.addAll(readings);
        onDurable.run();
    });

    @Test
    void keepsOnlyItsPlotsDevicesAndAcknowledgesTheRest() {
        var own = new Reading("p01-wl", Metric.WATER_LEVEL, Instant.parse("2026-12-01T00:00:00Z"), -3);
        var other = new Reading("p09-wl", Metric.WATER_LEVEL, Instant.parse("2026-12-01T00:00:00Z"), 2);
        sink.accept(List.of(own, other), durable::incrementAndGet);
        sink.accept(List.of(other), durable::incrementAndGet);
        assertThat(kept).containsExactly(own);
        // another gateway's reading is acknowledged to the broker, or it would be delivered again and again
        assertThat(durable).hasValue(2);
    }
}

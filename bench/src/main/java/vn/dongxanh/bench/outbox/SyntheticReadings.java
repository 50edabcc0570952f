package vn.dongxanh.bench.outbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import vn.dongxanh.contract.telemetry.Metric;
import vn.dongxanh.contract.telemetry.Reading;

/**
 * Readings shaped like device messages: each message is one device's pack of 1–10 readings, as
 * a node sends after a short gap in coverage. Every reading has its own millisecond, so none is
 * a duplicate the outbox would (rightly) ignore.
 */
final class SyntheticReadings {
    private static final Metric[] KINDS = {Metric.WATER_LEVEL, Metric.SOIL_MOISTURE, Metric.RAIN, Metric.FLOW};

    private SyntheticReadings() {}

    /** {@code total} readings from {@code devices} devices, stamped from {@code start} on. */
    static List<List<Reading>> messages(int total, int devices, Instant start, long seed) {
        var random = new SplittableRandom(seed);
        var messages = new ArrayList<List<Reading>>(total / 5 + 1);
        long ms = start.toEpochMilli();
        int made = 0;
        while (made < total) {
            int size = Math.min(1 + random.nextInt(10), total - made);
            int device = random.nextInt(devices);
            Metric metric = KINDS[device % KINDS.length];
            String id = "bench-d%04d".formatted(device);
            var pack = new ArrayList<Reading>(size);
            for (int i = 0; i < size; i++) {
                pack.add(new Reading(id, metric, Instant.ofEpochMilli(ms++), value(metric, random)));
            }
            messages.add(List.copyOf(pack));
            made += size;
        }
        return messages;
    }

    static List<Reading> flatten(List<List<Reading>> messages) {
        var all = new ArrayList<Reading>();
        messages.forEach(all::addAll);
        return all;
    }

    /** Plausible values with the precision devices send. */
    private static double value(Metric metric, SplittableRandom random) {
        return switch (metric) {
            case WATER_LEVEL -> Math.round((random.nextDouble() * 30 - 20) * 100) / 100.0;
            case SOIL_MOISTURE -> Math.round((0.1 + random.nextDouble() * 0.3) * 1000) / 1000.0;
            case RAIN -> Math.round(random.nextDouble() * 5 * 10) / 10.0;
            default -> Math.round(random.nextDouble() * 20000) / 1.0;
        };
    }
}

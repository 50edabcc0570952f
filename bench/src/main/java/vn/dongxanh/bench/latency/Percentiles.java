package vn.dongxanh.bench.latency;

import java.util.Arrays;
import java.util.List;
import vn.dongxanh.bench.report.Format;

/** Latency samples in milliseconds, summarised by nearest-rank percentiles. */
record Percentiles(double[] sortedMs) {
    static Percentiles ofNanos(List<Long> nanos) {
        if (nanos.isEmpty()) throw new IllegalArgumentException("no samples");
        double[] ms = nanos.stream().mapToDouble(n -> n / 1e6).toArray();
        Arrays.sort(ms);
        return new Percentiles(ms);
    }

    double at(double p) {
        int rank = (int) Math.ceil(p * sortedMs.length);
        return sortedMs[Math.max(0, Math.min(sortedMs.length - 1, rank - 1))];
    }

    double p50() {
        return at(0.50);
    }

    double p99() {
        return at(0.99);
    }

    double max() {
        return sortedMs[sortedMs.length - 1];
    }

    int count() {
        return sortedMs.length;
    }

    String summary() {
        return "p50 %s ms, p90 %s ms, p99 %s ms, max %s ms over %d samples"
                .formatted(
                        Format.number(p50()),
                        Format.number(at(0.90)),
                        Format.number(p99()),
                        Format.number(max()),
                        count());
    }
}

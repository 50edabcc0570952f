package vn.dongxanh.bench.ledger;

import java.util.Arrays;
import vn.dongxanh.bench.report.Format;

/** Per-operation times in microseconds: mean and nearest-rank percentiles. */
record Timings(double[] sortedUs, double meanUs) {
    static Timings ofNanos(long[] nanos) {
        if (nanos.length == 0) throw new IllegalArgumentException("no samples");
        double[] us = Arrays.stream(nanos).mapToDouble(n -> n / 1e3).toArray();
        Arrays.sort(us);
        return new Timings(us, Arrays.stream(us).average().orElseThrow());
    }

    double at(double p) {
        int rank = (int) Math.ceil(p * sortedUs.length);
        return sortedUs[Math.max(0, Math.min(sortedUs.length - 1, rank - 1))];
    }

    String summary() {
        return "mean %s µs, p50 %s µs, p99 %s µs, max %s µs over %s samples"
                .formatted(
                        Format.number(meanUs),
                        Format.number(at(0.5)),
                        Format.number(at(0.99)),
                        Format.number(sortedUs[sortedUs.length - 1]),
                        Format.number(sortedUs.length));
    }
}

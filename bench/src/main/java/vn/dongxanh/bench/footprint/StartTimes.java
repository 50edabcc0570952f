package vn.dongxanh.bench.footprint;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import vn.dongxanh.bench.report.Format;

/** Several starts of one program; the median is the figure, since one start is at the mercy of the machine. */
final class StartTimes {
    private final List<Duration> samples = new ArrayList<>();

    void add(Duration d) {
        samples.add(d);
    }

    double medianSeconds() {
        var sorted = samples.stream().sorted().toList();
        int n = sorted.size();
        Duration m = n % 2 == 1
                ? sorted.get(n / 2)
                : sorted.get(n / 2 - 1).plus(sorted.get(n / 2)).dividedBy(2);
        return m.toNanos() / 1e9;
    }

    String detail() {
        return "median of " + samples.size() + " starts: "
                + samples.stream()
                        .map(d -> Format.number(d.toNanos() / 1e9) + " s")
                        .collect(Collectors.joining(", "));
    }
}

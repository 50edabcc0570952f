package vn.dongxanh.bench.report;

import java.util.List;

/**
 * One measured figure of ours beside its baselines. The ratio is always ours ÷ baseline, so it
 * reads the same way for throughputs (above 1 is faster) and for costs (above 1 is dearer).
 *
 * @param ours the measured value; NaN when the measurement failed (then {@code detail} says why)
 * @param detail how it was measured (sample size, percentiles, checks); may be empty
 */
public record Figure(String name, String unit, double ours, String detail, List<Baseline> baselines, Goal goal) {
    public Figure {
        baselines = List.copyOf(baselines);
    }

    public boolean met() {
        return goal.met(ours);
    }

    public double ratio(Baseline baseline) {
        return baseline.value() == 0 ? Double.NaN : ours / baseline.value();
    }
}

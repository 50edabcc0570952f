package vn.dongxanh.sim.load;

import java.time.Duration;

/**
 * What a load run published.
 *
 * @param batches uplink batches published (and acknowledged by the broker)
 * @param readings readings in them
 * @param elapsed from the first publish to the end
 * @param flowWaits times a publisher waited because the {@link FlowControl} said no
 */
public record LoadSummary(long batches, long readings, Duration elapsed, long flowWaits) {
    public double readingsPerSecond() {
        double s = elapsed.toNanos() / 1e9;
        return s > 0 ? readings / s : 0;
    }
}

package vn.dongxanh.edge.irrigation;

import java.time.Duration;

/**
 * Rain-aware irrigation (DOMAIN.md §6): skip a watering after enough rain, stop a running one
 * while it rains hard.
 */
public record RainRules(Duration skipWindow, double skipMm, Duration stopWindow, double stopMm) {
    public boolean skip(RainGauge gauge, java.time.Instant now) {
        return gauge.mmWithin(skipWindow, now) >= skipMm || stop(gauge, now);
    }

    public boolean stop(RainGauge gauge, java.time.Instant now) {
        return gauge.mmWithin(stopWindow, now) >= stopMm;
    }
}

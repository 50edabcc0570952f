package vn.dongxanh.edge.irrigation;

import java.time.Duration;

/**
 * When a governing sensor stops being trusted (DOMAIN.md §6, "fail closed").
 *
 * @param min lowest plausible value
 * @param max highest plausible value
 * @param silentAfter no reading for this long means silent
 * @param stuckReadings this many identical readings in a row while a valve is open means stuck
 * @param maxJump a change larger than this within {@code jumpWindow}, without rain, is implausible
 * @param jumpWindow see maxJump
 */
public record PlausibilityLimits(
        double min, double max, Duration silentAfter, int stuckReadings, double maxJump, Duration jumpWindow) {
    public PlausibilityLimits {
        if (max <= min) throw new IllegalArgumentException("plausible max must be above min");
        if (stuckReadings < 2) throw new IllegalArgumentException("stuck-readings must be at least 2");
    }
}

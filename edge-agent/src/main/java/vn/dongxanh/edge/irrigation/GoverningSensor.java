package vn.dongxanh.edge.irrigation;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The recent history of the sensor a plot's valve answers to (water level or soil moisture),
 * and the judgement whether it can be trusted. Not thread-safe: one plot, one control thread.
 */
public final class GoverningSensor {
    private record Sample(Instant time, double value) {}

    private final PlausibilityLimits limits;
    private final Deque<Sample> recent = new ArrayDeque<>();
    private Sample last;
    private int sameInARow;
    private final Instant watchedSince;

    /** @param watchedSince when the gateway began listening: silence counts from then */
    public GoverningSensor(PlausibilityLimits limits, Instant watchedSince) {
        this.limits = limits;
        this.watchedSince = watchedSince;
    }

    public void record(Instant time, double value) {
        if (last != null && !time.isAfter(last.time())) return; // late or repeated reading
        sameInARow = last != null && last.value() == value ? sameInARow + 1 : 1;
        last = new Sample(time, value);
        recent.addLast(last);
        while (recent.size() > 1 && recent.peekFirst().time().isBefore(time.minus(limits.jumpWindow()))) {
            recent.removeFirst();
        }
    }

    /**
     * @param valveOpen stuck values only matter while water is flowing in: then the level must move
     * @param rainedRecently a sudden rise with rain is real
     */
    public SensorHealth health(Instant now, boolean valveOpen, boolean rainedRecently) {
        if (last == null) {
            return now.isBefore(watchedSince.plus(limits.silentAfter()))
                    ? new SensorHealth.Waiting()
                    : new SensorHealth.Silent("no reading since the gateway started at " + watchedSince);
        }
        if (last.time().isBefore(now.minus(limits.silentAfter()))) {
            return new SensorHealth.Silent(
                    "last reading at " + last.time() + ", silent for more than " + limits.silentAfter());
        }
        double v = last.value();
        if (v < limits.min() || v > limits.max()) {
            return new SensorHealth.Implausible(v + " is outside " + limits.min() + "…" + limits.max());
        }
        if (valveOpen && sameInARow >= limits.stuckReadings()) {
            return new SensorHealth.Implausible(
                    "value " + v + " unchanged for " + sameInARow + " readings while the valve is open");
        }
        if (!rainedRecently) {
            for (Sample s : recent) {
                if (Math.abs(v - s.value()) > limits.maxJump()) {
                    return new SensorHealth.Implausible("jumped from " + s.value() + " to " + v + " within "
                            + limits.jumpWindow() + " without rain");
                }
            }
        }
        return new SensorHealth.Ok(v);
    }

    public PlausibilityLimits limits() {
        return limits;
    }

    public Instant lastSeen() {
        return last == null ? null : last.time();
    }
}

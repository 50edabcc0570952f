package vn.dongxanh.sim;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Two times. Field time drives the physics and runs {@code speed} times faster than the wall
 * clock from the moment the clock is made (speed 60: one field hour per real minute). Wall time
 * stamps every reading, ack and state message, so receivers that refuse readings from the future
 * or the distant past accept them at any speed.
 */
public final class SimClock {
    private final Clock wall;
    private final double speed;
    private final Instant start;

    public SimClock(Clock wall, double speed) {
        if (!(speed > 0) || Double.isInfinite(speed)) {
            throw new IllegalArgumentException("clock speed must be a finite number > 0: " + speed);
        }
        this.wall = Objects.requireNonNull(wall);
        this.speed = speed;
        this.start = wall.instant();
    }

    public double speed() {
        return speed;
    }

    /** The wall-clock instant at which both times started. */
    public Instant start() {
        return start;
    }

    /** Wall-clock now, truncated to milliseconds (the precision readings travel with). */
    public Instant wallNow() {
        return Instant.ofEpochMilli(wall.millis());
    }

    /** Real time since the start. */
    public Duration elapsed() {
        return Duration.between(start, wall.instant());
    }

    /** Field time now: start + speed × real time elapsed. */
    public Instant fieldNow() {
        return start.plus(toField(elapsed()));
    }

    /** The field time that passes during {@code real} of wall time. */
    public Duration toField(Duration real) {
        return Duration.ofNanos(Math.round(real.toNanos() * speed));
    }

    /** The wall time it takes for {@code field} of field time to pass. */
    public Duration toReal(Duration field) {
        return Duration.ofNanos(Math.round(field.toNanos() / speed));
    }
}

package vn.dongxanh.edge.irrigation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/** Rain measured on a plot: amounts (mm since the previous report) kept for a day to sum windows. */
public final class RainGauge {
    private record Amount(Instant time, double mm) {}

    private final Deque<Amount> amounts = new ArrayDeque<>();
    private final Duration keep;

    public RainGauge(Duration keep) {
        this.keep = keep;
    }

    public void record(Instant time, double mm) {
        if (mm <= 0) return;
        amounts.addLast(new Amount(time, mm));
        while (!amounts.isEmpty() && amounts.peekFirst().time().isBefore(time.minus(keep))) amounts.removeFirst();
    }

    /** Rain in the window ending now. */
    public double mmWithin(Duration window, Instant now) {
        Instant from = now.minus(window);
        return amounts.stream()
                .filter(a -> a.time().isAfter(from) && !a.time().isAfter(now))
                .mapToDouble(Amount::mm)
                .sum();
    }
}

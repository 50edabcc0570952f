package vn.dongxanh.sim.field;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Rain over the simulated area as a sequence of storms, each with a start, an end and a depth
 * spread evenly over its duration. Storms are drawn from a seeded generator in time order and
 * kept, so the rain of any interval of field time is a pure function of the seed: the result does
 * not depend on how often, or in which steps, plots ask for it. Thread-safe.
 */
public final class Weather {
    private static final Duration MIN_STORM = Duration.ofMinutes(10);

    /** One storm; intensity is constant from start to end. */
    public record Storm(Instant start, Instant end, double mm) {
        public Storm {
            if (!end.isAfter(start)) throw new IllegalArgumentException("a storm must end after it starts");
            if (!(mm >= 0)) throw new IllegalArgumentException("storm depth must be ≥ 0 mm");
        }

        double overlapMm(Instant from, Instant to) {
            Instant a = from.isAfter(start) ? from : start;
            Instant b = to.isBefore(end) ? to : end;
            if (!b.isAfter(a)) return 0;
            return mm
                    * Duration.between(a, b).toNanos()
                    / Duration.between(start, end).toNanos();
        }
    }

    private final FieldParameters.Rain params;
    private final SplittableRandom random;
    private final List<Storm> storms = new ArrayList<>();
    private Instant drawnUntil;
    private final boolean scripted;

    /** Random storms after {@code start}, drawn with {@code seed}. */
    public Weather(FieldParameters.Rain params, long seed, Instant start) {
        this.params = params;
        this.random = new SplittableRandom(seed);
        this.drawnUntil = start;
        this.scripted = false;
    }

    private Weather(List<Storm> fixed) {
        this.params = FieldParameters.Rain.none();
        this.random = new SplittableRandom(0);
        this.drawnUntil = Instant.MAX;
        this.scripted = true;
        List<Storm> sorted = new ArrayList<>(fixed);
        sorted.sort((x, y) -> x.start().compareTo(y.start()));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).start().isBefore(sorted.get(i - 1).end())) {
                throw new IllegalArgumentException("scripted storms must not overlap");
            }
        }
        storms.addAll(sorted);
    }

    /** Exactly these storms and no others (tests, demonstrations). */
    public static Weather scripted(List<Storm> storms) {
        return new Weather(storms);
    }

    /** No rain at all. */
    public static Weather dry() {
        return scripted(List.of());
    }

    /** Rain in mm falling in [from, to). */
    public synchronized double rainMm(Instant from, Instant to) {
        if (!to.isAfter(from)) return 0;
        drawUntil(to);
        double total = 0;
        for (int i = firstEndingAfter(from); i < storms.size(); i++) {
            Storm s = storms.get(i);
            if (!s.start().isBefore(to)) break;
            total += s.overlapMm(from, to);
        }
        return total;
    }

    /** The storms that overlap [from, to). */
    public synchronized List<Storm> storms(Instant from, Instant to) {
        drawUntil(to);
        var out = new ArrayList<Storm>();
        for (int i = firstEndingAfter(from); i < storms.size(); i++) {
            Storm s = storms.get(i);
            if (!s.start().isBefore(to)) break;
            out.add(s);
        }
        return out;
    }

    private void drawUntil(Instant to) {
        if (scripted || params.eventsPerDay() <= 0 || params.meanEventMm() <= 0) return;
        while (!drawnUntil.isAfter(to)) {
            Instant start = drawnUntil.plus(exponential(Duration.ofDays(1).toNanos() / params.eventsPerDay()));
            long durationNanos = Math.max(
                    MIN_STORM.toNanos(),
                    exponential(params.meanEventHours() * 3_600e9).toNanos());
            Instant end = start.plusNanos(durationNanos);
            double mm = -params.meanEventMm() * Math.log(1 - random.nextDouble());
            storms.add(new Storm(start, end, mm));
            drawnUntil = end;
        }
    }

    private Duration exponential(double meanNanos) {
        return Duration.ofNanos((long) (-meanNanos * Math.log(1 - random.nextDouble())));
    }

    /** Storms never overlap, so their ends are sorted: binary search the first ending after t. */
    private int firstEndingAfter(Instant t) {
        int lo = 0;
        int hi = storms.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (storms.get(mid).end().isAfter(t)) hi = mid;
            else lo = mid + 1;
        }
        return lo;
    }
}

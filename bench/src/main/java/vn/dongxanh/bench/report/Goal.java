package vn.dongxanh.bench.report;

/** A target a figure must reach, e.g. "≥ 20,000 readings/s" or "≤ 50 ms". */
public record Goal(Direction direction, double bound) {
    /** Whether higher or lower values are better. */
    public enum Direction {
        AT_LEAST("≥"),
        AT_MOST("≤");

        private final String symbol;

        Direction(String symbol) {
            this.symbol = symbol;
        }
    }

    public static Goal atLeast(double bound) {
        return new Goal(Direction.AT_LEAST, bound);
    }

    public static Goal atMost(double bound) {
        return new Goal(Direction.AT_MOST, bound);
    }

    public boolean met(double value) {
        if (Double.isNaN(value)) return false;
        return direction == Direction.AT_LEAST ? value >= bound : value <= bound;
    }

    public String text(String unit) {
        return direction.symbol + " " + Format.number(bound) + " " + unit;
    }
}

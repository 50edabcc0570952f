package vn.dongxanh.bench.report;

import java.util.Locale;

/** Number formatting for the console and RESULTS.md: grouped thousands, a few significant digits. */
public final class Format {
    private Format() {}

    public static String number(double v) {
        if (Double.isNaN(v)) return "n/a";
        double a = Math.abs(v);
        if (a >= 1000) return String.format(Locale.ROOT, "%,.0f", v);
        if (a >= 100) return String.format(Locale.ROOT, "%.0f", v);
        if (a >= 10) return String.format(Locale.ROOT, "%.1f", v);
        if (a >= 1) return String.format(Locale.ROOT, "%.2f", v);
        return String.format(Locale.ROOT, "%.3f", v);
    }

    public static String ratio(double r) {
        if (Double.isNaN(r)) return "n/a";
        // a tiny ratio (e.g. gas per record of a Merkle root) reads better as a fraction
        if (r > 0 && r < 0.01) return "1/" + number(1 / r);
        return String.format(Locale.ROOT, "%.2f×", r);
    }
}

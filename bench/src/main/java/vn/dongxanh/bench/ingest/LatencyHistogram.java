package vn.dongxanh.bench.ingest;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cumulative buckets of the service's {@code dx_ingest_batch_latency_seconds{from="sent"}}
 * histogram, read from /actuator/prometheus. Two snapshots subtract to the batches of a window;
 * a percentile is the upper bound of the bucket it falls in (Micrometer's bucket resolution).
 */
record LatencyHistogram(TreeMap<Double, Double> cumulative) {
    private static final Pattern BUCKET =
            Pattern.compile("^dx_ingest_batch_latency_seconds_bucket\\{([^}]*)\\}\\s+([-0-9.Ee+]+)");
    private static final Pattern LE = Pattern.compile("le=\"([^\"]+)\"");

    static LatencyHistogram parse(String prometheusText, String from) {
        var buckets = new TreeMap<Double, Double>();
        for (String line : prometheusText.split("\n")) {
            Matcher m = BUCKET.matcher(line);
            if (!m.find() || !m.group(1).contains("from=\"" + from + "\"")) continue;
            Matcher le = LE.matcher(m.group(1));
            if (!le.find()) continue;
            double bound = le.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(le.group(1));
            buckets.merge(bound, Double.parseDouble(m.group(2)), Double::sum);
        }
        return new LatencyHistogram(buckets);
    }

    LatencyHistogram minus(LatencyHistogram earlier) {
        var d = new TreeMap<Double, Double>();
        for (Map.Entry<Double, Double> e : cumulative.entrySet()) {
            d.put(e.getKey(), e.getValue() - earlier.cumulative.getOrDefault(e.getKey(), 0.0));
        }
        return new LatencyHistogram(d);
    }

    double count() {
        return cumulative.isEmpty() ? 0 : cumulative.lastEntry().getValue();
    }

    /** Upper bound (seconds) of the bucket holding quantile {@code q}; NaN without samples. */
    double quantile(double q) {
        double total = count();
        if (total <= 0) return Double.NaN;
        for (Map.Entry<Double, Double> e : cumulative.entrySet()) {
            if (e.getValue() >= q * total) return e.getKey();
        }
        return Double.POSITIVE_INFINITY;
    }
}

package vn.dongxanh.ingest.rollup;

import java.time.Instant;

/**
 * The aggregate of some readings of one series: what a rollup row holds, and what an API bucket
 * shows. {@code last} is the value of the newest reading (ties: the larger value).
 */
public record Agg(Instant bucket, long count, double sum, double min, double max, double last, Instant lastTime) {
    public double avg() {
        return sum / count;
    }

    /** Both together, under {@code bucket}. */
    public Agg merge(Agg o, Instant bucket) {
        boolean newer = o.lastTime.isAfter(lastTime) || (o.lastTime.equals(lastTime) && o.last > last);
        return new Agg(
                bucket,
                count + o.count,
                sum + o.sum,
                Math.min(min, o.min),
                Math.max(max, o.max),
                newer ? o.last : last,
                newer ? o.lastTime : lastTime);
    }

    public Agg at(Instant bucket) {
        return new Agg(bucket, count, sum, min, max, last, lastTime);
    }
}

package vn.dongxanh.ingest.alarm;

import java.time.Duration;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.JsonNode;
import vn.dongxanh.contract.telemetry.Metric;

/**
 * Reads a rule's {@code params} object for its kind: a field left out takes the configured default, an
 * unknown field or a value out of range is refused with a sentence saying which and why.
 */
final class RuleSpecs {
    /** Thirty days: the longest duration any rule may name. */
    static final long MAX_SECONDS = Duration.ofDays(30).toSeconds();

    private RuleSpecs() {}

    /**
     * @param params the object given, or null for none
     * @throws IllegalArgumentException naming the field at fault
     */
    static RuleSpec parse(RuleKind kind, JsonNode params, RuleDefaults d) {
        if (params != null && !params.isNull() && !params.isObject()) {
            throw new IllegalArgumentException("'params' must be a JSON object");
        }
        var p = new Reader(params == null || params.isNull() ? null : params);
        return switch (kind) {
            case OUT_OF_BAND -> outOfBand(p, d);
            case NO_DATA -> {
                p.only("durationS");
                yield new RuleSpec.NoData(p.seconds("durationS", d.noDataAfter(), 1));
            }
            case VALVE_OPEN_TOO_LONG -> {
                p.only("durationS");
                yield new RuleSpec.ValveOpenTooLong(p.seconds("durationS", d.valveOpenMax(), 1));
            }
            case LEAK -> {
                p.only("threshold", "hysteresis", "durationS");
                double threshold = p.number("threshold", d.leak().thresholdLpm(), 0, Double.MAX_VALUE);
                double hysteresis = p.number("hysteresis", d.leak().hysteresisLpm(), 0, threshold);
                yield new RuleSpec.Leak(
                        threshold, hysteresis, p.seconds("durationS", d.leak().duration(), 0));
            }
            case BATTERY_LOW -> {
                p.only("threshold", "hysteresis");
                double threshold = p.number("threshold", d.battery().thresholdPercent(), 0, 100);
                double hysteresis = p.number("hysteresis", d.battery().hysteresisPercent(), 0, 100 - threshold);
                yield new RuleSpec.BatteryLow(threshold, hysteresis);
            }
            case BACKLOG_GROWING -> {
                p.only("thresholdS", "hysteresisS", "reports");
                long threshold = p.seconds("thresholdS", d.backlog().threshold(), 1);
                long hysteresis = p.seconds("hysteresisS", d.backlog().hysteresis(), 0);
                if (hysteresis >= threshold) {
                    throw new IllegalArgumentException(
                            "'params.hysteresisS' must be below 'thresholdS' (" + threshold + ")");
                }
                int reports = (int) p.whole("reports", d.backlog().growingReports(), 1, 1000);
                yield new RuleSpec.BacklogGrowing(threshold, hysteresis, reports);
            }
        };
    }

    private static RuleSpec outOfBand(Reader p, RuleDefaults d) {
        p.only("metric", "low", "high", "hysteresis", "lowForS", "highForS");
        String name = p.text("metric");
        RuleDefaults.Band band;
        Metric metric;
        if (Metric.WATER_LEVEL.wireName().equals(name)) {
            metric = Metric.WATER_LEVEL;
            band = d.waterLevel();
        } else if (Metric.SOIL_MOISTURE.wireName().equals(name)) {
            metric = Metric.SOIL_MOISTURE;
            band = d.soilMoisture();
        } else {
            throw new IllegalArgumentException("'params.metric' must be water_level or soil_moisture");
        }
        Double low = p.optionalNumber("low", band.low());
        Double high = p.optionalNumber("high", band.high());
        if (low == null && high == null) {
            throw new IllegalArgumentException("an OUT_OF_BAND rule needs 'params.low' or 'params.high'");
        }
        if (low != null && high != null && low >= high) {
            throw new IllegalArgumentException("'params.low' (" + low + ") must be below 'params.high' (" + high + ")");
        }
        double hysteresis = p.number("hysteresis", band.hysteresis(), 0, Double.MAX_VALUE);
        return new RuleSpec.OutOfBand(
                metric,
                low,
                high,
                hysteresis,
                p.seconds("lowForS", band.lowFor(), 0),
                p.seconds("highForS", band.highFor(), 0));
    }

    /** Field access with the error messages of the API. */
    private static final class Reader {
        private final JsonNode o;

        Reader(JsonNode o) {
            this.o = o;
        }

        void only(String... fields) {
            if (o == null) return;
            Set<String> known = Set.of(fields);
            var unknown = new TreeSet<String>();
            for (String f : o.propertyNames()) if (!known.contains(f)) unknown.add(f);
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException(
                        "unknown field(s) " + unknown + " in 'params'; known: " + new TreeSet<>(known));
            }
        }

        private JsonNode get(String field) {
            return o == null ? null : o.get(field);
        }

        String text(String field) {
            JsonNode n = get(field);
            if (n == null || n.isNull()) throw new IllegalArgumentException("'params." + field + "' is required");
            if (!n.isString()) throw new IllegalArgumentException("'params." + field + "' must be a string");
            return n.stringValue();
        }

        /** Absent: the default; explicit null: none. */
        Double optionalNumber(String field, Double dflt) {
            if (o == null || !o.has(field)) return dflt;
            JsonNode n = o.get(field);
            if (n.isNull()) return null;
            if (!n.isNumber() || !Double.isFinite(n.doubleValue())) {
                throw new IllegalArgumentException("'params." + field + "' must be a number or null");
            }
            return n.doubleValue();
        }

        double number(String field, double dflt, double min, double max) {
            JsonNode n = get(field);
            double v;
            if (n == null || n.isNull()) v = dflt;
            else if (!n.isNumber() || !Double.isFinite(n.doubleValue())) {
                throw new IllegalArgumentException("'params." + field + "' must be a number");
            } else v = n.doubleValue();
            if (v < min || v > max) {
                throw new IllegalArgumentException(
                        "'params." + field + "' must be between " + min + " and " + max + ", got " + v);
            }
            return v;
        }

        long whole(String field, long dflt, long min, long max) {
            JsonNode n = get(field);
            long v;
            if (n == null || n.isNull()) v = dflt;
            else if (!n.isIntegralNumber() || !n.canConvertToLong()) {
                throw new IllegalArgumentException("'params." + field + "' must be a whole number");
            } else v = n.longValue();
            if (v < min || v > max) {
                throw new IllegalArgumentException(
                        "'params." + field + "' must be from " + min + " to " + max + ", got " + v);
            }
            return v;
        }

        long seconds(String field, Duration dflt, long min) {
            return whole(field, dflt.toSeconds(), min, MAX_SECONDS);
        }
    }
}

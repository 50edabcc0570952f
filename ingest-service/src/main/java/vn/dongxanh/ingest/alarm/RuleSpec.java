package vn.dongxanh.ingest.alarm;

import java.util.LinkedHashMap;
import java.util.Map;
import vn.dongxanh.contract.telemetry.Metric;

/** The numbers of a rule, one record per kind; {@link #params()} is how they are stored and shown. */
public sealed interface RuleSpec {
    RuleKind kind();

    /** Field name → value, as in the API's {@code params}. */
    Map<String, Object> params();

    /**
     * {@link RuleKind#OUT_OF_BAND}: raised at or below {@code low} held {@code lowForS}, or at or above
     * {@code high} held {@code highForS}; each side clears once back inside by {@code hysteresis}.
     */
    record OutOfBand(Metric metric, Double low, Double high, double hysteresis, long lowForS, long highForS)
            implements RuleSpec {
        @Override
        public RuleKind kind() {
            return RuleKind.OUT_OF_BAND;
        }

        @Override
        public Map<String, Object> params() {
            var m = new LinkedHashMap<String, Object>();
            m.put("metric", metric.wireName());
            m.put("low", low);
            m.put("high", high);
            m.put("hysteresis", hysteresis);
            m.put("lowForS", lowForS);
            m.put("highForS", highForS);
            return m;
        }
    }

    /** {@link RuleKind#NO_DATA}: a device with no reading for {@code durationS}. */
    record NoData(long durationS) implements RuleSpec {
        @Override
        public RuleKind kind() {
            return RuleKind.NO_DATA;
        }

        @Override
        public Map<String, Object> params() {
            return new LinkedHashMap<>(Map.of("durationS", durationS));
        }
    }

    /** {@link RuleKind#VALVE_OPEN_TOO_LONG}: a valve open for {@code durationS} or longer. */
    record ValveOpenTooLong(long durationS) implements RuleSpec {
        @Override
        public RuleKind kind() {
            return RuleKind.VALVE_OPEN_TOO_LONG;
        }

        @Override
        public Map<String, Object> params() {
            return new LinkedHashMap<>(Map.of("durationS", durationS));
        }
    }

    /**
     * {@link RuleKind#LEAK}: flow above {@code threshold} L/min while every valve of the plot reports
     * closed, both for {@code durationS}; cleared when a valve opens or the flow falls to threshold −
     * hysteresis.
     */
    record Leak(double threshold, double hysteresis, long durationS) implements RuleSpec {
        @Override
        public RuleKind kind() {
            return RuleKind.LEAK;
        }

        @Override
        public Map<String, Object> params() {
            var m = new LinkedHashMap<String, Object>();
            m.put("threshold", threshold);
            m.put("hysteresis", hysteresis);
            m.put("durationS", durationS);
            return m;
        }
    }

    /** {@link RuleKind#BATTERY_LOW}: raised at or below {@code threshold} %, cleared at threshold + hysteresis. */
    record BatteryLow(double threshold, double hysteresis) implements RuleSpec {
        @Override
        public RuleKind kind() {
            return RuleKind.BATTERY_LOW;
        }

        @Override
        public Map<String, Object> params() {
            var m = new LinkedHashMap<String, Object>();
            m.put("threshold", threshold);
            m.put("hysteresis", hysteresis);
            return m;
        }
    }

    /**
     * {@link RuleKind#BACKLOG_GROWING}: a gateway whose oldest unsent reading is {@code thresholdS} old,
     * or got older in {@code reports} state reports in a row; cleared when it is younger than thresholdS
     * − hysteresisS and a report showed it not growing.
     */
    record BacklogGrowing(long thresholdS, long hysteresisS, int reports) implements RuleSpec {
        @Override
        public RuleKind kind() {
            return RuleKind.BACKLOG_GROWING;
        }

        @Override
        public Map<String, Object> params() {
            var m = new LinkedHashMap<String, Object>();
            m.put("thresholdS", thresholdS);
            m.put("hysteresisS", hysteresisS);
            m.put("reports", reports);
            return m;
        }
    }
}

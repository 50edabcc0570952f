package vn.dongxanh.ingest.alarm;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * {@link RuleKind#OUT_OF_BAND}: each water-level or soil-moisture series in scope, each side of the band
 * its own alarm (facet {@code low} / {@code high}). High side: raised at or above {@code high} once every
 * reading for {@code highForS} was, cleared at or below {@code high − hysteresis}; low side mirrored.
 */
@Component
class OutOfBandCheck implements Check {
    private final ScopeReadings readings;

    OutOfBandCheck(ScopeReadings readings) {
        this.readings = readings;
    }

    @Override
    public RuleKind kind() {
        return RuleKind.OUT_OF_BAND;
    }

    /** One side of the band. */
    private record Side(String facet, double level, double clearLevel, long holdS, boolean high) {
        boolean beyond(double v) {
            return high ? v >= level : v <= level;
        }

        boolean back(double v) {
            return high ? v <= clearLevel : v >= clearLevel;
        }
    }

    @Override
    public List<Finding> evaluate(AlarmRule rule, Set<AlarmKey> open, Instant now) {
        var spec = (RuleSpec.OutOfBand) rule.spec();
        var sides = new ArrayList<Side>(2);
        if (spec.high() != null) {
            sides.add(new Side("high", spec.high(), round(spec.high() - spec.hysteresis()), spec.highForS(), true));
        }
        if (spec.low() != null) {
            sides.add(new Side("low", spec.low(), round(spec.low() + spec.hysteresis()), spec.lowForS(), false));
        }
        var out = new ArrayList<Finding>();
        for (ScopeReadings.SeriesNow s : readings.series(rule, spec.metric())) {
            for (Side side : sides) out.add(judge(spec, s, side, open, now));
        }
        return out;
    }

    /** Levels like 0.16 + 0.01 without the binary tail (0.17000000000000001). */
    static double round(double v) {
        return Math.round(v * 1e9) / 1e9;
    }

    private Finding judge(
            RuleSpec.OutOfBand spec, ScopeReadings.SeriesNow s, Side side, Set<AlarmKey> open, Instant now) {
        var key = new AlarmKey(SubjectType.DEVICE, s.deviceId(), side.facet());
        String unit = spec.metric().contractUnit();
        var values = new LinkedHashMap<String, Object>();
        values.put("device", s.deviceId());
        values.put("metric", spec.metric().wireName());
        values.put("unit", unit);
        values.put("value", s.value());
        values.put("at", s.time() == null ? null : s.time().toString());
        values.put(side.facet(), side.level());
        values.put("clearAt", side.clearLevel());
        if (s.value() == null) {
            return new Finding(key, s.plotId(), Finding.Level.HOLD, "no reading yet", values, 0);
        }
        double v = s.value();
        double badness = side.high() ? v - side.level() : side.level() - v;
        String where = " on device " + s.deviceId() + (s.plotId() != null ? " (plot " + s.plotId() + ")" : "");
        if (side.beyond(v)) {
            String msg = spec.metric().wireName() + " " + v + " " + unit
                    + (side.high() ? " at or above " : " at or below ") + side.level() + " " + unit + where;
            if (side.holdS() == 0 || open.contains(key)) {
                return new Finding(key, s.plotId(), Finding.Level.RAISE, msg, values, badness);
            }
            Instant since = readings.since(
                    s.seriesId(), side.high() ? ScopeReadings.Cmp.GE : ScopeReadings.Cmp.LE, side.level());
            if (since != null) {
                values.put("since", since.toString());
                values.put("heldS", Duration.between(since, now).toSeconds());
            }
            boolean held = since != null && !since.plusSeconds(side.holdS()).isAfter(now);
            return new Finding(
                    key,
                    s.plotId(),
                    held ? Finding.Level.RAISE : Finding.Level.HOLD,
                    msg + (held ? " since " + since : ""),
                    values,
                    badness);
        }
        if (side.back(v)) {
            return new Finding(
                    key,
                    s.plotId(),
                    Finding.Level.CLEAR,
                    spec.metric().wireName() + " " + v + " " + unit + " back "
                            + (side.high() ? "at or below " : "at or above ") + side.clearLevel() + " " + unit,
                    values,
                    badness);
        }
        return new Finding(key, s.plotId(), Finding.Level.HOLD, "inside the hysteresis band", values, badness);
    }
}

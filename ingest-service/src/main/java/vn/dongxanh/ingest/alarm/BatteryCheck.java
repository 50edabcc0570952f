package vn.dongxanh.ingest.alarm;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import vn.dongxanh.contract.telemetry.Metric;

/**
 * {@link RuleKind#BATTERY_LOW}: each battery series in scope; raised at or below {@code threshold} %,
 * cleared at or above {@code threshold + hysteresis} % (a battery reading wobbles with temperature and
 * load, so the band keeps it from flapping).
 */
@Component
class BatteryCheck implements Check {
    private final ScopeReadings readings;

    BatteryCheck(ScopeReadings readings) {
        this.readings = readings;
    }

    @Override
    public RuleKind kind() {
        return RuleKind.BATTERY_LOW;
    }

    @Override
    public List<Finding> evaluate(AlarmRule rule, Set<AlarmKey> open, Instant now) {
        var spec = (RuleSpec.BatteryLow) rule.spec();
        double clearAt = OutOfBandCheck.round(spec.threshold() + spec.hysteresis());
        var out = new ArrayList<Finding>();
        for (ScopeReadings.SeriesNow s : readings.series(rule, Metric.BATTERY)) {
            var key = AlarmKey.of(SubjectType.DEVICE, s.deviceId());
            var values = new LinkedHashMap<String, Object>();
            values.put("device", s.deviceId());
            values.put("percent", s.value());
            values.put("at", s.time() == null ? null : s.time().toString());
            values.put("threshold", spec.threshold());
            values.put("clearAt", clearAt);
            if (s.value() == null) {
                out.add(new Finding(key, s.plotId(), Finding.Level.HOLD, "no reading yet", values, 0));
                continue;
            }
            double v = s.value();
            Finding.Level level = v <= spec.threshold()
                    ? Finding.Level.RAISE
                    : v >= clearAt ? Finding.Level.CLEAR : Finding.Level.HOLD;
            String msg = "battery of device " + s.deviceId() + (s.plotId() != null ? " (plot " + s.plotId() + ")" : "")
                    + " at " + v + " %"
                    + switch (level) {
                        case RAISE -> ", at or below " + spec.threshold() + " %";
                        case CLEAR -> ", back at or above " + clearAt + " %";
                        case HOLD -> ", inside the hysteresis band";
                    };
            out.add(new Finding(key, s.plotId(), level, msg, values, spec.threshold() - v));
        }
        return out;
    }
}

package vn.dongxanh.ingest.alarm;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;
import vn.dongxanh.contract.telemetry.Metric;

/**
 * {@link RuleKind#VALVE_OPEN_TOO_LONG}: each valve series in scope whose readings have said open for
 * {@code durationS} or longer (since the first open reading after the last closed one). A closed reading
 * clears it.
 */
@Component
class ValveOpenCheck implements Check {
    /** Valve readings are 1 (open) or 0 (closed). */
    static final double OPEN = 0.5;

    private final ScopeReadings readings;

    ValveOpenCheck(ScopeReadings readings) {
        this.readings = readings;
    }

    @Override
    public RuleKind kind() {
        return RuleKind.VALVE_OPEN_TOO_LONG;
    }

    @Override
    public List<Finding> evaluate(AlarmRule rule, Set<AlarmKey> open, Instant now) {
        long limit = ((RuleSpec.ValveOpenTooLong) rule.spec()).durationS();
        var out = new ArrayList<Finding>();
        for (ScopeReadings.SeriesNow s : readings.series(rule, Metric.VALVE)) {
            var key = AlarmKey.of(SubjectType.DEVICE, s.deviceId());
            var values = new LinkedHashMap<String, Object>();
            values.put("device", s.deviceId());
            values.put("open", s.value() == null ? null : s.value() >= OPEN);
            values.put("at", s.time() == null ? null : s.time().toString());
            values.put("durationS", limit);
            if (s.value() == null) {
                out.add(new Finding(key, s.plotId(), Finding.Level.HOLD, "no reading yet", values, 0));
                continue;
            }
            if (s.value() < OPEN) {
                out.add(new Finding(
                        key, s.plotId(), Finding.Level.CLEAR, "valve " + s.deviceId() + " closed", values, 0));
                continue;
            }
            Instant since = readings.since(s.seriesId(), ScopeReadings.Cmp.GE, OPEN);
            long openS = since == null ? 0 : Duration.between(since, now).toSeconds();
            values.put("openSince", since == null ? null : since.toString());
            values.put("openS", openS);
            boolean tooLong = since != null && openS >= limit;
            out.add(new Finding(
                    key,
                    s.plotId(),
                    tooLong ? Finding.Level.RAISE : Finding.Level.HOLD,
                    "valve " + s.deviceId() + (s.plotId() != null ? " (plot " + s.plotId() + ")" : "") + " open for "
                            + openS + " s (since " + since + "), limit " + limit + " s",
                    values,
                    openS - limit));
        }
        return out;
    }
}

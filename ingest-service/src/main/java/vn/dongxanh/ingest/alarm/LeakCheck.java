package vn.dongxanh.ingest.alarm;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.stereotype.Component;
import vn.dongxanh.contract.telemetry.Metric;

/**
 * {@link RuleKind#LEAK}: each plot in scope with a flow meter. Raised when the flow (the highest of the
 * plot's meters) is above {@code threshold} L/min while every valve of the plot reports closed, both
 * for {@code durationS}; cleared when a valve opens (the flow is explained) or the flow falls to
 * {@code threshold − hysteresis}. A plot whose valves have not all reported is never judged leaking.
 */
@Component
class LeakCheck implements Check {
    private final ScopeReadings readings;

    LeakCheck(ScopeReadings readings) {
        this.readings = readings;
    }

    @Override
    public RuleKind kind() {
        return RuleKind.LEAK;
    }

    @Override
    public List<Finding> evaluate(AlarmRule rule, Set<AlarmKey> open, Instant now) {
        var spec = (RuleSpec.Leak) rule.spec();
        Map<String, List<ScopeReadings.SeriesNow>> flows = byPlot(readings.series(rule, Metric.FLOW));
        Map<String, List<ScopeReadings.SeriesNow>> valves = byPlot(readings.series(rule, Metric.VALVE));
        var out = new ArrayList<Finding>();
        flows.forEach((plot, meters) -> out.add(
                judge(spec, plot, meters, valves.getOrDefault(plot, List.of()), open.contains(key(plot)), now)));
        return out;
    }

    private static AlarmKey key(String plot) {
        return AlarmKey.of(SubjectType.PLOT, plot);
    }

    private Finding judge(
            RuleSpec.Leak spec,
            String plot,
            List<ScopeReadings.SeriesNow> meters,
            List<ScopeReadings.SeriesNow> valves,
            boolean raised,
            Instant now) {
        ScopeReadings.SeriesNow meter = null;
        for (ScopeReadings.SeriesNow m : meters) {
            if (m.value() != null && (meter == null || m.value() > meter.value())) meter = m;
        }
        boolean anyOpen = valves.stream().anyMatch(v -> v.value() != null && v.value() >= ValveOpenCheck.OPEN);
        boolean allClosed = !valves.isEmpty()
                && valves.stream().allMatch(v -> v.value() != null && v.value() < ValveOpenCheck.OPEN);
        var values = new LinkedHashMap<String, Object>();
        values.put("plot", plot);
        values.put("flowLpm", meter == null ? null : meter.value());
        values.put("flowMeter", meter == null ? null : meter.deviceId());
        values.put("flowAt", meter == null ? null : meter.time().toString());
        values.put("valves", valves.size());
        values.put(
                "valvesOpen",
                valves.stream()
                        .filter(v -> v.value() != null && v.value() >= ValveOpenCheck.OPEN)
                        .count());
        values.put("threshold", spec.threshold());
        values.put("clearAt", OutOfBandCheck.round(spec.threshold() - spec.hysteresis()));
        if (meter == null) return new Finding(key(plot), plot, Finding.Level.HOLD, "no flow reading yet", values, 0);
        double flow = meter.value();
        double badness = flow - spec.threshold();
        if (anyOpen) {
            return new Finding(
                    key(plot), plot, Finding.Level.CLEAR, "a valve of plot " + plot + " is open", values, badness);
        }
        if (flow <= spec.threshold() - spec.hysteresis()) {
            return new Finding(
                    key(plot),
                    plot,
                    Finding.Level.CLEAR,
                    "flow " + flow + " L/min back at or below " + values.get("clearAt") + " L/min",
                    values,
                    badness);
        }
        if (flow <= spec.threshold() || !allClosed) {
            return new Finding(
                    key(plot),
                    plot,
                    Finding.Level.HOLD,
                    allClosed ? "inside the hysteresis band" : "not every valve of the plot has reported",
                    values,
                    badness);
        }
        String msg = "flow " + flow + " L/min above " + spec.threshold() + " L/min on plot " + plot + " (meter "
                + meter.deviceId() + ") while all " + valves.size() + " valve(s) report closed";
        if (spec.durationS() == 0 || raised)
            return new Finding(key(plot), plot, Finding.Level.RAISE, msg, values, badness);
        // both must have held: the flow above the threshold and every valve closed
        Instant since = readings.since(meter.seriesId(), ScopeReadings.Cmp.GT, spec.threshold());
        for (ScopeReadings.SeriesNow v : valves) {
            Instant closed = readings.since(v.seriesId(), ScopeReadings.Cmp.LT, ValveOpenCheck.OPEN);
            if (since == null || closed == null) {
                since = null;
                break;
            }
            if (closed.isAfter(since)) since = closed;
        }
        if (since != null) {
            values.put("since", since.toString());
            values.put("heldS", Duration.between(since, now).toSeconds());
        }
        boolean held = since != null && !since.plusSeconds(spec.durationS()).isAfter(now);
        return new Finding(
                key(plot),
                plot,
                held ? Finding.Level.RAISE : Finding.Level.HOLD,
                held ? msg + " since " + since : msg + ", not yet for " + spec.durationS() + " s",
                values,
                badness);
    }

    private static Map<String, List<ScopeReadings.SeriesNow>> byPlot(List<ScopeReadings.SeriesNow> series) {
        var out = new TreeMap<String, List<ScopeReadings.SeriesNow>>();
        for (ScopeReadings.SeriesNow s : series) {
            if (s.plotId() != null)
                out.computeIfAbsent(s.plotId(), p -> new ArrayList<>()).add(s);
        }
        return out;
    }
}

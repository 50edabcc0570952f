package vn.dongxanh.web.plot;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import vn.dongxanh.web.ingest.IngestApi;

/**
 * A plot's chart over one range, as {@code plot.js} draws it: the level (water level or soil
 * moisture) per bucket with the control's thresholds, alarm markers at the reading that raised
 * them, and beneath on the same time axis the rain per bucket and the periods the valve was open.
 * Times are epoch seconds; {@code from}/{@code to} fix both charts' time axis to the range.
 *
 * @param control AWD or MOISTURE_BAND, null when no gateway has told the plot's control
 * @param low the control's start level or the band's lower edge, null when not known
 * @param high the control's stop level or the band's upper edge, null when not known
 * @param alarm per level bucket: the value of the reading that raised an alarm there, else null
 * @param valveOpen periods the valve was open, each {@code [from, to]}, from the gateway's events
 * @param alarms the alarms raised within the range, oldest first
 */
public record Chart(
        String range,
        String metric,
        String unit,
        String control,
        String stage,
        Double low,
        Double high,
        long from,
        long to,
        List<Long> t,
        List<Double> avg,
        List<Double> min,
        List<Double> max,
        List<Double> alarm,
        List<Long> rainT,
        List<Double> rainMm,
        List<List<Long>> valveOpen,
        List<Marker> alarms) {

    /** An alarm on the chart: when it was raised, the value it was raised at (null when none), its kind. */
    public record Marker(long t, Double v, String kind) {}

    /** The control the thresholds come from (the gateway's, through ingest's overview). */
    public record Control(String kind, String stage, Double low, Double high) {
        static final Control UNKNOWN = new Control(null, null, null, null);
    }

    static Chart of(
            PlotRange.Window w,
            String metric,
            String unit,
            List<IngestApi.Aggregate.Bucket> level,
            Control control,
            List<PlotApi.Sum> rain,
            List<PlotApi.Event> events,
            List<PlotApi.Alarm> alarms) {
        var t = new ArrayList<Long>();
        var avg = new ArrayList<Double>();
        var min = new ArrayList<Double>();
        var max = new ArrayList<Double>();
        var sorted = level.stream()
                .sorted(Comparator.comparing(IngestApi.Aggregate.Bucket::t))
                .toList();
        for (var b : sorted) {
            t.add(b.t().getEpochSecond());
            avg.add(b.avg());
            min.add(b.min());
            max.add(b.max());
        }
        var markers = markers(w, metric, alarms, sorted);
        var alarm = new ArrayList<Double>();
        for (int i = 0; i < t.size(); i++) alarm.add(null);
        for (var m : markers) {
            int i = bucketOf(sorted, Instant.ofEpochSecond(m.t()));
            if (i >= 0 && alarm.get(i) == null && m.v() != null) alarm.set(i, m.v());
        }
        var rainT = new ArrayList<Long>();
        var rainMm = new ArrayList<Double>();
        rain.stream().sorted(Comparator.comparing(PlotApi.Sum::t)).forEach(s -> {
            rainT.add(s.t().getEpochSecond());
            rainMm.add(s.sum());
        });
        return new Chart(
                w.range().wireName(),
                metric,
                unit,
                control.kind(),
                control.stage(),
                control.low(),
                control.high(),
                w.from().getEpochSecond(),
                w.to().getEpochSecond(),
                t,
                avg,
                min,
                max,
                alarm,
                rainT,
                rainMm,
                valveOpen(w, events),
                markers);
    }

    /**
     * The valve's open periods within the range: from a START until the same valve's next STOP (or
     * START), capped by the START's run time (the gateway closes it then) and the range's end. A STOP
     * without a START in the range tells nothing certain about when it opened and draws nothing.
     */
    static List<List<Long>> valveOpen(PlotRange.Window w, List<PlotApi.Event> events) {
        record Open(Instant since, Instant limit) {}
        var open = new HashMap<String, Open>();
        var out = new ArrayList<List<Long>>();
        for (var e :
                events.stream().sorted(Comparator.comparing(PlotApi.Event::at)).toList()) {
            String valve = e.valve() == null ? "" : e.valve();
            Open o = open.get(valve);
            if (o != null && (e.kind().equals("STOP") || e.kind().equals("START"))) {
                out.add(period(w, o.since(), e.at().isBefore(o.limit()) ? e.at() : o.limit()));
                open.remove(valve);
            }
            if (e.kind().equals("START")) {
                Instant limit = e.runS() > 0 ? e.at().plusSeconds(e.runS()) : w.to();
                open.put(valve, new Open(e.at(), limit.isAfter(w.to()) ? w.to() : limit));
            }
        }
        for (Open o : open.values()) out.add(period(w, o.since(), o.limit()));
        out.sort(Comparator.comparing(p -> p.get(0)));
        return out;
    }

    private static List<Long> period(PlotRange.Window w, Instant from, Instant to) {
        Instant a = from.isBefore(w.from()) ? w.from() : from;
        return List.of(a.getEpochSecond(), to.getEpochSecond());
    }

    /**
     * The alarms raised within the range, each at the reading that raised it: its value when the
     * alarm was raised on this chart's metric (out of band), else the chart's level at that time.
     */
    static List<Marker> markers(
            PlotRange.Window w, String metric, List<PlotApi.Alarm> alarms, List<IngestApi.Aggregate.Bucket> level) {
        var out = new ArrayList<Marker>();
        for (var a : alarms) {
            if (a.raisedAt() == null
                    || a.raisedAt().isBefore(w.from())
                    || a.raisedAt().isAfter(w.to())) continue;
            Map<String, Object> values = a.raisedValues() == null ? Map.of() : a.raisedValues();
            Instant at = a.raisedAt();
            Double v = null;
            if (metric != null && metric.equals(values.get("metric")) && values.get("value") instanceof Number n) {
                v = n.doubleValue();
                if (values.get("at") instanceof String s) {
                    try {
                        at = Instant.parse(s);
                    } catch (java.time.DateTimeException ignored) {
                        // the raise time stands
                    }
                }
            } else {
                int i = bucketOf(level, at);
                if (i >= 0) v = level.get(i).avg();
            }
            out.add(new Marker(at.getEpochSecond(), v, a.kind()));
        }
        out.sort(Comparator.comparingLong(Marker::t));
        return out;
    }

    /** The index of the bucket holding {@code at} (the last one starting at or before it), or -1. */
    private static int bucketOf(List<IngestApi.Aggregate.Bucket> level, Instant at) {
        int found = -1;
        for (int i = 0; i < level.size(); i++) {
            if (!level.get(i).t().isAfter(at)) found = i;
        }
        return found;
    }

    /** The lowest and highest value over the range (for the chart's caption), null when no reading. */
    public Double lowest() {
        return min.stream().filter(v -> v != null).min(Double::compare).orElse(null);
    }

    public Double highest() {
        return max.stream().filter(v -> v != null).max(Double::compare).orElse(null);
    }
}

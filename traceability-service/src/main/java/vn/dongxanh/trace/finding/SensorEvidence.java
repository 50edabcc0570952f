package vn.dongxanh.trace.finding;

import java.sql.Date;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import vn.dongxanh.contract.irrigation.PlotActivity;
import vn.dongxanh.trace.ingest.IngestClient;

/**
 * The audit's rules on irrigation evidence (docs/findings.md): a batch harvested from a plot whose
 * sensors sent nothing during its season, or whose irrigation record is empty, and irrigation typed
 * by hand into a diary where the domain wants it written from sensor records. What the sensors did
 * comes from ingest-service's plot activity, read for the whole province in one request and kept
 * for {@code cache-for}, so a page of findings does not ask ingest again.
 */
@Component
public class SensorEvidence {
    private final JdbcClient jdbc;
    private final IngestClient ingest;
    private final FindingsProperties props;
    private final Clock clock;
    private volatile Cached cached;

    public SensorEvidence(JdbcClient jdbc, IngestClient ingest, FindingsProperties props, Clock clock) {
        this.jdbc = jdbc;
        this.ingest = ingest;
        this.props = props;
        this.clock = clock;
    }

    private record Cached(LocalDate from, LocalDate to, Instant until, PlotActivity activity) {}

    /**
     * Every plot's activity over local days from..to, from the cache when it holds them and is
     * fresh, else from ingest-service.
     *
     * @throws vn.dongxanh.trace.web.Refusal when ingest-service cannot say (unreachable, refusing, a bad answer)
     */
    public PlotActivity activity(LocalDate from, LocalDate to) {
        Cached c = cached;
        Instant now = clock.instant();
        if (c != null && now.isBefore(c.until()) && !from.isBefore(c.from()) && !to.isAfter(c.to())) {
            return c.activity();
        }
        PlotActivity a = ingest.plotActivity(from, to);
        cached = new Cached(from, to, now.plus(props.sensorEvidence().cacheFor()), a);
        return a;
    }

    /** The days of a crop's season before its harvest: its shortest cycle, at most {@code season-days}. */
    int seasonDays(String crop) {
        int days = props.sensorEvidence().seasonDays();
        FindingsProperties.Yield yield = crop == null ? null : props.yield().get(crop);
        return yield == null ? days : Math.min(days, yield.cycleDays());
    }

    /**
     * Batches harvested within {@code lookback} whose plots' sensors sent nothing in the batch's
     * season ({@link Finding.Kind#NO_SENSOR_EVIDENCE}) or whose plots reported but were never
     * irrigated ({@link Finding.Kind#EMPTY_IRRIGATION_RECORD}, not for rain-fed crops).
     *
     * @throws vn.dongxanh.trace.web.Refusal when ingest-service cannot say
     */
    List<Finding> harvests(Audit.Scope scope, LocalDate today) {
        LocalDate since = today.minus(props.sensorEvidence().lookback());
        List<Object> params = new ArrayList<>(List.of(Date.valueOf(since), Date.valueOf(today)));
        String where = scope.where("b.code", "b.organisation_id", params);
        record Row(long batch, String code, String organisation, LocalDate harvest, String crop, String plot) {}
        List<Row> rows = jdbc.sql("""
                        select b.id, b.code, b.organisation_id, b.harvest_date, c.crop, bp.plot_id
                          from batch b join batch_plot bp on bp.batch_id = b.id
                          join growing_area_code c on c.code = b.code
                         where b.harvest_date >= ? and b.harvest_date <= ?""" + where + " order by b.id, bp.plot_id")
                .params(params)
                .query((rs, i) -> new Row(
                        rs.getLong(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getDate(4).toLocalDate(),
                        rs.getString(5),
                        rs.getString(6)))
                .list();
        if (rows.isEmpty()) return List.of();
        LocalDate first = rows.stream()
                .map(r -> r.harvest().minusDays(seasonDays(r.crop()) - 1L))
                .min(LocalDate::compareTo)
                .orElseThrow();
        PlotActivity activity = activity(first, today);
        Map<String, PlotActivity.Plot> plots =
                activity.plots().stream().collect(Collectors.toMap(PlotActivity.Plot::plot, Function.identity()));
        Map<Long, List<Row>> byBatch =
                rows.stream().collect(Collectors.groupingBy(Row::batch, LinkedHashMap::new, Collectors.toList()));
        List<Finding> found = new ArrayList<>();
        for (List<Row> batch : byBatch.values()) {
            Row b = batch.getFirst();
            LocalDate from = b.harvest().minusDays(seasonDays(b.crop()) - 1L);
            List<Map<String, Object>> silent = new ArrayList<>();
            List<Map<String, Object>> dry = new ArrayList<>();
            for (Row r : batch) {
                PlotActivity.Plot p = plots.get(r.plot());
                // a plot with no governing sensor registered at ingest has no sensors to fall silent: a
                // cooperative may farm without the platform's devices, and that is not a finding
                if (p == null || p.sensors() == 0) continue;
                PlotActivity.Days days = activity.between(p, from, b.harvest());
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("plot", r.plot());
                e.put("sensors", p.sensors());
                e.put("daysReported", days.reported());
                e.put("daysIrrigated", days.irrigated());
                if (days.reported() == 0) silent.add(e);
                else if (days.irrigated() == 0
                        && !props.sensorEvidence().rainfedCrops().contains(b.crop())) dry.add(e);
            }
            if (!silent.isEmpty()) {
                found.add(new Finding(
                        Finding.Kind.NO_SENSOR_EVIDENCE,
                        Finding.Severity.HIGH,
                        b.code(),
                        b.organisation(),
                        "batch/" + b.batch(),
                        "batch %d (harvested %s under code %s): no sensor reading from plot%s %s between %s and %s"
                                .formatted(
                                        b.batch(),
                                        b.harvest(),
                                        b.code(),
                                        silent.size() == 1 ? "" : "s",
                                        names(silent),
                                        from,
                                        b.harvest()),
                        evidence(b.harvest(), from, silent)));
            }
            if (!dry.isEmpty()) {
                found.add(new Finding(
                        Finding.Kind.EMPTY_IRRIGATION_RECORD,
                        Finding.Severity.WATCH,
                        b.code(),
                        b.organisation(),
                        "batch/" + b.batch(),
                        "batch %d (harvested %s under code %s): plot%s %s reported but no irrigation is recorded between %s and %s"
                                .formatted(
                                        b.batch(),
                                        b.harvest(),
                                        b.code(),
                                        dry.size() == 1 ? "" : "s",
                                        names(dry),
                                        from,
                                        b.harvest()),
                        evidence(b.harvest(), from, dry)));
            }
        }
        return found;
    }

    private static String names(List<Map<String, Object>> plots) {
        return plots.stream().map(p -> (String) p.get("plot")).collect(Collectors.joining(", "));
    }

    private static Map<String, Object> evidence(LocalDate harvest, LocalDate from, List<Map<String, Object>> plots) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("harvestDate", harvest.toString());
        e.put("seasonFrom", from.toString());
        e.put("plots", plots);
        return e;
    }

    /**
     * Plots of a live code with IRRIGATION diary entries typed by hand within {@code lookback}: the
     * domain wants irrigation written from the sensors' record (the IRRIGATION_SUMMARY entry).
     * Needs nothing from ingest-service.
     */
    List<Finding> typedIrrigation(Audit.Scope scope, LocalDate today) {
        List<Object> params = new ArrayList<>(
                List.of(Date.valueOf(today.minus(props.sensorEvidence().lookback())), Date.valueOf(today)));
        String where = scope.where("c.code", "c.organisation_id", params);
        return jdbc.sql("""
                        select distinct on (plot_id) plot_id, code, organisation_id, dates from (
                          select d.plot_id, c.code, c.organisation_id,
                                 array_agg(d.entry_date order by d.entry_date) as dates
                            from diary_entry d
                            join growing_area_code_plot cp on cp.plot_id = d.plot_id
                            join growing_area_code c on c.code = cp.code
                           where d.operation = 'IRRIGATION' and d.entry_date >= ? and d.entry_date <= ?
                             and c.status in ('APPLIED', 'UNDER_INSPECTION', 'ISSUED', 'SUSPENDED')""" + where + " group by d.plot_id, c.code, c.organisation_id) typed order by plot_id, code")
                .params(params)
                .query((rs, i) -> {
                    List<String> dates = new ArrayList<>();
                    for (Object d : (Object[]) rs.getArray(4).getArray()) dates.add(d.toString());
                    return new Finding(
                            Finding.Kind.IRRIGATION_TYPED_BY_HAND,
                            Finding.Severity.WATCH,
                            rs.getString(2),
                            rs.getString(3),
                            "plot/" + rs.getString(1),
                            "plot %s of code %s has %d irrigation entr%s typed by hand (%s to %s) instead of its sensors' record"
                                    .formatted(
                                            rs.getString(1),
                                            rs.getString(2),
                                            dates.size(),
                                            dates.size() == 1 ? "y" : "ies",
                                            dates.getFirst(),
                                            dates.getLast()),
                            Map.of("entries", dates.size(), "dates", dates));
                })
                .list();
    }
}

package vn.dongxanh.ingest.irrigation;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import vn.dongxanh.contract.irrigation.PlotActivity;

/**
 * Computes {@link PlotActivity}: for every plot (or one cooperative's), the days its governing
 * sensors reported (from the daily rollup), the days it was irrigated (a START event, or a flow
 * meter or valve reading above zero in the daily rollup) and the days its gateway's own control
 * started irrigation. Four grouped queries, whatever the number of plots.
 */
@Component
class PlotActivities {
    /** The START reason of a cooperative's override (edge-agent's Decision.Reason); every other START is the control's. */
    private static final String OVERRIDE = "OVERRIDE";

    private final JdbcTemplate jdbc;
    private final Clock clock;

    PlotActivities(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** @param cooperative only this cooperative's plots; null = all */
    PlotActivity of(DayRange range, String cooperative) {
        Instant now = clock.instant();
        int days = (int) range.days();
        Map<String, Days> byPlot = new HashMap<>();
        List<Days> plots = new ArrayList<>();
        jdbc.query(
                """
                SELECT p.id, p.cooperative_id,
                       count(d.id) FILTER (WHERE d.kind IN ('water_level', 'soil_moisture')),
                       count(d.id) FILTER (WHERE d.kind = 'valve')
                  FROM plot p LEFT JOIN device d ON d.plot_id = p.id
                 WHERE (?::text IS NULL OR p.cooperative_id = ?)
                 GROUP BY p.id, p.cooperative_id ORDER BY p.id""",
                rs -> {
                    Days d = new Days(rs.getString(1), rs.getString(2), rs.getInt(3), rs.getInt(4), days);
                    byPlot.put(d.plot, d);
                    plots.add(d);
                },
                cooperative,
                cooperative);
        // daily buckets start at local midnight in the rollup zone, the zone of the range
        jdbc.query(
                """
                SELECT s.plot_id, r.bucket, s.metric FROM reading_daily r
                  JOIN series s ON s.id = r.series_id
                  JOIN device d ON d.id = s.device_id
                 WHERE r.bucket >= ? AND r.bucket < ? AND s.plot_id IS NOT NULL
                   AND (?::text IS NULL OR d.cooperative_id = ?)
                   AND ((s.metric = d.kind AND d.kind IN ('water_level', 'soil_moisture') AND r.count > 0)
                        OR (s.metric IN ('flow', 'valve') AND r.max > 0))""",
                rs -> {
                    Days d = byPlot.get(rs.getString(1));
                    if (d == null) return;
                    int day =
                            range.dayIndex(rs.getObject(2, OffsetDateTime.class).toInstant());
                    String metric = rs.getString(3);
                    if (metric.equals("flow") || metric.equals("valve")) d.irrigated[day] = '1';
                    else d.reported[day] = '1';
                },
                utc(range.start()),
                utc(range.end()),
                cooperative,
                cooperative);
        jdbc.query(
                """
                SELECT plot_id, at, reason, cooperative_id FROM irrigation_event
                 WHERE kind = 'START' AND at >= ? AND at < ? AND (?::text IS NULL OR cooperative_id = ?)""",
                rs -> {
                    Days d = byPlot.get(rs.getString(1));
                    // an event names its plot within its cooperative: another's plot of that id is another plot
                    if (d == null || !d.cooperative.equals(rs.getString(4))) return;
                    int day =
                            range.dayIndex(rs.getObject(2, OffsetDateTime.class).toInstant());
                    d.irrigated[day] = '1';
                    if (!OVERRIDE.equals(rs.getString(3))) d.automatic[day] = '1';
                },
                utc(range.start()),
                utc(range.end()),
                cooperative,
                cooperative);
        return new PlotActivity(
                range.from(),
                range.to(),
                range.zone().getId(),
                now.truncatedTo(ChronoUnit.MILLIS),
                plots.stream().map(Days::plot).toList());
    }

    private static OffsetDateTime utc(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }

    /** One plot's days being filled in. */
    private static final class Days {
        final String plot;
        final String cooperative;
        final int sensors;
        final int valves;
        final char[] reported;
        final char[] irrigated;
        final char[] automatic;

        Days(String plot, String cooperative, int sensors, int valves, int days) {
            this.plot = plot;
            this.cooperative = cooperative;
            this.sensors = sensors;
            this.valves = valves;
            this.reported = zeros(days);
            this.irrigated = zeros(days);
            this.automatic = zeros(days);
        }

        private static char[] zeros(int days) {
            char[] c = new char[days];
            Arrays.fill(c, '0');
            return c;
        }

        PlotActivity.Plot plot() {
            return new PlotActivity.Plot(
                    plot,
                    cooperative,
                    sensors,
                    valves,
                    new String(reported),
                    new String(irrigated),
                    new String(automatic));
        }
    }
}

package vn.dongxanh.ingest.rollup;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads aggregates of one series at hourly or daily grain, exactly: rows of the rollup tables,
 * except for the hours still marked dirty or claimed by the rollup job (their rollup may be stale), which are aggregated from
 * the raw readings on the fly; days holding a dirty hour are rebuilt from those hourly rows.
 * On TimescaleDB nothing is ever marked and the continuous aggregates answer alone (real-time
 * beyond their materialized buckets; late data into those shows after the next refresh).
 */
@Component
public class Rollups {
    private static final String AGG_COLUMNS = "count, sum, min, max, last, last_time";

    private final JdbcTemplate jdbc;
    private final RollupProperties props;

    public Rollups(JdbcTemplate jdbc, RollupProperties props) {
        this.jdbc = jdbc;
        this.props = props;
    }

    /** Hourly aggregates with {@code from <= bucket < to}, oldest first (hours without readings absent). */
    public List<Agg> hourly(int seriesId, Instant from, Instant to) {
        OffsetDateTime f = utc(from), t = utc(to);
        return jdbc.query(HOURLY_SQL, Rollups::agg, seriesId, f, t, seriesId, f, t, seriesId, f, t, seriesId);
    }

    /**
     * The hourly query; parameters: (series, from, to) three times, then series. Hours marked dirty or
     * claimed by the rollup job come from the raw readings. bench's Chart keeps a copy of it as a baseline.
     */
    private static final String HOURLY_SQL = "WITH dirty AS (SELECT hour FROM rollup_dirty WHERE series_id = ?"
            + " AND hour >= ? AND hour < ? UNION SELECT hour FROM rollup_claimed WHERE series_id = ?"
            + " AND hour >= ? AND hour < ?)"
            + " SELECT bucket, " + AGG_COLUMNS + " FROM reading_hourly h"
            + " WHERE h.series_id = ? AND h.bucket >= ? AND h.bucket < ?"
            + " AND NOT EXISTS (SELECT 1 FROM dirty d WHERE d.hour = h.bucket)"
            + " UNION ALL"
            + " SELECT d.hour, count(*), sum(r.value), min(r.value), max(r.value),"
            + " (array_agg(r.value ORDER BY r.time DESC, r.value DESC))[1], max(r.time)"
            + " FROM dirty d JOIN reading r ON r.series_id = ? AND r.time >= d.hour"
            + " AND r.time < d.hour + interval '1 hour' GROUP BY d.hour"
            + " ORDER BY 1";

    /**
     * Daily aggregates (local days of {@link RollupProperties#zone()}) with {@code from <= bucket < to},
     * oldest first; {@code from} and {@code to} should be local midnights.
     */
    public List<Agg> daily(int seriesId, Instant from, Instant to) {
        String zone = props.zone().getId();
        Set<Instant> dirtyDays = new HashSet<>(jdbc.query(
                "SELECT DISTINCT date_trunc('day', hour, ?) FROM (SELECT hour FROM rollup_dirty WHERE series_id = ?"
                        + " AND hour >= ? AND hour < ? UNION SELECT hour FROM rollup_claimed WHERE series_id = ?"
                        + " AND hour >= ? AND hour < ?) d",
                (rs, i) -> rs.getObject(1, OffsetDateTime.class).toInstant(),
                zone,
                seriesId,
                utc(from),
                utc(to),
                seriesId,
                utc(from),
                utc(to)));
        var days = new TreeMap<Instant, Agg>();
        for (Agg a : jdbc.query(
                "SELECT bucket, " + AGG_COLUMNS + " FROM reading_daily WHERE series_id = ? AND bucket >= ?"
                        + " AND bucket < ? ORDER BY bucket",
                Rollups::agg,
                seriesId,
                utc(from),
                utc(to))) {
            if (!dirtyDays.contains(a.bucket())) days.put(a.bucket(), a);
        }
        for (Instant day : dirtyDays) {
            Instant end = day.atZone(props.zone()).plusDays(1).toInstant();
            Agg sum = null;
            for (Agg h : hourly(seriesId, day, end)) sum = sum == null ? h.at(day) : sum.merge(h, day);
            if (sum != null) days.put(day, sum);
        }
        return new ArrayList<>(days.values());
    }

    static Agg agg(ResultSet rs, int i) throws SQLException {
        return new Agg(
                rs.getObject(1, OffsetDateTime.class).toInstant(),
                rs.getLong(2),
                rs.getDouble(3),
                rs.getDouble(4),
                rs.getDouble(5),
                rs.getDouble(6),
                rs.getObject(7, OffsetDateTime.class).toInstant());
    }

    private static OffsetDateTime utc(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }
}

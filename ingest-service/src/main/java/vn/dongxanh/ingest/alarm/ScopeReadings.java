package vn.dongxanh.ingest.alarm;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import vn.dongxanh.contract.telemetry.Metric;

/**
 * What the checks read: the series of a rule's scope with their newest reading (from
 * {@code series_latest}), and how long a series has been on one side of a level (from {@code reading},
 * by the (series, time) index).
 */
@Component
class ScopeReadings {
    /** A comparison of a reading with a level. */
    enum Cmp {
        GE(">="),
        LE("<="),
        GT(">"),
        LT("<");

        final String sql;

        Cmp(String sql) {
            this.sql = sql;
        }
    }

    /**
     * A series of a registered device in scope, with its newest reading (null time and value if none).
     */
    record SeriesNow(String deviceId, String plotId, int seriesId, Instant time, Double value) {}

    private final JdbcTemplate jdbc;

    ScopeReadings(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Series of {@code metric} of the registered devices in the rule's scope (its plot, or its cooperative). */
    List<SeriesNow> series(AlarmRule rule, Metric metric) {
        String sql = "SELECT d.id, d.plot_id, s.id AS series_id, l.time, l.value FROM device d"
                + " JOIN series s ON s.device_id = d.id AND s.metric = ?"
                + " LEFT JOIN series_latest l ON l.series_id = s.id"
                + (rule.plotId() != null ? " WHERE d.plot_id = ?" : " WHERE d.cooperative_id = ?")
                + " ORDER BY d.id";
        return jdbc.query(
                sql,
                (rs, i) -> new SeriesNow(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getInt(3),
                        Sql.instant(rs, "time"),
                        Sql.doubleOrNull(rs, "value")),
                metric.wireName(),
                rule.plotId() != null ? rule.plotId() : rule.cooperativeId());
    }

    /**
     * Since when every reading of the series satisfies {@code value cmp level}: the time of the first
     * reading after the newest one that does not (or of the first reading ever). Null when the newest
     * reading does not satisfy it.
     */
    Instant since(int seriesId, Cmp cmp, double level) {
        return jdbc.queryForObject(
                "SELECT min(r.time) FROM reading r WHERE r.series_id = ? AND r.time > coalesce((SELECT b.time"
                        + " FROM reading b WHERE b.series_id = ? AND NOT (b.value " + cmp.sql + " ?)"
                        + " ORDER BY b.time DESC LIMIT 1), '-infinity'::timestamptz)",
                (rs, i) -> Sql.instant(rs, "min"),
                seriesId,
                seriesId,
                level);
    }
}

package vn.dongxanh.ingest.series;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Reads series and their points. */
@Repository
public class SeriesRepository {
    /**
     * A series row, with the cooperative it belongs to: its registered device's, else its plot's;
     * null for a device nobody registered (then only the department may read it).
     */
    public record Series(int id, String deviceId, String metric, String unit, String cooperative) {}

    private final JdbcTemplate jdbc;

    public SeriesRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Series> find(String deviceId, String metric) {
        return jdbc
                .query(
                        """
                        SELECT s.id, s.device_id, s.metric, s.unit, COALESCE(d.cooperative_id, p.cooperative_id)
                        FROM series s
                        LEFT JOIN device d ON d.id = s.device_id
                        LEFT JOIN plot p ON p.id = s.plot_id
                        WHERE s.device_id = ? AND s.metric = ?""",
                        (rs, i) -> new Series(
                                rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5)),
                        deviceId,
                        metric)
                .stream()
                .findFirst();
    }

    /** Points with {@code from <= t < to}, oldest first, at most {@code limit}. */
    public List<SeriesResponse.Point> points(int seriesId, Instant from, Instant to, int limit) {
        return jdbc.query(
                "SELECT time, value FROM reading WHERE series_id = ? AND time >= ? AND time < ?"
                        + " ORDER BY time LIMIT ?",
                (rs, i) -> new SeriesResponse.Point(
                        rs.getObject(1, OffsetDateTime.class).toInstant(), rs.getDouble(2)),
                seriesId,
                from.atOffset(ZoneOffset.UTC),
                to.atOffset(ZoneOffset.UTC),
                limit);
    }
}

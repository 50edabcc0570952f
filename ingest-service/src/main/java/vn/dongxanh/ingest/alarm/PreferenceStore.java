package vn.dongxanh.ingest.alarm;

import java.sql.Array;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code alarm_notification_preference} table: one row per user (token subject). */
@Repository
class PreferenceStore {
    /** A user's saved choice. */
    record Saved(
            String subject,
            String cooperative,
            List<String> kinds,
            List<String> plots,
            boolean browser,
            boolean webhook,
            Instant updatedAt) {}

    private final JdbcTemplate jdbc;

    PreferenceStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Saved> find(String subject) {
        return jdbc
                .query(
                        "SELECT subject, cooperative_id, kinds, plots, browser, webhook, updated_at"
                                + " FROM alarm_notification_preference WHERE subject = ?",
                        (rs, i) -> new Saved(
                                rs.getString(1),
                                rs.getString(2),
                                strings(rs.getArray(3)),
                                strings(rs.getArray(4)),
                                rs.getBoolean(5),
                                rs.getBoolean(6),
                                Sql.instant(rs, "updated_at")),
                        subject)
                .stream()
                .findFirst();
    }

    void save(Saved s) {
        jdbc.update(con -> {
            var ps = con.prepareStatement("INSERT INTO alarm_notification_preference"
                    + " (subject, cooperative_id, kinds, plots, browser, webhook, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)"
                    + " ON CONFLICT (subject) DO UPDATE SET cooperative_id = EXCLUDED.cooperative_id,"
                    + " kinds = EXCLUDED.kinds, plots = EXCLUDED.plots, browser = EXCLUDED.browser,"
                    + " webhook = EXCLUDED.webhook, updated_at = EXCLUDED.updated_at");
            ps.setString(1, s.subject());
            ps.setString(2, s.cooperative());
            ps.setArray(3, con.createArrayOf("text", s.kinds().toArray()));
            ps.setArray(4, con.createArrayOf("text", s.plots().toArray()));
            ps.setBoolean(5, s.browser());
            ps.setBoolean(6, s.webhook());
            ps.setObject(7, Sql.utc(s.updatedAt()));
            return ps;
        });
    }

    /** Users of {@code cooperative} who want alarms of {@code kind} on {@code plot} (null: no plot) by webhook. */
    List<String> webhookRecipients(String cooperative, String kind, String plot) {
        return jdbc.queryForList(
                "SELECT subject FROM alarm_notification_preference WHERE cooperative_id = ? AND webhook"
                        + " AND (cardinality(kinds) = 0 OR ? = ANY(kinds))"
                        + " AND (cardinality(plots) = 0 OR ?::text = ANY(plots)) ORDER BY subject",
                String.class,
                cooperative,
                kind,
                plot);
    }

    /** Which of {@code plots} are plots of {@code cooperative}. */
    List<String> plotsOf(String cooperative, List<String> plots) {
        return jdbc.query(
                con -> {
                    var ps = con.prepareStatement("SELECT id FROM plot WHERE cooperative_id = ? AND id = ANY(?)");
                    ps.setString(1, cooperative);
                    ps.setArray(2, con.createArrayOf("text", plots.toArray()));
                    return ps;
                },
                (rs, i) -> rs.getString(1));
    }

    private static List<String> strings(Array a) throws SQLException {
        return a == null ? List.of() : Arrays.asList((String[]) a.getArray());
    }
}

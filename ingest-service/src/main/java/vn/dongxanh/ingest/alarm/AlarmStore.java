package vn.dongxanh.ingest.alarm;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code alarm} table: raising, holding and clearing alarms, and reading them back. */
@Repository
public class AlarmStore {
    private static final String COLUMNS = "id, rule_id, rule_name, kind, cooperative_id, plot_id, subject_type,"
            + " subject_id, facet, state, message, raised_at, raised_values::text AS raised_values,"
            + " worst_values::text AS worst_values, worst_at, last_values::text AS last_values, last_evaluated_at,"
            + " cleared_at, cleared_values::text AS cleared_values, clear_reason,"
            + " acknowledged_at, acknowledged_by, acknowledge_note";

    /** An alarm still raised, as the evaluator needs it. */
    record Open(long id, AlarmKey key, double worstBadness) {}

    /** Filters of the alarm list; null = any. */
    record Filter(
            String state,
            String cooperativeId,
            String plotId,
            RuleKind kind,
            Long ruleId,
            Boolean acknowledged,
            int limit) {}

    private final JdbcTemplate jdbc;

    public AlarmStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** The rule's raised alarms by key. */
    Map<AlarmKey, Open> open(long ruleId) {
        var out = new HashMap<AlarmKey, Open>();
        jdbc.query(
                "SELECT id, subject_type, subject_id, facet, worst_badness FROM alarm WHERE rule_id = ? AND state = 'RAISED'",
                rs -> {
                    var key = new AlarmKey(SubjectType.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4));
                    out.put(key, new Open(rs.getLong(1), key, rs.getDouble(5)));
                },
                ruleId);
        return out;
    }

    /** Raises an alarm; empty when one is raised for that key already. */
    Optional<AlarmView> raise(AlarmRule rule, Finding f, Instant now) {
        String values = Sql.json(f.values());
        return jdbc
                .query(
                        "INSERT INTO alarm (rule_id, rule_name, kind, cooperative_id, plot_id, subject_type, subject_id,"
                                + " facet, state, message, raised_at, raised_values, worst_badness, worst_values,"
                                + " worst_at, last_values, last_evaluated_at)"
                                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'RAISED', ?, ?, ?::jsonb, ?, ?::jsonb, ?, ?::jsonb, ?)"
                                + " ON CONFLICT (rule_id, subject_type, subject_id, facet) WHERE state = 'RAISED'"
                                + " DO NOTHING RETURNING " + COLUMNS,
                        AlarmStore::view,
                        rule.id(),
                        rule.name(),
                        rule.kind().name(),
                        rule.cooperativeId(),
                        f.plotId(),
                        f.key().type().name(),
                        f.key().subject(),
                        f.key().facet(),
                        f.message(),
                        Sql.utc(now),
                        values,
                        f.badness(),
                        values,
                        Sql.utc(now),
                        values,
                        Sql.utc(now))
                .stream()
                .findFirst();
    }

    /** Keeps the latest values, and the worst ones when these are worse. */
    void hold(Open a, Finding f, Instant now) {
        String values = Sql.json(f.values());
        boolean worse = f.badness() > a.worstBadness();
        if (worse) {
            jdbc.update(
                    "UPDATE alarm SET last_values = ?::jsonb, last_evaluated_at = ?, worst_badness = ?,"
                            + " worst_values = ?::jsonb, worst_at = ? WHERE id = ?",
                    values,
                    Sql.utc(now),
                    f.badness(),
                    values,
                    Sql.utc(now),
                    a.id());
        } else {
            jdbc.update(
                    "UPDATE alarm SET last_values = ?::jsonb, last_evaluated_at = ? WHERE id = ?",
                    values,
                    Sql.utc(now),
                    a.id());
        }
    }

    /** Clears a raised alarm; empty when it was not raised (any more). */
    Optional<AlarmView> clear(long id, Map<String, Object> values, String reason, Instant now) {
        String json = values == null ? null : Sql.json(values);
        return jdbc
                .query(
                        "UPDATE alarm SET state = 'CLEARED', cleared_at = ?, cleared_values = ?::jsonb, clear_reason = ?,"
                                + " last_values = coalesce(?::jsonb, last_values), last_evaluated_at = ?"
                                + " WHERE id = ? AND state = 'RAISED' RETURNING " + COLUMNS,
                        AlarmStore::view,
                        Sql.utc(now),
                        json,
                        reason,
                        json,
                        Sql.utc(now),
                        id)
                .stream()
                .findFirst();
    }

    /** Clears every raised alarm of a rule (deleted or disabled). */
    List<AlarmView> clearRule(long ruleId, String reason, Instant now) {
        return jdbc.query(
                "UPDATE alarm SET state = 'CLEARED', cleared_at = ?, clear_reason = ?, last_evaluated_at = ?"
                        + " WHERE rule_id = ? AND state = 'RAISED' RETURNING " + COLUMNS,
                AlarmStore::view,
                Sql.utc(now),
                reason,
                Sql.utc(now),
                ruleId);
    }

    /** Clears raised alarms whose rule is gone (deleted while an evaluation was raising one). */
    List<AlarmView> clearOrphans(Instant now) {
        return jdbc.query(
                "UPDATE alarm a SET state = 'CLEARED', cleared_at = ?, clear_reason = 'rule deleted',"
                        + " last_evaluated_at = ? WHERE a.state = 'RAISED'"
                        + " AND NOT EXISTS (SELECT 1 FROM alarm_rule r WHERE r.id = a.rule_id) RETURNING " + COLUMNS,
                AlarmStore::view,
                Sql.utc(now),
                Sql.utc(now));
    }

    /**
     * Acknowledges an alarm once: the first acknowledgement stands (empty when it was already
     * acknowledged). The trigger on {@code alarm} tells the live streams.
     */
    Optional<AlarmView> acknowledge(long id, String subject, String note, Instant at) {
        return jdbc
                .query(
                        "UPDATE alarm SET acknowledged_at = ?, acknowledged_by = ?, acknowledge_note = ?"
                                + " WHERE id = ? AND acknowledged_at IS NULL RETURNING " + COLUMNS,
                        AlarmStore::view,
                        Sql.utc(at),
                        subject,
                        note,
                        id)
                .stream()
                .findFirst();
    }

    public Optional<AlarmView> find(long id) {
        return jdbc.query("SELECT " + COLUMNS + " FROM alarm WHERE id = ?", AlarmStore::view, id).stream()
                .findFirst();
    }

    /** Newest first. */
    List<AlarmView> list(Filter f) {
        var where = new ArrayList<String>();
        var args = new ArrayList<Object>();
        if (f.state() != null) {
            where.add("state = ?");
            args.add(f.state());
        }
        if (f.cooperativeId() != null) {
            where.add("cooperative_id = ?");
            args.add(f.cooperativeId());
        }
        if (f.plotId() != null) {
            where.add("plot_id = ?");
            args.add(f.plotId());
        }
        if (f.kind() != null) {
            where.add("kind = ?");
            args.add(f.kind().name());
        }
        if (f.ruleId() != null) {
            where.add("rule_id = ?");
            args.add(f.ruleId());
        }
        if (f.acknowledged() != null) {
            where.add(f.acknowledged() ? "acknowledged_at IS NOT NULL" : "acknowledged_at IS NULL");
        }
        args.add(f.limit());
        return jdbc.query(
                "SELECT " + COLUMNS + " FROM alarm" + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where))
                        + " ORDER BY raised_at DESC, id DESC LIMIT ?",
                AlarmStore::view,
                args.toArray());
    }

    private static AlarmView view(ResultSet rs, int i) throws SQLException {
        String facet = rs.getString("facet");
        return new AlarmView(
                rs.getLong("id"),
                rs.getLong("rule_id"),
                rs.getString("rule_name"),
                rs.getString("kind"),
                rs.getString("cooperative_id"),
                rs.getString("plot_id"),
                rs.getString("subject_type"),
                rs.getString("subject_id"),
                facet == null || facet.isEmpty() ? null : facet,
                rs.getString("state"),
                rs.getString("message"),
                Sql.instant(rs, "raised_at"),
                Sql.map(rs.getString("raised_values")),
                Sql.map(rs.getString("worst_values")),
                Sql.instant(rs, "worst_at"),
                Sql.map(rs.getString("last_values")),
                Sql.instant(rs, "last_evaluated_at"),
                Sql.instant(rs, "cleared_at"),
                Sql.map(rs.getString("cleared_values")),
                rs.getString("clear_reason"),
                Sql.instant(rs, "acknowledged_at"),
                rs.getString("acknowledged_by"),
                rs.getString("acknowledge_note"),
                null);
    }
}

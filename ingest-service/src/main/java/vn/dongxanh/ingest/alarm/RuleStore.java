package vn.dongxanh.ingest.alarm;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import vn.dongxanh.contract.Json;

/** The {@code alarm_rule} table. */
@Repository
public class RuleStore {
    private static final String SELECT = "SELECT id, name, kind, cooperative_id, plot_id, params::text AS params,"
            + " enabled, created_at, updated_at, evaluated_at FROM alarm_rule";

    private final JdbcTemplate jdbc;
    private final RuleDefaults defaults;

    public RuleStore(JdbcTemplate jdbc, RuleDefaults defaults) {
        this.jdbc = jdbc;
        this.defaults = defaults;
    }

    /** A rule's fields as given, before it has an id. */
    record Draft(String name, String cooperativeId, String plotId, RuleSpec spec, boolean enabled) {}

    long insert(Draft d, Instant now) {
        Long id = jdbc.queryForObject(
                "INSERT INTO alarm_rule (name, kind, cooperative_id, plot_id, params, enabled, created_at, updated_at)"
                        + " VALUES (?, ?, ?, ?, ?::jsonb, ?, ?, ?) RETURNING id",
                Long.class,
                d.name(),
                d.spec().kind().name(),
                d.cooperativeId(),
                d.plotId(),
                Sql.json(d.spec().params()),
                d.enabled(),
                Sql.utc(now),
                Sql.utc(now));
        return id;
    }

    boolean update(long id, Draft d, Instant now) {
        return jdbc.update(
                        "UPDATE alarm_rule SET name = ?, cooperative_id = ?, plot_id = ?, params = ?::jsonb, enabled = ?,"
                                + " updated_at = ? WHERE id = ?",
                        d.name(),
                        d.cooperativeId(),
                        d.plotId(),
                        Sql.json(d.spec().params()),
                        d.enabled(),
                        Sql.utc(now),
                        id)
                == 1;
    }

    boolean delete(long id) {
        return jdbc.update("DELETE FROM alarm_rule WHERE id = ?", id) == 1;
    }

    void evaluated(long id, Instant at) {
        jdbc.update("UPDATE alarm_rule SET evaluated_at = ? WHERE id = ?", Sql.utc(at), id);
    }

    public Optional<AlarmRule> find(long id) {
        return jdbc.query(SELECT + " WHERE id = ?", this::row, id).stream().findFirst();
    }

    /** Every rule, enabled or not, by id. */
    List<AlarmRule> all() {
        return jdbc.query(SELECT + " ORDER BY id", this::row);
    }

    List<AlarmRule> list(String cooperativeId, String plotId, RuleKind kind) {
        var where = new ArrayList<String>();
        var args = new ArrayList<Object>();
        if (cooperativeId != null) {
            where.add("cooperative_id = ?");
            args.add(cooperativeId);
        }
        if (plotId != null) {
            where.add("plot_id = ?");
            args.add(plotId);
        }
        if (kind != null) {
            where.add("kind = ?");
            args.add(kind.name());
        }
        return jdbc.query(
                SELECT + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where)) + " ORDER BY id",
                this::row,
                args.toArray());
    }

    private AlarmRule row(ResultSet rs, int i) throws SQLException {
        RuleKind kind = RuleKind.valueOf(rs.getString("kind"));
        return new AlarmRule(
                rs.getLong("id"),
                rs.getString("name"),
                rs.getString("cooperative_id"),
                rs.getString("plot_id"),
                // stored params are complete, so the defaults fill nothing in here
                RuleSpecs.parse(kind, Json.MAPPER.readTree(rs.getString("params")), defaults),
                rs.getBoolean("enabled"),
                Sql.instant(rs, "created_at"),
                Sql.instant(rs, "updated_at"),
                Sql.instant(rs, "evaluated_at"));
    }
}

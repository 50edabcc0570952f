package vn.dongxanh.ingest.command;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import vn.dongxanh.contract.command.GatewayAck;

/**
 * The {@code valve_instruction} table: overrides and schedules. State changes are conditional, as
 * for commands, so a repeated answer changes nothing.
 */
@Repository
class InstructionStore {
    /**
     * An applied override is replaced by the next override or valve command of its plot the gateway
     * applied after it: the gateway keeps one override per plot, and a manual command sets it too.
     */
    private static final String SELECT = """
            SELECT i.*, CASE WHEN i.kind = 'OVERRIDE' AND i.state = 'APPLIED' THEN LEAST(
                (SELECT min(n.answered_at) FROM valve_instruction n
                  WHERE n.plot_id = i.plot_id AND n.kind = 'OVERRIDE' AND n.state = 'APPLIED' AND n.id <> i.id
                    AND n.answered_at > i.answered_at),
                (SELECT min(c.updated_at) FROM valve_command c JOIN device d ON d.id = c.device_id
                  WHERE d.plot_id = i.plot_id AND d.kind = 'valve' AND c.state = 'APPLIED'
                    AND c.updated_at > i.answered_at)) END AS replaced_at
            FROM valve_instruction i""";

    private final JdbcClient jdbc;

    InstructionStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(ValveInstruction i) {
        jdbc.sql("""
                        INSERT INTO valve_instruction (id, cooperative_id, gateway_id, plot_id, kind, hold, until,
                                                       start_at, run_seconds, expires, issued_at, deadline, state,
                                                       reason, updated_at, sent_by, sent_by_organisation)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        i.id(),
                        i.cooperative(),
                        i.gateway(),
                        i.plot(),
                        i.kind(),
                        i.hold(),
                        utc(i.until()),
                        utc(i.start()),
                        i.runSeconds(),
                        utc(i.expires()),
                        utc(i.issuedAt()),
                        utc(i.deadline()),
                        i.state().name(),
                        i.reason(),
                        utc(i.issuedAt()),
                        i.sentBy(),
                        i.sentByOrganisation())
                .update();
    }

    /** PENDING → SENT once the broker has it; false when it is not an instruction (or answered already). */
    boolean markSent(String id, Instant at) {
        return jdbc.sql(
                                "UPDATE valve_instruction SET state = 'SENT', updated_at = ? WHERE id = ? AND state = 'PENDING'")
                        .params(utc(at), id)
                        .update()
                == 1;
    }

    /** Settles an instruction from its gateway's answer; false when open no more, or not that gateway's. */
    boolean answer(GatewayAck ack, String cooperative, String gateway) {
        CommandState state = switch (ack.result()) {
            case APPLIED, DUPLICATE -> CommandState.APPLIED;
            case REFUSED -> CommandState.REFUSED;
            case EXPIRED -> CommandState.EXPIRED;
        };
        return jdbc.sql("""
                        UPDATE valve_instruction SET state = ?, reason = ?, answered_at = ?, updated_at = ?
                        WHERE id = ? AND cooperative_id = ? AND gateway_id = ?
                          AND state IN ('PENDING', 'SENT', 'TIMED_OUT')""")
                        .params(
                                state.name(),
                                ack.reason(),
                                utc(ack.at()),
                                utc(ack.at()),
                                ack.requestId(),
                                cooperative,
                                gateway)
                        .update()
                == 1;
    }

    /** Open instructions whose deadline passed before {@code before} become TIMED_OUT; returns how many. */
    int timeOut(Instant before, Instant now) {
        return jdbc.sql("""
                        UPDATE valve_instruction SET state = 'TIMED_OUT', reason = 'no answer from the gateway',
                                                     updated_at = ?
                        WHERE state IN ('PENDING', 'SENT') AND deadline < ?""").params(utc(now), utc(before)).update();
    }

    Optional<ValveInstruction> find(String id) {
        return jdbc.sql(SELECT + " WHERE i.id = ?")
                .param(id)
                .query(InstructionStore::row)
                .optional();
    }

    /** A plot's overrides or schedules, newest first. */
    List<ValveInstruction> list(String plot, String kind, int limit) {
        return jdbc.sql(SELECT + " WHERE i.plot_id = ? AND i.kind = ? ORDER BY i.issued_at DESC LIMIT ?")
                .params(plot, kind, limit)
                .query(InstructionStore::row)
                .list();
    }

    private static ValveInstruction row(ResultSet rs, int n) throws SQLException {
        long run = rs.getLong("run_seconds");
        Long runSeconds = rs.wasNull() ? null : run;
        return new ValveInstruction(
                rs.getString("id"),
                rs.getString("kind"),
                rs.getString("cooperative_id"),
                rs.getString("gateway_id"),
                rs.getString("plot_id"),
                rs.getString("hold"),
                instant(rs, "until"),
                instant(rs, "start_at"),
                runSeconds,
                instant(rs, "expires"),
                CommandState.valueOf(rs.getString("state")),
                rs.getString("reason"),
                instant(rs, "issued_at"),
                instant(rs, "deadline"),
                instant(rs, "answered_at"),
                instant(rs, "replaced_at"),
                null,
                null,
                rs.getString("sent_by"),
                rs.getString("sent_by_organisation"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime utc(Instant i) {
        return i == null ? null : i.atOffset(ZoneOffset.UTC);
    }
}

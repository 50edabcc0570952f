package vn.dongxanh.ingest.command;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import vn.dongxanh.contract.command.GatewayAck;

/** The {@code valve_command} table. Every state change is conditional, so repeats are harmless. */
@Repository
class CommandStore {
    private final JdbcClient jdbc;

    CommandStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(IssuedCommand c) {
        jdbc.sql("""
                        INSERT INTO valve_command (id, cooperative_id, gateway_id, device_id, action, run_seconds,
                                                   issued_at, deadline, state, reason, updated_at, sent_by,
                                                   sent_by_organisation)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        c.id(),
                        c.cooperative(),
                        c.gateway(),
                        c.device(),
                        c.action(),
                        c.runSeconds(),
                        utc(c.issuedAt()),
                        utc(c.deadline()),
                        c.state().name(),
                        c.reason(),
                        utc(c.updatedAt()),
                        c.sentBy(),
                        c.sentByOrganisation())
                .update();
    }

    /** PENDING → SENT once the broker has it (an answer may already have come: then nothing). */
    void markSent(String id, Instant at) {
        jdbc.sql("UPDATE valve_command SET state = 'SENT', updated_at = ? WHERE id = ? AND state = 'PENDING'")
                .params(utc(at), id)
                .update();
    }

    /** The gateway's answer; only an open command changes (a late answer after a timeout is kept as news). */
    /** Settles a command from its gateway's answer; false when open no more, or not that gateway's. */
    boolean answer(GatewayAck ack, String cooperative, String gateway) {
        CommandState state = switch (ack.result()) {
            case APPLIED, DUPLICATE -> CommandState.APPLIED;
            case REFUSED -> CommandState.REFUSED;
            case EXPIRED -> CommandState.EXPIRED;
        };
        return jdbc.sql("""
                        UPDATE valve_command SET state = ?, reason = ?, updated_at = ?
                        WHERE id = ? AND cooperative_id = ? AND gateway_id = ?
                          AND state IN ('PENDING', 'SENT', 'TIMED_OUT')""")
                        .params(state.name(), ack.reason(), utc(ack.at()), ack.requestId(), cooperative, gateway)
                        .update()
                == 1;
    }

    /** Open commands whose deadline plus grace has passed become TIMED_OUT; returns how many. */
    int timeOut(Instant before, Instant now) {
        return jdbc.sql("""
                        UPDATE valve_command SET state = 'TIMED_OUT', reason = 'no answer from the gateway', updated_at = ?
                        WHERE state IN ('PENDING', 'SENT') AND deadline < ?""").params(utc(now), utc(before)).update();
    }

    Optional<IssuedCommand> find(String id) {
        return jdbc.sql("SELECT * FROM valve_command WHERE id = ?")
                .param(id)
                .query(CommandStore::row)
                .optional();
    }

    /** Newest first; {@code cooperative} null = of every cooperative. */
    List<IssuedCommand> recent(String cooperative, String gateway, String device, int limit) {
        return jdbc.sql("""
                        SELECT * FROM valve_command
                        WHERE (CAST(? AS text) IS NULL OR cooperative_id = ?)
                          AND (CAST(? AS text) IS NULL OR gateway_id = ?) AND (CAST(? AS text) IS NULL OR device_id = ?)
                        ORDER BY issued_at DESC LIMIT ?""")
                .params(cooperative, cooperative, gateway, gateway, device, device, limit)
                .query(CommandStore::row)
                .list();
    }

    private static IssuedCommand row(ResultSet rs, int n) throws SQLException {
        return new IssuedCommand(
                rs.getString("id"),
                rs.getString("cooperative_id"),
                rs.getString("gateway_id"),
                rs.getString("device_id"),
                rs.getString("action"),
                rs.getLong("run_seconds"),
                rs.getTimestamp("issued_at").toInstant(),
                rs.getTimestamp("deadline").toInstant(),
                CommandState.valueOf(rs.getString("state")),
                rs.getString("reason"),
                rs.getTimestamp("updated_at").toInstant(),
                rs.getString("sent_by"),
                rs.getString("sent_by_organisation"));
    }

    private static java.time.OffsetDateTime utc(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }
}

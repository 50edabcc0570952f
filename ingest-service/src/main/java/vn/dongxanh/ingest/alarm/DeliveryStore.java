package vn.dongxanh.ingest.alarm;

import java.time.Instant;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The {@code alarm_delivery} outbox. Rows are written in the transaction that raised or cleared the
 * alarm; instances claim due rows with {@code SKIP LOCKED} and a lease, so two instances never send the
 * same row at once, and a row an instance died with is tried again once its lease ends.
 */
@Repository
class DeliveryStore {
    /** A claimed delivery, ready to send. */
    record Claimed(long id, long alarmId, String event, String payload, int attempt, String recipient, String text) {}

    private final JdbcTemplate jdbc;

    DeliveryStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    void enqueue(long alarmId, String event, String payload, Instant now) {
        enqueue(alarmId, event, payload, null, null, now);
    }

    /** A delivery for one user ({@code recipient}: the token subject) with its short {@code text}. */
    void enqueue(long alarmId, String event, String payload, String recipient, String text, Instant now) {
        jdbc.update(
                "INSERT INTO alarm_delivery (alarm_id, event, payload, state, next_attempt_at, created_at, recipient, text)"
                        + " VALUES (?, ?, ?::jsonb, 'PENDING', ?, ?, ?, ?)",
                alarmId,
                event,
                payload,
                Sql.utc(now),
                Sql.utc(now),
                recipient,
                text);
    }

    /** Deliveries queued for {@code recipient} since {@code since}: what the rate limit counts. */
    int queuedFor(String recipient, Instant since) {
        Integer n = jdbc.queryForObject(
                "SELECT count(*) FROM alarm_delivery WHERE recipient = ? AND created_at >= ?",
                Integer.class,
                recipient,
                Sql.utc(since));
        return n == null ? 0 : n;
    }

    /**
     * Takes up to {@code max} due deliveries, oldest first, counting the attempt and leasing them until
     * {@code leaseUntil}. A delivery waits while an older one of the same alarm is pending, so a clear
     * never overtakes its raise.
     */
    List<Claimed> claim(Instant now, Instant leaseUntil, int max) {
        return jdbc.query(
                "UPDATE alarm_delivery d SET attempts = d.attempts + 1, last_attempt_at = ?, next_attempt_at = ?"
                        + " FROM (SELECT x.id FROM alarm_delivery x WHERE x.state = 'PENDING' AND x.next_attempt_at <= ?"
                        + "   AND NOT EXISTS (SELECT 1 FROM alarm_delivery y WHERE y.alarm_id = x.alarm_id"
                        + "     AND y.recipient IS NOT DISTINCT FROM x.recipient"
                        + "     AND y.state = 'PENDING' AND y.id < x.id)"
                        + "   ORDER BY x.id LIMIT ? FOR UPDATE SKIP LOCKED) c"
                        + " WHERE d.id = c.id RETURNING d.id, d.alarm_id, d.event, d.payload::text, d.attempts,"
                        + " d.recipient, d.text",
                (rs, i) -> new Claimed(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getString(3),
                        rs.getString(4),
                        rs.getInt(5),
                        rs.getString(6),
                        rs.getString(7)),
                Sql.utc(now),
                Sql.utc(leaseUntil),
                Sql.utc(now),
                max);
    }

    void delivered(long id, int status, Instant now) {
        jdbc.update(
                "UPDATE alarm_delivery SET state = 'DELIVERED', delivered_at = ?, last_status = ?, last_error = NULL"
                        + " WHERE id = ?",
                Sql.utc(now),
                status,
                id);
    }

    void failed(long id, Integer status, String error, Instant nextAttempt) {
        jdbc.update(
                "UPDATE alarm_delivery SET next_attempt_at = ?, last_status = ?, last_error = ? WHERE id = ?",
                Sql.utc(nextAttempt),
                status,
                error,
                id);
    }

    void gaveUp(long id, Integer status, String error) {
        jdbc.update(
                "UPDATE alarm_delivery SET state = 'GAVE_UP', last_status = ?, last_error = ? WHERE id = ?",
                status,
                error,
                id);
    }

    List<DeliveryView> ofAlarm(long alarmId) {
        return jdbc.query(
                "SELECT id, event, state, attempts, next_attempt_at, last_attempt_at, last_status, last_error,"
                        + " created_at, delivered_at FROM alarm_delivery WHERE alarm_id = ? ORDER BY id",
                (rs, i) -> new DeliveryView(
                        rs.getLong("id"),
                        rs.getString("event"),
                        rs.getString("state"),
                        rs.getInt("attempts"),
                        "PENDING".equals(rs.getString("state")) ? Sql.instant(rs, "next_attempt_at") : null,
                        Sql.instant(rs, "last_attempt_at"),
                        Sql.intOrNull(rs, "last_status"),
                        rs.getString("last_error"),
                        Sql.instant(rs, "created_at"),
                        Sql.instant(rs, "delivered_at")),
                alarmId);
    }
}

package vn.dongxanh.ingest.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code audit_log} table: insert and read, nothing else (the database refuses the rest). */
@Repository
public class AuditLog {
    private final JdbcClient jdbc;

    AuditLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void append(AuditEntry e) {
        jdbc.sql("""
                        INSERT INTO audit_log (at, subject, organisation, roles, operation, resource, cooperative,
                                               status, outcome)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(
                        utc(e.at()),
                        e.subject(),
                        e.organisation(),
                        e.roles(),
                        e.operation(),
                        e.resource(),
                        e.cooperative(),
                        e.status(),
                        e.outcome())
                .update();
    }

    /**
     * Newest first, {@code from <= at < to}, of one organisation's (as actor or as owner of the
     * resource) when {@code organisation} is given.
     */
    List<AuditEntry> page(String organisation, Instant from, Instant to, long beforeId, int limit) {
        return jdbc.sql("""
                        SELECT * FROM audit_log
                        WHERE at >= ? AND at < ? AND id < ?
                          AND (CAST(? AS text) IS NULL OR organisation = ? OR cooperative = ?)
                        ORDER BY id DESC LIMIT ?""")
                .params(utc(from), utc(to), beforeId, organisation, organisation, organisation, limit)
                .query(AuditLog::row)
                .list();
    }

    private static AuditEntry row(ResultSet rs, int n) throws SQLException {
        return new AuditEntry(
                rs.getLong("id"),
                rs.getObject("at", OffsetDateTime.class).toInstant(),
                rs.getString("subject"),
                rs.getString("organisation"),
                rs.getString("roles"),
                rs.getString("operation"),
                rs.getString("resource"),
                rs.getString("cooperative"),
                rs.getInt("status"),
                rs.getString("outcome"));
    }

    private static OffsetDateTime utc(Instant i) {
        return i.atOffset(ZoneOffset.UTC);
    }
}

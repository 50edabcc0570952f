package vn.dongxanh.trace.audit;

import java.sql.Array;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Writes and reads the append-only audit log (table {@code audit_log}, migration V8). */
@Component
public class AuditLog {
    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

    private final JdbcClient jdbc;

    public AuditLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One write. */
    public record Entry(
            long id,
            Instant at,
            String subject,
            String organisation,
            List<String> roles,
            String action,
            String target,
            int status,
            String outcome,
            String detail) {}

    public static String outcome(int status) {
        return status < 400 ? "DONE" : status < 500 ? "REFUSED" : "FAILED";
    }

    /**
     * Appends an entry in the caller's transaction, if there is one; a failure is thrown, so that
     * the write it records rolls back with it.
     */
    public void append(
            String subject,
            String organisation,
            List<String> roles,
            String action,
            String target,
            int status,
            String detail) {
        jdbc.sql("""
                        insert into audit_log (subject, organisation, roles, action, target, status, outcome, detail)
                        values (?, ?, ?, ?, ?, ?, ?, ?)
                        """)
                .params(
                        subject,
                        organisation,
                        roles.toArray(String[]::new),
                        action,
                        target,
                        status,
                        outcome(status),
                        detail)
                .update();
    }

    /**
     * Appends the entry of an attempt that wrote nothing (refused or failed); a failure is logged,
     * never hidden, and changes nothing for the caller, whose write was not made anyway.
     */
    public void appendAttempt(
            String subject,
            String organisation,
            List<String> roles,
            String action,
            String target,
            int status,
            String detail) {
        try {
            append(subject, organisation, roles, action, target, status, detail);
        } catch (RuntimeException e) {
            log.error("audit log entry lost: {} {} by {} ({}): {}", action, target, subject, status, e.toString());
        }
    }

    /** A page of entries, newest first; all organisations when {@code organisation} is empty. */
    public List<Entry> page(Optional<String> organisation, int page, int size) {
        return jdbc.sql("select * from audit_log where (cast(? as text) is null or organisation = ?)"
                        + " order by id desc limit ? offset ?")
                .params(organisation.orElse(null), organisation.orElse(null), size, (long) page * size)
                .query((rs, i) -> {
                    Array roles = rs.getArray("roles");
                    return new Entry(
                            rs.getLong("id"),
                            rs.getTimestamp("at").toInstant(),
                            rs.getString("subject"),
                            rs.getString("organisation"),
                            roles == null ? List.of() : Arrays.asList((String[]) roles.getArray()),
                            rs.getString("action"),
                            rs.getString("target"),
                            rs.getInt("status"),
                            rs.getString("outcome"),
                            rs.getString("detail"));
                })
                .list();
    }

    public long count(Optional<String> organisation) {
        return jdbc.sql("select count(*) from audit_log where (cast(? as text) is null or organisation = ?)")
                .params(organisation.orElse(null), organisation.orElse(null))
                .query(Long.class)
                .single();
    }
}

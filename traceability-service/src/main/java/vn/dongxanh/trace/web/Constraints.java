package vn.dongxanh.trace.web;

import java.sql.SQLException;
import java.util.Optional;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpStatus;

/**
 * A database constraint that refused a change, told by its real cause: PostgreSQL's SQL state,
 * table, constraint and detail (a duplicate key is a duplicate, a missing reference names the
 * key and the table it is missing from), never a guess from the exception's class.
 */
public final class Constraints {
    private Constraints() {}

    /** The refusal for a constraint violation. */
    public static Refusal refusal(DataIntegrityViolationException e) {
        Optional<ServerErrorMessage> server = serverMessage(e);
        if (server.isEmpty()) {
            return new Refusal(HttpStatus.CONFLICT, "constraint", rootMessage(e));
        }
        ServerErrorMessage m = server.get();
        String table = m.getTable() == null ? "" : m.getTable() + ": ";
        String detail = m.getDetail() == null ? m.getMessage() : m.getDetail();
        String state = m.getSQLState() == null ? "" : m.getSQLState();
        return switch (state) {
            case "23505" -> new Refusal(HttpStatus.CONFLICT, "duplicate", table + detail);
            case "23503" -> new Refusal(HttpStatus.UNPROCESSABLE_CONTENT, "unknown-reference", table + detail);
            case "23502" ->
                new Refusal(
                        HttpStatus.BAD_REQUEST,
                        "missing-field",
                        table + "'" + m.getColumn() + "' is required (" + m.getMessage() + ")");
            case "23514" ->
                new Refusal(
                        HttpStatus.UNPROCESSABLE_CONTENT,
                        "constraint",
                        table + "the value breaks the rule " + m.getConstraint() + " (" + m.getMessage() + ")");
            default -> new Refusal(HttpStatus.CONFLICT, "constraint", table + m.getMessage());
        };
    }

    private static Optional<ServerErrorMessage> serverMessage(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PSQLException p && p.getServerErrorMessage() != null) {
                return Optional.of(p.getServerErrorMessage());
            }
            if (t instanceof SQLException s
                    && s.getNextException() instanceof PSQLException p
                    && p.getServerErrorMessage() != null) {
                return Optional.of(p.getServerErrorMessage());
            }
        }
        return Optional.empty();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) t = t.getCause();
        return t.getMessage() == null ? e.getMessage() : t.getMessage();
    }
}

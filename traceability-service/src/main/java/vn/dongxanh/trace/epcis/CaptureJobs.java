package vn.dongxanh.trace.epcis;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.ProblemDetail;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.dongxanh.trace.security.Actor;

/**
 * Capture jobs of the EPCIS 2.0 REST binding: a capture is {@code running} while its document is
 * checked and stored, then {@code succeeded} (with its events) or {@code failed} (with its
 * errors, as problem details). A job starts in a transaction of its own, so a poller sees it
 * running, and a failure is written in another, so it survives the capture's rollback; success is
 * written in the capture's own transaction, with the events.
 */
@Component
public class CaptureJobs {
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final TransactionTemplate own;

    public CaptureJobs(JdbcClient jdbc, JsonMapper json, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.json = json;
        this.own = new TransactionTemplate(transactions);
        this.own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /** A capture job as the binding shows it. */
    public record Job(
            UUID id,
            String capturedBy,
            String organisation,
            String state,
            Instant createdAt,
            Instant finishedAt,
            JsonNode result) {
        public boolean running() {
            return state.equals("running");
        }

        /** The job's JSON: the binding's fields, and ours (state, events, stored, duplicates). */
        public Map<String, Object> view() {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("captureID", id.toString());
            v.put("createdAt", createdAt.toString());
            v.put("finishedAt", finishedAt == null ? null : finishedAt.toString());
            v.put("running", running());
            v.put("success", running() ? null : state.equals("succeeded"));
            v.put("state", state);
            v.put("captureErrorBehaviour", "rollback");
            boolean failed = state.equals("failed");
            v.put("errors", failed && result != null ? List.of(result) : List.of());
            if (!failed && result != null) {
                v.put("events", result.path("events"));
                v.put("stored", result.path("stored"));
                v.put("duplicates", result.path("duplicates"));
            }
            return v;
        }
    }

    UUID start(Actor actor) {
        UUID id = UUID.randomUUID();
        own.executeWithoutResult(s -> jdbc.sql(
                        "insert into epcis_capture (id, captured_by, organisation_id, state) values (?, ?, ?, 'running')")
                .params(id, actor.name(), actor.organisation().orElse(null))
                .update());
        return id;
    }

    /** In the capture's transaction: the job succeeded with these events. */
    void succeeded(UUID id, EpcisService.Captured captured) {
        jdbc.sql("update epcis_capture set state = 'succeeded', finished_at = now(), result = ? where id = ?")
                .params(json.writeValueAsString(captured), id)
                .update();
    }

    /** In a transaction of its own: the job failed with this problem. */
    void failed(UUID id, ProblemDetail problem) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put(
                "type",
                problem.getType() == null ? "about:blank" : problem.getType().toString());
        error.put("title", problem.getTitle());
        error.put("status", problem.getStatus());
        error.put("detail", problem.getDetail());
        if (problem.getProperties() != null) error.putAll(problem.getProperties());
        own.executeWithoutResult(
                s -> jdbc.sql("update epcis_capture set state = 'failed', finished_at = now(), result = ? where id = ?")
                        .params(json.writeValueAsString(error), id)
                        .update());
    }

    public Optional<Job> find(UUID id) {
        return jdbc.sql("select * from epcis_capture where id = ?")
                .param(id)
                .query((rs, i) -> new Job(
                        rs.getObject("id", UUID.class),
                        rs.getString("captured_by"),
                        rs.getString("organisation_id"),
                        rs.getString("state"),
                        rs.getTimestamp("created_at").toInstant(),
                        instant(rs.getTimestamp("finished_at")),
                        rs.getString("result") == null ? null : json.readTree(rs.getString("result"))))
                .optional();
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}

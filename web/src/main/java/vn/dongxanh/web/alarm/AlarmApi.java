package vn.dongxanh.web.alarm;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import tools.jackson.databind.node.ObjectNode;
import vn.dongxanh.web.ingest.IngestHttp;

/** ingest-service's alarms and alarm rules, as the alarms page uses them. */
@Component
public class AlarmApi {
    private final IngestHttp ingest;

    AlarmApi(IngestHttp ingest) {
        this.ingest = ingest;
    }

    /** An alarm; {@code acknowledgedBy} is a token subject, never a name. */
    public record Alarm(
            long id,
            long ruleId,
            String ruleName,
            String kind,
            String plot,
            String subjectType,
            String subject,
            String facet,
            String state,
            String message,
            Instant raisedAt,
            Instant clearedAt,
            String clearReason,
            Instant acknowledgedAt,
            String acknowledgedBy,
            String acknowledgeNote) {}

    public record Rule(
            long id,
            String name,
            String kind,
            String scope,
            String cooperative,
            String plot,
            boolean enabled,
            Map<String, Object> params) {}

    List<Alarm> alarms(String cooperative, String state, Boolean acknowledged, int limit) {
        return List.of(ingest.client()
                .get()
                .uri(b -> {
                    b.path("/api/alarms")
                            .queryParam("cooperative", cooperative)
                            .queryParam("state", state)
                            .queryParam("limit", limit);
                    if (acknowledged != null) b.queryParam("acknowledged", acknowledged);
                    return b.build();
                })
                .retrieve()
                .body(Alarm[].class));
    }

    void acknowledge(long id, String note) {
        ingest.client()
                .post()
                .uri("/api/alarms/{id}/acknowledgement", id)
                .contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("note", note))
                .retrieve()
                .toBodilessEntity();
    }

    List<Rule> rules(String cooperative) {
        return List.of(ingest.client()
                .get()
                .uri(b -> b.path("/api/alarm-rules")
                        .queryParam("cooperative", cooperative)
                        .build())
                .retrieve()
                .body(Rule[].class));
    }

    Rule create(ObjectNode rule) {
        return ingest.client()
                .post()
                .uri("/api/alarm-rules")
                .contentType(MediaType.APPLICATION_JSON)
                .body(rule.toString())
                .retrieve()
                .body(Rule.class);
    }

    Rule update(long id, ObjectNode rule) {
        return ingest.client()
                .put()
                .uri("/api/alarm-rules/{id}", id)
                .contentType(MediaType.APPLICATION_JSON)
                .body(rule.toString())
                .retrieve()
                .body(Rule.class);
    }

    void delete(long id) {
        ingest.client().delete().uri("/api/alarm-rules/{id}", id).retrieve().toBodilessEntity();
    }
}

package vn.dongxanh.trace.organisation;

import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import vn.dongxanh.trace.record.RecordStore;
import vn.dongxanh.trace.record.StoredRecord;

/**
 * An organisation as buyers are told it (the cooperative of a lot, the body that issued its
 * certificate), kept as a record of kind {@value #KIND} (subject: its id): one when the
 * department registers it, a new one for every change. The body is {@code {id, kind, name}}; an
 * organisation's name is not a person's. The department registers organisations, so the record
 * is attributed to no organisation (the department's key anchors it).
 */
@Component
public class OrganisationRecords {
    public static final String KIND = "organisation";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final RecordStore records;

    public OrganisationRecords(JdbcClient jdbc, JsonMapper json, RecordStore records) {
        this.jdbc = jdbc;
        this.json = json;
        this.records = records;
    }

    /** Records the organisation as its row says now, in the caller's transaction. */
    @Transactional
    public StoredRecord record(String id) {
        Map<String, Object> row = jdbc.sql("select id, kind, name from organisation where id = ?")
                .param(id)
                .query()
                .singleRow();
        ObjectNode body = json.createObjectNode();
        body.put("id", (String) row.get("id"));
        body.put("kind", (String) row.get("kind"));
        body.put("name", (String) row.get("name"));
        return records.append(KIND, id, body);
    }

    /** An organisation registered before organisations were records gets its first one when a lot names it. */
    @Transactional
    public void ensureRecorded(String id) {
        if (records.bySubject(KIND, id).isEmpty()) {
            record(id);
        }
    }
}

package vn.dongxanh.trace.epcis;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import vn.dongxanh.trace.record.RecordStore;
import vn.dongxanh.trace.web.Refusal;

/**
 * Captures EPCIS 2.0 JSON documents (checking the parts the platform relies on), keeps each event
 * as given plus a record for the ledger, and exports the events that mention an identifier as an
 * EPCISDocument. Capturing an event id again is a no-op, so a document can be re-sent safely.
 */
@Service
public class EpcisService {
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final RecordStore records;
    private final EpcisProperties props;
    private final Clock clock;

    public EpcisService(JdbcClient jdbc, JsonMapper json, RecordStore records, EpcisProperties props, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.records = records;
        this.props = props;
        this.clock = clock;
    }

    public EpcisEvents events() {
        return new EpcisEvents(json, props.identifierBase());
    }

    /** What a capture did. */
    public record Captured(List<String> stored, List<String> duplicates) {}

    @Transactional
    public Captured capture(String actor, JsonNode document) {
        if (document == null || !"EPCISDocument".equals(document.path("type").asString(""))) {
            throw Refusal.rule("epcis-document", "expected an EPCISDocument (type \"EPCISDocument\")");
        }
        if (!"2.0".equals(document.path("schemaVersion").asString(""))) {
            throw Refusal.rule("epcis-document", "schemaVersion must be \"2.0\"");
        }
        JsonNode list = document.path("epcisBody").path("eventList");
        if (!list.isArray() || list.isEmpty()) {
            throw Refusal.rule("epcis-document", "epcisBody.eventList holds no events");
        }
        if (list.size() > props.maxEventsPerCapture()) {
            throw Refusal.rule("epcis-document", "at most " + props.maxEventsPerCapture() + " events per capture");
        }
        List<String> stored = new ArrayList<>();
        List<String> duplicates = new ArrayList<>();
        int index = 0;
        for (JsonNode event : list) {
            String id = store(actor, event, "event " + index++);
            (id.startsWith("=") ? duplicates : stored).add(id.replaceFirst("^=", ""));
        }
        return new Captured(stored, duplicates);
    }

    /** Stores one event the platform made itself (e.g. the harvest of a new batch). */
    @Transactional
    public String captureGenerated(String actor, ObjectNode event) {
        return store(actor, event, "generated event").replaceFirst("^=", "");
    }

    private String store(String actor, JsonNode event, String where) {
        if (!event.isObject()) {
            throw Refusal.rule("epcis-event", where + " is not an object");
        }
        String type = event.path("type").asString("");
        if (!Epcis.EVENT_TYPES.contains(type)) {
            throw Refusal.rule("epcis-event", where + ": type '" + type + "' is not an EPCIS 2.0 event type");
        }
        String eventId = event.path("eventID").asString("");
        if (eventId.isBlank()) {
            throw Refusal.rule("epcis-event", where + ": eventID is required (e.g. urn:uuid:…)");
        }
        OffsetDateTime time;
        try {
            time = OffsetDateTime.parse(event.path("eventTime").asString(""));
        } catch (DateTimeParseException e) {
            throw Refusal.rule("epcis-event", where + ": eventTime is not an ISO 8601 time with offset");
        }
        if (!event.path("eventTimeZoneOffset").asString("").matches("^[+-]\\d{2}:\\d{2}$")) {
            throw Refusal.rule("epcis-event", where + ": eventTimeZoneOffset must look like +07:00");
        }
        if (!type.equals("TransformationEvent")
                && !Epcis.ACTIONS.contains(event.path("action").asString(""))) {
            throw Refusal.rule("epcis-event", where + ": action must be ADD, OBSERVE or DELETE");
        }
        String bizStep =
                event.has("bizStep") ? Epcis.bareBizStep(event.get("bizStep").asString("")) : null;
        if (bizStep != null && !Epcis.BIZ_STEPS.contains(bizStep) && !bizStep.contains(":")) {
            throw Refusal.rule("epcis-event", where + ": bizStep '" + bizStep + "' is not a CBV 2.0 business step");
        }
        Set<String> epcs = identifiers(event);
        if (epcs.isEmpty()) {
            throw Refusal.rule("epcis-event", where + ": the event names no EPC or EPC class");
        }
        boolean exists = jdbc.sql("select count(*) from epcis_event where event_id = ?")
                        .param(eventId)
                        .query(Long.class)
                        .single()
                > 0;
        if (exists) {
            return "=" + eventId;
        }
        long recordId = records.append("epcis.event", eventId, event).id();
        long id = jdbc.sql("""
                        insert into epcis_event (event_id, type, event_time, biz_step, body, captured_by, record_id)
                        values (?, ?, ?, ?, ?, ?, ?) returning id
                        """)
                .params(
                        eventId,
                        type,
                        Timestamp.from(time.toInstant()),
                        bizStep,
                        json.writeValueAsString(event),
                        actor,
                        recordId)
                .query(Long.class)
                .single();
        for (String epc : epcs) {
            jdbc.sql("insert into epcis_event_epc (event_id, epc) values (?, ?)")
                    .params(id, epc)
                    .update();
        }
        return eventId;
    }

    static Set<String> identifiers(JsonNode event) {
        Set<String> found = new LinkedHashSet<>();
        for (String field : Epcis.EPC_LISTS) {
            event.path(field).forEach(epc -> found.add(epc.asString("")));
        }
        for (String field : Epcis.QUANTITY_LISTS) {
            event.path(field).forEach(q -> found.add(q.path("epcClass").asString("")));
        }
        if (event.has("parentID")) {
            found.add(event.get("parentID").asString(""));
        }
        found.remove("");
        return found;
    }

    /** Every event mentioning the identifier, oldest first, as an EPCISDocument. */
    public ObjectNode export(String epc) {
        List<JsonNode> events = jdbc.sql("""
                        select e.body from epcis_event e join epcis_event_epc x on x.event_id = e.id
                         where x.epc = ? order by e.event_time, e.id
                        """).param(epc).query(String.class).list().stream()
                .map(json::readTree)
                .toList();
        return events().document(clock.instant(), events);
    }
}

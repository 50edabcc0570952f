package vn.dongxanh.trace.epcis;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import vn.dongxanh.trace.record.RecordStore;
import vn.dongxanh.trace.record.StoredRecord;
import vn.dongxanh.trace.security.Actor;
import vn.dongxanh.trace.web.Refusal;

/**
 * Captures EPCIS 2.0 JSON documents (checking the parts the platform relies on), keeps each event
 * as given plus a record for the ledger, and exports the events that mention an identifier as an
 * EPCISDocument. Capturing an event id again is a no-op, so a document can be re-sent safely.
 */
@Service
public class EpcisService {
    private static final Pattern TIME_ZONE_OFFSET = Pattern.compile("^[+-]\\d{2}:\\d{2}$");

    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final JsonMapper json;
    private final RecordStore records;
    private final EpcisProperties props;
    private final LotOwnership ownership;
    private final Clock clock;

    public EpcisService(
            JdbcClient jdbc,
            JdbcTemplate template,
            JsonMapper json,
            RecordStore records,
            EpcisProperties props,
            LotOwnership ownership,
            Clock clock) {
        this.ownership = ownership;
        this.jdbc = jdbc;
        this.template = template;
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
    public Captured capture(Actor actor, JsonNode document) {
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
        List<Checked> checked = new ArrayList<>(list.size());
        List<LotOwnership.Named> named = new ArrayList<>(list.size());
        int index = 0;
        for (JsonNode event : list) {
            String where = "event " + index++;
            Checked c = check(event, where);
            checked.add(c);
            named.add(new LotOwnership.Named(where, c.epcs()));
        }
        ownership.check(actor, named);
        return store(actor.name(), actor.organisation().orElse(null), checked);
    }

    /** Stores one event the platform made itself (e.g. the harvest of a new batch). */
    @Transactional
    public String captureGenerated(String actor, String organisation, ObjectNode event) {
        Captured captured = store(actor, organisation, List.of(check(event, "generated event")));
        return captured.stored().isEmpty()
                ? captured.duplicates().getFirst()
                : captured.stored().getFirst();
    }

    /** An event that passed the checks, with what its rows need. */
    private record Checked(
            String eventId, String type, OffsetDateTime time, String bizStep, Set<String> epcs, JsonNode event) {}

    private Checked check(JsonNode event, String where) {
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
        if (!TIME_ZONE_OFFSET
                .matcher(event.path("eventTimeZoneOffset").asString(""))
                .matches()) {
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
        return new Checked(eventId, type, time, bizStep, epcs, event);
    }

    /**
     * Stores checked events in the caller's transaction with a fixed number of statements (one
     * look-up of the ids already captured, the records, the events, their identifiers), each
     * taking all rows at once as arrays. An id already captured, or repeated in the same list,
     * is a duplicate.
     */
    private Captured store(String actor, String organisation, List<Checked> events) {
        Set<String> seen = new HashSet<>(template.query(
                con -> {
                    var ps = con.prepareStatement("select event_id from epcis_event where event_id = any(?)");
                    ps.setArray(
                            1,
                            con.createArrayOf(
                                    "text",
                                    events.stream().map(Checked::eventId).toArray(String[]::new)));
                    return ps;
                },
                (rs, i) -> rs.getString(1)));
        List<String> stored = new ArrayList<>();
        List<String> duplicates = new ArrayList<>();
        List<Checked> fresh = new ArrayList<>();
        for (Checked c : events) {
            if (seen.add(c.eventId())) {
                fresh.add(c);
                stored.add(c.eventId());
            } else {
                duplicates.add(c.eventId());
            }
        }
        if (fresh.isEmpty()) {
            return new Captured(stored, duplicates);
        }
        // each event written to text once: kept as given, and the body of its record
        String[] bodies =
                fresh.stream().map(c -> json.writeValueAsString(c.event())).toArray(String[]::new);
        List<RecordStore.NewRecord> newRecords = new ArrayList<>(fresh.size());
        for (int i = 0; i < fresh.size(); i++) {
            newRecords.add(new RecordStore.NewRecord(fresh.get(i).eventId(), organisation, bodies[i]));
        }
        List<StoredRecord> records = this.records.appendAll("epcis.event", newRecords);
        List<Long> ids = jdbc.sql(
                        "select nextval(pg_get_serial_sequence('epcis_event', 'id')) from generate_series(1, ?)")
                .param(fresh.size())
                .query(Long.class)
                .list();
        int n = fresh.size();
        Long[] idArray = ids.toArray(Long[]::new);
        String[] eventIds = new String[n];
        String[] types = new String[n];
        Timestamp[] times = new Timestamp[n];
        String[] bizSteps = new String[n];
        Long[] recordIds = new Long[n];
        List<Long> epcEvents = new ArrayList<>();
        List<String> epcs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Checked c = fresh.get(i);
            eventIds[i] = c.eventId();
            types[i] = c.type();
            times[i] = Timestamp.from(c.time().toInstant());
            bizSteps[i] = c.bizStep();
            recordIds[i] = records.get(i).id();
            for (String epc : c.epcs()) {
                epcEvents.add(idArray[i]);
                epcs.add(epc);
            }
        }
        template.update(con -> {
            var ps = con.prepareStatement("""
                    insert into epcis_event (id, event_id, type, event_time, biz_step, body, captured_by, record_id)
                    select u.id, u.event_id, u.type, u.event_time, u.biz_step, u.body, ?, u.record_id
                      from unnest(?::bigint[], ?::text[], ?::text[], ?::timestamptz[], ?::text[], ?::text[], ?::bigint[])
                           as u(id, event_id, type, event_time, biz_step, body, record_id)
                    """);
            ps.setString(1, actor);
            ps.setArray(2, con.createArrayOf("bigint", idArray));
            ps.setArray(3, con.createArrayOf("text", eventIds));
            ps.setArray(4, con.createArrayOf("text", types));
            ps.setArray(5, con.createArrayOf("timestamptz", times));
            ps.setArray(6, con.createArrayOf("text", bizSteps));
            ps.setArray(7, con.createArrayOf("text", bodies));
            ps.setArray(8, con.createArrayOf("bigint", recordIds));
            return ps;
        });
        template.update(con -> {
            var ps = con.prepareStatement(
                    "insert into epcis_event_epc (event_id, epc) select * from unnest(?::bigint[], ?::text[])");
            ps.setArray(1, con.createArrayOf("bigint", epcEvents.toArray(Long[]::new)));
            ps.setArray(2, con.createArrayOf("text", epcs.toArray(String[]::new)));
            return ps;
        });
        return new Captured(stored, duplicates);
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

package vn.dongxanh.trace.epcis;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import vn.dongxanh.trace.record.RecordStore;
import vn.dongxanh.trace.record.StoredRecord;
import vn.dongxanh.trace.security.Actor;
import vn.dongxanh.trace.web.Refusal;

/**
 * Captures EPCIS 2.0 JSON documents (XML ones arrive already read into JSON by {@link EpcisXml})
 * as the EPCIS 2.0 REST binding does: each capture is a job
 * with an id that can be polled ({@link CaptureJobs}); the document is checked whole ({@link
 * EventChecks}: 400 naming the field by JSON pointer), the caller's right to the lots checked
 * ({@link LotOwnership}: 403), and its events stored all or none. Each event keeps its CBV 2.0
 * event hash ({@link EventHash}); an event without an eventID gets the hash as its id. An eventID
 * already stored with the same hash is a duplicate, skipped, so a document can be re-sent safely;
 * with another hash it is a 409 conflict. Every identifier is also stored in its one form
 * ({@link Identifiers}), so the events of a lot are found by Digital Link, EPC URN or GTIN and lot.
 */
@Service
public class EpcisService {
    private final JdbcClient jdbc;
    private final JdbcTemplate template;
    private final JsonMapper json;
    private final RecordStore records;
    private final EpcisProperties props;
    private final LotOwnership ownership;
    private final Clock clock;
    private final CaptureJobs jobs;
    private final TransactionTemplate tx;
    private final EventChecks checks;
    private final Identifiers identifiers;

    public EpcisService(
            JdbcClient jdbc,
            JdbcTemplate template,
            JsonMapper json,
            RecordStore records,
            EpcisProperties props,
            LotOwnership ownership,
            Clock clock,
            CaptureJobs jobs,
            TransactionTemplate tx) {
        this.ownership = ownership;
        this.jdbc = jdbc;
        this.template = template;
        this.json = json;
        this.records = records;
        this.props = props;
        this.clock = clock;
        this.jobs = jobs;
        this.tx = new TransactionTemplate(tx.getTransactionManager());
        this.tx.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRED);
        this.checks = new EventChecks(props);
        this.identifiers = new Identifiers(props.identifierBase());
    }

    public EpcisEvents events() {
        return new EpcisEvents(json, props.identifierBase());
    }

    public Identifiers identifiers() {
        return identifiers;
    }

    /** What a capture did: per event, its id, its hash and whether it was new. */
    public record Captured(List<String> stored, List<String> duplicates, List<Map<String, Object>> events) {}

    /**
     * Captures a document under a new capture job: the job's id, whatever happens. A refusal is
     * thrown on (its problem carries the capture id) after the job is marked failed with it.
     */
    public CaptureJobs.Job capture(Actor actor, JsonNode document) {
        UUID id = jobs.start(actor);
        try {
            tx.executeWithoutResult(status -> jobs.succeeded(id, captureChecked(actor, document)));
            return jobs.find(id).orElseThrow();
        } catch (Refusal r) {
            r.getBody().setProperty("captureID", id.toString());
            jobs.failed(id, r.getBody());
            throw r;
        } catch (RuntimeException e) {
            // not a refusal (the database, or a concurrent capture of the same eventID): the job must
            // not stay running; the HTTP answer is whatever the error handler makes of the error
            jobs.failed(
                    id,
                    new Refusal(
                                    org.springframework.http.HttpStatus.INTERNAL_SERVER_ERROR,
                                    "capture-failed",
                                    "the capture failed: " + e.getClass().getSimpleName())
                            .getBody());
            throw e;
        }
    }

    private Captured captureChecked(Actor actor, JsonNode document) {
        if (document == null || !document.isObject()) {
            throw EventChecks.refusal(List.of(new EventChecks.Error("", "expected an EPCISDocument (a JSON object)")));
        }
        if (!"EPCISDocument".equals(document.path("type").asString(""))) {
            throw EventChecks.refusal(List.of(new EventChecks.Error("/type", "expected type \"EPCISDocument\"")));
        }
        if (!"2.0".equals(document.path("schemaVersion").asString(""))) {
            throw EventChecks.refusal(
                    List.of(new EventChecks.Error("/schemaVersion", "schemaVersion must be \"2.0\"")));
        }
        JsonNode list = document.path("epcisBody").path("eventList");
        if (!list.isArray() || list.isEmpty()) {
            throw EventChecks.refusal(
                    List.of(new EventChecks.Error("/epcisBody/eventList", "the document holds no events")));
        }
        if (list.size() > props.maxEventsPerCapture()) {
            throw EventChecks.refusal(List.of(new EventChecks.Error(
                    "/epcisBody/eventList", "at most " + props.maxEventsPerCapture() + " events per capture")));
        }
        Map<String, String> namespaces = EventHash.namespaces(document);
        Instant now = clock.instant();
        List<EventChecks.Error> errors = new ArrayList<>();
        List<Checked> checked = new ArrayList<>(list.size());
        List<LotOwnership.Named> named = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            String pointer = "/epcisBody/eventList/" + i;
            List<EventChecks.Error> wrong = checks.check(list.get(i), pointer, now);
            if (!wrong.isEmpty()) {
                errors.addAll(wrong);
                continue;
            }
            Checked c = checked(list.get(i).deepCopy(), pointer, namespaces, errors);
            if (c != null) {
                checked.add(c);
                named.add(new LotOwnership.Named("event " + i, c.epcs()));
            }
        }
        if (!errors.isEmpty()) throw EventChecks.refusal(errors);
        ownership.check(actor, named);
        return store(actor.name(), actor.organisation().orElse(null), checked, namespaces);
    }

    /** Stores one event the platform made itself (e.g. the harvest of a new batch); its id is its hash. */
    @Transactional
    public String captureGenerated(String actor, String organisation, ObjectNode event) {
        Map<String, String> namespaces = EventHash.platformNamespaces();
        event.put("eventID", EventHash.of(event, namespaces));
        List<EventChecks.Error> errors = new ArrayList<>(checks.check(event, "", clock.instant()));
        Checked c = errors.isEmpty() ? checked(event, "", namespaces, errors) : null;
        if (c == null) throw EventChecks.refusal(errors);
        Captured captured = store(actor, organisation, List.of(c), namespaces);
        return captured.stored().isEmpty()
                ? captured.duplicates().getFirst()
                : captured.stored().getFirst();
    }

    /** An event that passed the checks, with what its rows need. */
    private record Checked(
            String pointer,
            String eventId,
            String hash,
            String type,
            OffsetDateTime time,
            String bizStep,
            Set<String> epcs,
            JsonNode event) {}

    /** The event with its hash (its id when it has none); null, with an error, when its id claims another hash. */
    private Checked checked(
            JsonNode event, String pointer, Map<String, String> namespaces, List<EventChecks.Error> errors) {
        String hash;
        try {
            hash = EventHash.of(event, namespaces);
        } catch (IllegalArgumentException e) {
            // the generator refuses what it cannot canonicalise (e.g. a malformed EPC URN)
            errors.add(new EventChecks.Error(pointer, e.getMessage()));
            return null;
        }
        String eventId = event.path("eventID").asString("");
        if (eventId.isEmpty()) {
            eventId = hash;
            ((ObjectNode) event).put("eventID", hash);
        } else if (eventId.startsWith("ni:///") && EventHash.isHash(eventId) && !eventId.equals(hash)) {
            errors.add(new EventChecks.Error(
                    pointer + "/eventID", "eventID is an event hash, but the event's hash is " + hash));
            return null;
        }
        String bizStep =
                event.has("bizStep") ? Epcis.bareBizStep(event.get("bizStep").asString("")) : null;
        Set<String> epcs = new LinkedHashSet<>();
        for (String id : identifiers(event)) {
            epcs.add(id);
            epcs.add(identifiers.canonical(id));
        }
        return new Checked(
                pointer,
                eventId,
                hash,
                event.path("type").asString(),
                OffsetDateTime.parse(event.path("eventTime").asString()),
                bizStep,
                epcs,
                event);
    }

    /**
     * Stores checked events in the caller's transaction with a fixed number of statements (one
     * look-up of the ids already captured, the records, the events, their identifiers), each
     * taking all rows at once as arrays. An id already captured (or repeated in the same list)
     * with the same event hash is a duplicate; with another hash, a 409 conflict naming it.
     */
    private Captured store(String actor, String organisation, List<Checked> events, Map<String, String> namespaces) {
        Map<String, String> known = new HashMap<>(); // event id → hash of what is stored under it
        template.query(
                con -> {
                    var ps = con.prepareStatement(
                            "select event_id, event_hash, body from epcis_event where event_id = any(?)");
                    ps.setArray(
                            1,
                            con.createArrayOf(
                                    "text",
                                    events.stream().map(Checked::eventId).toArray(String[]::new)));
                    return ps;
                },
                rs -> {
                    String hash = rs.getString(2);
                    // events stored before hashes were kept: hashed now, with this document's prefixes
                    known.put(
                            rs.getString(1),
                            hash != null ? hash : EventHash.of(json.readTree(rs.getString(3)), namespaces));
                });
        List<String> stored = new ArrayList<>();
        List<String> duplicates = new ArrayList<>();
        List<Map<String, Object>> outcome = new ArrayList<>();
        List<Checked> fresh = new ArrayList<>();
        for (Checked c : events) {
            String before = known.putIfAbsent(c.eventId(), c.hash());
            if (before == null) {
                fresh.add(c);
                stored.add(c.eventId());
            } else if (before.equals(c.hash())) {
                duplicates.add(c.eventId());
            } else {
                Refusal conflict = Refusal.conflict(
                        "epcis-event-id-conflict",
                        c.pointer() + "/eventID: eventID " + c.eventId() + " is already captured with other content"
                                + " (event hash " + before + "; this event's is " + c.hash() + ")");
                conflict.getBody().setProperty("pointer", c.pointer() + "/eventID");
                throw conflict;
            }
            outcome.add(Map.of("eventID", c.eventId(), "eventHash", c.hash(), "stored", before == null));
        }
        if (fresh.isEmpty()) {
            return new Captured(stored, duplicates, outcome);
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
        String[] hashes = new String[n];
        Long[] recordIds = new Long[n];
        List<Long> epcEvents = new ArrayList<>();
        List<String> epcs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Checked c = fresh.get(i);
            eventIds[i] = c.eventId();
            types[i] = c.type();
            times[i] = Timestamp.from(c.time().toInstant());
            bizSteps[i] = c.bizStep();
            hashes[i] = c.hash();
            recordIds[i] = records.get(i).id();
            for (String epc : c.epcs()) {
                epcEvents.add(idArray[i]);
                epcs.add(epc);
            }
        }
        template.update(con -> {
            var ps = con.prepareStatement("""
                    insert into epcis_event (id, event_id, type, event_time, biz_step, body, captured_by, record_id, event_hash)
                    select u.id, u.event_id, u.type, u.event_time, u.biz_step, u.body, ?, u.record_id, u.event_hash
                      from unnest(?::bigint[], ?::text[], ?::text[], ?::timestamptz[], ?::text[], ?::text[], ?::bigint[],
                                  ?::text[])
                           as u(id, event_id, type, event_time, biz_step, body, record_id, event_hash)
                    """);
            ps.setString(1, actor);
            ps.setArray(2, con.createArrayOf("bigint", idArray));
            ps.setArray(3, con.createArrayOf("text", eventIds));
            ps.setArray(4, con.createArrayOf("text", types));
            ps.setArray(5, con.createArrayOf("timestamptz", times));
            ps.setArray(6, con.createArrayOf("text", bizSteps));
            ps.setArray(7, con.createArrayOf("text", bodies));
            ps.setArray(8, con.createArrayOf("bigint", recordIds));
            ps.setArray(9, con.createArrayOf("text", hashes));
            return ps;
        });
        template.update(con -> {
            var ps = con.prepareStatement(
                    "insert into epcis_event_epc (event_id, epc) select * from unnest(?::bigint[], ?::text[])");
            ps.setArray(1, con.createArrayOf("bigint", epcEvents.toArray(Long[]::new)));
            ps.setArray(2, con.createArrayOf("text", epcs.toArray(String[]::new)));
            return ps;
        });
        return new Captured(stored, duplicates, outcome);
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

    /**
     * Every event naming the identifier in any of its equivalent forms (Digital Link on any host,
     * EPC URN, …), oldest first, as an EPCISDocument.
     */
    public ObjectNode export(String epc) {
        String key = identifiers.canonical(epc);
        List<JsonNode> events = jdbc.sql("""
                        select e.body from epcis_event e
                         where e.id in (select x.event_id from epcis_event_epc x where x.epc = any(?))
                         order by e.event_time, e.id
                        """).param(new String[] {key, epc}).query(String.class).list().stream()
                .map(json::readTree)
                .toList();
        return events().document(clock.instant(), events);
    }

    /** The event hash of a stored event (by eventID), when it is stored. */
    public Optional<String> hashOf(String eventId) {
        return jdbc.sql("select event_hash from epcis_event where event_id = ?")
                .param(eventId)
                .query(String.class)
                .optional();
    }
}

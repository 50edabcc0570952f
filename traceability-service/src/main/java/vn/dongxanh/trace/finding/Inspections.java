package vn.dongxanh.trace.finding;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import vn.dongxanh.trace.record.Attribution;
import vn.dongxanh.trace.record.PersonCommitment;
import vn.dongxanh.trace.record.RecordStore;
import vn.dongxanh.trace.record.StoredRecord;
import vn.dongxanh.trace.security.Actor;
import vn.dongxanh.trace.web.Refusal;

/**
 * The inspection workflow (docs/inspections.md): the plan ranks the open findings of codes by
 * risk; the department plans an inspection of a finding (it is then under inspection), and records
 * its outcome — date, inspector, checklist, notes, resolved or escalated, a suspension proposed or
 * not — as a record of kind {@value #KIND} about the code, anchored on the ledger like every record.
 * The inspector's name enters the record as a salted commitment. Suspending the code is the
 * register's status change, which names the inspection in its evidence.
 */
@Service
public class Inspections {
    static final String KIND = "inspection";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Audit audit;
    private final RecordStore records;
    private final InspectionFiles files;
    private final Clock clock;

    public Inspections(
            JdbcClient jdbc, JsonMapper json, Audit audit, RecordStore records, InspectionFiles files, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.audit = audit;
        this.records = records;
        this.files = files;
        this.clock = clock;
    }

    /** An open finding in the plan, and its risk: its severity's weight, plus the code's other findings. */
    public record Planned(int rank, int risk, Finding finding) {}

    /** The open findings of codes, riskiest first (a finding with no code is not a code's inspection). */
    public List<Planned> plan(LocalDate today) {
        List<Finding> open = audit.of(Audit.Scope.province(), today).stream()
                .filter(f -> f.code() != null && f.state() == Finding.State.OPEN)
                .toList();
        Map<String, Integer> perCode = new HashMap<>();
        open.forEach(f -> perCode.merge(f.code(), 1, Integer::sum));
        List<Map.Entry<Integer, Finding>> scored = new ArrayList<>();
        open.forEach(f -> scored.add(Map.entry(risk(f, perCode.get(f.code())), f)));
        scored.sort(Comparator.<Map.Entry<Integer, Finding>>comparingInt(Map.Entry::getKey)
                .reversed()
                .thenComparing(e -> e.getValue().code())
                .thenComparing(e -> e.getValue().subject()));
        List<Planned> plan = new ArrayList<>();
        for (int i = 0; i < scored.size(); i++) {
            plan.add(new Planned(i + 1, scored.get(i).getKey(), scored.get(i).getValue()));
        }
        return plan;
    }

    private static int risk(Finding f, int findingsOfCode) {
        return (f.severity() == Finding.Severity.HIGH ? 10 : 3) + (findingsOfCode - 1);
    }

    /** What the department asks for when it plans an inspection. */
    public record Plan(String code, Finding.Kind findingKind, String findingSubject, LocalDate plannedFor) {}

    /** What an inspection found. */
    public record Outcome(
            LocalDate inspectedOn,
            String inspector,
            List<Check> checklist,
            String notes,
            Finding.State outcome,
            Boolean proposeSuspension) {
        public Outcome {
            proposeSuspension = proposeSuspension != null && proposeSuspension;
        }

        public record Check(String item, Boolean passed) {}
    }

    /** An inspection as it is listed. */
    public record Inspection(
            long id,
            String code,
            String findingKind,
            String findingSubject,
            int risk,
            LocalDate plannedFor,
            String state,
            LocalDate inspectedOn,
            JsonNode checklist,
            String notes,
            boolean suspensionProposed,
            Long recordId,
            List<InspectionFiles.StoredFile> files) {
        Inspection with(List<InspectionFiles.StoredFile> attached) {
            return new Inspection(
                    id,
                    code,
                    findingKind,
                    findingSubject,
                    risk,
                    plannedFor,
                    state,
                    inspectedOn,
                    checklist,
                    notes,
                    suspensionProposed,
                    recordId,
                    attached);
        }
    }

    @Transactional
    public Inspection plan(Actor actor, Plan plan, LocalDate today) {
        if (plan.code() == null || plan.findingKind() == null || plan.findingSubject() == null) {
            throw Refusal.badRequest("code, findingKind and findingSubject are required");
        }
        if (plan.plannedFor() != null && plan.plannedFor().isBefore(today)) {
            throw Refusal.field("plannedFor", "an inspection is planned for today or later, not " + plan.plannedFor());
        }
        List<Finding> ofCode = audit.of(new Audit.Scope(Optional.of(plan.code()), Optional.empty()), today);
        Finding finding = ofCode.stream()
                .filter(f -> f.kind() == plan.findingKind() && f.subject().equals(plan.findingSubject()))
                .findFirst()
                .orElseThrow(() -> Refusal.notFound("code " + plan.code() + " has no finding " + plan.findingKind()
                        + " " + plan.findingSubject() + " now"));
        if (finding.state() == Finding.State.UNDER_INSPECTION) {
            throw Refusal.conflict(
                    "already-planned", "inspection " + finding.inspection() + " of this finding is planned");
        }
        long perCode =
                ofCode.stream().filter(f -> f.state() != Finding.State.RESOLVED).count();
        long id = jdbc.sql("""
                        insert into inspection (code, finding_kind, finding_subject, risk, planned_for, planned_by, state)
                        values (?, ?, ?, ?, ?, ?, 'PLANNED') returning id""")
                .params(
                        plan.code(),
                        finding.kind().name(),
                        finding.subject(),
                        risk(finding, (int) Math.max(1, perCode)),
                        Date.valueOf(plan.plannedFor() == null ? today : plan.plannedFor()),
                        actor.name())
                .query(Long.class)
                .single();
        return find(id).orElseThrow();
    }

    @Transactional
    public Inspection record(Actor actor, long id, Outcome outcome, LocalDate today) {
        Inspection planned = jdbc.sql("select * from inspection where id = ? for update")
                .param(id)
                .query((rs, i) -> map(rs))
                .optional()
                .orElseThrow(() -> Refusal.notFound("no inspection " + id));
        if (!planned.state().equals("PLANNED")) {
            throw Refusal.conflict("already-recorded", "inspection " + id + " was recorded: " + planned.state());
        }
        if (outcome.outcome() != Finding.State.RESOLVED && outcome.outcome() != Finding.State.ESCALATED) {
            throw Refusal.field("outcome", "an inspection ends RESOLVED or ESCALATED");
        }
        if (outcome.inspectedOn() == null || outcome.inspectedOn().isAfter(today)) {
            throw Refusal.field("inspectedOn", "the day of the inspection, not in the future");
        }
        if (outcome.inspector() == null
                || PersonCommitment.normalise(outcome.inspector()).isEmpty()) {
            throw Refusal.field("inspector", "the inspector's name is required");
        }
        if (outcome.checklist() == null || outcome.checklist().isEmpty()) {
            throw Refusal.field("checklist", "at least one item checked");
        }
        for (int i = 0; i < outcome.checklist().size(); i++) {
            Outcome.Check c = outcome.checklist().get(i);
            if (c == null || c.item() == null || c.item().isBlank()) {
                throw Refusal.field("checklist/" + i + "/item", "each item says what was checked");
            }
            if (c.passed() == null) {
                throw Refusal.field("checklist/" + i + "/passed", "each item says whether it passed");
            }
        }
        if (outcome.proposeSuspension() && outcome.outcome() != Finding.State.ESCALATED) {
            throw Refusal.field("proposeSuspension", "a suspension is proposed only when the finding is escalated");
        }
        String cooperative = jdbc.sql("select organisation_id from growing_area_code where code = ?")
                .param(planned.code())
                .query(String.class)
                .single();
        ArrayNode checklist = json.createArrayNode();
        outcome.checklist()
                .forEach(
                        c -> checklist.addObject().put("item", c.item().strip()).put("passed", c.passed()));
        PersonCommitment inspector = PersonCommitment.of(outcome.inspector());
        ObjectNode body = json.createObjectNode();
        body.put("inspection", id);
        body.put("code", planned.code());
        body.put("findingKind", planned.findingKind());
        body.put("findingSubject", planned.findingSubject());
        body.put("inspectedOn", outcome.inspectedOn().toString());
        body.set(
                "inspector",
                inspector.node(json, "INSPECTOR", actor.organisation().orElse(null)));
        body.set("checklist", checklist);
        if (outcome.notes() != null && !outcome.notes().isBlank())
            body.put("notes", outcome.notes().strip());
        body.put("outcome", outcome.outcome().name());
        body.put("suspensionProposed", outcome.proposeSuspension());
        // what the inspector brought back, as it was: the ledger commits to each file's hash
        ArrayNode attached = body.putArray("files");
        for (InspectionFiles.StoredFile f : files.of(id)) {
            attached.addObject()
                    .put("name", f.name())
                    .put("contentType", f.contentType())
                    .put("size", f.size())
                    .put("sha256", f.sha256());
        }
        body.set("actor", Attribution.of(json, actor));
        StoredRecord record = records.append(
                KIND, planned.code(), cooperative, body, List.of(new RecordStore.Person("/body/inspector", inspector)));
        jdbc.sql("""
                        update inspection set state = ?, inspected_on = ?, checklist = cast(? as jsonb), notes = ?,
                               suspension_proposed = ?, record_id = ?, recorded_at = ? where id = ?""")
                .params(
                        outcome.outcome().name(),
                        Date.valueOf(outcome.inspectedOn()),
                        json.writeValueAsString(checklist),
                        outcome.notes() == null ? null : outcome.notes().strip(),
                        outcome.proposeSuspension(),
                        record.id(),
                        Timestamp.from(clock.instant()),
                        id)
                .update();
        return find(id).orElseThrow();
    }

    public Optional<Inspection> find(long id) {
        return jdbc.sql("select * from inspection where id = ?")
                .param(id)
                .query((rs, i) -> map(rs))
                .optional()
                .map(i -> i.with(files.of(i.id())));
    }

    /** Inspections of a code, or of a cooperative's codes, or (both empty) all; newest first. */
    public List<Inspection> list(Optional<String> code, Optional<String> cooperative) {
        List<Object> params = new ArrayList<>();
        String where = new Audit.Scope(code, cooperative).where("i.code", "c.organisation_id", params);
        List<Inspection> found = jdbc.sql(
                        "select i.* from inspection i join growing_area_code c on c.code = i.code where true" + where
                                + " order by i.id desc")
                .params(params)
                .query((rs, n) -> map(rs))
                .list();
        // the files of them all in one query, after the list's result is closed
        var attached = files.ofAll(found.stream().map(Inspection::id).toList());
        return found.stream()
                .map(i -> i.with(attached.getOrDefault(i.id(), List.of())))
                .toList();
    }

    private Inspection map(java.sql.ResultSet rs) throws java.sql.SQLException {
        Date inspected = rs.getDate("inspected_on");
        String checklist = rs.getString("checklist");
        return new Inspection(
                rs.getLong("id"),
                rs.getString("code"),
                rs.getString("finding_kind"),
                rs.getString("finding_subject"),
                rs.getInt("risk"),
                rs.getDate("planned_for").toLocalDate(),
                rs.getString("state"),
                inspected == null ? null : inspected.toLocalDate(),
                checklist == null ? null : json.readTree(checklist),
                rs.getString("notes"),
                rs.getBoolean("suspension_proposed"),
                (Long) rs.getObject("record_id"),
                List.of());
    }
}

package vn.dongxanh.trace.growingarea;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import vn.dongxanh.contract.identity.PlatformRole;
import vn.dongxanh.trace.record.Attribution;
import vn.dongxanh.trace.record.RecordStore;
import vn.dongxanh.trace.record.StoredRecord;
import vn.dongxanh.trace.security.Actor;
import vn.dongxanh.trace.web.Refusal;

/**
 * The yearly review of issued codes (docs/register.md): the department records that it looked at a
 * code again and the code stays issued. A review is a record of kind {@value #KIND} about the code,
 * the code's cooperative's (it reads it, as it reads its inspections), anchored like every record;
 * the code's next review falls due {@code review-interval} after it. A review that finds something
 * wrong is not a review but a status change (suspension) with its reason.
 */
@Service
public class CodeReviews {
    static final String KIND = "code.review";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final RecordStore records;
    private final CodeRegister codes;
    private final RegisterProperties register;

    public CodeReviews(
            JdbcClient jdbc, JsonMapper json, RecordStore records, CodeRegister codes, RegisterProperties register) {
        this.jdbc = jdbc;
        this.json = json;
        this.records = records;
        this.codes = codes;
        this.register = register;
    }

    /**
     * When an issued code's review falls due: {@code review-interval} after the later of its last
     * issue (or reinstatement) and its last review. Empty for a code that is not issued.
     */
    public Optional<LocalDate> dueOn(String code) {
        return jdbc.sql("""
                        select greatest(max(e.effective_date), (select max(reviewed_on) from code_review where code = c.code))
                          from growing_area_code c join growing_area_code_event e
                            on e.code = c.code and e.to_status = 'ISSUED'
                         where c.code = ? and c.status = 'ISSUED' group by c.code""")
                .param(code)
                .query(Date.class)
                .optional()
                .map(d -> d.toLocalDate().plus(register.reviewInterval()));
    }

    /** The review as asked: the day (default today), what was looked at, and its evidence (inspections, files). */
    public record NewReview(LocalDate reviewedOn, String notes, JsonNode evidence) {}

    /** A recorded review; {@code actor} is the officer's name, shown to the department and the cooperative only. */
    public record Review(
            long id,
            String code,
            LocalDate reviewedOn,
            String notes,
            JsonNode evidence,
            String actor,
            Optional<String> actorOrganisation,
            long recordId) {}

    @Transactional
    public Review record(Actor actor, String code, NewReview review) {
        if (!actor.has(PlatformRole.DEPARTMENT_OFFICER)) {
            throw Refusal.forbidden("only the department records a code's review");
        }
        String cooperative = jdbc.sql("select organisation_id, status from growing_area_code where code = ? for update")
                .param(code)
                .query((rs, i) -> {
                    if (!rs.getString("status").equals(CodeStatus.ISSUED.name())) {
                        throw Refusal.conflict(
                                "not-issued",
                                "code " + code + " is " + rs.getString("status") + ": only an issued code is reviewed");
                    }
                    return rs.getString("organisation_id");
                })
                .optional()
                .orElseThrow(() -> Refusal.notFound("no code " + code));
        LocalDate today = codes.today();
        LocalDate on = review.reviewedOn() == null ? today : review.reviewedOn();
        if (on.isAfter(today)) throw Refusal.field("reviewedOn", "the day of the review, not in the future");
        LocalDate issued = jdbc.sql("""
                        select max(effective_date) from growing_area_code_event
                         where code = ? and to_status = 'ISSUED'""").param(code).query(Date.class).single().toLocalDate();
        if (on.isBefore(issued)) {
            throw Refusal.field("reviewedOn", "the code was issued (or reinstated) on " + issued + ", after " + on);
        }
        if (review.notes() == null || review.notes().isBlank()) {
            throw Refusal.field("notes", "say what the review looked at");
        }
        JsonNode given = review.evidence() == null ? json.createArrayNode() : review.evidence();
        if (!given.isArray()) throw Refusal.field("evidence", "evidence is a list");
        String org = actor.organisation().orElse(null);
        List<RecordStore.Person> people = new ArrayList<>();
        JsonNode evidence = Inspectors.committed(json, given, org, people);
        ObjectNode body = json.createObjectNode();
        body.put("code", code);
        body.put("reviewedOn", on.toString());
        body.put("notes", review.notes().strip());
        body.set("evidence", evidence);
        body.set("actor", Attribution.of(json, actor));
        StoredRecord record = records.append(KIND, code, cooperative, body, people);
        long id = jdbc.sql("""
                        insert into code_review (code, reviewed_on, notes, evidence, actor, actor_org, record_id)
                        values (?, ?, ?, cast(? as jsonb), ?, ?, ?) returning id""")
                .params(
                        code,
                        Date.valueOf(on),
                        review.notes().strip(),
                        json.writeValueAsString(evidence),
                        actor.name(),
                        org,
                        record.id())
                .query(Long.class)
                .single();
        return of(code).stream().filter(r -> r.id() == id).findFirst().orElseThrow();
    }

    /** A code's reviews, oldest first. */
    public List<Review> of(String code) {
        return jdbc.sql("select * from code_review where code = ? order by reviewed_on, id")
                .param(code)
                .query((rs, i) -> new Review(
                        rs.getLong("id"),
                        rs.getString("code"),
                        rs.getDate("reviewed_on").toLocalDate(),
                        rs.getString("notes"),
                        json.readTree(rs.getString("evidence")),
                        rs.getString("actor"),
                        Optional.ofNullable(rs.getString("actor_org")),
                        rs.getLong("record_id")))
                .list();
    }
}

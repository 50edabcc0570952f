package vn.dongxanh.trace.growingarea;

import java.math.BigDecimal;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.locationtech.jts.geom.Geometry;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import vn.dongxanh.contract.identity.PlatformRole;
import vn.dongxanh.trace.ledger.LedgerCalls;
import vn.dongxanh.trace.ledger.LedgerOutbox;
import vn.dongxanh.trace.record.Attribution;
import vn.dongxanh.trace.record.RecordStore;
import vn.dongxanh.trace.record.StoredRecord;
import vn.dongxanh.trace.security.Actor;
import vn.dongxanh.trace.web.Refusal;

/**
 * The register of growing-area codes: applications (checked against the format, plot ownership,
 * crop, overlap and minimum-area rules) and status changes by the department. Every entry is a
 * record (its leaf goes into a Merkle root) and a call to the ledger's code register, both written
 * in the same transaction as the change itself.
 */
@Service
public class CodeRegister {
    static final String APPLICATION_KIND = "code.application";
    static final String STATUS_KIND = "code.status";

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final PlotService plots;
    private final RecordStore records;
    private final LedgerOutbox outbox;
    private final GrowingAreaProperties props;
    private final RegisterProperties register;
    private final Clock clock;

    public CodeRegister(
            JdbcClient jdbc,
            JsonMapper json,
            PlotService plots,
            RecordStore records,
            LedgerOutbox outbox,
            GrowingAreaProperties props,
            RegisterProperties register,
            Clock clock) {
        this.register = register;
        this.jdbc = jdbc;
        this.json = json;
        this.plots = plots;
        this.records = records;
        this.outbox = outbox;
        this.props = props;
        this.clock = clock;
    }

    /**
     * A cooperative's application for a code over some of its plots. {@code code}: empty, and the
     * register assigns the next serial; or a code the department issued before the register.
     */
    public record Application(
            String code, String crop, List<String> plotIds, LocalDate applicationDate, String commune) {}

    /** A commune's name as the register keeps it: Unicode NFC, single spaces; null when none is given. */
    public static String commune(String given) {
        if (given == null || given.isBlank()) return null;
        String name =
                java.text.Normalizer.normalize(given.strip().replaceAll("\\s+", " "), java.text.Normalizer.Form.NFC);
        if (name.length() > 100) throw Refusal.badRequest("commune: at most 100 characters");
        return name;
    }

    /** A status change decided by the department. */
    public record StatusChange(CodeStatus status, String reason, LocalDate effectiveDate, JsonNode evidence) {}

    @Transactional
    public GrowingAreaCode apply(Actor actor, Application application) {
        if (!actor.has(PlatformRole.COOP_MANAGER)) {
            throw Refusal.forbidden("a cooperative's manager applies for a code");
        }
        return applyFor(actor, actor.organisation().orElseThrow(), application);
    }

    /**
     * The application of cooperative {@code org}, made by {@code actor}: its own manager
     * ({@link #apply}), or the department entering a code issued on paper (the import).
     */
    @Transactional
    GrowingAreaCode applyFor(Actor actor, String org, Application application) {
        // the register assigns the serial; a code given is one issued on paper before the register
        String code = application.code() == null || application.code().isBlank()
                ? nextSerial()
                : application.code().strip();
        checkFormat(code);
        if (find(code).isPresent()) {
            throw Refusal.conflict("duplicate", "code " + code + " exists");
        }
        if (application.plotIds() == null || application.plotIds().isEmpty()) {
            throw Refusal.rule("no-plots", "a code groups at least one plot");
        }
        List<String> ids = application.plotIds().stream().distinct().toList();
        List<Plot> chosen = plots.byIds(ids);
        if (chosen.size() != ids.size()) {
            throw Refusal.rule(
                    "unknown-plot",
                    "unknown plots: "
                            + ids.stream()
                                    .filter(id -> chosen.stream().noneMatch(p -> p.id().equals(id)))
                                    .toList());
        }
        for (Plot plot : chosen) {
            if (!plot.organisationId().equals(org)) {
                throw Refusal.rule("plot-not-owned", "plot " + plot.id() + " belongs to " + plot.organisationId());
            }
            if (!plot.crop().equals(application.crop())) {
                throw Refusal.rule(
                        "crop-mismatch",
                        "plot " + plot.id() + " grows " + plot.crop() + ", the code is for " + application.crop());
            }
        }
        checkNoSharedPlots(code, chosen);
        // a paper application being entered later keeps its date; never one in the future
        LocalDate applied = application.applicationDate() == null ? today() : application.applicationDate();
        if (applied.isAfter(today())) {
            throw Refusal.rule("application-date", "application date " + applied + " is in the future");
        }
        BigDecimal area = chosen.stream().map(Plot::areaHa).reduce(BigDecimal.ZERO, BigDecimal::add);
        BigDecimal minimum = props.minAreaFor(application.crop());
        if (area.compareTo(minimum) < 0) {
            throw Refusal.rule(
                    "minimum-area",
                    "the plots cover " + area.stripTrailingZeros().toPlainString()
                            + " ha, less than the minimum of "
                            + minimum.stripTrailingZeros().toPlainString() + " ha for "
                            + application.crop());
        }

        String commune = commune(application.commune());
        jdbc.sql("insert into growing_area_code (code, organisation_id, crop, status, area_ha, commune)"
                        + " values (?, ?, ?, ?, ?, ?)")
                .params(code, org, application.crop(), CodeStatus.APPLIED.name(), area, commune)
                .update();
        for (Plot plot : chosen) {
            jdbc.sql("insert into growing_area_code_plot (code, plot_id) values (?, ?)")
                    .params(code, plot.id())
                    .update();
        }
        ObjectNode body = json.createObjectNode();
        body.put("code", code);
        body.put("organisation", org);
        body.put("crop", application.crop());
        if (commune != null) body.put("commune", commune);
        body.put("areaHa", area.stripTrailingZeros().toPlainString()); // a decimal string (docs/record-format.md)
        body.set("applicant", Attribution.of(json, actor));
        body.put("applicationDate", applied.toString());
        ArrayNode plotNodes = body.putArray("plots");
        for (Plot plot : chosen) {
            plotNodes
                    .addObject()
                    .put("id", plot.id())
                    .put("areaHa", plot.areaHa().stripTrailingZeros().toPlainString())
                    .set("geometry", plot.geometry());
        }
        StoredRecord record = records.append(APPLICATION_KIND, code, org, body);
        long tx = outbox.enqueue(
                LedgerOutbox.Kind.REGISTER_CODE,
                code,
                LedgerCalls.registerCode(code, record.recordHash().bytes()));
        insertEvent(code, null, CodeStatus.APPLIED, actor, "application", applied, json.createArrayNode(), record, tx);
        return find(code).orElseThrow();
    }

    /**
     * The next serial of the province: the highest assigned after {@code serial-prefix}, plus one,
     * zero-padded. Taken under a transaction-scoped advisory lock, so two applications at once do
     * not get the same serial (the lock is released when the application's transaction ends).
     */
    private String nextSerial() {
        jdbc.sql("select pg_advisory_xact_lock(hashtext('growing_area_code.serial'))")
                .query()
                .singleRow();
        String prefix = register.serialPrefix();
        int digits = register.serialDigits();
        long last = jdbc.sql("select coalesce(max(cast(substring(code from ?) as bigint)), 0) from growing_area_code"
                        + " where code ~ ?")
                .params(prefix.length() + 1, "^" + prefix + "[0-9]{" + digits + "}$")
                .query(Long.class)
                .single();
        if (last + 1 >= Math.pow(10, digits)) {
            throw Refusal.conflict("serials-exhausted", "every serial after " + prefix + " is taken");
        }
        return prefix + String.format("%0" + digits + "d", last + 1);
    }

    /** A code given rather than assigned must have the configured form ({@code dx.trace.codes.pattern}). */
    void checkFormat(String code) {
        if (!props.pattern().matcher(code).matches()) {
            throw Refusal.rule(
                    "code-format",
                    "code '" + code + "' does not have the form "
                            + props.pattern().pattern());
        }
    }

    private void checkNoSharedPlots(String code, List<Plot> chosen) {
        List<Plot> taken =
                plots.inOtherLiveCodesNear(code, chosen.stream().map(Plot::id).toList());
        for (Plot plot : chosen) {
            if (taken.stream().anyMatch(t -> t.id().equals(plot.id()))) {
                throw Refusal.rule("plot-in-other-code", "plot " + plot.id() + " already belongs to a live code");
            }
            Geometry mine = PlotGeometry.parse(plot.geometry());
            for (Plot other : taken) {
                if (overlap(mine, PlotGeometry.parse(other.geometry()))) {
                    throw Refusal.rule(
                            "plot-overlap", "plot " + plot.id() + " overlaps plot " + other.id() + " of another code");
                }
            }
        }
    }

    /** Two plots overlap when they share more than a square metre (a shared edge drawn twice is not an overlap). */
    static boolean overlap(Geometry mine, Geometry theirs) {
        return mine.intersects(theirs) && PlotGeometry.areaSquareMetres(mine.intersection(theirs)) > 1.0;
    }

    @Transactional
    public GrowingAreaCode changeStatus(Actor actor, String code, StatusChange change) {
        if (!actor.has(PlatformRole.DEPARTMENT_OFFICER)) {
            throw Refusal.forbidden("only the department changes the status of a code");
        }
        GrowingAreaCode current = jdbc.sql("select * from growing_area_code where code = ? for update")
                .param(code)
                .query(CodeRegister::mapCode)
                .optional()
                .orElseThrow(() -> Refusal.notFound("no code " + code));
        if (change.status() == null) {
            throw Refusal.badRequest("status is required");
        }
        if (change.reason() == null || change.reason().isBlank()) {
            throw Refusal.badRequest("a status change needs a reason");
        }
        if (!current.status().canBecome(change.status())) {
            throw Refusal.conflict(
                    "transition-not-allowed",
                    "code " + code + " is " + current.status() + "; it can become "
                            + current.status().next() + ", not " + change.status());
        }
        LocalDate effective = change.effectiveDate() == null ? today() : change.effectiveDate();
        LocalDate last = jdbc.sql("select max(effective_date) from growing_area_code_event where code = ?")
                .param(code)
                .query(Date.class)
                .single()
                .toLocalDate();
        if (effective.isBefore(last)) {
            throw Refusal.rule(
                    "effective-date", "effective date " + effective + " is before the last change (" + last + ")");
        }
        JsonNode given = change.evidence() == null ? json.createArrayNode() : change.evidence();
        if (!given.isArray()) {
            throw Refusal.badRequest("evidence is a list");
        }
        String org = actor.organisation().orElse(null);
        List<RecordStore.Person> people = new ArrayList<>();
        JsonNode evidence = Inspectors.committed(json, given, org, people);
        ObjectNode body = json.createObjectNode();
        body.put("code", code);
        body.put("from", current.status().name());
        body.put("to", change.status().name());
        body.put("reason", change.reason().strip());
        body.put("effectiveDate", effective.toString());
        body.set("evidence", evidence);
        body.set("actor", Attribution.of(json, actor));
        StoredRecord record = records.append(STATUS_KIND, code, org, body, people);
        long tx = outbox.enqueue(
                LedgerOutbox.Kind.CODE_STATUS,
                code + ":" + change.status(),
                LedgerCalls.changeCodeStatus(
                        code, change.status().onChain(), record.recordHash().bytes()));
        jdbc.sql("update growing_area_code set status = ?, status_changed_at = now() where code = ?")
                .params(change.status().name(), code)
                .update();
        insertEvent(
                code,
                current.status(),
                change.status(),
                actor,
                change.reason().strip(),
                effective,
                evidence,
                record,
                tx);
        return find(code).orElseThrow();
    }

    private void insertEvent(
            String code,
            CodeStatus from,
            CodeStatus to,
            Actor actor,
            String reason,
            LocalDate effective,
            JsonNode evidence,
            StoredRecord record,
            long tx) {
        jdbc.sql("""
                        insert into growing_area_code_event
                            (code, from_status, to_status, actor, actor_org, reason, effective_date, evidence,
                             record_id, ledger_tx)
                        values (?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?, ?)
                        """)
                .params(
                        code,
                        from == null ? null : from.name(),
                        to.name(),
                        actor.name(),
                        actor.organisation().orElse(null),
                        reason,
                        Date.valueOf(effective),
                        json.writeValueAsString(evidence),
                        record.id(),
                        tx)
                .update();
    }

    public Optional<GrowingAreaCode> find(String code) {
        return jdbc.sql("select * from growing_area_code where code = ?")
                .param(code)
                .query(CodeRegister::mapCode)
                .optional();
    }

    public List<CodeEvent> history(String code) {
        return jdbc.sql("select * from growing_area_code_event where code = ? order by effective_date, id")
                .param(code)
                .query((rs, i) -> new CodeEvent(
                        rs.getLong("id"),
                        Optional.ofNullable(rs.getString("from_status")).map(CodeStatus::valueOf),
                        CodeStatus.valueOf(rs.getString("to_status")),
                        rs.getString("actor"),
                        Optional.ofNullable(rs.getString("actor_org")),
                        rs.getString("reason"),
                        rs.getDate("effective_date").toLocalDate(),
                        json.readTree(rs.getString("evidence")),
                        rs.getTimestamp("recorded_at").toInstant(),
                        rs.getLong("record_id"),
                        Optional.ofNullable((Long) rs.getObject("ledger_tx"))))
                .list();
    }

    /** The status in force on a date: the last change effective on or before it; empty before the application. */
    public Optional<CodeStatus> statusOn(String code, LocalDate date) {
        return jdbc.sql("""
                        select to_status from growing_area_code_event
                         where code = ? and effective_date <= ? order by effective_date desc, id desc limit 1
                        """)
                .params(code, Date.valueOf(date))
                .query(String.class)
                .optional()
                .map(CodeStatus::valueOf);
    }

    public LocalDate today() {
        return LocalDate.now(clock.withZone(props.zone()));
    }

    private static GrowingAreaCode mapCode(ResultSet rs, int row) throws SQLException {
        return new GrowingAreaCode(
                rs.getString("code"),
                rs.getString("organisation_id"),
                rs.getString("crop"),
                CodeStatus.valueOf(rs.getString("status")),
                rs.getBigDecimal("area_ha"),
                rs.getTimestamp("applied_at").toInstant(),
                rs.getString("commune"));
    }
}

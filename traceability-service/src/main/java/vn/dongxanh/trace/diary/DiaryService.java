package vn.dongxanh.trace.diary;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import vn.dongxanh.contract.identity.PlatformRole;
import vn.dongxanh.trace.growingarea.Plot;
import vn.dongxanh.trace.growingarea.PlotService;
import vn.dongxanh.trace.record.PersonCommitment;
import vn.dongxanh.trace.record.RecordStore;
import vn.dongxanh.trace.security.Actor;
import vn.dongxanh.trace.web.Refusal;

/**
 * The farming diary (nhật ký canh tác) of a plot. A pesticide entry must carry its pre-harvest
 * interval: from the label, or — when only the crop class is known — the configured default.
 */
@Service
public class DiaryService {
    private static final List<String> OPERATIONS = List.of(
            "LAND_PREPARATION",
            "SOWING",
            "TRANSPLANTING",
            "FERTILISER",
            "PESTICIDE",
            "IRRIGATION",
            "HARVEST",
            "SALE",
            "OTHER");

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final PlotService plots;
    private final RecordStore records;
    private final DiaryProperties props;

    public DiaryService(
            JdbcClient jdbc, JsonMapper json, PlotService plots, RecordStore records, DiaryProperties props) {
        this.jdbc = jdbc;
        this.json = json;
        this.plots = plots;
        this.records = records;
        this.props = props;
    }

    /** A diary entry as written by the cooperative. {@code phiFromCropDefault}: the label PHI is unknown. */
    public record NewEntry(
            LocalDate date,
            String operation,
            String productName,
            String activeIngredients,
            Integer phiDays,
            Boolean phiFromCropDefault,
            String dosePerHa,
            String quantity,
            String target,
            String operator,
            String source,
            String notes) {}

    /** A pesticide application that matters for the pre-harvest interval rule. */
    public record Application(
            String plotId, LocalDate date, String productName, String activeIngredients, int phiDays) {
        public LocalDate harvestAllowedFrom() {
            return date.plusDays(phiDays);
        }
    }

    @Transactional
    public Map<String, Object> add(Actor actor, String plotId, NewEntry entry) {
        Plot plot = plots.find(plotId).orElseThrow(() -> Refusal.notFound("no plot " + plotId));
        if (!actor.actsFor(plot.organisationId())) {
            throw Refusal.forbidden("only the plot's cooperative writes its diary");
        }
        if (entry.date() == null || entry.operation() == null || !OPERATIONS.contains(entry.operation())) {
            throw Refusal.badRequest("date and operation (one of " + OPERATIONS + ") are required");
        }
        Integer phi = entry.phiDays();
        String phiSource = phi == null ? null : "LABEL";
        if (entry.operation().equals("PESTICIDE")) {
            if (entry.productName() == null || entry.productName().isBlank()) {
                throw Refusal.badRequest("a pesticide entry names the product");
            }
            if (phi == null && Boolean.TRUE.equals(entry.phiFromCropDefault())) {
                phi = props.defaultPhiDaysByCrop().get(plot.crop());
                phiSource = "CROP_DEFAULT";
            }
            if (phi == null) {
                throw Refusal.rule(
                        "phi-unknown",
                        "the pre-harvest interval of " + entry.productName()
                                + " is unknown"
                                + (Boolean.TRUE.equals(entry.phiFromCropDefault())
                                        ? " and there is no default for crop " + plot.crop()
                                        : "; give the label's PHI in days")
                                + " (it is never assumed to be 0)");
            }
            if (phi < 0) {
                throw Refusal.badRequest("phiDays cannot be negative");
            }
        }
        ObjectNode body = json.valueToTree(entry);
        body.put("plot", plotId);
        // the operator's name never enters the record: a salted commitment does (docs/records-privacy.md)
        List<RecordStore.Person> people = new ArrayList<>();
        if (entry.operator() != null
                && !PersonCommitment.normalise(entry.operator()).isEmpty()) {
            PersonCommitment operator = PersonCommitment.of(entry.operator());
            body.set("operator", operator.node(json, PlatformRole.COOP_OPERATOR.name(), plot.organisationId()));
            people.add(new RecordStore.Person("/body/operator", operator));
        } else {
            body.remove("operator");
        }
        body.put("date", entry.date().toString());
        if (phi != null) {
            body.put("phiDays", phi);
            body.put("phiSource", phiSource);
        }
        long recordId = records.append("diary", plotId, plot.organisationId(), body, people)
                .id();
        long id = jdbc.sql("""
                        insert into diary_entry (plot_id, entry_date, operation, product_name, active_ingredients,
                            phi_days, phi_source, dose_per_ha, quantity, target, operator, source, notes, created_by,
                            record_id)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning id
                        """)
                .params(
                        plotId,
                        Date.valueOf(entry.date()),
                        entry.operation(),
                        entry.productName(),
                        entry.activeIngredients(),
                        phi,
                        phiSource,
                        entry.dosePerHa(),
                        entry.quantity(),
                        entry.target(),
                        entry.operator(),
                        entry.source(),
                        entry.notes(),
                        actor.name(),
                        recordId)
                .query(Long.class)
                .single();
        return Map.of("id", id, "plot", plotId, "recordId", recordId, "phiDays", phi == null ? -1 : phi);
    }

    /** The operations an entry may name, in the order a form offers them. */
    public static List<String> operations() {
        return OPERATIONS;
    }

    /**
     * The plot's entries, the newest date first (the latest written first within a day); at most
     * {@code limit} after the first {@code offset}. The operator's name only when {@code names}.
     */
    public List<DiaryEntry> ofPlot(String plotId, boolean names, int limit, int offset) {
        return jdbc.sql("""
                        select id, entry_date, operation, product_name, active_ingredients, dose_per_ha, quantity,
                               target, operator, source, notes, phi_days, phi_source, period_from, period_to,
                               record_id
                          from diary_entry where plot_id = ?
                         order by entry_date desc, id desc limit ? offset ?
                        """)
                .params(plotId, limit, offset)
                .query((rs, i) -> {
                    LocalDate date = rs.getDate("entry_date").toLocalDate();
                    String operation = rs.getString("operation");
                    Integer phi = rs.getObject("phi_days", Integer.class);
                    Date from = rs.getDate("period_from");
                    Date to = rs.getDate("period_to");
                    return new DiaryEntry(
                            rs.getLong("id"),
                            date,
                            operation,
                            rs.getString("product_name"),
                            rs.getString("active_ingredients"),
                            rs.getString("dose_per_ha"),
                            rs.getString("quantity"),
                            rs.getString("target"),
                            names ? rs.getString("operator") : null,
                            rs.getString("source"),
                            rs.getString("notes"),
                            phi,
                            rs.getString("phi_source"),
                            // the rule of unexpiredOn: only a pesticide's PHI holds a harvest back
                            operation.equals("PESTICIDE") && phi != null ? date.plusDays(phi) : null,
                            from == null ? null : from.toLocalDate(),
                            to == null ? null : to.toLocalDate(),
                            rs.getLong("record_id"));
                })
                .list();
    }

    /** Pesticide applications on the plots, on or before the date, whose PHI has not run out by it. */
    public List<Application> unexpiredOn(List<String> plotIds, LocalDate harvestDate) {
        return jdbc.sql("""
                        select plot_id, entry_date, product_name, active_ingredients, phi_days from diary_entry
                         where operation = 'PESTICIDE' and plot_id = any(?) and entry_date <= ?
                           and entry_date + phi_days > ?
                         order by entry_date, id
                        """)
                .params(plotIds.toArray(String[]::new), Date.valueOf(harvestDate), Date.valueOf(harvestDate))
                .query((rs, i) -> new Application(
                        rs.getString("plot_id"),
                        rs.getDate("entry_date").toLocalDate(),
                        rs.getString("product_name"),
                        rs.getString("active_ingredients"),
                        rs.getInt("phi_days")))
                .list();
    }
}

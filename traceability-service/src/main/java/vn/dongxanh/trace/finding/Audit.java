package vn.dongxanh.trace.finding;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.index.strtree.STRtree;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.json.JsonMapper;
import vn.dongxanh.trace.growingarea.PlotGeometry;
import vn.dongxanh.trace.record.RecordCheck;
import vn.dongxanh.trace.record.RecordStore;
import vn.dongxanh.trace.record.StoredRecord;

/**
 * The audit: findings computed now from the evidence (docs/findings.md), for one code, one
 * cooperative or the province. Each rule is one query over the register, batches, certificates,
 * diary, records and scan flags; nothing is stored, so a finding disappears when its evidence is
 * corrected.
 */
@Service
public class Audit {
    private static final Logger log = LoggerFactory.getLogger(Audit.class);
    private static final int RECORD_PAGE = 1000;

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final RecordStore records;
    private final FindingsProperties props;
    private final SensorEvidence sensors;

    public Audit(
            JdbcClient jdbc, JsonMapper json, RecordStore records, FindingsProperties props, SensorEvidence sensors) {
        this.jdbc = jdbc;
        this.json = json;
        this.records = records;
        this.props = props;
        this.sensors = sensors;
    }

    /**
     * The findings, and the kinds that could not be checked this time with the reason (the sensor
     * rules when ingest-service cannot say): an absent finding of an unchecked kind proves nothing.
     */
    public record Result(List<Finding> findings, List<Unchecked> unchecked) {}

    public record Unchecked(List<Finding.Kind> kinds, String reason) {}

    /**
     * What to audit: a code, a cooperative, or (both empty) the province; {@code commune} keeps the
     * findings on codes of that commune (and the certificates of cooperatives holding one there).
     */
    public record Scope(Optional<String> code, Optional<String> organisation, Optional<String> commune) {
        public Scope(Optional<String> code, Optional<String> organisation) {
            this(code, organisation, Optional.empty());
        }

        public static Scope province() {
            return new Scope(Optional.empty(), Optional.empty());
        }

        /** A condition on a code column and an organisation column, with its parameters added. */
        String where(String codeColumn, String organisationColumn, List<Object> params) {
            StringBuilder w = new StringBuilder();
            code.ifPresent(c -> {
                w.append(" and ").append(codeColumn).append(" = ?");
                params.add(c);
            });
            organisation.ifPresent(o -> {
                w.append(" and ").append(organisationColumn).append(" = ?");
                params.add(o);
            });
            return w.toString();
        }
    }

    /** The findings; the kinds that could not be checked are left out (see {@link #run}). */
    public List<Finding> of(Scope scope, LocalDate today) {
        return run(scope, today).findings();
    }

    public Result run(Scope scope, LocalDate today) {
        List<Finding> found = new ArrayList<>();
        List<Unchecked> unchecked = new ArrayList<>();
        found.addAll(yieldBeyondArea(scope));
        found.addAll(harvestOutsideValidity(scope));
        found.addAll(certificateNotValid(scope));
        found.addAll(preHarvestInterval(scope));
        found.addAll(plotsOverlap(scope));
        found.addAll(certificatesExpiring(scope, today));
        found.addAll(ledgerMismatches(scope));
        found.addAll(clonedLabels(scope));
        found.addAll(sensors.typedIrrigation(scope, today));
        try {
            found.addAll(sensors.harvests(scope, today));
        } catch (ResponseStatusException e) {
            log.warn("audit without the sensor evidence of harvests: {}", e.getReason());
            unchecked.add(new Unchecked(
                    List.of(Finding.Kind.NO_SENSOR_EVIDENCE, Finding.Kind.EMPTY_IRRIGATION_RECORD), e.getReason()));
        }
        if (scope.commune().isPresent())
            found = inCommune(found, scope.commune().get());
        return new Result(withSince(withInspections(found)), unchecked);
    }

    /**
     * The findings on codes of a commune, and on certificates of cooperatives holding a code there.
     * The rules run over the whole scope and this keeps the commune's: a commune is a small share of
     * a province's work, and one filter here is simpler than one in every rule.
     */
    private List<Finding> inCommune(List<Finding> found, String commune) {
        Set<String> codes = new HashSet<>();
        Set<String> holders = new HashSet<>();
        jdbc.sql("select code, organisation_id from growing_area_code where commune = ?")
                .param(commune)
                .query(rs -> {
                    codes.add(rs.getString(1));
                    holders.add(rs.getString(2));
                });
        return found.stream()
                .filter(f -> f.code() != null ? codes.contains(f.code()) : holders.contains(f.organisation()))
                .toList();
    }

    /** Each finding with the time the findings watch first saw it, when it has (FindingWatch). */
    private List<Finding> withSince(List<Finding> found) {
        if (found.isEmpty()) return found;
        Map<String, java.time.Instant> since = new HashMap<>();
        jdbc.sql("select kind, subject, first_seen from finding_seen where (kind, subject) in"
                        + " (select * from unnest(?::text[], ?::text[]))")
                .params(
                        found.stream().map(f -> f.kind().name()).toArray(String[]::new),
                        found.stream().map(Finding::subject).toArray(String[]::new))
                .query(rs -> {
                    since.put(
                            rs.getString(1) + " " + rs.getString(2),
                            rs.getTimestamp(3).toInstant());
                });
        if (since.isEmpty()) return found;
        return found.stream()
                .map(f -> Optional.ofNullable(since.get(f.kind() + " " + f.subject()))
                        .map(f::seenSince)
                        .orElse(f))
                .toList();
    }

    /**
     * Each finding at the state of its latest inspection: under inspection while one is planned,
     * resolved or escalated as the last one recorded says; open when there is none.
     */
    private List<Finding> withInspections(List<Finding> found) {
        Map<String, Map.Entry<Finding.State, Long>> latest = new HashMap<>();
        jdbc.sql("""
                        select distinct on (finding_kind, finding_subject) finding_kind, finding_subject, state, id
                          from inspection order by finding_kind, finding_subject, id desc""").query(rs -> {
            String state = rs.getString(3);
            latest.put(
                    rs.getString(1) + " " + rs.getString(2),
                    Map.entry(
                            state.equals("PLANNED") ? Finding.State.UNDER_INSPECTION : Finding.State.valueOf(state),
                            rs.getLong(4)));
        });
        if (latest.isEmpty()) return found;
        return found.stream()
                .map(f -> Optional.ofNullable(latest.get(f.kind() + " " + f.subject()))
                        .map(e -> f.at(e.getKey(), e.getValue()))
                        .orElse(f))
                .toList();
    }

    /**
     * For each code with a ceiling for its crop: the most its batches weigh in any window one cycle
     * long (a year over the most cycles a year), against its area times the ceiling. A window ends
     * at each batch's harvest date, so every possible cycle is looked at.
     */
    List<Finding> yieldBeyondArea(Scope scope) {
        List<Object> params = new ArrayList<>();
        String where = scope.where("c.code", "c.organisation_id", params);
        var rows = jdbc.sql("""
                        select c.code, c.organisation_id, c.crop, c.area_ha, b.id, b.harvest_date, b.quantity_kg
                          from growing_area_code c join batch b on b.code = c.code
                         where true""" + where + " order by c.code, b.harvest_date, b.id")
                .params(params)
                .query((rs, i) -> new Harvest(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        rs.getBigDecimal(4),
                        rs.getLong(5),
                        rs.getDate(6).toLocalDate(),
                        rs.getBigDecimal(7)))
                .list();
        Map<String, List<Harvest>> byCode = new LinkedHashMap<>();
        rows.forEach(
                h -> byCode.computeIfAbsent(h.code(), c -> new ArrayList<>()).add(h));
        List<Finding> found = new ArrayList<>();
        for (List<Harvest> harvests : byCode.values()) {
            Harvest first = harvests.getFirst();
            FindingsProperties.Yield yield = props.yield().get(first.crop());
            if (yield == null || first.areaHa().signum() <= 0) continue;
            BigDecimal allowedKg =
                    first.areaHa().multiply(yield.ceilingTPerHa()).multiply(BigDecimal.valueOf(1000));
            // the heaviest window: two pointers over the harvests in date order
            BigDecimal sum = BigDecimal.ZERO, best = BigDecimal.ZERO;
            int start = 0, bestStart = 0, bestEnd = -1;
            for (int end = 0; end < harvests.size(); end++) {
                sum = sum.add(harvests.get(end).quantityKg());
                LocalDate from = harvests.get(end).date().minusDays(yield.cycleDays() - 1L);
                while (harvests.get(start).date().isBefore(from)) {
                    sum = sum.subtract(harvests.get(start).quantityKg());
                    start++;
                }
                if (sum.compareTo(best) > 0) {
                    best = sum;
                    bestStart = start;
                    bestEnd = end;
                }
            }
            BigDecimal share = best.divide(allowedKg, 4, RoundingMode.HALF_UP);
            Finding.Severity severity = share.compareTo(props.highAbove()) > 0
                    ? Finding.Severity.HIGH
                    : share.compareTo(props.watchAbove()) > 0 ? Finding.Severity.WATCH : null;
            if (severity == null) continue;
            List<Harvest> window = harvests.subList(bestStart, bestEnd + 1);
            Map<String, Object> evidence = new LinkedHashMap<>();
            evidence.put("crop", first.crop());
            evidence.put("areaHa", plain(first.areaHa()));
            evidence.put("ceilingTPerHa", plain(yield.ceilingTPerHa()));
            evidence.put("cycleDays", yield.cycleDays());
            evidence.put("from", window.getFirst().date().toString());
            evidence.put("to", window.getLast().date().toString());
            evidence.put("batches", window.stream().map(Harvest::batch).toList());
            evidence.put("harvestedT", plain(best.movePointLeft(3)));
            evidence.put("allowedT", plain(allowedKg.movePointLeft(3)));
            evidence.put("share", plain(share));
            found.add(new Finding(
                    Finding.Kind.YIELD_BEYOND_AREA,
                    severity,
                    first.code(),
                    first.organisation(),
                    "code/" + first.code(),
                    "%s t harvested from %s to %s under code %s, %s%% of the %s t its %s ha of %s can grow in a cycle"
                            .formatted(
                                    plain(best.movePointLeft(3)),
                                    window.getFirst().date(),
                                    window.getLast().date(),
                                    first.code(),
                                    plain(share.movePointRight(2).setScale(0, RoundingMode.HALF_UP)),
                                    plain(allowedKg.movePointLeft(3).setScale(2, RoundingMode.HALF_UP)),
                                    plain(first.areaHa().setScale(2, RoundingMode.HALF_UP)),
                                    first.crop()),
                    evidence));
        }
        return found;
    }

    private record Harvest(
            String code,
            String organisation,
            String crop,
            BigDecimal areaHa,
            long batch,
            LocalDate date,
            BigDecimal quantityKg) {}

    /** Batches harvested on a day their code's status in force (its last change effective by then) was not ISSUED. */
    List<Finding> harvestOutsideValidity(Scope scope) {
        List<Object> params = new ArrayList<>();
        String where = scope.where("b.code", "b.organisation_id", params);
        return jdbc.sql("""
                        select b.id, b.code, b.organisation_id, b.harvest_date, s.to_status
                          from batch b
                          left join lateral (select to_status from growing_area_code_event e
                                              where e.code = b.code and e.effective_date <= b.harvest_date
                                              order by e.effective_date desc, e.id desc limit 1) s on true
                         where (s.to_status is null or s.to_status <> 'ISSUED')""" + where + " order by b.id")
                .params(params)
                .query((rs, i) -> {
                    String status = Optional.ofNullable(rs.getString(5)).orElse("NONE");
                    return new Finding(
                            Finding.Kind.HARVEST_OUTSIDE_CODE_VALIDITY,
                            Finding.Severity.HIGH,
                            rs.getString(2),
                            rs.getString(3),
                            "batch/" + rs.getLong(1),
                            "batch %d was harvested on %s, when code %s was %s"
                                    .formatted(
                                            rs.getLong(1),
                                            rs.getDate(4),
                                            rs.getString(2),
                                            status.equals("NONE") ? "not yet applied for" : status),
                            Map.of("harvestDate", rs.getDate(4).toString(), "codeStatus", status));
                })
                .list();
    }

    /** Batches claiming a certificate not in force on their harvest date (dates, or withdrawn or suspended). */
    List<Finding> certificateNotValid(Scope scope) {
        List<Object> params = new ArrayList<>();
        String where = scope.where("b.code", "b.organisation_id", params);
        return jdbc.sql("""
                        select b.id, b.code, b.organisation_id, b.harvest_date, c.id, c.scheme, c.number,
                               c.valid_from, c.valid_to, c.state
                          from batch b join batch_certificate bc on bc.batch_id = b.id
                          join certificate c on c.id = bc.certificate_id
                         where (b.harvest_date < c.valid_from or b.harvest_date > c.valid_to or c.state <> 'ACTIVE')""" + where + " order by b.id, c.id")
                .params(params)
                .query((rs, i) -> {
                    Map<String, Object> evidence = new LinkedHashMap<>();
                    evidence.put("harvestDate", rs.getDate(4).toString());
                    evidence.put("certificate", rs.getLong(5));
                    evidence.put("scheme", rs.getString(6));
                    evidence.put("number", rs.getString(7));
                    evidence.put("validFrom", rs.getDate(8).toString());
                    evidence.put("validTo", rs.getDate(9).toString());
                    evidence.put("state", rs.getString(10));
                    return new Finding(
                            Finding.Kind.CERTIFICATE_NOT_VALID_FOR_BATCH,
                            Finding.Severity.HIGH,
                            rs.getString(2),
                            rs.getString(3),
                            "batch/" + rs.getLong(1),
                            "batch %d (harvested %s) claims %s certificate %s, %s from %s to %s"
                                    .formatted(
                                            rs.getLong(1),
                                            rs.getDate(4),
                                            rs.getString(6),
                                            rs.getString(7),
                                            rs.getString(10).toLowerCase(java.util.Locale.ROOT),
                                            rs.getDate(8),
                                            rs.getDate(9)),
                            evidence);
                })
                .list();
    }

    /** Batches harvested from a plot before a pesticide's pre-harvest interval there ran out. */
    List<Finding> preHarvestInterval(Scope scope) {
        List<Object> params = new ArrayList<>();
        String where = scope.where("b.code", "b.organisation_id", params);
        return jdbc.sql("""
                        select distinct on (b.id) b.id, b.code, b.organisation_id, b.harvest_date, d.plot_id,
                               d.product_name, d.entry_date, d.phi_days
                          from batch b join batch_plot bp on bp.batch_id = b.id
                          join diary_entry d on d.plot_id = bp.plot_id and d.operation = 'PESTICIDE'
                         where d.entry_date <= b.harvest_date and d.entry_date + d.phi_days > b.harvest_date""" + where + " order by b.id, d.entry_date")
                .params(params)
                .query((rs, i) -> {
                    LocalDate applied = rs.getDate(7).toLocalDate();
                    int phi = rs.getInt(8);
                    Map<String, Object> evidence = new LinkedHashMap<>();
                    evidence.put("harvestDate", rs.getDate(4).toString());
                    evidence.put("plot", rs.getString(5));
                    evidence.put("product", rs.getString(6));
                    evidence.put("applied", applied.toString());
                    evidence.put("phiDays", phi);
                    evidence.put("harvestAllowedFrom", applied.plusDays(phi).toString());
                    return new Finding(
                            Finding.Kind.PRE_HARVEST_INTERVAL,
                            Finding.Severity.HIGH,
                            rs.getString(2),
                            rs.getString(3),
                            "batch/" + rs.getLong(1),
                            "batch %d was harvested on %s from plot %s, sprayed with %s on %s: harvest allowed from %s"
                                    .formatted(
                                            rs.getLong(1),
                                            rs.getDate(4),
                                            rs.getString(5),
                                            rs.getString(6),
                                            applied,
                                            applied.plusDays(phi)),
                            evidence);
                })
                .list();
    }

    /**
     * Plots of different live codes that overlap by more than a square metre (the register refuses
     * this when a code is applied for; a plot redrawn or data imported later can still do it).
     * Polygons are indexed in an STR tree so a province is not compared pair by pair.
     */
    List<Finding> plotsOverlap(Scope scope) {
        record Live(String plot, String code, String organisation, Geometry shape) {}
        String live = "c.status in ('APPLIED', 'UNDER_INSPECTION', 'ISSUED', 'SUSPENDED')";
        List<Object> params = new ArrayList<>();
        String nearOwn = "";
        if (scope.code().isPresent() || scope.organisation().isPresent()) {
            // a code's or a cooperative's audit: only plots whose bounding box (V21, kept by the
            // database) meets one of theirs can overlap them, found through the box's GiST index
            nearOwn = """
                     and exists (select 1 from plot o
                                   join growing_area_code_plot ocp on ocp.plot_id = o.id
                                   join growing_area_code c on c.code = ocp.code
                                  where %s%s
                                    and box(point(o.min_lon, o.min_lat), point(o.max_lon, o.max_lat))
                                        && box(point(p.min_lon, p.min_lat), point(p.max_lon, p.max_lat)))""".formatted(live, scope.where("c.code", "c.organisation_id", params));
        }
        List<Live> shapes = jdbc.sql("""
                        select p.id, cp.code, c.organisation_id, p.geometry::text from plot p
                          join growing_area_code_plot cp on cp.plot_id = p.id
                          join growing_area_code c on c.code = cp.code""" + " where " + live + nearOwn + " order by p.id, cp.code")
                .params(params)
                .query((rs, i) -> new Live(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getString(3),
                        PlotGeometry.parse(json.readTree(rs.getString(4)))))
                .list();
        STRtree index = new STRtree();
        shapes.forEach(l -> index.insert(l.shape().getEnvelopeInternal(), l));
        List<Finding> found = new ArrayList<>();
        for (Live a : shapes) {
            if (!scope.code().map(a.code()::equals).orElse(true)
                    || !scope.organisation().map(a.organisation()::equals).orElse(true)) continue;
            @SuppressWarnings("unchecked")
            List<Live> near = index.query(a.shape().getEnvelopeInternal());
            for (Live b : near) {
                if (b.code().equals(a.code()) || !a.shape().intersects(b.shape())) continue;
                double m2 = PlotGeometry.areaSquareMetres(a.shape().intersection(b.shape()));
                if (m2 <= 1.0) continue;
                found.add(new Finding(
                        Finding.Kind.PLOTS_OVERLAP,
                        Finding.Severity.HIGH,
                        a.code(),
                        a.organisation(),
                        "plot/" + a.plot(),
                        "plot %s of code %s overlaps plot %s of code %s by %.0f m²"
                                .formatted(a.plot(), a.code(), b.plot(), b.code(), m2),
                        Map.of("otherPlot", b.plot(), "otherCode", b.code(), "overlapM2", Math.round(m2))));
            }
        }
        return found;
    }

    /** Active certificates ending within the window, one finding per certificate, for its holder. */
    List<Finding> certificatesExpiring(Scope scope, LocalDate today) {
        List<Object> params = new ArrayList<>(
                List.of(Date.valueOf(today), Date.valueOf(today.plus(props.certificateExpiryWindow()))));
        String where = scope.organisation()
                .map(o -> {
                    params.add(o);
                    return " and c.holder_id = ?";
                })
                .orElse("");
        if (scope.code().isPresent()) {
            where += " and c.holder_id = (select organisation_id from growing_area_code where code = ?)";
            params.add(scope.code().get());
        }
        return jdbc.sql("""
                        select c.id, c.holder_id, c.scheme, c.number, c.valid_to from certificate c
                         where c.state = 'ACTIVE' and c.valid_to >= ? and c.valid_to <= ?""" + where + " order by c.id")
                .params(params)
                .query((rs, i) -> new Finding(
                        Finding.Kind.CERTIFICATE_EXPIRING,
                        Finding.Severity.WATCH,
                        null,
                        rs.getString(2),
                        "certificate/" + rs.getLong(1),
                        "%s certificate %s of %s ends on %s"
                                .formatted(rs.getString(3), rs.getString(4), rs.getString(2), rs.getDate(5)),
                        Map.of(
                                "scheme",
                                rs.getString(3),
                                "number",
                                rs.getString(4),
                                "validTo",
                                rs.getDate(5).toString())))
                .list();
    }

    /**
     * Records whose stored content no longer gives their leaf, checked now. For a code: the records
     * about it and about its batches; for a cooperative: its records.
     */
    List<Finding> ledgerMismatches(Scope scope) {
        Map<Long, String> batchCodes = new HashMap<>();
        if (scope.code().isPresent()) {
            jdbc.sql("select record_id from batch where code = ?")
                    .param(scope.code().get())
                    .query(Long.class)
                    .list()
                    .forEach(id -> batchCodes.put(id, scope.code().get()));
        }
        List<Finding> found = new ArrayList<>();
        long after = 0;
        while (true) {
            List<StoredRecord> page = records.after(after, RECORD_PAGE);
            for (StoredRecord r : page) {
                boolean inScope = scope.code()
                                .map(c -> c.equals(r.subject()) || batchCodes.containsKey(r.id()))
                                .orElse(true)
                        && scope.organisation()
                                .map(o -> r.organisation().map(o::equals).orElse(false))
                                .orElse(true);
                if (!inScope) continue;
                RecordCheck check = RecordCheck.of(r);
                if (!check.mismatch()) continue;
                String code = batchCodes.getOrDefault(r.id(), r.kind().startsWith("code.") ? r.subject() : null);
                found.add(new Finding(
                        Finding.Kind.LEDGER_MISMATCH,
                        Finding.Severity.HIGH,
                        code,
                        r.organisation().orElse(null),
                        "record/" + r.id(),
                        "record %d (%s %s): %s"
                                .formatted(
                                        r.id(),
                                        r.kind(),
                                        r.subject(),
                                        check.reason().orElseThrow()),
                        Map.of("kind", r.kind(), "anchored", r.anchoring().isPresent())));
            }
            if (page.size() < RECORD_PAGE) return found;
            after = page.getLast().id();
        }
    }

    /** Lots flagged by scan signals. */
    List<Finding> clonedLabels(Scope scope) {
        List<Object> params = new ArrayList<>();
        String where = scope.where("b.code", "b.organisation_id", params);
        return jdbc.sql("""
                        select b.id, b.code, b.organisation_id, f.kind, f.day, f.detail from scan_flag f
                          join batch b on b.id = f.batch_id where true""" + where + " order by f.id")
                .params(params)
                .query((rs, i) -> new Finding(
                        Finding.Kind.POSSIBLE_CLONED_LABEL,
                        Finding.Severity.WATCH,
                        rs.getString(2),
                        rs.getString(3),
                        "batch/" + rs.getLong(1),
                        "batch %d: %s".formatted(rs.getLong(1), rs.getString(6)),
                        Map.of("flag", rs.getString(4), "day", rs.getDate(5).toString())))
                .list();
    }

    private static String plain(BigDecimal d) {
        return d.stripTrailingZeros().toPlainString();
    }
}

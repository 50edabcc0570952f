package vn.dongxanh.trace.province;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.util.UriComponentsBuilder;
import vn.dongxanh.contract.irrigation.PlotActivity;
import vn.dongxanh.trace.finding.Audit;
import vn.dongxanh.trace.finding.Finding;
import vn.dongxanh.trace.finding.FindingsProperties;
import vn.dongxanh.trace.finding.SensorEvidence;

/**
 * The figures the department reports for the province (docs/province-figures.md), counted now
 * from the register, certificates, products, batches and the audit; each with the API query that
 * lists the rows it counts where there is one.
 */
@Service
public class ProvinceFigures {
    private final JdbcClient jdbc;
    private final Audit audit;
    private final SensorEvidence sensors;
    private final FindingsProperties rules;
    private final ProvinceProperties props;

    public ProvinceFigures(
            JdbcClient jdbc, Audit audit, SensorEvidence sensors, FindingsProperties rules, ProvinceProperties props) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.sensors = sensors;
        this.rules = rules;
        this.props = props;
    }

    /**
     * The figures; {@code unchecked}: what could not be counted now and why (ingest-service not
     * answering: then {@code automaticIrrigation} is null and the sensor findings are missing).
     */
    public record Figures(
            LocalDate asOf,
            List<Codes> codes,
            List<CertifiedProducts> certifiedProducts,
            List<Findings> findings,
            List<Harvests> harvests,
            AutomaticIrrigation automaticIrrigation,
            List<Commune> communes,
            List<Season> seasons,
            List<Audit.Unchecked> unchecked) {}

    /**
     * A commune (as codes' applications name it; null: codes that name none): its issued codes and
     * their area, and the audit's findings on its codes now.
     */
    public record Commune(String commune, long issuedCodes, BigDecimal issuedAreaHa, long findings, String rows) {}

    /**
     * A crop season (docs/province-figures.md): the batches harvested in it and their tonnes, the
     * codes first issued in it, and the audit's findings now on its batches.
     */
    public record Season(
            String season,
            LocalDate from,
            LocalDate to,
            long batches,
            BigDecimal tonnes,
            long codesIssued,
            long findings) {}

    /**
     * Plots under automatic irrigation this season (the {@code season-days} up to today), by
     * cooperative: plots with a governing sensor and a valve registered at ingest-service whose
     * sensors reported on at least {@code working-share} of the season's days and whose gateway's
     * control started irrigation at least once. Hectares are the plots' surveyed areas here.
     */
    public record AutomaticIrrigation(
            LocalDate seasonFrom,
            LocalDate seasonTo,
            BigDecimal hectares,
            long plots,
            List<Cooperative> cooperatives) {}

    public record Cooperative(String cooperative, long plots, BigDecimal hectares, List<String> plotIds) {}

    /** Codes of one status and crop, their total area, and the register query listing them. */
    public record Codes(String status, String crop, long codes, BigDecimal areaHa, String rows) {}

    /**
     * Products certified under a scheme today (OCOP: by stars): named in an OCOP certificate in
     * force; VietGAP and GlobalG.A.P.: their owner holds a certificate in force covering their crop.
     */
    public record CertifiedProducts(String scheme, Integer stars, long products, List<String> gtins) {}

    public record Findings(String kind, String severity, long findings, String rows) {}

    /** Batches harvested in a month (the last twelve), and their tonnes. */
    public record Harvests(String month, long batches, BigDecimal tonnes) {}

    public Figures now(LocalDate today) {
        List<Audit.Unchecked> unchecked = new ArrayList<>();
        Audit.Result audited = audit.run(Audit.Scope.province(), today);
        unchecked.addAll(audited.unchecked());
        AutomaticIrrigation irrigation;
        LocalDate from = today.minusDays(rules.sensorEvidence().seasonDays() - 1L);
        try {
            irrigation = automaticIrrigation(sensors.activity(from, today), from, today);
        } catch (ResponseStatusException e) {
            irrigation = null;
            unchecked.add(new Audit.Unchecked(List.of(), "automatic irrigation not counted: " + e.getReason()));
        }
        return new Figures(
                today,
                codes(),
                certifiedProducts(today),
                findings(audited.findings()),
                harvests(today),
                irrigation,
                communes(audited.findings()),
                seasons(audited.findings(), today),
                unchecked);
    }

    List<Commune> communes(List<Finding> found) {
        Map<String, String> communeOf = new HashMap<>();
        Map<String, long[]> issued = new TreeMap<>(java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder()));
        Map<String, BigDecimal> area = new HashMap<>();
        jdbc.sql("select code, commune, status, area_ha from growing_area_code").query(rs -> {
            String commune = rs.getString(2);
            communeOf.put(rs.getString(1), commune == null ? "" : commune);
            long[] n = issued.computeIfAbsent(commune, k -> new long[2]);
            if (rs.getString(3).equals("ISSUED")) {
                n[0]++;
                area.merge(commune == null ? "" : commune, rs.getBigDecimal(4), BigDecimal::add);
            }
        });
        for (Finding f : found) {
            if (f.code() == null || !communeOf.containsKey(f.code())) continue;
            String c = communeOf.get(f.code());
            issued.get(c.isEmpty() ? null : c)[1]++;
        }
        List<Commune> out = new ArrayList<>();
        issued.forEach((commune, n) -> out.add(new Commune(
                commune,
                n[0],
                area.getOrDefault(commune == null ? "" : commune, BigDecimal.ZERO)
                        .stripTrailingZeros(),
                n[1],
                commune == null
                        ? null
                        : UriComponentsBuilder.fromPath("/api/codes")
                                .queryParam("commune", commune)
                                .queryParam("status", "ISSUED")
                                .encode()
                                .toUriString())));
        return out;
    }

    List<Season> seasons(List<Finding> found, LocalDate today) {
        List<ProvinceProperties.Span> spans = props.lastSeasons(today);
        List<Long> findingBatches = found.stream()
                .filter(f -> f.subject().startsWith("batch/"))
                .map(f -> Long.parseLong(f.subject().substring(6)))
                .toList();
        Map<Long, LocalDate> harvestOf = new HashMap<>();
        if (!findingBatches.isEmpty()) {
            jdbc.sql("select id, harvest_date from batch where id = any(?)")
                    .param(findingBatches.toArray(Long[]::new))
                    .query(rs -> {
                        harvestOf.put(rs.getLong(1), rs.getDate(2).toLocalDate());
                    });
        }
        List<Season> out = new ArrayList<>();
        for (ProvinceProperties.Span span : spans) {
            Date from = Date.valueOf(span.from()), to = Date.valueOf(span.to());
            var harvested = jdbc.sql("""
                            select count(*), coalesce(sum(quantity_kg), 0) / 1000 from batch
                             where harvest_date >= ? and harvest_date <= ?""")
                    .params(from, to)
                    .query((rs, i) -> Map.entry(rs.getLong(1), rs.getBigDecimal(2)))
                    .single();
            long issued = jdbc.sql("""
                            select count(*) from (select code, min(effective_date) as first_issued
                                                    from growing_area_code_event where to_status = 'ISSUED'
                                                   group by code) i
                             where first_issued >= ? and first_issued <= ?""").params(from, to).query(Long.class).single();
            long findings = found.stream()
                    .filter(f -> f.subject().startsWith("batch/"))
                    .map(f -> harvestOf.get(Long.parseLong(f.subject().substring(6))))
                    .filter(d -> d != null && !d.isBefore(span.from()) && !d.isAfter(span.to()))
                    .count();
            out.add(new Season(
                    span.name() + " " + span.from().getYear()
                            + (span.to().getYear() != span.from().getYear()
                                    ? "–" + span.to().getYear()
                                    : ""),
                    span.from(),
                    span.to(),
                    harvested.getKey(),
                    harvested.getValue().stripTrailingZeros(),
                    issued,
                    findings));
        }
        return out;
    }

    AutomaticIrrigation automaticIrrigation(PlotActivity activity, LocalDate from, LocalDate to) {
        BigDecimal share = rules.sensorEvidence().workingShare();
        Map<String, PlotActivity.Plot> working = new HashMap<>();
        for (PlotActivity.Plot p : activity.plots()) {
            if (p.sensors() == 0 || p.valves() == 0) continue;
            PlotActivity.Days d = activity.between(p, from, to);
            boolean reported =
                    BigDecimal.valueOf(d.reported()).compareTo(share.multiply(BigDecimal.valueOf(d.days()))) >= 0;
            if (reported && d.automatic() > 0) working.put(p.plot(), p);
        }
        Map<String, List<Map.Entry<String, BigDecimal>>> byCooperative = new TreeMap<>();
        if (!working.isEmpty()) {
            jdbc.sql("select id, organisation_id, area_ha from plot where id = any(?) order by id")
                    .param(working.keySet().toArray(String[]::new))
                    .query((rs, i) -> Map.entry(rs.getString(2), Map.entry(rs.getString(1), rs.getBigDecimal(3))))
                    .list()
                    .forEach(e -> byCooperative
                            .computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                            .add(e.getValue()));
        }
        List<Cooperative> cooperatives = new ArrayList<>();
        BigDecimal total = BigDecimal.ZERO;
        long plots = 0;
        for (var e : byCooperative.entrySet()) {
            BigDecimal ha = e.getValue().stream().map(Map.Entry::getValue).reduce(BigDecimal.ZERO, BigDecimal::add);
            cooperatives.add(new Cooperative(
                    e.getKey(),
                    e.getValue().size(),
                    ha.stripTrailingZeros(),
                    e.getValue().stream().map(Map.Entry::getKey).toList()));
            total = total.add(ha);
            plots += e.getValue().size();
        }
        return new AutomaticIrrigation(from, to, total.stripTrailingZeros(), plots, cooperatives);
    }

    List<Codes> codes() {
        return jdbc.sql("""
                        select status, crop, count(*), sum(area_ha) from growing_area_code
                         group by status, crop order by status, crop""")
                .query((rs, i) -> new Codes(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getLong(3),
                        rs.getBigDecimal(4).stripTrailingZeros(),
                        UriComponentsBuilder.fromPath("/api/codes")
                                .queryParam("status", rs.getString(1))
                                .queryParam("crop", rs.getString(2))
                                .toUriString()))
                .list();
    }

    List<CertifiedProducts> certifiedProducts(LocalDate today) {
        Date d = Date.valueOf(today);
        List<CertifiedProducts> out = new ArrayList<>();
        Map<String, List<String>> gapByScheme = new TreeMap<>();
        jdbc.sql("""
                        select distinct c.scheme, p.gtin from certificate c
                          join certificate_scope s on s.certificate_id = c.id and s.kind = 'CROP'
                          join product p on p.owner_id = c.holder_id and p.crop = s.value
                         where c.scheme in ('VIETGAP', 'GLOBALGAP') and c.state = 'ACTIVE'
                           and c.valid_from <= ? and c.valid_to >= ?
                         order by c.scheme, p.gtin""")
                .params(d, d)
                .query((rs, i) -> Map.entry(rs.getString(1), rs.getString(2)))
                .list()
                .forEach(e -> gapByScheme
                        .computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                        .add(e.getValue()));
        gapByScheme.forEach((scheme, gtins) -> out.add(new CertifiedProducts(scheme, null, gtins.size(), gtins)));
        Map<Integer, List<String>> ocopByStars = new TreeMap<>();
        // a product named in several OCOP decisions counts under its highest rating
        jdbc.sql("""
                        select s.value, max(c.stars) from certificate c
                          join certificate_scope s on s.certificate_id = c.id and s.kind = 'PRODUCT'
                         where c.scheme = 'OCOP' and c.state = 'ACTIVE' and c.valid_from <= ? and c.valid_to >= ?
                         group by s.value order by s.value""")
                .params(d, d)
                .query((rs, i) -> Map.entry(rs.getInt(2), rs.getString(1)))
                .list()
                .forEach(e -> ocopByStars
                        .computeIfAbsent(e.getKey(), k -> new ArrayList<>())
                        .add(e.getValue()));
        ocopByStars.forEach((stars, gtins) -> out.add(new CertifiedProducts("OCOP", stars, gtins.size(), gtins)));
        return out;
    }

    List<Findings> findings(List<Finding> found) {
        Map<String, Long> counts = new TreeMap<>();
        for (Finding f : found) {
            counts.merge(f.kind().name() + "|" + f.severity().name(), 1L, Long::sum);
        }
        List<Findings> out = new ArrayList<>();
        counts.forEach((key, n) -> {
            String[] kindAndSeverity = key.split("\\|");
            out.add(new Findings(
                    kindAndSeverity[0],
                    kindAndSeverity[1],
                    n,
                    UriComponentsBuilder.fromPath("/api/findings")
                            .queryParam("kind", kindAndSeverity[0])
                            .toUriString()));
        });
        return out;
    }

    List<Harvests> harvests(LocalDate today) {
        LocalDate from = today.withDayOfMonth(1).minusMonths(11);
        return jdbc.sql("""
                        select to_char(harvest_date, 'YYYY-MM'), count(*), sum(quantity_kg) / 1000 from batch
                         where harvest_date >= ? and harvest_date <= ? group by 1 order by 1""")
                .params(Date.valueOf(from), Date.valueOf(today))
                .query((rs, i) -> new Harvests(
                        rs.getString(1), rs.getLong(2), rs.getBigDecimal(3).stripTrailingZeros()))
                .list();
    }
}

package vn.dongxanh.trace.batch;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import vn.dongxanh.trace.certificate.Certificate;
import vn.dongxanh.trace.certificate.CertificateService;
import vn.dongxanh.trace.certificate.Scheme;
import vn.dongxanh.trace.diary.DiaryService;
import vn.dongxanh.trace.epcis.EpcisEvents;
import vn.dongxanh.trace.epcis.EpcisService;
import vn.dongxanh.trace.growingarea.CodeRegister;
import vn.dongxanh.trace.growingarea.CodeStatus;
import vn.dongxanh.trace.growingarea.GrowingAreaCode;
import vn.dongxanh.trace.growingarea.GrowingAreaProperties;
import vn.dongxanh.trace.growingarea.Plot;
import vn.dongxanh.trace.growingarea.PlotGeometry;
import vn.dongxanh.trace.growingarea.PlotService;
import vn.dongxanh.trace.gs1.Gs1;
import vn.dongxanh.trace.record.RecordStore;
import vn.dongxanh.trace.security.Actor;
import vn.dongxanh.trace.web.PublicProperties;
import vn.dongxanh.trace.web.Refusal;

/**
 * Creates harvest batches, refusing those the records do not back: the code was not ISSUED on the
 * harvest date, a claimed certificate was not in force or does not cover the batch, or a
 * pesticide's pre-harvest interval on one of the plots had not run out (DOMAIN.md §3–§5).
 */
@Service
public class BatchService {
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final CodeRegister codes;
    private final PlotService plots;
    private final CertificateService certificates;
    private final DiaryService diary;
    private final RecordStore records;
    private final BatchProperties props;
    private final EpcisService epcis;
    private final PublicProperties web;
    private final GrowingAreaProperties areas;

    public BatchService(
            JdbcClient jdbc,
            JsonMapper json,
            CodeRegister codes,
            PlotService plots,
            CertificateService certificates,
            DiaryService diary,
            RecordStore records,
            BatchProperties props,
            EpcisService epcis,
            PublicProperties web,
            GrowingAreaProperties areas) {
        this.epcis = epcis;
        this.web = web;
        this.areas = areas;
        this.jdbc = jdbc;
        this.json = json;
        this.codes = codes;
        this.plots = plots;
        this.certificates = certificates;
        this.diary = diary;
        this.records = records;
        this.props = props;
    }

    /**
     * A batch as the cooperative declares it; no plots = every plot of the code. {@code publish}
     * false: a draft, whose story stays private until it is published (default true: a batch is
     * published when it is created and labelled).
     */
    public record NewBatch(
            String gtin,
            String lot,
            String code,
            List<String> plotIds,
            LocalDate harvestDate,
            BigDecimal quantityKg,
            List<Long> certificateIds,
            Boolean publish) {}

    @Transactional
    public Batch create(Actor actor, NewBatch b) {
        String org = actor.organisation().orElseThrow(() -> Refusal.forbidden("a cooperative creates batches"));
        if (b.harvestDate() == null || b.quantityKg() == null || b.quantityKg().signum() <= 0) {
            throw Refusal.badRequest("harvestDate and a positive quantityKg are required");
        }
        if (b.harvestDate().isAfter(codes.today())) {
            throw Refusal.rule("harvest-date", "harvest date " + b.harvestDate() + " is in the future");
        }
        String gtin;
        try {
            gtin = Gs1.gtin14(b.gtin());
        } catch (IllegalArgumentException e) {
            throw Refusal.rule("gtin", e.getMessage());
        }
        Map<String, Object> product =
                jdbc.sql("select owner_id, crop from product where gtin = ?").param(gtin).query().listOfRows().stream()
                        .findFirst()
                        .orElseThrow(() -> Refusal.rule("unknown-product", "GTIN " + gtin + " is not registered"));
        if (!org.equals(product.get("owner_id"))) {
            throw Refusal.rule("product-not-owned", "GTIN " + gtin + " belongs to " + product.get("owner_id"));
        }
        if (b.lot() == null || !props.lotPattern().matcher(b.lot()).matches()) {
            throw Refusal.rule(
                    "lot-format",
                    "lot '" + b.lot() + "' is not of the form "
                            + props.lotPattern().pattern());
        }

        GrowingAreaCode code = codes.find(b.code() == null ? "" : b.code())
                .orElseThrow(() -> Refusal.rule("unknown-code", "no growing-area code " + b.code()));
        if (!code.organisationId().equals(org)) {
            throw Refusal.rule("code-not-owned", "code " + code.code() + " belongs to " + code.organisationId());
        }
        Optional<CodeStatus> onHarvest = codes.statusOn(code.code(), b.harvestDate());
        if (onHarvest.orElse(null) != CodeStatus.ISSUED) {
            throw Refusal.rule(
                    "code-not-issued",
                    "code " + code.code() + " was "
                            + onHarvest.map(Enum::name).orElse("not yet applied for") + " on the harvest date "
                            + b.harvestDate() + "; a batch needs it ISSUED");
        }
        if (!code.crop().equals(product.get("crop"))) {
            throw Refusal.rule(
                    "crop-mismatch",
                    "code " + code.code() + " is for " + code.crop() + ", GTIN " + gtin + " is " + product.get("crop"));
        }
        List<String> codePlots =
                plots.ofCode(code.code()).stream().map(Plot::id).toList();
        List<String> batchPlots = b.plotIds() == null || b.plotIds().isEmpty()
                ? codePlots
                : b.plotIds().stream().distinct().toList();
        for (String plot : batchPlots) {
            if (!codePlots.contains(plot)) {
                throw Refusal.rule("plot-not-in-code", "plot " + plot + " is not a plot of code " + code.code());
            }
        }

        List<Long> claimed = b.certificateIds() == null
                ? List.of()
                : b.certificateIds().stream().distinct().toList();
        for (long id : claimed) {
            Certificate c = certificates
                    .find(id)
                    .orElseThrow(() -> Refusal.rule("unknown-certificate", "no certificate " + id));
            checkCertificate(c, org, gtin, code.crop(), batchPlots, b.harvestDate());
        }

        List<DiaryService.Application> unexpired = diary.unexpiredOn(batchPlots, b.harvestDate());
        if (!unexpired.isEmpty()) {
            DiaryService.Application a = unexpired.getFirst();
            throw Refusal.rule(
                    "pre-harvest-interval",
                    "plot " + a.plotId() + ": " + a.productName()
                            + (a.activeIngredients() == null ? "" : " (" + a.activeIngredients() + ")") + " applied on "
                            + a.date() + " with a pre-harvest interval of " + a.phiDays()
                            + " days; harvest allowed from "
                            + a.harvestAllowedFrom() + ", not " + b.harvestDate()
                            + (unexpired.size() > 1 ? " (and " + (unexpired.size() - 1) + " more)" : ""));
        }

        ObjectNode body = json.createObjectNode();
        body.put("gtin", gtin);
        body.put("lot", b.lot());
        body.put("code", code.code());
        body.put("organisation", org);
        body.put("harvestDate", b.harvestDate().toString());
        body.put("quantityKg", b.quantityKg());
        body.set("plots", json.valueToTree(batchPlots));
        body.set("certificates", json.valueToTree(claimed));
        long recordId = records.append("batch", gtin + "/" + b.lot(), org, body).id();
        long id;
        try {
            id = jdbc.sql("""
                            insert into batch (gtin, lot, code, organisation_id, harvest_date, quantity_kg, record_id,
                                               published_at)
                            values (?, ?, ?, ?, ?, ?, ?, case when ? then now() end) returning id
                            """)
                    .params(
                            gtin,
                            b.lot(),
                            code.code(),
                            org,
                            Date.valueOf(b.harvestDate()),
                            b.quantityKg(),
                            recordId,
                            !Boolean.FALSE.equals(b.publish()))
                    .query(Long.class)
                    .single();
        } catch (DuplicateKeyException e) {
            throw Refusal.conflict("duplicate", "lot " + b.lot() + " of GTIN " + gtin + " exists");
        }
        for (String plot : batchPlots) {
            jdbc.sql("insert into batch_plot (batch_id, plot_id) values (?, ?)")
                    .params(id, plot)
                    .update();
        }
        for (long c : claimed) {
            jdbc.sql("insert into batch_certificate (batch_id, certificate_id) values (?, ?)")
                    .params(id, c)
                    .update();
        }
        captureHarvest(actor, gtin, b, code.code(), batchPlots, claimed);
        return find(id).orElseThrow();
    }

    /** The harvest as an EPCIS ObjectEvent ADD commissioning at the growing area (DOMAIN.md §8). */
    private void captureHarvest(
            Actor actor, String gtin, NewBatch b, String code, List<String> batchPlots, List<Long> certificates) {
        Geometry area = plots.byIds(batchPlots).stream()
                .map(p -> (Geometry) PlotGeometry.parse(p.geometry()))
                .reduce(Geometry::union)
                .orElseThrow();
        Point centre = area.getCentroid();
        String location = String.format(Locale.ROOT, "geo:%.6f,%.6f", centre.getY(), centre.getX());
        ZonedDateTime start = b.harvestDate().atStartOfDay(areas.zone());
        EpcisEvents events = epcis.events();
        ObjectNode harvest = events.harvest(
                start.toInstant(),
                start.getOffset(),
                new EpcisEvents.Quantity(events.lgtin(gtin, b.lot()), b.quantityKg()),
                location,
                code,
                certificates.stream()
                        .map(c -> web.publicUrl() + "/api/certificates/" + c)
                        .toList());
        epcis.captureGenerated(actor.name(), actor.organisation().orElse(null), harvest);
    }

    private static void checkCertificate(
            Certificate c, String org, String gtin, String crop, List<String> batchPlots, LocalDate harvest) {
        String name = c.scheme() + " " + c.number();
        if (!c.validOn(harvest)) {
            throw Refusal.rule(
                    "certificate-not-valid",
                    name + " was not in force on the harvest date " + harvest
                            + " ("
                            + (c.state().equals("ACTIVE") ? "valid " + c.validFrom() + " to " + c.validTo() : c.state())
                            + ")");
        }
        if (!c.holderId().equals(org)) {
            throw Refusal.rule("certificate-scope", name + " is held by " + c.holderId() + ", not " + org);
        }
        if (c.scheme() == Scheme.OCOP) {
            if (!c.products().contains(gtin)) {
                throw Refusal.rule("certificate-scope", name + " does not cover product " + gtin);
            }
            return;
        }
        if (!c.crops().contains(crop)) {
            throw Refusal.rule("certificate-scope", name + " covers " + c.crops() + ", not " + crop);
        }
        if (!c.plots().isEmpty()) {
            for (String plot : batchPlots) {
                if (!c.plots().contains(plot)) {
                    throw Refusal.rule("certificate-scope", name + " does not cover plot " + plot);
                }
            }
        }
    }

    /** Publishes a draft batch: its story becomes public. Publishing a published batch changes nothing. */
    @Transactional
    public Batch publish(long id) {
        jdbc.sql("update batch set published_at = now() where id = ? and published_at is null")
                .param(id)
                .update();
        return find(id).orElseThrow(() -> Refusal.notFound("no batch " + id));
    }

    public Optional<Batch> find(long id) {
        return jdbc.sql("select * from batch where id = ?")
                .param(id)
                .query((rs, i) -> map(rs))
                .optional();
    }

    public Optional<Batch> find(String gtin14, String lot) {
        return jdbc.sql("select * from batch where gtin = ? and lot = ?")
                .params(gtin14, lot)
                .query((rs, i) -> map(rs))
                .optional();
    }

    private Batch map(java.sql.ResultSet rs) throws java.sql.SQLException {
        long id = rs.getLong("id");
        return new Batch(
                id,
                rs.getString("gtin"),
                rs.getString("lot"),
                rs.getString("code"),
                rs.getString("organisation_id"),
                rs.getDate("harvest_date").toLocalDate(),
                rs.getBigDecimal("quantity_kg"),
                jdbc.sql("select plot_id from batch_plot where batch_id = ? order by plot_id")
                        .param(id)
                        .query(String.class)
                        .list(),
                jdbc.sql("select certificate_id from batch_certificate where batch_id = ? order by certificate_id")
                        .param(id)
                        .query(Long.class)
                        .list(),
                rs.getLong("record_id"),
                rs.getTimestamp("published_at") != null);
    }
}

package vn.dongxanh.trace.batch;

import java.math.BigDecimal;
import java.sql.Date;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Point;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import vn.dongxanh.trace.epcis.EpcisEvents;
import vn.dongxanh.trace.epcis.EpcisService;
import vn.dongxanh.trace.epcis.HarvestSensors;
import vn.dongxanh.trace.growingarea.GrowingAreaCode;
import vn.dongxanh.trace.growingarea.GrowingAreaProperties;
import vn.dongxanh.trace.growingarea.PlotGeometry;
import vn.dongxanh.trace.growingarea.PlotService;
import vn.dongxanh.trace.organisation.OrganisationRecords;
import vn.dongxanh.trace.product.ProductRecords;
import vn.dongxanh.trace.record.RecordStore;
import vn.dongxanh.trace.security.Actor;
import vn.dongxanh.trace.web.PublicProperties;
import vn.dongxanh.trace.web.Refusal;

/**
 * Creates harvest batches, refusing those the records do not back ({@link BatchChecks}: the code
 * was not ISSUED on the harvest date, a claimed certificate was not in force or does not cover the
 * batch, or a pesticide's pre-harvest interval on one of the plots had not run out).
 */
@Service
public class BatchService {
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final PlotService plots;
    private final RecordStore records;
    private final EpcisService epcis;
    private final PublicProperties web;
    private final GrowingAreaProperties areas;
    private final BatchChecks checks;
    private final ProductRecords productRecords;
    private final OrganisationRecords organisationRecords;
    private final HarvestSensors sensors;

    public BatchService(
            JdbcClient jdbc,
            JsonMapper json,
            PlotService plots,
            RecordStore records,
            EpcisService epcis,
            PublicProperties web,
            GrowingAreaProperties areas,
            BatchChecks checks,
            ProductRecords productRecords,
            OrganisationRecords organisationRecords,
            HarvestSensors sensors) {
        this.checks = checks;
        this.productRecords = productRecords;
        this.organisationRecords = organisationRecords;
        this.sensors = sensors;
        this.epcis = epcis;
        this.web = web;
        this.areas = areas;
        this.jdbc = jdbc;
        this.json = json;
        this.plots = plots;
        this.records = records;
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

    /** The checks creation applies, without creating anything (the preview before a batch is declared). */
    public BatchChecks.Evaluation check(Actor actor, NewBatch b) {
        String org = actor.organisation().orElseThrow(() -> Refusal.forbidden("a cooperative creates batches"));
        return checks.evaluate(org, b);
    }

    @Transactional
    public Batch create(Actor actor, NewBatch b) {
        String org = actor.organisation().orElseThrow(() -> Refusal.forbidden("a cooperative creates batches"));
        BatchChecks.Evaluation checked = checks.evaluate(org, b);
        checked.firstFailure().ifPresent(failed -> {
            throw BatchChecks.refusal(failed);
        });
        String gtin = checked.gtin14();
        GrowingAreaCode code = checked.code();
        List<String> batchPlots = checked.plots();
        List<Long> claimed = checked.certificates();

        ObjectNode body = json.createObjectNode();
        body.put("gtin", gtin);
        body.put("lot", b.lot());
        body.put("code", code.code());
        body.put("organisation", org);
        body.put("harvestDate", b.harvestDate().toString());
        // a decimal string: canonical JSON would print a number as an IEEE double (docs/record-format.md)
        body.put("quantityKg", b.quantityKg().stripTrailingZeros().toPlainString());
        body.set("plots", json.valueToTree(batchPlots));
        body.set("certificates", json.valueToTree(claimed));
        long recordId = records.append("batch", gtin + "/" + b.lot(), org, body).id();
        // what the lot's page tells about its product and organisations is anchored too: made
        // now for those registered before they were records (docs/lot-story.md)
        productRecords.ensureRecorded(gtin);
        organisationRecords.ensureRecorded(org);
        for (long c : claimed) {
            organisationRecords.ensureRecorded(jdbc.sql("select issuer_id from certificate where id = ?")
                    .param(c)
                    .query(String.class)
                    .single());
        }
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
                        .toList(),
                sensors.elements(batchPlots, b.harvestDate()));
        epcis.captureGenerated(actor.name(), actor.organisation().orElse(null), harvest);
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
                .query((rs, i) -> row(rs))
                .optional()
                .map(this::withPlotsAndCertificates);
    }

    /** An organisation's batches, the newest harvest first, {@code limit} of them after the first {@code offset}. */
    public List<Batch> ofOrganisation(String organisationId, int limit, int offset) {
        return jdbc
                .sql("select * from batch where organisation_id = ? order by harvest_date desc, id desc"
                        + " limit ? offset ?")
                .params(organisationId, limit, offset)
                .query((rs, i) -> row(rs))
                .list()
                .stream()
                .map(this::withPlotsAndCertificates)
                .toList();
    }

    /** A code's batches, drafts too, the newest harvest first. */
    public List<Batch> ofCode(String code, int limit, int offset) {
        return jdbc
                .sql("select * from batch where code = ? order by harvest_date desc, id desc limit ? offset ?")
                .params(code, limit, offset)
                .query((rs, i) -> row(rs))
                .list()
                .stream()
                .map(this::withPlotsAndCertificates)
                .toList();
    }

    public Optional<Batch> find(String gtin14, String lot) {
        return jdbc.sql("select * from batch where gtin = ? and lot = ?")
                .params(gtin14, lot)
                .query((rs, i) -> row(rs))
                .optional()
                .map(this::withPlotsAndCertificates);
    }

    /**
     * The batch row alone. Its plots and certificates are read after the row's result set is closed:
     * a query from inside a row mapper takes a second pooled connection while the first is held, and
     * as many concurrent readers as the pool has connections then wait on each other until the pool's
     * timeout (seen as every QR scan failing at 16 concurrent clients in bench/run buyer).
     */
    private Batch row(java.sql.ResultSet rs) throws java.sql.SQLException {
        return new Batch(
                rs.getLong("id"),
                rs.getString("gtin"),
                rs.getString("lot"),
                rs.getString("code"),
                rs.getString("organisation_id"),
                rs.getDate("harvest_date").toLocalDate(),
                rs.getBigDecimal("quantity_kg"),
                List.of(),
                List.of(),
                rs.getLong("record_id"),
                rs.getTimestamp("published_at") != null);
    }

    private Batch withPlotsAndCertificates(Batch b) {
        return new Batch(
                b.id(),
                b.gtin(),
                b.lot(),
                b.code(),
                b.organisationId(),
                b.harvestDate(),
                b.quantityKg(),
                jdbc.sql("select plot_id from batch_plot where batch_id = ? order by plot_id")
                        .param(b.id())
                        .query(String.class)
                        .list(),
                jdbc.sql("select certificate_id from batch_certificate where batch_id = ? order by certificate_id")
                        .param(b.id())
                        .query(Long.class)
                        .list(),
                b.recordId(),
                b.published());
    }
}

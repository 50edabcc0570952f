package vn.dongxanh.trace.listing;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import vn.dongxanh.trace.certificate.Certificate;
import vn.dongxanh.trace.certificate.CertificateProperties;
import vn.dongxanh.trace.certificate.Scheme;
import vn.dongxanh.trace.epcis.EpcisProperties;
import vn.dongxanh.trace.growingarea.GrowingAreaProperties;
import vn.dongxanh.trace.web.PublicProperties;

/**
 * The live lots of the province or of one cooperative, a page at a time in batch-id order (keyset
 * paging: a page costs the same however deep it is, and lots published meanwhile appear at the
 * end rather than shifting pages). A lot is live when its batch is published and no EPCIS event
 * of the lot carries a disposition that ends it ({@link ListingProperties#endedDispositions()}:
 * recalled, expired, destroyed, disposed). Drafts, recalled lots and everything else stay out.
 */
@Component
public class ListingFeed {
    private final JdbcClient jdbc;
    private final PublicProperties web;
    private final String identifierBase;
    private final CertificateProperties certificateProps;
    private final GrowingAreaProperties areas;
    private final Clock clock;
    private final String endedPattern;

    public ListingFeed(
            JdbcClient jdbc,
            PublicProperties web,
            EpcisProperties epcis,
            CertificateProperties certificateProps,
            GrowingAreaProperties areas,
            ListingProperties props,
            Clock clock) {
        this.jdbc = jdbc;
        this.web = web;
        // the lot's EPC class as EPCIS events name it, {base}/01/{gtin14}/10/{lot} (EpcisEvents.lgtin)
        this.identifierBase = epcis.identifierBase().replaceAll("/+$", "");
        this.certificateProps = certificateProps;
        this.areas = areas;
        this.clock = clock;
        // the disposition in JSON ("disposition": "…recalled") or XML (<disposition>…recalled</disposition>),
        // bare or as a CBV URI/CURIE (cbv:Disp-recalled, https://ref.gs1.org/cbv/Disp-recalled)
        this.endedPattern =
                "disposition(\"\\s*:\\s*\"|>)([^\"<]*[/:-])?(" + String.join("|", props.endedDispositions()) + ")[\"<]";
    }

    /** A page of lots, and the cursor of the next page when there are more. */
    public record Page(List<ListedLot> lots, OptionalLong next) {}

    /** The day certificate statuses are computed for, in the platform's zone. */
    public LocalDate today() {
        return LocalDate.now(clock.withZone(areas.zone()));
    }

    /** Whether a cooperative has a feed: it exists and has published a batch (else its id tells nothing). */
    public Optional<String> cooperativeName(String id) {
        return jdbc.sql("""
                        select o.name from organisation o
                         where o.id = ? and o.kind = 'COOPERATIVE'
                           and exists (select 1 from batch b where b.organisation_id = o.id and b.published_at is not null)
                        """).param(id).query(String.class).optional();
    }

    /**
     * Up to {@code limit} live lots with a batch id above {@code after}, of one cooperative or of
     * all (empty).
     */
    public Page page(Optional<String> cooperative, long after, int limit) {
        List<Row> rows = jdbc.sql("""
                        select b.id, b.gtin, b.lot, b.code, g.status as code_status, b.organisation_id,
                               o.name as cooperative_name, p.name as product_name, p.crop, b.harvest_date, b.quantity_kg
                          from batch b
                          join product p on p.gtin = b.gtin
                          join organisation o on o.id = b.organisation_id
                          join growing_area_code g on g.code = b.code
                         where b.published_at is not null
                           and b.id > :after
                           and (cast(:cooperative as text) is null or b.organisation_id = :cooperative)
                           and not exists (
                                 select 1 from epcis_event_epc x join epcis_event e on e.id = x.event_id
                                  where x.epc = :base || '/01/' || b.gtin || '/10/' || b.lot
                                    and e.body ~ :ended)
                         order by b.id
                         limit :probe
                        """)
                .param("after", after)
                .param("cooperative", cooperative.orElse(null))
                .param("base", identifierBase)
                .param("ended", endedPattern)
                .param("probe", limit + 1)
                .query((rs, n) -> new Row(
                        rs.getLong("id"),
                        rs.getString("gtin"),
                        rs.getString("lot"),
                        rs.getString("code"),
                        rs.getString("code_status"),
                        rs.getString("organisation_id"),
                        rs.getString("cooperative_name"),
                        rs.getString("product_name"),
                        rs.getString("crop"),
                        rs.getObject("harvest_date", LocalDate.class),
                        rs.getBigDecimal("quantity_kg")))
                .list();
        boolean more = rows.size() > limit;
        List<Row> page = more ? rows.subList(0, limit) : rows;
        Map<Long, List<ListedLot.Certification>> certs = certificates(page);
        List<ListedLot> lots = page.stream()
                .map(r -> new ListedLot(
                        r.id,
                        r.gtin,
                        r.lot,
                        web.digitalLink(r.gtin, r.lot),
                        r.productName,
                        r.crop,
                        r.cooperativeId,
                        r.cooperativeName,
                        r.code,
                        r.codeStatus,
                        r.harvestDate,
                        r.quantityKg,
                        certs.getOrDefault(r.id, List.of())))
                .toList();
        return new Page(lots, more ? OptionalLong.of(page.getLast().id) : OptionalLong.empty());
    }

    private record Row(
            long id,
            String gtin,
            String lot,
            String code,
            String codeStatus,
            String cooperativeId,
            String cooperativeName,
            String productName,
            String crop,
            LocalDate harvestDate,
            java.math.BigDecimal quantityKg) {}

    /** The claimed certificates of the page's batches, in one query. */
    private Map<Long, List<ListedLot.Certification>> certificates(List<Row> page) {
        Map<Long, List<ListedLot.Certification>> byBatch = new LinkedHashMap<>();
        if (page.isEmpty()) return byBatch;
        LocalDate today = today();
        Long[] ids = page.stream().map(Row::id).toArray(Long[]::new);
        jdbc.sql("""
                        select bc.batch_id, c.id, c.scheme, c.number, c.stars, c.valid_from, c.valid_to, c.state,
                               coalesce(c.issuer_name, o.name) as issuer, c.holder_id, c.issuer_id, c.record_id
                          from batch_certificate bc
                          join certificate c on c.id = bc.certificate_id
                          join organisation o on o.id = c.issuer_id
                         where bc.batch_id = any(?)
                         order by bc.batch_id, c.scheme, c.id
                        """).param((Object) ids).query(rs -> {
            Integer stars = (Integer) rs.getObject("stars");
            // the certificate's own rule for its status (suspended and withdrawn win)
            Certificate c = new Certificate(
                    rs.getLong("id"),
                    Scheme.valueOf(rs.getString("scheme")),
                    rs.getString("number"),
                    Optional.empty(),
                    rs.getString("holder_id"),
                    rs.getString("issuer_id"),
                    Optional.empty(),
                    Optional.ofNullable(stars),
                    rs.getObject("valid_from", LocalDate.class),
                    rs.getObject("valid_to", LocalDate.class),
                    rs.getString("state"),
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of(),
                    rs.getLong("record_id"));
            byBatch.computeIfAbsent(rs.getLong("batch_id"), k -> new ArrayList<>())
                    .add(new ListedLot.Certification(
                            c.scheme().name(),
                            c.number(),
                            c.stars(),
                            c.validFrom(),
                            c.validTo(),
                            c.statusOn(today, certificateProps.expiringDays()),
                            rs.getString("issuer")));
        });
        return byBatch;
    }
}

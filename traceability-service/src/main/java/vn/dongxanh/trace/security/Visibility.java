package vn.dongxanh.trace.security;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import vn.dongxanh.trace.epcis.EpcisProperties;

/**
 * What the tables say about a resource for access decisions: which organisations own it, and
 * whether it belongs to the story of a published batch (then anyone may read it). A batch is
 * published when {@code batch.published_at} is set: at its creation unless it was created as a
 * draft ({@code "publish": false}), else when its cooperative publishes it. Its story is the
 * batch, its product, its growing-area code and that code's history, the certificates it claims
 * (and their state changes), the organisations named by these, its plots, their diary entries
 * up to the harvest date (irrigation summaries included), and the EPCIS events naming its lot.
 * The records of its product and of the organisations it names (kinds {@code product} and
 * {@code organisation}, every one of their history) are of its story too.
 */
@Component
public class Visibility {
    /** Batches whose story is public. */
    private static final String PUBLISHED = "(select * from batch where published_at is not null)";

    private final JdbcClient jdbc;
    private final String lgtinBase;

    public Visibility(JdbcClient jdbc, EpcisProperties epcis) {
        this.jdbc = jdbc;
        String base = epcis.identifierBase();
        this.lgtinBase = base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    /** The owner of a row by its key; empty: no such row. */
    private Optional<String> owner(String sql, Object key) {
        return jdbc.sql(sql).param(key).query(String.class).optional();
    }

    private boolean exists(String sql, Object... params) {
        return jdbc.sql("select exists(" + sql + ")")
                .params(params)
                .query(Boolean.class)
                .single();
    }

    private boolean exists(String sql, java.util.Map<String, ?> params) {
        return jdbc.sql("select exists(" + sql + ")")
                .params(params)
                .query(Boolean.class)
                .single();
    }

    public Optional<String> batchOwner(long id) {
        return owner("select organisation_id from batch where id = ?", id);
    }

    public boolean batchPublished(long id) {
        return exists("select 1 from " + PUBLISHED + " b where b.id = ?", id);
    }

    public Optional<String> plotOwner(String id) {
        return owner("select organisation_id from plot where id = ?", id);
    }

    public boolean plotPublic(String id) {
        return exists(
                "select 1 from batch_plot bp join " + PUBLISHED + " b on b.id = bp.batch_id where bp.plot_id = ?", id);
    }

    public Optional<String> codeOwner(String code) {
        return owner("select organisation_id from growing_area_code where code = ?", code);
    }

    public boolean codePublic(String code) {
        return exists("select 1 from " + PUBLISHED + " b where b.code = ?", code);
    }

    public Optional<String> productOwner(String gtin14) {
        return owner("select owner_id from product where gtin = ?", gtin14);
    }

    public boolean productPublic(String gtin14) {
        return exists("select 1 from " + PUBLISHED + " b where b.gtin = ?", gtin14);
    }

    /** Holder and issuer of a certificate. */
    public record Parties(String holder, String issuer) {}

    public Optional<Parties> certificateParties(long id) {
        return jdbc.sql("select holder_id, issuer_id from certificate where id = ?")
                .param(id)
                .query((rs, i) -> new Parties(rs.getString(1), rs.getString(2)))
                .optional();
    }

    public boolean certificatePublic(long id) {
        return exists(
                "select 1 from batch_certificate bc join " + PUBLISHED
                        + " b on b.id = bc.batch_id where bc.certificate_id = ?",
                id);
    }

    public boolean organisationExists(String id) {
        return exists("select 1 from organisation where id = ?", id);
    }

    /** Named by a published batch's story: its cooperative, its certificates' parties, its code's actors. */
    public boolean organisationPublic(String id) {
        return exists(
                "select 1 from " + PUBLISHED + " b where b.organisation_id = :id"
                        + " or exists(select 1 from batch_certificate bc join certificate c on c.id = bc.certificate_id"
                        + "            where bc.batch_id = b.id and (c.issuer_id = :id or c.holder_id = :id))"
                        + " or exists(select 1 from growing_area_code_event e where e.code = b.code and e.actor_org = :id)",
                java.util.Map.of("id", id));
    }

    /** Does a certification body hold certificates it issued to this organisation? */
    public boolean certifies(String body, String organisation) {
        return exists("select 1 from certificate where issuer_id = ? and holder_id = ?", body, organisation);
    }

    /**
     * Organisations whose lot the identifier is: a batch's GS1 Digital Link, or, with no batch of
     * that lot, a lot of the organisation's product (packed bags), as EPCIS capture decides.
     */
    public Set<String> epcOwners(String epc) {
        return new HashSet<>(jdbc.sql("""
                        select organisation_id from batch b where :epc = :base || '/01/' || b.gtin || '/10/' || b.lot
                        union
                        select owner_id from product p
                         where starts_with(:epc, :base || '/01/' || p.gtin || '/10/')
                           and not exists(select 1 from batch b where :epc = :base || '/01/' || b.gtin || '/10/' || b.lot)
                        """)
                .param("epc", epc)
                .param("base", lgtinBase)
                .query(String.class)
                .list());
    }

    public boolean epcPublic(String epc) {
        return exists(
                "select 1 from " + PUBLISHED + " b where ? = ? || '/01/' || b.gtin || '/10/' || b.lot", epc, lgtinBase);
    }

    public boolean recordExists(long id) {
        return exists("select 1 from record where id = ?", id);
    }

    /** Organisations owning a record's subject (batch, code history, diary, a lot's EPCIS event, an inspection of a code). */
    public Set<String> recordOwners(long id) {
        List<String> owners = jdbc.sql("""
                        select organisation_id from batch where record_id = :id
                        union select c.organisation_id from growing_area_code_event e
                                 join growing_area_code c on c.code = e.code where e.record_id = :id
                        union select p.organisation_id from diary_entry d join plot p on p.id = d.plot_id
                               where d.record_id = :id
                        union select b.organisation_id from epcis_event ev join epcis_event_epc x on x.event_id = ev.id
                                 join batch b on x.epc = :base || '/01/' || b.gtin || '/10/' || b.lot
                               where ev.record_id = :id
                        union select p.owner_id from record r join product p on r.kind = 'product' and p.gtin = r.subject
                               where r.id = :id
                        union select r.subject from record r where r.kind = 'organisation' and r.id = :id
                        union select c.organisation_id from inspection i join growing_area_code c on c.code = i.code
                               where i.record_id = :id
                        union select c.organisation_id from code_review v join growing_area_code c on c.code = v.code
                               where v.record_id = :id
                        """)
                .param("id", id)
                .param("base", lgtinBase)
                .query(String.class)
                .list();
        return new HashSet<>(owners);
    }

    /** Holder and issuer when the record is a certificate or one of its state changes. */
    public Optional<Parties> recordCertificate(long id) {
        return jdbc
                .sql("""
                        select c.holder_id, c.issuer_id from certificate c where c.record_id = :id
                        union select c.holder_id, c.issuer_id from record r join certificate c
                                 on r.kind = 'certificate.state' and r.subject = c.scheme || ':' || c.number
                               where r.id = :id
                        """)
                .param("id", id)
                .query((rs, i) -> new Parties(rs.getString(1), rs.getString(2)))
                .list()
                .stream()
                .findFirst();
    }

    public boolean recordPublic(long id) {
        return exists("with pub as " + PUBLISHED + """
                         select 1 from pub where pub.record_id = :id
                         union all select 1 from growing_area_code_event e join pub on pub.code = e.code
                                    where e.record_id = :id
                         union all select 1 from certificate c join batch_certificate bc on bc.certificate_id = c.id
                                    join pub on pub.id = bc.batch_id where c.record_id = :id
                         union all select 1 from record r join certificate c
                                      on r.kind = 'certificate.state' and r.subject = c.scheme || ':' || c.number
                                    join batch_certificate bc on bc.certificate_id = c.id
                                    join pub on pub.id = bc.batch_id where r.id = :id
                         union all select 1 from diary_entry d join batch_plot bp on bp.plot_id = d.plot_id
                                    join pub on pub.id = bp.batch_id
                                   where d.record_id = :id and coalesce(d.period_from, d.entry_date) <= pub.harvest_date
                         union all select 1 from epcis_event ev join epcis_event_epc x on x.event_id = ev.id
                                    join pub on x.epc = :base || '/01/' || pub.gtin || '/10/' || pub.lot
                                   where ev.record_id = :id
                         union all select 1 from record r join pub on r.kind = 'product' and r.subject = pub.gtin
                                   where r.id = :id
                         union all select 1 from record r join pub on r.kind = 'organisation'
                                   where r.id = :id and (pub.organisation_id = r.subject
                                      or exists(select 1 from batch_certificate bc join certificate c on c.id = bc.certificate_id
                                                 where bc.batch_id = pub.id and (c.issuer_id = r.subject or c.holder_id = r.subject))
                                      or exists(select 1 from growing_area_code_event e
                                                 where e.code = pub.code and e.actor_org = r.subject))
                        """, java.util.Map.of("id", id, "base", lgtinBase));
    }
}

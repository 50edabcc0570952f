package vn.dongxanh.trace.epcis;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import vn.dongxanh.contract.identity.PlatformRole;
import vn.dongxanh.trace.security.Actor;
import vn.dongxanh.trace.web.Refusal;

/**
 * Which lots a cooperative may capture EPCIS events about: its own (the batch is its; a lot with
 * no batch is its when the GTIN is its registered product, e.g. packed bags), and lots shipped to
 * it (a captured shipping event names it as destination owning party, {@code
 * urn:dx:organisation:{id}}). A lot of a GTIN the platform does not know belongs to nobody here,
 * so it is refused too: the product is registered first. The department captures about any lot
 * (inspections); certification bodies do not capture. Checked once per document: three queries
 * whatever the number of events.
 */
@Component
public class LotOwnership {
    static final String PARTY_PREFIX = "urn:dx:organisation:";

    private final JdbcTemplate jdbc;

    public LotOwnership(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** A lot: GTIN-14 and lot number. */
    record Lot(String gtin, String lot) {}

    /** An event's identifiers, and where it sits in the document (for the reason). */
    record Named(String where, Collection<String> identifiers) {}

    /** Refuses (403, naming the lot) when a cooperative names a lot that is neither its own nor shipped to it. */
    void check(Actor actor, List<Named> events) {
        if (actor.has(PlatformRole.DEPARTMENT_OFFICER)) {
            return;
        }
        String org =
                actor.organisation().orElseThrow(() -> Refusal.forbidden("a cooperative acts for an organisation"));
        Map<String, Lot> lots = new HashMap<>(); // identifier → lot
        for (Named e : events) {
            for (String id : e.identifiers()) {
                lot(id).ifPresent(l -> lots.put(id, l));
            }
        }
        if (lots.isEmpty()) {
            return;
        }
        Set<Lot> distinct = new HashSet<>(lots.values());
        Map<Lot, String> batchOwner = new HashMap<>();
        jdbc.query(
                con -> {
                    var ps = con.prepareStatement("""
                            select b.gtin, b.lot, b.organisation_id
                              from batch b join unnest(?::text[], ?::text[]) as u(gtin, lot)
                                on b.gtin = u.gtin and b.lot = u.lot
                            """);
                    ps.setArray(
                            1,
                            con.createArrayOf(
                                    "text", distinct.stream().map(Lot::gtin).toArray()));
                    ps.setArray(
                            2,
                            con.createArrayOf(
                                    "text", distinct.stream().map(Lot::lot).toArray()));
                    return ps;
                },
                rs -> {
                    batchOwner.put(new Lot(rs.getString(1).trim(), rs.getString(2)), rs.getString(3));
                });
        Map<String, String> productOwner = new HashMap<>();
        jdbc.query(
                con -> {
                    var ps = con.prepareStatement("select gtin, owner_id from product where gtin = any(?)");
                    ps.setArray(
                            1,
                            con.createArrayOf(
                                    "text",
                                    distinct.stream().map(Lot::gtin).distinct().toArray()));
                    return ps;
                },
                rs -> {
                    productOwner.put(rs.getString(1).trim(), rs.getString(2));
                });
        Set<String> notOwn = new HashSet<>();
        for (var entry : lots.entrySet()) {
            Lot l = entry.getValue();
            String owner = batchOwner.getOrDefault(l, productOwner.get(l.gtin()));
            if (!org.equals(owner)) {
                notOwn.add(entry.getKey());
            }
        }
        Set<String> received = notOwn.isEmpty() ? Set.of() : shippedTo(org, notOwn);
        for (Named e : events) {
            for (String id : e.identifiers()) {
                if (!notOwn.contains(id) || received.contains(id)) {
                    continue;
                }
                Lot l = lots.get(id);
                String owner = batchOwner.getOrDefault(l, productOwner.get(l.gtin()));
                String lotName = "lot " + l.lot() + " of GTIN " + l.gtin() + " (" + id + ")";
                throw new Refusal(
                        HttpStatus.FORBIDDEN,
                        "lot-not-owned",
                        owner == null
                                ? e.where() + ": " + lotName + " is not known here: GTIN " + l.gtin()
                                        + " is not a registered product; register it before capturing events about its lots"
                                : e.where() + ": " + lotName + " belongs to " + owner + "; " + org
                                        + " may capture events only about its own lots and lots shipped to it");
            }
        }
    }

    /** Of the identifiers, those a captured shipping event sent to the organisation (destination owning party). */
    private Set<String> shippedTo(String org, Set<String> identifiers) {
        String party = PARTY_PREFIX + org;
        Set<String> found = new HashSet<>();
        jdbc.query(
                con -> {
                    var ps = con.prepareStatement("""
                            select distinct x.epc from epcis_event e join epcis_event_epc x on x.event_id = e.id
                             where x.epc = any(?) and e.biz_step = 'shipping'
                               and exists (select 1 from jsonb_array_elements(e.body::jsonb -> 'destinationList') d
                                            where d ->> 'destination' = ?
                                              and d ->> 'type' in ('owning_party', 'https://ref.gs1.org/cbv/SDT-owning_party'))
                            """);
                    ps.setArray(1, con.createArrayOf("text", identifiers.toArray()));
                    ps.setString(2, party);
                    return ps;
                },
                rs -> {
                    found.add(rs.getString(1));
                });
        return found;
    }

    /** The lot an identifier names, if it names one (Digital Link with AI 10, or an LGTIN URN). */
    static Optional<Lot> lot(String identifier) {
        return Identifiers.parse(identifier).filter(g -> g.lot() != null).map(g -> new Lot(g.gtin14(), g.lot()));
    }
}

package vn.dongxanh.trace.certificate;

import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import vn.dongxanh.contract.identity.PlatformRole;
import vn.dongxanh.trace.gs1.Gs1;
import vn.dongxanh.trace.record.Attribution;
import vn.dongxanh.trace.record.RecordStore;
import vn.dongxanh.trace.record.StoredRecord;
import vn.dongxanh.trace.security.Actor;
import vn.dongxanh.trace.web.Refusal;

/**
 * Registers certificates: VietGAP and GLOBALG.A.P. by their certification body, OCOP recognitions
 * by the department (OCOP is a People's Committee decision, not a certification). Rules that are
 * unverified nationally give warnings, not refusals (the number format, the GGN check digit).
 */
@Service
public class CertificateService {
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final RecordStore records;
    private final CertificateProperties props;

    public CertificateService(JdbcClient jdbc, JsonMapper json, RecordStore records, CertificateProperties props) {
        this.jdbc = jdbc;
        this.json = json;
        this.records = records;
        this.props = props;
    }

    /** What an issuer sends. Scope: crops and plots (GAP schemes) or product GTINs (OCOP). */
    public record NewCertificate(
            Scheme scheme,
            String number,
            String ggn,
            String holderId,
            String issuerName,
            Integer stars,
            LocalDate validFrom,
            LocalDate validTo,
            List<String> crops,
            List<String> plots,
            List<String> products) {}

    @Transactional
    public Certificate register(Actor actor, NewCertificate c) {
        if (c.scheme() == null) {
            throw Refusal.badRequest("scheme is required (VIETGAP, GLOBALGAP or OCOP)");
        }
        PlatformRole issuerRole =
                c.scheme() == Scheme.OCOP ? PlatformRole.DEPARTMENT_OFFICER : PlatformRole.CERTIFICATION_BODY;
        if (!actor.has(issuerRole)) {
            throw Refusal.forbidden(c.scheme() + " certificates are registered by "
                    + (issuerRole == PlatformRole.DEPARTMENT_OFFICER
                            ? "the department (OCOP recognition)"
                            : "a certification body"));
        }
        if (c.number() == null || c.number().isBlank() || c.holderId() == null || c.validFrom() == null) {
            throw Refusal.badRequest("number, holderId and validFrom are required");
        }
        List<String> warnings = new ArrayList<>();
        LocalDate validTo = c.validTo();
        String ggn = null;
        Integer stars = null;
        List<String> crops = c.crops() == null ? List.of() : c.crops();
        List<String> plots = c.plots() == null ? List.of() : c.plots();
        List<String> products = new ArrayList<>();
        switch (c.scheme()) {
            case VIETGAP -> {
                requireValidTo(validTo);
                if (!props.vietgapNumberPattern().matcher(c.number()).matches()) {
                    warnings.add("number '" + c.number() + "' is not of the usual form "
                            + props.vietgapNumberPattern().pattern());
                }
                LocalDate longest =
                        c.validFrom().plusMonths(props.vietgapMaxValidityMonths() + props.vietgapExtensionMonths());
                if (validTo.isAfter(longest)) {
                    throw Refusal.rule(
                            "certificate-validity",
                            "a VietGAP certificate is valid at most "
                                    + props.vietgapMaxValidityMonths() + " months (+" + props.vietgapExtensionMonths()
                                    + " months extension): " + c.validFrom() + " to " + validTo + " is longer");
                }
                if (validTo.isAfter(c.validFrom().plusMonths(props.vietgapMaxValidityMonths()))) {
                    warnings.add(
                            "validity includes an extension beyond " + props.vietgapMaxValidityMonths() + " months");
                }
                requireScope(crops);
            }
            case GLOBALGAP -> {
                requireValidTo(validTo);
                ggn = c.ggn() == null ? "" : c.ggn().strip();
                if (!ggn.matches("\\d{13}")) {
                    throw Refusal.rule("ggn-format", "a GGN has 13 digits: '" + ggn + "'");
                }
                if (!Gs1.hasValidCheckDigit(ggn)) {
                    warnings.add(
                            "GGN " + ggn + " fails the GS1 check digit (expected "
                                    + Gs1.checkDigit(ggn.substring(0, 12))
                                    + "); kept, since GGN check digits are not confirmed — verify it in the GLOBALG.A.P. database");
                }
                if (validTo.isAfter(c.validFrom().plusMonths(props.globalgapValidityMonths()))) {
                    warnings.add("longer than the " + props.globalgapValidityMonths() + "-month certificate cycle");
                }
                requireScope(crops);
            }
            case OCOP -> {
                stars = c.stars();
                if (stars == null || stars < 3 || stars > 5) {
                    throw Refusal.rule("ocop-stars", "an OCOP rating is 3, 4 or 5 stars, not " + stars);
                }
                LocalDate end = c.validFrom().plusMonths(props.ocopValidityMonths());
                if (validTo == null) {
                    validTo = end.minusDays(1);
                } else if (validTo.isAfter(end)) {
                    throw Refusal.rule(
                            "certificate-validity",
                            "an OCOP recognition lasts " + props.ocopValidityMonths() + " months from its decision");
                }
                if (c.products() == null || c.products().isEmpty()) {
                    throw Refusal.rule("certificate-scope", "an OCOP recognition is for products (GTINs)");
                }
                for (String gtin : c.products()) {
                    try {
                        products.add(Gs1.gtin14(gtin));
                    } catch (IllegalArgumentException e) {
                        throw Refusal.rule("gtin", e.getMessage());
                    }
                }
            }
        }
        if (validTo.isBefore(c.validFrom())) {
            throw Refusal.rule("certificate-validity", "validTo is before validFrom");
        }
        String issuer = actor.organisation().orElseThrow(() -> Refusal.forbidden("the issuer has no organisation"));
        for (String org : List.of(c.holderId(), issuer)) {
            if (jdbc.sql("select count(*) from organisation where id = ?")
                            .param(org)
                            .query(Long.class)
                            .single()
                    == 0) {
                throw Refusal.rule("unknown-organisation", "organisation " + org + " is not registered");
            }
        }

        ObjectNode body = json.createObjectNode();
        body.put("scheme", c.scheme().name());
        body.put("number", c.number().strip());
        if (ggn != null) body.put("ggn", ggn);
        body.put("holder", c.holderId());
        body.put("issuer", issuer);
        if (c.issuerName() != null) body.put("issuerName", c.issuerName());
        if (stars != null) body.put("stars", stars);
        body.put("validFrom", c.validFrom().toString());
        body.put("validTo", validTo.toString());
        body.set("crops", json.valueToTree(crops));
        body.set("plots", json.valueToTree(plots));
        body.set("products", json.valueToTree(products));
        StoredRecord record =
                records.append("certificate", c.scheme() + ":" + c.number().strip(), issuer, body);
        long id;
        try {
            id = jdbc.sql("""
                            insert into certificate (scheme, number, ggn, holder_id, issuer_id, issuer_name, stars,
                                                     valid_from, valid_to, warnings, record_id)
                            values (?, ?, ?, ?, ?, ?, ?, ?, ?, cast(? as jsonb), ?) returning id
                            """)
                    .params(
                            c.scheme().name(),
                            c.number().strip(),
                            ggn,
                            c.holderId(),
                            issuer,
                            c.issuerName(),
                            stars,
                            Date.valueOf(c.validFrom()),
                            Date.valueOf(validTo),
                            json.writeValueAsString(warnings),
                            record.id())
                    .query(Long.class)
                    .single();
        } catch (DuplicateKeyException e) {
            throw Refusal.conflict("duplicate", c.scheme() + " certificate " + c.number() + " exists");
        }
        scope(id, "CROP", crops);
        scope(id, "PLOT", plots);
        scope(id, "PRODUCT", products);
        return find(id).orElseThrow();
    }

    private static void requireValidTo(LocalDate validTo) {
        if (validTo == null) {
            throw Refusal.badRequest("validTo is required");
        }
    }

    private static void requireScope(List<String> crops) {
        if (crops.isEmpty()) {
            throw Refusal.rule("certificate-scope", "a GAP certificate names the crops it covers");
        }
    }

    private void scope(long id, String kind, List<String> values) {
        for (String value : values.stream().distinct().toList()) {
            jdbc.sql("insert into certificate_scope (certificate_id, kind, value) values (?, ?, ?)")
                    .params(id, kind, value)
                    .update();
        }
    }

    /** Suspends, withdraws or reactivates a certificate; only its issuer may. */
    @Transactional
    public Certificate changeState(Actor actor, long id, String state, String reason) {
        Certificate c = find(id).orElseThrow(() -> Refusal.notFound("no certificate " + id));
        if (!actor.actsFor(c.issuerId())) {
            throw Refusal.forbidden("only the issuer changes a certificate's state");
        }
        if (state == null || !List.of("ACTIVE", "SUSPENDED", "WITHDRAWN").contains(state)) {
            throw Refusal.badRequest("field 'state' is ACTIVE, SUSPENDED or WITHDRAWN");
        }
        if (reason == null || reason.isBlank()) {
            throw Refusal.badRequest("a reason is required");
        }
        if (c.state().equals("WITHDRAWN")) {
            throw Refusal.conflict("transition-not-allowed", "a withdrawn certificate stays withdrawn");
        }
        ObjectNode body = json.createObjectNode();
        body.put("certificate", id);
        body.put("from", c.state());
        body.put("to", state);
        body.put("reason", reason.strip());
        body.set("actor", Attribution.of(json, actor));
        records.append("certificate.state", c.scheme() + ":" + c.number(), c.issuerId(), body);
        jdbc.sql("update certificate set state = ? where id = ?")
                .params(state, id)
                .update();
        return find(id).orElseThrow();
    }

    /**
     * The certificates of a code's holder that cover it (its crop or one of its plots), the latest
     * ending first. Ids are read first and each certificate after, so no query runs while another's
     * result is open (a second pooled connection per row, see BatchService).
     */
    public List<Certificate> ofCode(String code) {
        List<Long> ids = jdbc.sql("""
                        select c.id from certificate c
                          join growing_area_code g on g.code = ? and g.organisation_id = c.holder_id
                         where exists (select 1 from certificate_scope s
                                        where s.certificate_id = c.id
                                          and ((s.kind = 'CROP' and s.value = g.crop)
                                               or (s.kind = 'PLOT' and s.value in
                                                   (select plot_id from growing_area_code_plot where code = g.code))))
                         order by c.valid_to desc, c.id desc""").param(code).query(Long.class).list();
        return ids.stream().map(id -> find(id).orElseThrow()).toList();
    }

    public Optional<Certificate> find(long id) {
        return jdbc.sql("select * from certificate where id = ?")
                .param(id)
                .query(this::map)
                .optional();
    }

    private Certificate map(ResultSet rs, int row) throws SQLException {
        long id = rs.getLong("id");
        List<String> warnings = new ArrayList<>();
        json.readTree(rs.getString("warnings")).forEach(w -> warnings.add(w.stringValue()));
        return new Certificate(
                id,
                Scheme.valueOf(rs.getString("scheme")),
                rs.getString("number"),
                Optional.ofNullable(rs.getString("ggn")),
                rs.getString("holder_id"),
                rs.getString("issuer_id"),
                Optional.ofNullable(rs.getString("issuer_name")),
                Optional.ofNullable((Integer) rs.getObject("stars")),
                rs.getDate("valid_from").toLocalDate(),
                rs.getDate("valid_to").toLocalDate(),
                rs.getString("state"),
                scopeOf(id, "CROP"),
                scopeOf(id, "PLOT"),
                scopeOf(id, "PRODUCT"),
                List.copyOf(warnings),
                rs.getLong("record_id"));
    }

    private List<String> scopeOf(long id, String kind) {
        return jdbc.sql("select value from certificate_scope where certificate_id = ? and kind = ? order by value")
                .params(id, kind)
                .query(String.class)
                .list();
    }
}

package vn.dongxanh.trace.resolver;

import java.net.URI;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;
import vn.dongxanh.trace.batch.Batch;
import vn.dongxanh.trace.batch.BatchService;
import vn.dongxanh.trace.certificate.Certificate;
import vn.dongxanh.trace.certificate.CertificateProperties;
import vn.dongxanh.trace.certificate.CertificateService;
import vn.dongxanh.trace.diary.IrrigationSummaryDiary;
import vn.dongxanh.trace.epcis.EpcisService;
import vn.dongxanh.trace.growingarea.CodeRegister;
import vn.dongxanh.trace.growingarea.GrowingAreaCode;
import vn.dongxanh.trace.growingarea.GrowingAreaProperties;
import vn.dongxanh.trace.gs1.Gs1;
import vn.dongxanh.trace.record.RecordStore;
import vn.dongxanh.trace.security.Access;
import vn.dongxanh.trace.web.PublicProperties;
import vn.dongxanh.trace.web.Refusal;

/**
 * A minimal GS1 Digital Link resolver for {@code /01/{gtin}/10/{lot}}: answers JSON-LD describing
 * the lot (product, cooperative, growing-area code and its status, certificates, ledger record)
 * with a GS1 linkset. It renders no HTML: a browser (see {@link ContentChoice}; {@code
 * ?format=html} asks for it too) is sent (303) to the buyer page of module web when {@code
 * dx.trace.buyer-page-url} is set, else gets the JSON-LD. {@code ?linkType=gs1:epcis} (or another
 * listed link type) redirects there; {@code ?linkType=linkset} (or {@code all}), or an Accept
 * header preferring {@code application/linkset+json}, gets the lot's {@link Linkset} (RFC 9264).
 * A GTIN that is not in its 14-digit form is redirected to the canonical URI. {@code GET /api/lots/{gtin}/{lot}} gives the same lot's facts as plain JSON, what
 * the buyer page shows.
 */
@RestController
public class ResolverController {
    private static final String GS1 = "https://gs1.org/voc/";

    private final BatchService batches;
    private final CodeRegister codes;
    private final CertificateService certificates;
    private final EpcisService epcis;
    private final JdbcClient jdbc;
    private final RecordStore records;
    private final PublicProperties web;
    private final CertificateProperties certificateProps;
    private final GrowingAreaProperties areas;
    private final IrrigationSummaryDiary irrigation;
    private final Clock clock;
    private final Access access;

    public ResolverController(
            BatchService batches,
            CodeRegister codes,
            CertificateService certificates,
            EpcisService epcis,
            JdbcClient jdbc,
            RecordStore records,
            PublicProperties web,
            CertificateProperties certificateProps,
            GrowingAreaProperties areas,
            IrrigationSummaryDiary irrigation,
            Clock clock,
            Access access) {
        this.access = access;
        this.irrigation = irrigation;
        this.batches = batches;
        this.codes = codes;
        this.certificates = certificates;
        this.epcis = epcis;
        this.jdbc = jdbc;
        this.records = records;
        this.web = web;
        this.certificateProps = certificateProps;
        this.areas = areas;
        this.clock = clock;
    }

    @GetMapping(
            value = "/01/{gtin}/10/{lot}",
            produces = {"application/ld+json", "application/json", "application/linkset+json", "text/html"})
    public ResponseEntity<?> resolve(
            @PathVariable String gtin,
            @PathVariable String lot,
            @RequestParam(required = false) String linkType,
            @RequestParam(required = false) String format,
            @RequestParam(required = false) String lang,
            @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept,
            Authentication auth) {
        String gtin14 = gtin14(gtin);
        String self = web.digitalLink(gtin14, lot);
        if (!gtin14.equals(gtin)) {
            UriComponentsBuilder canonical = UriComponentsBuilder.fromUriString(self);
            Optional.ofNullable(linkType).ifPresent(v -> canonical.queryParam("linkType", v));
            Optional.ofNullable(format).ifPresent(v -> canonical.queryParam("format", v));
            Optional.ofNullable(lang).ifPresent(v -> canonical.queryParam("lang", v));
            return ResponseEntity.status(HttpStatus.MOVED_PERMANENTLY)
                    .location(canonical.encode().build().toUri())
                    .build();
        }
        ContentChoice choice = ContentChoice.of(format, accept);
        Optional<String> page = web.buyerPage(gtin14, lot);
        if (choice == ContentChoice.HTML && linkType == null && page.isPresent()) {
            // the page asks for the lot itself (as anyone): whether it exists is told there, not here
            UriComponentsBuilder there = UriComponentsBuilder.fromUriString(page.get());
            Optional.ofNullable(lang).ifPresent(v -> there.queryParam("lang", v));
            return ResponseEntity.status(HttpStatus.SEE_OTHER)
                    .location(there.encode().build().toUri())
                    .header("Link", Linkset.headerTo(self))
                    .header(HttpHeaders.VARY, HttpHeaders.ACCEPT)
                    .build();
        }
        Batch batch = readable(gtin14, lot, auth);
        LotFacts facts = facts(batch);
        Linkset links = links(batch, self, facts.productName());
        boolean wholeLinkset = "linkset".equals(linkType) || "all".equals(linkType);
        if (linkType != null && !wholeLinkset) {
            String target = links.first(linkType.startsWith("gs1:") ? GS1 + linkType.substring(4) : linkType)
                    .map(Linkset.Link::href)
                    .orElseThrow(() -> Refusal.notFound("no link of type " + linkType + " for " + self));
            return ResponseEntity.status(HttpStatus.TEMPORARY_REDIRECT)
                    .location(URI.create(target))
                    .header("Link", Linkset.headerTo(self))
                    .build();
        }
        if (wholeLinkset || choice == ContentChoice.LINKSET) {
            // the GS1 resolver standard's answer to linkType=linkset (and RFC 9264's media type when asked for)
            return ResponseEntity.ok()
                    .header("Link", Linkset.headerTo(self))
                    .header(HttpHeaders.VARY, HttpHeaders.ACCEPT)
                    .contentType(Linkset.MEDIA_TYPE)
                    .body(links.document());
        }
        // without a page, a browser gets the JSON-LD too
        MediaType type = choice == ContentChoice.HTML ? ContentChoice.JSON_LD.type() : choice.type();
        return ResponseEntity.ok()
                .header("Link", Linkset.headerTo(self))
                .header(HttpHeaders.VARY, HttpHeaders.ACCEPT)
                .contentType(type)
                .body(describe(facts, self, links));
    }

    /**
     * The lot's facts as plain JSON: what the buyer page shows (docs/security-traceability.md: public
     * for a published batch, like the resolver). Nothing in it names a person.
     */
    @GetMapping(value = "/api/lots/{gtin}/{lot}", produces = MediaType.APPLICATION_JSON_VALUE)
    public LotDocument lot(@PathVariable String gtin, @PathVariable String lot, Authentication auth) {
        String gtin14 = gtin14(gtin);
        Batch batch = readable(gtin14, lot, auth);
        return LotDocument.of(
                facts(batch), web.digitalLink(gtin14, lot), epcis.events().lgtin(batch.gtin(), batch.lot()));
    }

    private static String gtin14(String gtin) {
        try {
            return Gs1.gtin14(gtin);
        } catch (IllegalArgumentException e) {
            throw Refusal.badRequest(e.getMessage());
        }
    }

    /** The lot's batch; not found for whoever may not read it (a lot not published, Access). */
    private Batch readable(String gtin14, String lot, Authentication auth) {
        return batches.find(gtin14, lot)
                .filter(b -> access.canReadBatch(auth, b.id()))
                .orElseThrow(() -> Refusal.notFound("no lot " + lot + " of " + gtin14));
    }

    /**
     * The lot's links (GS1 link types): its product information page (the buyer page, where there
     * is one), EPCIS events, certificates, product master data; the default link is the page, or
     * else this resolver's own JSON-LD description of the lot.
     */
    private Linkset links(Batch batch, String self, String productName) {
        List<Linkset.Link> links = new ArrayList<>();
        Optional<String> page = web.buyerPage(batch.gtin(), batch.lot());
        List<String> languages = List.of("vi", "en");
        links.add(page.map(p -> new Linkset.Link(
                        GS1 + "defaultLink", p, "Trace page / Trang truy xuất", Optional.of("text/html"), languages))
                .orElseGet(() -> new Linkset.Link(
                        GS1 + "defaultLink",
                        self,
                        "Lot description (JSON-LD)",
                        Optional.of("application/ld+json"),
                        List.of())));
        page.ifPresent(p -> links.add(new Linkset.Link(
                GS1 + "pip",
                p,
                "Product information page / Trang thông tin sản phẩm",
                Optional.of("text/html"),
                languages)));
        String epc = epcis.events().lgtin(batch.gtin(), batch.lot());
        String events = web.publicUrl() + "/api/epcis/events?epc="
                + java.net.URLEncoder.encode(epc, java.nio.charset.StandardCharsets.UTF_8);
        links.add(new Linkset.Link(
                GS1 + "epcis", events, "EPCIS events of the lot", Optional.of("application/ld+json"), List.of()));
        links.add(new Linkset.Link(
                GS1 + "traceability", events, "Traceability events", Optional.of("application/ld+json"), List.of()));
        for (long id : batch.certificates()) {
            links.add(new Linkset.Link(
                    GS1 + "certificationInfo",
                    web.publicUrl() + "/api/certificates/" + id,
                    "Certificate " + id,
                    Optional.of("application/json"),
                    List.of()));
        }
        links.add(new Linkset.Link(
                GS1 + "masterData",
                web.publicUrl() + "/api/products/" + batch.gtin(),
                "Product master data",
                Optional.of("application/json"),
                List.of()));
        return new Linkset(self, Optional.ofNullable(productName), links);
    }

    private LotFacts facts(Batch batch) {
        LocalDate today = LocalDate.now(clock.withZone(areas.zone()));
        Map<String, Object> product = jdbc.sql("select name, crop from product where gtin = ?")
                .param(batch.gtin())
                .query()
                .singleRow();
        Map<String, Object> cooperative = jdbc.sql("select id, name from organisation where id = ?")
                .param(batch.organisationId())
                .query()
                .singleRow();
        GrowingAreaCode code = codes.find(batch.code()).orElseThrow();
        List<LotFacts.CertificateFact> certs = new ArrayList<>();
        for (long id : batch.certificates()) {
            Certificate c = certificates.find(id).orElseThrow();
            String issuer = c.issuerName()
                    .orElseGet(() -> jdbc.sql("select name from organisation where id = ?")
                            .param(c.issuerId())
                            .query(String.class)
                            .optional()
                            .orElse(c.issuerId()));
            certs.add(new LotFacts.CertificateFact(c, c.statusOn(today, certificateProps.expiringDays()), issuer));
        }
        return new LotFacts(
                batch,
                (String) product.get("name"),
                (String) product.get("crop"),
                (String) cooperative.get("id"),
                (String) cooperative.get("name"),
                code,
                codes.statusOn(code.code(), batch.harvestDate()),
                List.copyOf(certs),
                records.find(batch.recordId()),
                today,
                irrigation.forHarvest(batch.plots(), batch.harvestDate()));
    }

    private Map<String, Object> describe(LotFacts facts, String self, Linkset links) {
        Batch batch = facts.batch();
        GrowingAreaCode code = facts.code();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put(
                "@context",
                Map.of("@vocab", GS1, "schema", "https://schema.org/", "dx", "https://ns.dongxanh.vn/epcis/"));
        doc.put("@id", self);
        doc.put("@type", "Product");
        doc.put("gtin", batch.gtin());
        doc.put("productName", facts.productName());
        doc.put("dx:crop", facts.crop());
        doc.put("dx:lot", batch.lot());
        doc.put("dx:harvestDate", batch.harvestDate().toString());
        doc.put("dx:quantityKg", batch.quantityKg());
        doc.put(
                "dx:cooperative",
                Map.of("@id", "urn:dx:organisation:" + facts.cooperativeId(), "schema:name", facts.cooperativeName()));
        Map<String, Object> area = new LinkedHashMap<>();
        area.put("@id", web.publicUrl() + "/api/codes/" + code.code());
        area.put("dx:code", code.code());
        area.put("dx:status", code.status().name());
        area.put(
                "dx:statusOnHarvestDate",
                facts.statusOnHarvestDate().map(Enum::name).orElse(null));
        area.put("dx:plots", batch.plots());
        doc.put("dx:growingArea", area);
        List<Map<String, Object>> certs = new ArrayList<>();
        for (LotFacts.CertificateFact fact : facts.certificates()) {
            Certificate c = fact.certificate();
            Map<String, Object> cert = new LinkedHashMap<>();
            cert.put("@id", web.publicUrl() + "/api/certificates/" + c.id());
            cert.put("@type", "CertificationDetails");
            cert.put("certificationStandard", c.scheme().name());
            cert.put("certificationIdentification", c.number());
            cert.put("certificationStartDate", c.validFrom().toString());
            cert.put("certificationEndDate", c.validTo().toString());
            cert.put("certificationStatus", fact.status());
            c.stars().ifPresent(s -> cert.put("dx:ocopStars", s));
            certs.add(cert);
        }
        doc.put("certification", certs);
        List<Map<String, Object>> irrigated = new ArrayList<>();
        for (IrrigationSummaryDiary.Entry e : facts.irrigation()) {
            var s = e.summary();
            Map<String, Object> season = new LinkedHashMap<>();
            season.put("@id", web.publicUrl() + "/api/records/" + e.recordId());
            season.put("dx:plot", e.plot());
            season.put("dx:from", e.from().toString());
            season.put("dx:to", e.to().toString());
            season.put("dx:days", s.days());
            season.put("dx:daysIrrigated", s.daysIrrigated());
            season.put("dx:waterM3", s.water().m3());
            season.put("dx:waterMm", s.water().mm());
            season.put("dx:waterMethod", s.water().method());
            season.put("dx:irrigationEvents", s.events().start());
            season.put("dx:alarms", s.alarms());
            season.put("dx:sensorCoveragePercent", s.sensorCoverage().percent());
            season.put("dx:computedAt", s.generatedAt().toString());
            season.put("dx:recordId", e.recordId());
            season.put("dx:proof", web.publicUrl() + "/api/records/" + e.recordId() + "/proof");
            irrigated.add(season);
        }
        doc.put("dx:irrigation", irrigated);
        doc.put(
                "dx:ledgerRecord",
                Map.of(
                        "dx:recordId", batch.recordId(),
                        "dx:proof", web.publicUrl() + "/api/records/" + batch.recordId() + "/proof",
                        "dx:verification", web.publicUrl() + "/api/records/" + batch.recordId() + "/verification"));
        // the same context object as the linkset+json answer (embedded: not a JSON-LD term)
        doc.put("linkset", List.of(links.contextObject()));
        return doc;
    }
}

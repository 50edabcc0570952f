package vn.dongxanh.trace.resolver;

import jakarta.servlet.http.HttpServletRequest;
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
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;
import vn.dongxanh.trace.batch.Batch;
import vn.dongxanh.trace.batch.BatchService;
import vn.dongxanh.trace.epcis.EpcisService;
import vn.dongxanh.trace.growingarea.GrowingAreaProperties;
import vn.dongxanh.trace.gs1.Gs1;
import vn.dongxanh.trace.scan.ScanCounter;
import vn.dongxanh.trace.security.Access;
import vn.dongxanh.trace.security.PublicRateLimit;
import vn.dongxanh.trace.story.LotStories;
import vn.dongxanh.trace.story.LotStory;
import vn.dongxanh.trace.web.PublicProperties;
import vn.dongxanh.trace.web.Refusal;

/**
 * A minimal GS1 Digital Link resolver for {@code /01/{gtin}/10/{lot}}: answers JSON-LD describing
 * the lot (product, cooperative, growing-area code and its status, certificates, ledger record)
 * with a GS1 linkset. It renders no HTML: a browser (see {@link ContentChoice}; {@code
 * ?format=html} asks for it too) is sent (303) to the buyer page of module web when {@code
 * dx.trace.buyer-page-url} is set, else gets the JSON-LD. {@code ?linkType=gs1:epcis} (or another
 * listed link type) redirects there; {@code ?linkType=linkset} (or {@code all}), or an Accept
 * header preferring {@code application/linkset+json}, gets the lot's {@link Linkset} (RFC 9264). A
 * GTIN that is not in its 14-digit form is redirected to the canonical URI. {@code GET
 * /api/lots/{gtin}/{lot}} gives the same lot's facts as plain JSON, what
 * the buyer page shows, and {@code GET /api/lots/{gtin}/{lot}/story} the records they are read
 * from. All three are written from the lot's records ({@link LotStories}), never from the tables.
 */
@RestController
public class ResolverController {
    private static final String GS1 = "https://gs1.org/voc/";

    private final BatchService batches;
    private final EpcisService epcis;
    private final LotStories stories;
    private final LotDocuments documents;
    private final PublicProperties web;
    private final GrowingAreaProperties areas;
    private final Clock clock;
    private final Access access;
    private final ScanCounter scans;

    public ResolverController(
            BatchService batches,
            EpcisService epcis,
            LotStories stories,
            LotDocuments documents,
            PublicProperties web,
            GrowingAreaProperties areas,
            Clock clock,
            Access access,
            ScanCounter scans) {
        this.scans = scans;
        this.batches = batches;
        this.epcis = epcis;
        this.stories = stories;
        this.documents = documents;
        this.web = web;
        this.areas = areas;
        this.clock = clock;
        this.access = access;
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
            Authentication auth,
            HttpServletRequest request) {
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
                    .header(HttpHeaders.VARY, HttpHeaders.ACCEPT)
                    .build();
        }
        Batch batch = readable(gtin14, lot, auth);
        scanned(batch, auth, request);
        LotDocuments.Built built = build(batch);
        Linkset links = links(built.document(), self);
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
                .body(describe(built, self, links));
    }

    /**
     * The lot's facts as plain JSON: what the buyer page shows (docs/security-traceability.md: public
     * for a published batch, like the resolver). Nothing in it names a person.
     */
    @GetMapping(value = "/api/lots/{gtin}/{lot}", produces = MediaType.APPLICATION_JSON_VALUE)
    public LotDocument lot(@PathVariable String gtin, @PathVariable String lot, Authentication auth) {
        String gtin14 = gtin14(gtin);
        return build(readable(gtin14, lot, auth)).document();
    }

    /**
     * The lot's story: every record of what the page shows, with its canonical content, proof and
     * anchoring, its state computed now, and where the current tables differ (docs/lot-story.md).
     * Public for a published lot, as the facts are; nothing in a record names a person.
     */
    @GetMapping(value = "/api/lots/{gtin}/{lot}/story", produces = MediaType.APPLICATION_JSON_VALUE)
    public LotStory story(
            @PathVariable String gtin, @PathVariable String lot, Authentication auth, HttpServletRequest request) {
        Batch batch = readable(gtin14(gtin), lot, auth);
        scanned(batch, auth, request);
        return stories.tell(batch).story();
    }

    /**
     * A public read of a lot is a scan of its label (the buyer page asks for the story; a machine
     * reader for the JSON-LD or the linkset): counted by day and region, docs/scan-signals.md. The
     * resolver's redirect of a browser to the page is not counted, the page's read of the story is.
     * A signed-in caller (the cooperative, the department) is not a buyer and is not counted.
     */
    private void scanned(Batch batch, Authentication auth, HttpServletRequest request) {
        if (Access.caller(auth).isPresent()) return;
        Object client = request.getAttribute(PublicRateLimit.CLIENT);
        scans.scanned(batch.id(), client instanceof String c ? c : request.getRemoteAddr());
    }

    private LotDocuments.Built build(Batch batch) {
        return documents.build(
                stories.tell(batch, false),
                epcis.events().lgtin(batch.gtin(), batch.lot()),
                LocalDate.now(clock.withZone(areas.zone())));
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
    private Linkset links(LotDocument lot, String self) {
        List<Linkset.Link> links = new ArrayList<>();
        Optional<String> page = web.buyerPage(lot.gtin(), lot.lot());
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
        String epc = lot.epc();
        String events = web.publicUrl() + "/api/epcis/events?epc="
                + java.net.URLEncoder.encode(epc, java.nio.charset.StandardCharsets.UTF_8);
        links.add(new Linkset.Link(
                GS1 + "epcis", events, "EPCIS events of the lot", Optional.of("application/ld+json"), List.of()));
        links.add(new Linkset.Link(
                GS1 + "traceability", events, "Traceability events", Optional.of("application/ld+json"), List.of()));
        for (long id :
                lot.certificates().stream().map(LotDocument.CertificateFact::id).toList()) {
            links.add(new Linkset.Link(
                    GS1 + "certificationInfo",
                    web.publicUrl() + "/api/certificates/" + id,
                    "Certificate " + id,
                    Optional.of("application/json"),
                    List.of()));
        }
        links.add(new Linkset.Link(
                GS1 + "masterData",
                web.publicUrl() + "/api/products/" + lot.gtin(),
                "Product master data",
                Optional.of("application/json"),
                List.of()));
        return new Linkset(self, Optional.ofNullable(lot.product().name()), links);
    }

    private Map<String, Object> describe(LotDocuments.Built built, String self, Linkset links) {
        LotDocument lot = built.document();
        LotDocument.GrowingArea code = lot.growingArea();
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put(
                "@context",
                Map.of("@vocab", GS1, "schema", "https://schema.org/", "dx", "https://ns.dongxanh.vn/epcis/"));
        doc.put("@id", self);
        doc.put("@type", "Product");
        doc.put("gtin", lot.gtin());
        doc.put("productName", lot.product().name());
        doc.put("dx:crop", lot.product().crop());
        doc.put("dx:lot", lot.lot());
        doc.put(
                "dx:harvestDate",
                lot.harvestDate() == null ? null : lot.harvestDate().toString());
        doc.put("dx:quantityKg", lot.quantityKg());
        Map<String, Object> cooperative = new LinkedHashMap<>();
        cooperative.put("@id", "urn:dx:organisation:" + lot.cooperative().id());
        cooperative.put("schema:name", lot.cooperative().name());
        doc.put("dx:cooperative", cooperative);
        Map<String, Object> area = new LinkedHashMap<>();
        area.put("@id", web.publicUrl() + "/api/codes/" + code.code());
        area.put("dx:code", code.code());
        area.put("dx:status", code.status());
        area.put("dx:statusOnHarvestDate", code.statusOnHarvestDate());
        area.put("dx:plots", code.plots());
        doc.put("dx:growingArea", area);
        List<Map<String, Object>> certs = new ArrayList<>();
        for (LotDocument.CertificateFact c : lot.certificates()) {
            Map<String, Object> cert = new LinkedHashMap<>();
            cert.put("@id", web.publicUrl() + "/api/certificates/" + c.id());
            cert.put("@type", "CertificationDetails");
            cert.put("certificationStandard", c.scheme());
            cert.put("certificationIdentification", c.number());
            cert.put("certificationStartDate", String.valueOf(c.validFrom()));
            cert.put("certificationEndDate", String.valueOf(c.validTo()));
            cert.put("certificationStatus", c.status());
            if (c.stars() != null) cert.put("dx:ocopStars", c.stars());
            certs.add(cert);
        }
        doc.put("certification", certs);
        List<Map<String, Object>> irrigated = new ArrayList<>();
        for (LotDocument.Irrigation e : lot.irrigation()) {
            var s = built.summaries().get(e.recordId());
            Map<String, Object> season = new LinkedHashMap<>();
            season.put("@id", web.publicUrl() + "/api/records/" + e.recordId());
            season.put("dx:plot", e.plot());
            season.put("dx:from", String.valueOf(e.from()));
            season.put("dx:to", String.valueOf(e.to()));
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
        Map<String, Object> ledger = new LinkedHashMap<>();
        if (lot.record() != null) {
            long id = lot.record().id();
            ledger.put("dx:recordId", id);
            ledger.put("dx:proof", web.publicUrl() + "/api/records/" + id + "/proof");
            ledger.put("dx:verification", web.publicUrl() + "/api/records/" + id + "/verification");
        }
        ledger.put("dx:story", web.publicUrl() + "/api/lots/" + lot.gtin() + "/" + lot.lot() + "/story");
        doc.put("dx:ledgerRecord", ledger);
        // the same context object as the linkset+json answer (embedded: not a JSON-LD term)
        doc.put("linkset", List.of(links.contextObject()));
        return doc;
    }
}

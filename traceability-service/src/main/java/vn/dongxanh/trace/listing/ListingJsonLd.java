package vn.dongxanh.trace.listing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A page of the feed as JSON-LD in schema.org terms: a {@code DataFeed} whose elements are one
 * {@code Product} per live lot, identified by the lot's GS1 Digital Link URI. Certificates are
 * schema.org {@code Certification}s under {@code hasCertification} (docs/listing-feed.md says why
 * schema.org rather than GS1's {@code CertificationDetails}: it is what marketplaces and search
 * engines read for product listings, and OCOP's stars fit its {@code certificationRating}).
 */
final class ListingJsonLd {
    static final String CONTEXT_SCHEMA = "https://schema.org/";
    static final String CONTEXT_DX = "https://ns.dongxanh.vn/listing#";

    private ListingJsonLd() {}

    static Map<String, Object> document(
            String feedUri, String name, ListingFeed.Page page, Optional<String> next, Instant now) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("@context", Map.of("@vocab", CONTEXT_SCHEMA, "dx", CONTEXT_DX));
        doc.put("@type", "DataFeed");
        doc.put("@id", feedUri);
        doc.put("name", name);
        doc.put("dateModified", now.toString());
        List<Map<String, Object>> elements = new ArrayList<>();
        for (ListedLot lot : page.lots()) elements.add(product(lot));
        doc.put("dataFeedElement", elements);
        next.ifPresent(n -> doc.put("dx:nextPage", Map.of("@id", n)));
        return doc;
    }

    static Map<String, Object> product(ListedLot lot) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("@type", "Product");
        p.put("@id", lot.traceUri());
        p.put("url", lot.traceUri());
        p.put("gtin", lot.gtin());
        p.put("name", lot.productName());
        p.put("category", lot.crop());
        p.put("productionDate", lot.harvestDate().toString());
        p.put(
                "manufacturer",
                Map.of(
                        "@type",
                        "Organization",
                        "@id",
                        "urn:dx:organisation:" + lot.cooperativeId(),
                        "identifier",
                        lot.cooperativeId(),
                        "name",
                        lot.cooperativeName()));
        List<Map<String, Object>> properties = new ArrayList<>();
        properties.add(property("lot", "Lot", lot.lot()));
        Map<String, Object> code =
                property("growingAreaCode", "Mã số vùng trồng / growing-area code", lot.growingAreaCode());
        code.put("description", lot.growingAreaCodeStatus());
        properties.add(code);
        Map<String, Object> quantity = property("lotQuantity", "Lot quantity", lot.quantityKg());
        quantity.put("unitCode", "KGM");
        properties.add(quantity);
        p.put("additionalProperty", properties);
        List<Map<String, Object>> certs = new ArrayList<>();
        for (ListedLot.Certification c : lot.certificates()) certs.add(certification(c));
        p.put("hasCertification", certs);
        return p;
    }

    private static Map<String, Object> property(String id, String name, Object value) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("@type", "PropertyValue");
        v.put("propertyID", id);
        v.put("name", name);
        v.put("value", value);
        return v;
    }

    private static Map<String, Object> certification(ListedLot.Certification c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("@type", "Certification");
        m.put("name", schemeName(c.scheme()));
        m.put("certificationIdentification", c.number());
        m.put("issuedBy", Map.of("@type", "Organization", "name", c.issuer()));
        m.put("validFrom", c.validFrom().toString());
        m.put("expires", c.validTo().toString());
        // schema.org's two states; the platform's finer status (EXPIRING, SUSPENDED, …) beside it
        m.put("certificationStatus", c.inForce() ? "CertificationActive" : "CertificationInactive");
        m.put("dx:status", c.status());
        c.stars()
                .ifPresent(s -> m.put(
                        "certificationRating",
                        Map.of("@type", "Rating", "ratingValue", s, "worstRating", 3, "bestRating", 5)));
        return m;
    }

    /** The scheme as people write it. */
    static String schemeName(String scheme) {
        return switch (scheme) {
            case "VIETGAP" -> "VietGAP";
            case "GLOBALGAP" -> "GLOBALG.A.P.";
            case "OCOP" -> "OCOP";
            default -> scheme;
        };
    }
}

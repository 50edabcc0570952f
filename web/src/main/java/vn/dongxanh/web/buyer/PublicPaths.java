package vn.dongxanh.web.buyer;

import java.util.List;

/**
 * What of this origin is public (no sign-in): the buyer page of a lot at its GS1 Digital Link path,
 * and the reads of traceability-service's public surface, passed on to it so that this origin is
 * a whole resolver from outside (the links of its JSON-LD, the page's proof and EPCIS links). Only
 * GET; the service answers them as it answers anyone without a token.
 */
public final class PublicPaths {
    /** The buyer page and the resolver, {@code /01/{gtin}/10/{lot}}. */
    public static final String RESOLVER = "/01/**";

    /** traceability-service's public reads (its PublicSurface, without the resolver), passed on as they are. */
    public static final List<String> READS = List.of(
            "/api/lots/*/*",
            "/api/lots/*/*/story",
            "/api/batches/*",
            "/api/batches/*/qr.png",
            "/api/batches/*/qr.svg",
            "/api/plots/*",
            "/api/codes/*",
            "/api/certificates/*",
            "/api/products/*",
            "/api/organisations/*",
            "/api/records/*",
            "/api/records/*/proof",
            "/api/records/*/verification",
            "/api/epcis/events",
            "/api/ledger",
            "/api/ledger/abi",
            // the listing feed of e-commerce floors (docs/listing-feed.md)
            "/api/listing",
            "/api/listing/*");

    private PublicPaths() {}

    /** A public page: its language is negotiated from Accept-Language until the reader picks one. */
    public static boolean isPage(String path) {
        return path != null && path.startsWith("/01/");
    }
}

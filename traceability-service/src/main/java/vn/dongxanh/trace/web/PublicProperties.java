package vn.dongxanh.trace.web;

import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How buyers reach the platform from outside.
 *
 * @param publicUrl {@code dx.trace.public-url}: the host of the GS1 Digital Link URIs in QR codes
 *     and of links in resolver answers and EPCIS events (the web's origin in {@code ./dx run}, which
 *     serves the buyer page and passes the rest on to this service)
 * @param buyerPageUrl {@code dx.trace.buyer-page-url}: the origin of the buyer page (module web),
 *     where a browser asking this resolver for HTML is sent; empty: browsers get the JSON-LD
 * @param allowHttpPublicUrl {@code dx.trace.allow-http-public-url}: accept a plain http public URL
 *     (a developer's machine; {@code ./dx run} sets it). Otherwise the service refuses to start
 *     unless the public URL is https ({@link PublicUrlRule})
 */
@ConfigurationProperties("dx.trace")
public record PublicProperties(String publicUrl, String buyerPageUrl, boolean allowHttpPublicUrl) {
    public PublicProperties {
        publicUrl = PublicUrlRule.check(publicUrl, allowHttpPublicUrl);
        buyerPageUrl = buyerPageUrl == null || buyerPageUrl.isBlank() ? null : withoutSlash(buyerPageUrl.strip());
    }

    /** The GS1 Digital Link URI of a lot on our resolver. */
    public String digitalLink(String gtin14, String lot) {
        return publicUrl + "/01/" + gtin14 + "/10/" + lot;
    }

    /** The lot's buyer page, when one is configured. */
    public Optional<String> buyerPage(String gtin14, String lot) {
        return Optional.ofNullable(buyerPageUrl).map(base -> base + "/01/" + gtin14 + "/10/" + lot);
    }

    private static String withoutSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}

package vn.dongxanh.trace.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the service is reached from outside ({@code dx.trace.public-url}): the host of the GS1
 * Digital Link URIs in QR codes and of links in resolver answers and EPCIS events.
 */
@ConfigurationProperties("dx.trace")
public record PublicProperties(String publicUrl) {
    public PublicProperties {
        if (publicUrl == null || publicUrl.isBlank()) {
            throw new IllegalArgumentException("dx.trace.public-url is required");
        }
        publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    /** The GS1 Digital Link URI of a lot on our resolver. */
    public String digitalLink(String gtin14, String lot) {
        return publicUrl + "/01/" + gtin14 + "/10/" + lot;
    }
}

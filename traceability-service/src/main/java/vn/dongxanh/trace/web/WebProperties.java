package vn.dongxanh.trace.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Limits of the HTTP API ({@code dx.trace.web}).
 *
 * @param maxRequestSize the largest request body taken (default 8 MB: an EPCIS capture of the
 *     largest allowed number of events fits)
 */
@ConfigurationProperties("dx.trace.web")
public record WebProperties(DataSize maxRequestSize) {
    public WebProperties {
        maxRequestSize = maxRequestSize == null ? DataSize.ofMegabytes(8) : maxRequestSize;
    }
}

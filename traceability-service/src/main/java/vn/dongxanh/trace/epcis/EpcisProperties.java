package vn.dongxanh.trace.epcis;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * EPCIS options ({@code dx.trace.epcis.*}).
 *
 * @param identifierBase host of the GS1 Digital Link URIs used as EPCs in events (the canonical
 *     {@code https://id.gs1.org}, so identifiers do not change when our resolver moves)
 * @param maxEventsPerCapture most events accepted in one capture document
 */
@ConfigurationProperties("dx.trace.epcis")
public record EpcisProperties(String identifierBase, int maxEventsPerCapture) {}

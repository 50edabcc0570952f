package vn.dongxanh.trace.epcis;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * EPCIS options ({@code dx.trace.epcis.*}).
 *
 * @param identifierBase host of the GS1 Digital Link URIs used as EPCs in events (the canonical
 *     {@code https://id.gs1.org}, so identifiers do not change when our resolver moves); every
 *     identifier captured or queried is also kept and looked up in this form
 * @param maxEventsPerCapture most events accepted in one capture document
 * @param maxClockSkew how far in the future an eventTime may lie (clocks of devices and
 *     partners drift); later is refused
 * @param earliestEventTime an eventTime before this is refused as impossible
 * @param extensionBizSteps business steps the platform declares beside CBV 2.0's (full URIs)
 * @param extensionDispositions dispositions the platform declares beside CBV 2.0's (full URIs)
 * @param harvestSeasonDays when a plot's diary has no SOWING or TRANSPLANTING entry, the harvest
 *     event's sensor summary covers this many days before the harvest
 */
@ConfigurationProperties("dx.trace.epcis")
public record EpcisProperties(
        String identifierBase,
        int maxEventsPerCapture,
        Duration maxClockSkew,
        Instant earliestEventTime,
        List<String> extensionBizSteps,
        List<String> extensionDispositions,
        int harvestSeasonDays) {
    public EpcisProperties {
        identifierBase = identifierBase == null ? "https://id.gs1.org" : identifierBase;
        maxEventsPerCapture = maxEventsPerCapture <= 0 ? 1000 : maxEventsPerCapture;
        maxClockSkew = maxClockSkew == null ? Duration.ofMinutes(10) : maxClockSkew;
        earliestEventTime = earliestEventTime == null ? Instant.parse("2000-01-01T00:00:00Z") : earliestEventTime;
        extensionBizSteps = extensionBizSteps == null ? List.of() : List.copyOf(extensionBizSteps);
        extensionDispositions = extensionDispositions == null ? List.of() : List.copyOf(extensionDispositions);
        harvestSeasonDays = harvestSeasonDays <= 0 ? 120 : harvestSeasonDays;
    }
}

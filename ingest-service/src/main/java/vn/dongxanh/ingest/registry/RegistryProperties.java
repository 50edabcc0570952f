package vn.dongxanh.ingest.registry;

import java.time.Duration;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The registry's defaults.
 *
 * @param deviceOfflineAfter a device whose newest reading is older than this is offline. The
 *     device's own retained state lives on the field broker, which the cloud does not see; default
 *     15 min = 3 reporting intervals of 5 min (DOMAIN §6, the silence after which a gateway fails closed)
 * @param defaultReportingInterval how often a device is expected to report when its registration
 *     does not say; used for sensor coverage
 */
@ConfigurationProperties("dx.ingest.registry")
public record RegistryProperties(Duration deviceOfflineAfter, Duration defaultReportingInterval) {
    public RegistryProperties {
        Objects.requireNonNull(deviceOfflineAfter, "dx.ingest.registry.device-offline-after");
        Objects.requireNonNull(defaultReportingInterval, "dx.ingest.registry.default-reporting-interval");
        if (!deviceOfflineAfter.isPositive() || defaultReportingInterval.toSeconds() < 1) {
            throw new IllegalArgumentException(
                    "dx.ingest.registry.device-offline-after and default-reporting-interval must be positive"
                            + " (the interval at least 1s)");
        }
    }
}

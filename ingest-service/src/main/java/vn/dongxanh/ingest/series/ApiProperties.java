package vn.dongxanh.ingest.series;

import java.time.Duration;
import java.util.Objects;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Limits of the series query API.
 *
 * @param defaultWindow range returned when {@code from} is not given (ending at {@code to} or now)
 * @param defaultLimit points returned when {@code limit} is not given
 * @param maxLimit largest {@code limit} accepted (also the most buckets of an aggregate query)
 * @param maxDays longest range, in days, of the per-day plot queries (water, season summary)
 */
@ConfigurationProperties("dx.ingest.api")
public record ApiProperties(Duration defaultWindow, int defaultLimit, int maxLimit, int maxDays) {
    public ApiProperties {
        Objects.requireNonNull(defaultWindow, "dx.ingest.api.default-window");
        if (defaultLimit < 1 || maxLimit < defaultLimit) {
            throw new IllegalArgumentException("need 1 <= dx.ingest.api.default-limit <= dx.ingest.api.max-limit");
        }
        if (maxDays < 1) throw new IllegalArgumentException("dx.ingest.api.max-days must be at least 1");
    }
}

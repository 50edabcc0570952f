package vn.dongxanh.trace.growingarea;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Rules for growing-area codes ({@code dx.trace.codes.*}; DOMAIN.md §3 — all defaults, unverified
 * nationally, hence configurable).
 *
 * @param pattern format of a domestic code (default {@code ^VN-(\d{2})-(\d{4})$})
 * @param minAreaHa smallest total plot area of a code, in hectares
 * @param minAreaHaByCrop a different minimum for some crops (crop id → ha)
 * @param zone the time zone that dates (effective dates, harvest dates) are in
 */
@ConfigurationProperties("dx.trace.codes")
public record GrowingAreaProperties(
        Pattern pattern, BigDecimal minAreaHa, Map<String, BigDecimal> minAreaHaByCrop, ZoneId zone) {
    public GrowingAreaProperties {
        minAreaHaByCrop = minAreaHaByCrop == null ? Map.of() : Map.copyOf(minAreaHaByCrop);
    }

    public BigDecimal minAreaFor(String crop) {
        return minAreaHaByCrop.getOrDefault(crop, minAreaHa);
    }
}

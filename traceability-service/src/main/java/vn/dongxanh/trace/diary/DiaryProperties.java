package vn.dongxanh.trace.diary;

import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Farming-diary rules ({@code dx.trace.diary.*}; DOMAIN.md §5).
 *
 * @param defaultPhiDaysByCrop pre-harvest interval used when a pesticide's label PHI is not known
 *     but its crop class is (defaults: vegetables 14, rice 21); a crop not listed has no default
 *     and such an entry is refused — a PHI is never assumed to be 0
 */
@ConfigurationProperties("dx.trace.diary")
public record DiaryProperties(Map<String, Integer> defaultPhiDaysByCrop) {
    public DiaryProperties {
        defaultPhiDaysByCrop = defaultPhiDaysByCrop == null ? Map.of() : Map.copyOf(defaultPhiDaysByCrop);
    }
}

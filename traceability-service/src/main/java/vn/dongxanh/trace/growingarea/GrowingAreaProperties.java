package vn.dongxanh.trace.growingarea;

import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Rules for growing-area codes and their plots ({@code dx.trace.codes.*}; DOMAIN.md §3 — all
 * defaults, unverified nationally, hence configurable; docs/plots.md).
 *
 * @param pattern format of a domestic code (default {@code ^VN-(\d{2})-(\d{4})$})
 * @param minAreaHa smallest total plot area of a code, in hectares
 * @param minAreaHaByCrop a different minimum for some crops (crop id → ha)
 * @param zone the time zone that dates (effective dates, harvest dates) are in
 * @param maxPlotAreaHa largest area of one plot's polygon, in hectares (default 500); a larger
 *     one is refused as a mistake
 * @param areaTolerance how far, relative to the declared area, a plot's surveyed area may be from
 *     it before the plot is flagged (default 0.05: 5%)
 * @param province the box a plot must lie in (default: Quảng Ngãi, with former Kon Tum)
 */
@ConfigurationProperties("dx.trace.codes")
public record GrowingAreaProperties(
        Pattern pattern,
        BigDecimal minAreaHa,
        Map<String, BigDecimal> minAreaHaByCrop,
        ZoneId zone,
        BigDecimal maxPlotAreaHa,
        BigDecimal areaTolerance,
        Province province) {
    public GrowingAreaProperties {
        minAreaHaByCrop = minAreaHaByCrop == null ? Map.of() : Map.copyOf(minAreaHaByCrop);
        maxPlotAreaHa = maxPlotAreaHa == null ? new BigDecimal("500") : maxPlotAreaHa;
        areaTolerance = areaTolerance == null ? new BigDecimal("0.05") : areaTolerance;
        province = province == null ? Province.QUANG_NGAI : province;
        if (maxPlotAreaHa.signum() <= 0) {
            throw new IllegalArgumentException(
                    "dx.trace.codes.max-plot-area-ha must be positive, not " + maxPlotAreaHa);
        }
        if (areaTolerance.signum() < 0) {
            throw new IllegalArgumentException(
                    "dx.trace.codes.area-tolerance must not be negative, not " + areaTolerance);
        }
    }

    public BigDecimal minAreaFor(String crop) {
        return minAreaHaByCrop.getOrDefault(crop, minAreaHa);
    }

    /**
     * The province's bounding box in WGS 84 degrees, and how far outside it (km, on the ellipsoid)
     * a plot's outline may still reach; a plot reaching farther is refused.
     *
     * @param name how refusals name the province; a coordinate left out is Quảng Ngãi's
     */
    public record Province(String name, Double west, Double south, Double east, Double north, Double marginKm) {
        /**
         * Quảng Ngãi after the 2025 merger (with former Kon Tum): land about 107.3–109.2° E,
         * 13.9–15.45° N, Lý Sơn island near 109.1° E, 15.38° N; the box is generous on every side.
         */
        public static final Province QUANG_NGAI = new Province("Quảng Ngãi", 107.3, 13.9, 109.5, 15.6, 10.0);

        public Province {
            name = name == null || name.isBlank() ? "the province" : name.strip();
            west = west == null ? 107.3 : west;
            south = south == null ? 13.9 : south;
            east = east == null ? 109.5 : east;
            north = north == null ? 15.6 : north;
            marginKm = marginKm == null ? 10.0 : marginKm;
            if (!(west >= -180 && west < east && east <= 180)) {
                throw new IllegalArgumentException(
                        "dx.trace.codes.province: west must be below east, both within ±180, not " + west + ".."
                                + east);
            }
            if (!(south >= -90 && south < north && north <= 90)) {
                throw new IllegalArgumentException(
                        "dx.trace.codes.province: south must be below north, both within ±90, not " + south + ".."
                                + north);
            }
            if (!(marginKm >= 0)) {
                throw new IllegalArgumentException(
                        "dx.trace.codes.province.margin-km must not be negative, not " + marginKm);
            }
        }
    }
}

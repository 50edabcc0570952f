package vn.dongxanh.devkit.province;

import java.math.BigDecimal;
import java.util.Map;

/**
 * The audit's figures the seeded province is planned against: per crop the ceiling yield and the
 * most cycles a year, and how long before its end a certificate is reported expiring.
 * {@link #DEFAULTS} mirrors traceability-service's {@code FindingsProperties} defaults
 * (docs/findings.md); devkit cannot read them, so the province test checks that the two agree.
 *
 * @param ceilingTPerHa per crop, tonnes a hectare in one cycle above which a code's harvest is HIGH
 * @param cyclesPerYear per crop, the most cycles a year (a cycle is at least a year over this)
 * @param watchAbove the share of the ceiling above which a code's harvest is WATCH
 * @param certificateExpiryWindowDays an active certificate ending within this many days is a finding
 */
public record Rules(
        Map<String, BigDecimal> ceilingTPerHa,
        Map<String, Integer> cyclesPerYear,
        BigDecimal watchAbove,
        int certificateExpiryWindowDays) {
    public static final Rules DEFAULTS = new Rules(
            Map.of("rice", new BigDecimal("9.0"), "maize", new BigDecimal("12")),
            Map.of("rice", 3, "maize", 2),
            new BigDecimal("0.85"),
            60);

    public Rules {
        ceilingTPerHa = Map.copyOf(ceilingTPerHa);
        cyclesPerYear = Map.copyOf(cyclesPerYear);
        if (!ceilingTPerHa.keySet().equals(cyclesPerYear.keySet())) {
            throw new IllegalArgumentException("a ceiling and a number of cycles for every crop");
        }
    }

    /** The crops the province grows: those with a ceiling, so every code's yield is checked. */
    public java.util.List<String> crops() {
        return ceilingTPerHa.keySet().stream().sorted().toList();
    }

    /** The shortest cycle of a crop, in days: the window the audit sums a code's harvests over. */
    public int cycleDays(String crop) {
        return 365 / cyclesPerYear.get(crop);
    }
}

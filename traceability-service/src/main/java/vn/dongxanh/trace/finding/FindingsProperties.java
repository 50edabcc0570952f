package vn.dongxanh.trace.finding;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Period;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The audit's rules ({@code dx.trace.findings}, docs/findings.md).
 *
 * @param yield per crop id, the ceiling yield and the most cycles a year (the domain notes' table,
 *     generous on purpose, is the default; a crop configured here overrides its row); a crop
 *     without one is not checked for yield
 * @param highAbove a code's cycle above this share of what its area allows is HIGH (default 1.0)
 * @param watchAbove above this share it is WATCH (default 0.85)
 * @param certificateExpiryWindow an active certificate ending within this is a finding (default 60 days)
 * @param sensorEvidence the rules on irrigation evidence read from ingest-service
 * @param inspectionFiles what an inspection's files and photos may be
 */
@ConfigurationProperties("dx.trace.findings")
public record FindingsProperties(
        Map<String, Yield> yield,
        BigDecimal highAbove,
        BigDecimal watchAbove,
        Period certificateExpiryWindow,
        SensorEvidence sensorEvidence,
        InspectionFiles inspectionFiles) {
    public FindingsProperties {
        // configured crops overlay the domain notes' table rather than replace it
        Map<String, Yield> merged = defaults();
        if (yield != null) merged.putAll(yield);
        yield = Map.copyOf(merged);
        highAbove = highAbove == null ? BigDecimal.ONE : highAbove;
        watchAbove = watchAbove == null ? new BigDecimal("0.85") : watchAbove;
        certificateExpiryWindow = certificateExpiryWindow == null ? Period.ofDays(60) : certificateExpiryWindow;
        sensorEvidence = sensorEvidence == null ? new SensorEvidence(null, null, null, null, null) : sensorEvidence;
        inspectionFiles = inspectionFiles == null ? new InspectionFiles(null, null, null) : inspectionFiles;
        if (watchAbove.signum() <= 0 || highAbove.compareTo(watchAbove) < 0) {
            throw new IllegalArgumentException("dx.trace.findings: need 0 < watch-above <= high-above");
        }
    }

    /**
     * A crop's ceiling: {@code ceilingTPerHa} tonnes a hectare in one cycle, at most {@code
     * cyclesPerYear} cycles a year (so one cycle takes at least a year divided by that).
     */
    public record Yield(BigDecimal ceilingTPerHa, int cyclesPerYear) {
        public Yield {
            if (ceilingTPerHa == null || ceilingTPerHa.signum() <= 0 || cyclesPerYear < 1) {
                throw new IllegalArgumentException(
                        "dx.trace.findings.yield: a ceiling above 0 and at least one cycle a year");
            }
        }

        /** The shortest a cycle can be, in days: the window a cycle's harvests are summed over. */
        public int cycleDays() {
            return 365 / cyclesPerYear;
        }
    }

    /**
     * The rules on irrigation evidence ({@code dx.trace.findings.sensor-evidence}).
     *
     * @param lookback batches harvested and diary entries written within this before today are
     *     checked (default 180 days)
     * @param seasonDays a batch's season is its crop's shortest cycle before the harvest, at most this
     *     many days (default 100)
     * @param rainfedCrops crops grown on rain alone: no finding for an empty irrigation record (default none)
     * @param cacheFor how long ingest-service's plot activity is reused before it is asked again
     *     (default 5 minutes)
     * @param workingShare a plot is under automatic irrigation in the province figures when its
     *     sensors reported on at least this share of the season's days and its control started
     *     irrigation (default 0.8)
     */
    public record SensorEvidence(
            Period lookback,
            Integer seasonDays,
            List<String> rainfedCrops,
            Duration cacheFor,
            BigDecimal workingShare) {
        public SensorEvidence {
            lookback = lookback == null ? Period.ofDays(180) : lookback;
            seasonDays = seasonDays == null ? 100 : seasonDays;
            rainfedCrops = rainfedCrops == null ? List.of() : List.copyOf(rainfedCrops);
            cacheFor = cacheFor == null ? Duration.ofMinutes(5) : cacheFor;
            workingShare = workingShare == null ? new BigDecimal("0.8") : workingShare;
            if (seasonDays < 1
                    || cacheFor.isNegative()
                    || workingShare.signum() < 0
                    || workingShare.compareTo(BigDecimal.ONE) > 0) {
                throw new IllegalArgumentException(
                        "dx.trace.findings.sensor-evidence: season-days at least 1, cache-for not negative,"
                                + " working-share from 0 to 1");
            }
        }
    }

    /**
     * Files and photos of an inspection ({@code dx.trace.findings.inspection-files}).
     *
     * @param types the media types taken (default JPEG, PNG, WebP and HEIC photos, and PDF)
     * @param maxBytes the largest file (default 5 MB, under the request limit of 8 MB)
     * @param maxPerInspection how many files one inspection may have (default 20)
     */
    public record InspectionFiles(List<String> types, Long maxBytes, Integer maxPerInspection) {
        public InspectionFiles {
            types = types == null || types.isEmpty()
                    ? List.of("image/jpeg", "image/png", "image/webp", "image/heic", "application/pdf")
                    : types.stream()
                            .map(t -> t.strip().toLowerCase(java.util.Locale.ROOT))
                            .toList();
            maxBytes = maxBytes == null ? 5L * 1024 * 1024 : maxBytes;
            maxPerInspection = maxPerInspection == null ? 20 : maxPerInspection;
            if (maxBytes < 1 || maxPerInspection < 1) {
                throw new IllegalArgumentException(
                        "dx.trace.findings.inspection-files: max-bytes and max-per-inspection at least 1");
            }
        }
    }

    /** The domain notes' ceilings (section 7), for the crop ids this platform uses. */
    private static Map<String, Yield> defaults() {
        Map<String, Yield> m = new LinkedHashMap<>();
        m.put("rice", new Yield(new BigDecimal("9.0"), 3));
        m.put("garlic", new Yield(new BigDecimal("15"), 1));
        m.put("shallot", new Yield(new BigDecimal("35"), 3));
        m.put("leafy-greens", new Yield(new BigDecimal("40"), 8));
        m.put("vegetable", new Yield(new BigDecimal("40"), 8));
        m.put("cabbage", new Yield(new BigDecimal("80"), 2));
        m.put("tomato", new Yield(new BigDecimal("100"), 2));
        m.put("cucumber", new Yield(new BigDecimal("60"), 3));
        m.put("chili", new Yield(new BigDecimal("35"), 1));
        m.put("watermelon", new Yield(new BigDecimal("60"), 2));
        m.put("maize", new Yield(new BigDecimal("12"), 2));
        m.put("peanut", new Yield(new BigDecimal("6"), 2));
        return m;
    }
}

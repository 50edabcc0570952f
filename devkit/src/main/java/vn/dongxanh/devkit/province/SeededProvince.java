package vn.dongxanh.devkit.province;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import vn.dongxanh.contract.irrigation.PlotActivity;

/**
 * A generated province ({@link ProvinceGenerator}): what its cooperatives, the department and the
 * certification body write into traceability-service, in the order they write it, with the
 * irregularities planted in it and the findings the audit must raise for them (docs/findings.md,
 * "The seeded province"). Pure data; {@link ProvinceWriter} sends it through the API.
 *
 * @param organisations the department, the certification body and the cooperatives
 * @param afterwards what happens once the season's batches are declared: back-dated suspensions,
 *     withdrawals, diary entries written late, scans of a label
 * @param inDatabase what the API refuses by design and a test plants in the database
 * @param expected every planted irregularity as the finding it must raise
 * @param telemetry the plots whose sensors did not report or irrigate as the others did; every
 *     other plot reports every day and its control irrigates every third day
 */
public record SeededProvince(
        ProvinceGenerator.Spec spec,
        LocalDate today,
        Organisations organisations,
        List<Plot> plots,
        List<Code> codes,
        List<Certificate> certificates,
        List<Product> products,
        List<DiaryEntry> diary,
        List<Batch> batches,
        List<Step> afterwards,
        List<InDatabase> inDatabase,
        List<Expected> expected,
        Map<String, Telemetry> telemetry) {
    public SeededProvince {
        plots = List.copyOf(plots);
        codes = List.copyOf(codes);
        certificates = List.copyOf(certificates);
        products = List.copyOf(products);
        diary = List.copyOf(diary);
        batches = List.copyOf(batches);
        afterwards = List.copyOf(afterwards);
        inDatabase = List.copyOf(inDatabase);
        expected = List.copyOf(expected);
        telemetry = Map.copyOf(telemetry);
    }

    /** The organisations: their ids and the cooperatives' names. */
    public record Organisations(String department, String certificationBody, List<Cooperative> cooperatives) {}

    public record Cooperative(String id, String name) {}

    /** A rectangular plot, its corners in WGS 84 degrees. */
    public record Plot(
            String id, String cooperative, String crop, double west, double south, double east, double north) {
        /** Its outline as a GeoJSON Polygon (longitude first, the ring closed). */
        public Map<String, Object> geometry() {
            return rectangle(west, south, east, north);
        }

        /** Its area in hectares, on a local flat approximation (well within 1 % of the surveyed one). */
        public double areaHa() {
            double mid = Math.toRadians((south + north) / 2);
            return (east - west)
                    * METRES_PER_DEGREE_LON
                    * Math.cos(mid)
                    * (north - south)
                    * METRES_PER_DEGREE_LAT
                    / 10_000;
        }
    }

    static final double METRES_PER_DEGREE_LON = 111_320;
    static final double METRES_PER_DEGREE_LAT = 110_574;

    static Map<String, Object> rectangle(double west, double south, double east, double north) {
        return Map.of(
                "type",
                "Polygon",
                "coordinates",
                List.of(List.of(
                        List.of(west, south),
                        List.of(east, south),
                        List.of(east, north),
                        List.of(west, north),
                        List.of(west, south))));
    }

    /** A growing-area code over plots, applied for, inspected and issued on these days. */
    public record Code(
            String code,
            String cooperative,
            String crop,
            List<String> plots,
            LocalDate applied,
            LocalDate inspected,
            LocalDate issued) {}

    /** A VietGAP certificate issued by the certification body. */
    public record Certificate(
            String number, String holder, LocalDate validFrom, LocalDate validTo, List<String> crops) {}

    public record Product(String gtin, String cooperative, String name, String crop) {}

    /** A diary entry of a plot, written by its cooperative's manager. */
    public record DiaryEntry(
            String plot,
            String cooperative,
            LocalDate date,
            String operation,
            String productName,
            String activeIngredients,
            Integer phiDays,
            String target,
            String notes) {}

    /** A batch declared (and published) by its cooperative, claiming certificates by number. */
    public record Batch(
            String lot,
            String gtin,
            String cooperative,
            String code,
            LocalDate harvest,
            BigDecimal quantityKg,
            List<String> certificates) {}

    /** What is written after the season's batches. */
    public sealed interface Step {}

    /** The department suspends a code, effective on a day already past. */
    public record Suspension(String code, LocalDate effective, String reason) implements Step {}

    /** The certification body withdraws a certificate. */
    public record Withdrawal(String certificate, String reason) implements Step {}

    /** A diary entry written after the batches. */
    public record LateEntry(DiaryEntry entry) implements Step {}

    /** A lot's label read this many times at the public resolver (the buyer page's read of its story). */
    public record Scans(String gtin, String lot, int times) implements Step {}

    /** What a test plants in the database, the API refusing it. */
    public sealed interface InDatabase {}

    /** A plot's stored outline replaced (as if redrawn after its code was issued). */
    public record RedrawnPlot(String plot, Map<String, Object> geometry) implements InDatabase {}

    /** A batch's stored record edited: its lot, quoted, becomes {@code editedLot}. */
    public record EditedRecord(String lot, String editedLot) implements InDatabase {}

    /** What a finding is about, as the plan knows it (the service assigns batch and certificate ids). */
    public enum Subject {
        CODE,
        PLOT,
        BATCH,
        CERTIFICATE,
        /** the record of the batch of this lot */
        BATCH_RECORD
    }

    /**
     * A finding the audit must raise: its kind (the audit's names) and subject.
     *
     * @param inDatabase planted by a test in the database, not through the API
     */
    public record Expected(String kind, Subject subject, String key, boolean inDatabase) {}

    /** A plot's devices and what they did each day ({@link Days}). */
    public record Telemetry(int sensors, int valves, Days reported, Days irrigated, Days automatic) {
        public static final Telemetry WORKING = new Telemetry(1, 1, Days.EVERY, Days.THIRD, Days.THIRD);
    }

    public enum Days {
        NONE,
        EVERY,
        /** every third day, by the epoch day, so every plot and every request agree */
        THIRD;

        boolean on(LocalDate day) {
            return this == EVERY || (this == THIRD && day.toEpochDay() % 3 == 0);
        }
    }

    public Telemetry telemetryOf(String plot) {
        return telemetry.getOrDefault(plot, Telemetry.WORKING);
    }

    /**
     * ingest-service's plot activity over local days from..to as the plan's telemetry describes it,
     * for the plots given with their cooperative (a test stands in for ingest with it).
     */
    public PlotActivity activity(LocalDate from, LocalDate to, Map<String, String> plotCooperatives, String zone) {
        int days = (int) (ChronoUnit.DAYS.between(from, to) + 1);
        List<PlotActivity.Plot> plots = new ArrayList<>();
        plotCooperatives.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(p -> {
            Telemetry t = telemetryOf(p.getKey());
            plots.add(new PlotActivity.Plot(
                    p.getKey(),
                    p.getValue(),
                    t.sensors(),
                    t.valves(),
                    pattern(t.reported(), from, days),
                    pattern(t.irrigated(), from, days),
                    pattern(t.automatic(), from, days)));
        });
        return new PlotActivity(from, to, zone, Instant.now(), plots);
    }

    private static String pattern(Days d, LocalDate from, int days) {
        StringBuilder s = new StringBuilder(days);
        for (int i = 0; i < days; i++) s.append(d.on(from.plusDays(i)) ? '1' : '0');
        return s.toString();
    }

    /** The box (west, south, east, north, degrees) holding every plot. */
    public double[] box() {
        return new double[] {
            plots.stream().mapToDouble(Plot::west).min().orElseThrow(),
            plots.stream().mapToDouble(Plot::south).min().orElseThrow(),
            plots.stream().mapToDouble(Plot::east).max().orElseThrow(),
            plots.stream().mapToDouble(Plot::north).max().orElseThrow()
        };
    }

    /** One line on what the province holds, for a log. */
    public String summary() {
        return String.format(
                Locale.ROOT,
                "%d cooperatives, %d plots, %d codes, %d certificates, %d batches, %d diary entries,"
                        + " %d irregularities planted (%d of them in the database)",
                organisations.cooperatives().size(),
                plots.size(),
                codes.size(),
                certificates.size(),
                batches.size(),
                diary.size(),
                expected.size(),
                expected.stream().filter(Expected::inDatabase).count());
    }
}

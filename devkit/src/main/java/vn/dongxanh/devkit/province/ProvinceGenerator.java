package vn.dongxanh.devkit.province;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import vn.dongxanh.devkit.province.SeededProvince.Batch;
import vn.dongxanh.devkit.province.SeededProvince.Certificate;
import vn.dongxanh.devkit.province.SeededProvince.Code;
import vn.dongxanh.devkit.province.SeededProvince.Cooperative;
import vn.dongxanh.devkit.province.SeededProvince.Days;
import vn.dongxanh.devkit.province.SeededProvince.DiaryEntry;
import vn.dongxanh.devkit.province.SeededProvince.EditedRecord;
import vn.dongxanh.devkit.province.SeededProvince.Expected;
import vn.dongxanh.devkit.province.SeededProvince.InDatabase;
import vn.dongxanh.devkit.province.SeededProvince.LateEntry;
import vn.dongxanh.devkit.province.SeededProvince.Plot;
import vn.dongxanh.devkit.province.SeededProvince.Product;
import vn.dongxanh.devkit.province.SeededProvince.RedrawnPlot;
import vn.dongxanh.devkit.province.SeededProvince.Scans;
import vn.dongxanh.devkit.province.SeededProvince.Step;
import vn.dongxanh.devkit.province.SeededProvince.Subject;
import vn.dongxanh.devkit.province.SeededProvince.Suspension;
import vn.dongxanh.devkit.province.SeededProvince.Telemetry;
import vn.dongxanh.devkit.province.SeededProvince.Withdrawal;

/**
 * Plans a province from a seed: the same seed, size and day give the same province. Cooperatives
 * share the plots in runs; each plot is a rectangle in its own cell of a grid, so no two overlap
 * unless planted; codes group one to five neighbouring plots of one crop; every code harvests a
 * few batches over the season, well under its ceiling, from plots sprayed in time. Then, on codes
 * kept apart from each other, the irregularities of every kind the audit knows are planted the way
 * they arise in the field (docs/findings.md, "The seeded province").
 */
public final class ProvinceGenerator {
    /** Each plot lies in a square cell of this side; plots are at most {@link #MAX_SIDE_M} a side. */
    private static final double CELL_M = 250;

    private static final double MIN_SIDE_M = 110;
    private static final double MAX_SIDE_M = 200;
    private static final double JITTER_M = 20;
    private static final int COLUMNS = 20;
    private static final int MAX_PLOTS_PER_CODE = 5;
    /** Days before today: codes applied, inspected, issued; certificates valid from. */
    private static final int APPLIED_DAYS_AGO = 200;

    private static final int INSPECTED_DAYS_AGO = 195;
    private static final int ISSUED_DAYS_AGO = 190;
    private static final int CERTIFIED_DAYS_AGO = 300;
    private static final int CERTIFICATE_DAYS_AHEAD = 400;
    /** The season's harvests: the first this many days ago (less up to a jitter), then spaced, the last not after {@link #LAST_HARVEST_DAYS_AGO}. */
    private static final int FIRST_HARVEST_DAYS_AGO = 160;

    private static final int LAST_HARVEST_DAYS_AGO = 8;
    private static final int HARVEST_SPACING_DAYS = 40;
    /** A clean code harvests at most this share of its ceiling over the whole season. */
    private static final double CLEAN_SHARE = 0.6;
    /** The planted yields, as a share of the ceiling: above high-above (1.0), and between watch-above and it. */
    private static final double HIGH_SHARE = 1.3;

    private static final double ROUND_SIZE_PLOTS = 100;
    /** Sowing this many days before a plot's first harvest; its spraying between these. */
    private static final int SOWN_DAYS_BEFORE_HARVEST = 100;

    private static final int SPRAYED_MIN_DAYS_BEFORE_HARVEST = 30;
    private static final int SPRAYED_MAX_DAYS_BEFORE_HARVEST = 45;
    /** Pesticides and the pre-harvest interval on their labels (all shorter than the spraying's lead). */
    private static final List<Pesticide> PESTICIDES = List.of(
            new Pesticide("Regent 800WG", "fipronil", 14, "sâu đục thân"),
            new Pesticide("Anvil 5SC", "hexaconazole", 7, "khô vằn"),
            new Pesticide("Tilt Super 300EC", "difenoconazole, propiconazole", 14, "lem lép hạt"),
            new Pesticide("Actara 25WG", "thiamethoxam", 7, "rầy nâu"));

    private static final List<String> COOPERATIVE_NAMES = List.of(
            "Hợp tác xã Bình Minh",
            "Hợp tác xã Phước Lộc",
            "Hợp tác xã Tân Hiệp",
            "Hợp tác xã Đức Thắng",
            "Hợp tác xã Hòa Bình",
            "Hợp tác xã Long Điền");

    private record Pesticide(String product, String activeIngredients, int phiDays, String target) {}

    /**
     * What to generate.
     *
     * @param seed the random seed
     * @param cooperatives how many cooperatives (at least 1)
     * @param plots how many plots (enough for the planted irregularities' codes: 60 or more)
     * @param west the longitude of the grid's west edge
     * @param south the latitude of its south edge
     * @param provinceNumber the province's two digits in its codes ({@code VN-PP-NNNN}) and certificates
     * @param firstCodeNumber the first code's four digits (the codes follow it)
     * @param prefix a short lower-case prefix of the province's ids (cooperatives, plots, lots)
     * @param department the department's organisation id
     * @param certificationBody the certification body's organisation id
     * @param rules the audit's figures the plan keeps under (clean) or goes over (planted)
     */
    public record Spec(
            long seed,
            int cooperatives,
            int plots,
            double west,
            double south,
            String provinceNumber,
            int firstCodeNumber,
            String prefix,
            String department,
            String certificationBody,
            Rules rules) {
        public Spec {
            if (cooperatives < 1 || plots < 60 || plots > 4000 || firstCodeNumber < 1) {
                throw new IllegalArgumentException("a seeded province needs a cooperative or more and from 60 to"
                        + " 4000 plots (the planted irregularities need codes of their own), not " + cooperatives
                        + " cooperatives and " + plots + " plots");
            }
            if (!prefix.matches("[a-z]{1,3}")) {
                throw new IllegalArgumentException("a prefix of one to three lower-case letters, not " + prefix);
            }
        }
    }

    private ProvinceGenerator() {}

    public static SeededProvince generate(Spec spec, LocalDate today) {
        return new Run(spec, today).province();
    }

    /** One generation: the random source and what has been planned so far. */
    private static final class Run {
        private final Spec spec;
        private final LocalDate today;
        private final Random random;
        private final Rules rules;
        private final List<Cooperative> cooperatives = new ArrayList<>();
        private final List<Plot> plots = new ArrayList<>();
        private final List<Code> codes = new ArrayList<>();
        private final List<Certificate> certificates = new ArrayList<>();
        private final List<Product> products = new ArrayList<>();
        private final List<DiaryEntry> diary = new ArrayList<>();
        private final List<Batch> batches = new ArrayList<>();
        private final List<Step> afterwards = new ArrayList<>();
        private final List<InDatabase> inDatabase = new ArrayList<>();
        private final List<Expected> expected = new ArrayList<>();
        private final Map<String, Telemetry> telemetry = new LinkedHashMap<>();
        /** Each cooperative's certificate in force, claimed by its clean batches. */
        private final Map<String, String> mainCertificate = new LinkedHashMap<>();

        private final Map<String, Plot> plotById = new LinkedHashMap<>();
        private int certificateNumber = 0;

        Run(Spec spec, LocalDate today) {
            this.spec = spec;
            this.today = today;
            this.random = new Random(spec.seed());
            this.rules = spec.rules();
        }

        SeededProvince province() {
            organisationsAndPlots();
            for (Cooperative c : cooperatives) {
                for (String crop : rules.crops()) products.add(product(c, crop));
                mainCertificate.put(
                        c.id(),
                        certificate(c.id(), today.plusDays(CERTIFICATE_DAYS_AHEAD))
                                .number());
            }
            // the season of every code, as a clean code has it; the planting then changes some
            Map<String, List<Batch>> season = new LinkedHashMap<>();
            for (Code code : codes) season.put(code.code(), season(code));
            plant(season);
            season.values().forEach(batches::addAll);
            for (Code code : codes) diaryOf(code, season.get(code.code()));
            return new SeededProvince(
                    spec,
                    today,
                    new SeededProvince.Organisations(spec.department(), spec.certificationBody(), cooperatives),
                    plots,
                    codes,
                    certificates,
                    products,
                    diary,
                    batches,
                    afterwards,
                    inDatabase,
                    expected,
                    telemetry);
        }

        /** Cooperatives, their plots in runs across the grid, and codes over neighbouring plots of one crop. */
        private void organisationsAndPlots() {
            for (int c = 0; c < spec.cooperatives(); c++) {
                String number = String.format("%02d", c + 1);
                cooperatives.add(new Cooperative(
                        "htx-" + spec.prefix() + "-" + number,
                        c < COOPERATIVE_NAMES.size() ? COOPERATIVE_NAMES.get(c) : "Hợp tác xã số " + number));
            }
            double lonPerM = 1 / (SeededProvince.METRES_PER_DEGREE_LON * Math.cos(Math.toRadians(spec.south())));
            double latPerM = 1 / SeededProvince.METRES_PER_DEGREE_LAT;
            int next = 0;
            int codeNumber = spec.firstCodeNumber();
            for (int c = 0; c < spec.cooperatives(); c++) {
                int count = spec.plots() / spec.cooperatives() + (c < spec.plots() % spec.cooperatives() ? 1 : 0);
                String coop = cooperatives.get(c).id();
                int end = next + count;
                while (next < end) {
                    int size = Math.min(1 + random.nextInt(MAX_PLOTS_PER_CODE), end - next);
                    String crop = random.nextInt(10) < 7 ? "rice" : "maize";
                    List<String> ids = new ArrayList<>();
                    for (int i = 0; i < size; i++, next++) {
                        double width = MIN_SIDE_M + random.nextDouble() * (MAX_SIDE_M - MIN_SIDE_M);
                        double height = MIN_SIDE_M + random.nextDouble() * (MAX_SIDE_M - MIN_SIDE_M);
                        double x = (next % COLUMNS) * CELL_M + random.nextDouble() * JITTER_M;
                        double y = (next / COLUMNS) * CELL_M + random.nextDouble() * JITTER_M;
                        Plot plot = new Plot(
                                String.format("%s-p%04d", spec.prefix(), next + 1),
                                coop,
                                crop,
                                round(spec.west() + x * lonPerM),
                                round(spec.south() + y * latPerM),
                                round(spec.west() + (x + width) * lonPerM),
                                round(spec.south() + (y + height) * latPerM));
                        plots.add(plot);
                        plotById.put(plot.id(), plot);
                        ids.add(plot.id());
                    }
                    if (codeNumber > 9999) throw new IllegalArgumentException("codes beyond NNNN = 9999");
                    codes.add(new Code(
                            "VN-" + spec.provinceNumber() + "-" + String.format("%04d", codeNumber++),
                            coop,
                            crop,
                            ids,
                            today.minusDays(APPLIED_DAYS_AGO),
                            today.minusDays(INSPECTED_DAYS_AGO),
                            today.minusDays(ISSUED_DAYS_AGO)));
                }
            }
        }

        private static double round(double degrees) {
            return Math.round(degrees * 1e7) / 1e7;
        }

        private Product product(Cooperative c, String crop) {
            int company = 20_000 + cooperatives.indexOf(c) + 1 + spec.firstCodeNumber() % 1000 * 10;
            String body = "0893" + String.format("%05d", company % 100_000)
                    + String.format("%04d", rules.crops().indexOf(crop) + 1);
            return new Product(
                    body + checkDigit(body), c.id(), (crop.equals("rice") ? "Gạo " : "Ngô ") + c.name(), crop);
        }

        /** A VietGAP certificate for every crop of the province, valid from well before the season to {@code validTo}. */
        private Certificate certificate(String holder, LocalDate validTo) {
            Certificate c = new Certificate(
                    "VietGAP-TT-25-01-" + spec.provinceNumber() + "-"
                            + String.format("%04d", (spec.firstCodeNumber() + certificateNumber++) % 10_000),
                    holder,
                    today.minusDays(CERTIFIED_DAYS_AGO),
                    validTo,
                    rules.crops());
            certificates.add(c);
            return c;
        }

        /** A clean code's season: two to four batches spaced over it, together under its share of the ceiling. */
        private List<Batch> season(Code code) {
            int count = 2 + random.nextInt(3);
            BigDecimal allowed = allowedKg(code);
            List<Batch> season = new ArrayList<>();
            int daysAgo = FIRST_HARVEST_DAYS_AGO - random.nextInt(20);
            for (int k = 1; k <= count && daysAgo >= LAST_HARVEST_DAYS_AGO; k++) {
                double share = CLEAN_SHARE / count * (0.6 + 0.4 * random.nextDouble());
                season.add(batch(code, k, today.minusDays(daysAgo), kg(allowed, share)));
                daysAgo -= HARVEST_SPACING_DAYS + random.nextInt(10);
            }
            return season;
        }

        private Batch batch(Code code, int k, LocalDate harvest, BigDecimal kg) {
            return new Batch(
                    lot(code, Integer.toString(k)),
                    gtin(code),
                    code.cooperative(),
                    code.code(),
                    harvest,
                    kg,
                    List.of(mainCertificate.get(code.cooperative())));
        }

        private String lot(Code code, String suffix) {
            return spec.prefix().toUpperCase(java.util.Locale.ROOT)
                    + code.code().substring(6) + "-" + suffix;
        }

        private String gtin(Code code) {
            return products.stream()
                    .filter(p -> p.cooperative().equals(code.cooperative())
                            && p.crop().equals(code.crop()))
                    .findFirst()
                    .orElseThrow()
                    .gtin();
        }

        /** What the code's area may grow in a cycle, in kg (its plots' area a little under-estimated). */
        private BigDecimal allowedKg(Code code) {
            double ha = code.plots().stream()
                    .mapToDouble(p -> plotById.get(p).areaHa())
                    .sum();
            return BigDecimal.valueOf(ha)
                    .multiply(rules.ceilingTPerHa().get(code.crop()))
                    .multiply(BigDecimal.valueOf(1000));
        }

        private static BigDecimal kg(BigDecimal allowed, double share) {
            return allowed.multiply(BigDecimal.valueOf(share)).setScale(0, RoundingMode.DOWN);
        }

        /** Every plot sown before its code's first harvest and sprayed once, its interval run out by then. */
        private void diaryOf(Code code, List<Batch> season) {
            LocalDate first = season.stream()
                    .map(Batch::harvest)
                    .min(LocalDate::compareTo)
                    .orElse(today.minusDays(LAST_HARVEST_DAYS_AGO));
            for (String plot : code.plots()) {
                diary.add(new DiaryEntry(
                        plot,
                        code.cooperative(),
                        first.minusDays(SOWN_DAYS_BEFORE_HARVEST),
                        "SOWING",
                        null,
                        null,
                        null,
                        null,
                        "gieo sạ " + code.crop()));
                Pesticide p = PESTICIDES.get(random.nextInt(PESTICIDES.size()));
                int lead = SPRAYED_MIN_DAYS_BEFORE_HARVEST
                        + random.nextInt(SPRAYED_MAX_DAYS_BEFORE_HARVEST - SPRAYED_MIN_DAYS_BEFORE_HARVEST + 1);
                diary.add(new DiaryEntry(
                        plot,
                        code.cooperative(),
                        first.minusDays(lead),
                        "PESTICIDE",
                        p.product(),
                        p.activeIngredients(),
                        p.phiDays(),
                        p.target(),
                        null));
            }
        }

        /**
         * The irregularities, on codes drawn apart from each other (a code carries one at most): one
         * round of every kind per {@link #ROUND_SIZE_PLOTS} plots.
         */
        private void plant(Map<String, List<Batch>> season) {
            int rounds = (int) Math.max(1, Math.round(spec.plots() / ROUND_SIZE_PLOTS));
            List<Code> free = new ArrayList<>(codes);
            Collections.shuffle(free, random);
            Set<String> taken = new HashSet<>();
            for (int round = 0; round < rounds; round++) {
                overlap(free, taken);
                String yieldHigh = take(free, taken).code();
                replaceSeason(season, yieldHigh, HIGH_SHARE);
                expect("YIELD_BEYOND_AREA", Subject.CODE, yieldHigh, false);
                String yieldWatch = take(free, taken).code();
                double watch = (rules.watchAbove().doubleValue() + 1) / 2; // between WATCH and HIGH
                replaceSeason(season, yieldWatch, watch);
                expect("YIELD_BEYOND_AREA", Subject.CODE, yieldWatch, false);

                // a suspension dated back over the code's last harvest
                Code suspended = take(free, taken);
                Batch last = season.get(suspended.code()).getLast();
                LocalDate effective = last.harvest().minusDays(3);
                afterwards.add(new Suspension(suspended.code(), effective, "bán gạo ngoài vùng trồng (thanh tra)"));
                season.get(suspended.code()).stream()
                        .filter(b -> !b.harvest().isBefore(effective))
                        .forEach(b -> expect("HARVEST_OUTSIDE_CODE_VALIDITY", Subject.BATCH, b.lot(), false));

                // a certificate claimed by one batch, withdrawn afterwards
                Code claiming = take(free, taken);
                Certificate withdrawn = certificate(claiming.cooperative(), today.plusDays(CERTIFICATE_DAYS_AHEAD));
                List<Batch> own = season.get(claiming.code());
                Batch claimed = own.getFirst();
                own.set(
                        0,
                        new Batch(
                                claimed.lot(),
                                claimed.gtin(),
                                claimed.cooperative(),
                                claimed.code(),
                                claimed.harvest(),
                                claimed.quantityKg(),
                                List.of(withdrawn.number())));
                afterwards.add(new Withdrawal(withdrawn.number(), "vi phạm quy trình VietGAP"));
                expect("CERTIFICATE_NOT_VALID_FOR_BATCH", Subject.BATCH, claimed.lot(), false);

                // a spraying written into the diary after the last batch, its interval running over the harvest
                Code sprayed = take(free, taken);
                Batch harvested = season.get(sprayed.code()).getLast();
                Pesticide p = PESTICIDES.stream()
                        .filter(x -> x.phiDays() > 7)
                        .findFirst()
                        .orElseThrow();
                LocalDate on = harvested.harvest().minusDays(p.phiDays() / 2);
                afterwards.add(new LateEntry(new DiaryEntry(
                        sprayed.plots().getFirst(),
                        sprayed.cooperative(),
                        on,
                        "PESTICIDE",
                        p.product(),
                        p.activeIngredients(),
                        p.phiDays(),
                        p.target(),
                        null)));
                season.get(sprayed.code()).stream()
                        .filter(b -> !b.harvest().isBefore(on) && b.harvest().isBefore(on.plusDays(p.phiDays())))
                        .forEach(b -> expect("PRE_HARVEST_INTERVAL", Subject.BATCH, b.lot(), false));

                // a certificate of a cooperative ending within the window
                String holder = cooperatives.get(round % cooperatives.size()).id();
                Certificate ending = certificate(holder, today.plusDays(rules.certificateExpiryWindowDays() / 2));
                expect("CERTIFICATE_EXPIRING", Subject.CERTIFICATE, ending.number(), false);

                // a batch's stored record edited
                Batch edited = season.get(take(free, taken).code()).getFirst();
                inDatabase.add(new EditedRecord(edited.lot(), edited.lot() + "X"));
                expect("LEDGER_MISMATCH", Subject.BATCH_RECORD, edited.lot(), true);

                // a one-unit lot (1 kg, the scan rule's default pack) read more often than a pack is
                Code cloned = take(free, taken);
                Batch small = new Batch(
                        lot(cloned, "C"),
                        gtin(cloned),
                        cloned.cooperative(),
                        cloned.code(),
                        season.get(cloned.code()).getLast().harvest(),
                        BigDecimal.ONE,
                        List.of(mainCertificate.get(cloned.cooperative())));
                season.get(cloned.code()).add(small);
                afterwards.add(new Scans(small.gtin(), small.lot(), SCANS_OF_A_CLONED_LABEL));
                expect("POSSIBLE_CLONED_LABEL", Subject.BATCH, small.lot(), false);

                // plots whose sensors sent nothing all season, and plots never irrigated
                Code silent = take(free, taken);
                silent.plots().forEach(id -> telemetry.put(id, new Telemetry(1, 1, Days.NONE, Days.NONE, Days.NONE)));
                season.get(silent.code()).forEach(b -> expect("NO_SENSOR_EVIDENCE", Subject.BATCH, b.lot(), false));
                Code dry = take(free, taken);
                dry.plots().forEach(id -> telemetry.put(id, new Telemetry(1, 1, Days.EVERY, Days.NONE, Days.NONE)));
                season.get(dry.code()).forEach(b -> expect("EMPTY_IRRIGATION_RECORD", Subject.BATCH, b.lot(), false));

                // irrigation typed into a plot's diary by hand
                Code typed = take(free, taken);
                String plot = typed.plots().get(random.nextInt(typed.plots().size()));
                afterwards.add(new LateEntry(new DiaryEntry(
                        plot,
                        typed.cooperative(),
                        today.minusDays(12),
                        "IRRIGATION",
                        null,
                        null,
                        null,
                        null,
                        "bơm 2 giờ")));
                expect("IRRIGATION_TYPED_BY_HAND", Subject.PLOT, plot, false);

                // not findings: a clean code without a valve, another irrigated by hand only
                take(free, taken)
                        .plots()
                        .forEach(id -> telemetry.put(id, new Telemetry(1, 0, Days.EVERY, Days.THIRD, Days.NONE)));
                take(free, taken)
                        .plots()
                        .forEach(id -> telemetry.put(id, new Telemetry(1, 1, Days.EVERY, Days.THIRD, Days.NONE)));
            }
        }

        /** Two plots of two codes side by side in a row, the east one redrawn over the west one by 20 m. */
        private void overlap(List<Code> free, Set<String> taken) {
            Map<String, Code> codeOf = new LinkedHashMap<>();
            for (Code c : codes) for (String p : c.plots()) codeOf.put(p, c);
            List<Integer> candidates = new ArrayList<>();
            for (int i = 0; i + 1 < plots.size(); i++) {
                Code a = codeOf.get(plots.get(i).id()),
                        b = codeOf.get(plots.get(i + 1).id());
                if ((i + 1) % COLUMNS != 0 && a != b && !taken.contains(a.code()) && !taken.contains(b.code()))
                    candidates.add(i);
            }
            if (candidates.isEmpty()) throw new IllegalArgumentException("no two neighbouring codes left to overlap");
            int i = candidates.get(random.nextInt(candidates.size()));
            Plot west = plots.get(i), east = plots.get(i + 1);
            double shift = east.west() - (west.east() - (west.east() - west.west()) * OVERLAP_SHARE);
            inDatabase.add(new RedrawnPlot(
                    east.id(),
                    SeededProvince.rectangle(east.west() - shift, east.south(), east.east() - shift, east.north())));
            for (Plot p : List.of(west, east)) {
                Code c = codeOf.get(p.id());
                taken.add(c.code());
                free.remove(c);
                expect("PLOTS_OVERLAP", Subject.PLOT, p.id(), true);
            }
        }

        private Code take(List<Code> free, Set<String> taken) {
            while (!free.isEmpty()) {
                Code c = free.removeFirst();
                if (taken.add(c.code())) return c;
            }
            throw new IllegalArgumentException(
                    "not enough codes for the planted irregularities: give the province more plots");
        }

        /** The code's season replaced by two batches 20 days apart weighing this share of its ceiling. */
        private void replaceSeason(Map<String, List<Batch>> season, String code, double share) {
            Code c = codes.stream()
                    .filter(x -> x.code().equals(code))
                    .findFirst()
                    .orElseThrow();
            BigDecimal allowed = allowedKg(c);
            LocalDate first = today.minusDays(LAST_HARVEST_DAYS_AGO + 30);
            List<Batch> two = new ArrayList<>();
            two.add(batch(c, 1, first, kg(allowed, share * 0.55)));
            two.add(batch(c, 2, first.plusDays(20), kg(allowed, share * 0.45)));
            season.put(code, two);
        }

        private void expect(String kind, Subject subject, String key, boolean inDatabase) {
            expected.add(new Expected(kind, subject, key, inDatabase));
        }
    }

    /** How much of the west plot the redrawn east one covers. */
    private static final double OVERLAP_SHARE = 0.15;
    /** More than the scan rule's default (3 a unit), the lot being one unit. */
    static final int SCANS_OF_A_CLONED_LABEL = 6;

    /** GS1's mod-10 check digit of the digits before it (weights 3 and 1 from the right). */
    static int checkDigit(String digits) {
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(digits.length() - 1 - i) - '0';
            sum += (i % 2 == 0) ? 3 * d : d;
        }
        return (10 - sum % 10) % 10;
    }
}

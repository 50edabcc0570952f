package vn.dongxanh.platform;

import java.io.IOException;
import java.io.PrintStream;
import java.time.LocalDate;
import vn.dongxanh.devkit.province.ProvinceGenerator;
import vn.dongxanh.devkit.province.ProvinceWriter;
import vn.dongxanh.devkit.province.Rules;
import vn.dongxanh.devkit.province.SeededProvince;

/**
 * The run's generated province (devkit's {@link ProvinceGenerator}, docs/findings.md "The seeded
 * province"): beside the live demo province, {@code --generated-plots} plots of four cooperatives
 * with their codes, certificates, a season of batches and diaries and irregularities of every kind
 * the audit knows planted in them, written through traceability-service's API by the run's people.
 * The two irregularities the API refuses by design (plots redrawn over another code's, a record
 * edited) are a test's to plant in the database and are left out here.
 */
final class GeneratedProvince {
    /** The same province on every run: its seed, and where it lies (west of the demo's plots, from its latitude). */
    private static final long SEED = 87_2026L;

    private static final int COOPERATIVES = 4;
    private static final double WEST = 105.53;
    private static final double SOUTH = 10.45;
    /** Codes VN-87-5001…, far from the demo's VN-87-0011…; ids of cooperatives and plots {@code htx-g-01}, {@code g-p0001}. */
    private static final int FIRST_CODE = 5001;

    private static final String PROVINCE_NUMBER = "87";
    private static final String PREFIX = "g";
    /** Writes at once where they do not depend on each other. */
    private static final int PARALLEL_WRITES = 4;

    private GeneratedProvince() {}

    /** The plan for this many plots (null for 0: none), as of today. */
    static SeededProvince plan(int plots, LocalDate today) {
        if (plots == 0) return null;
        return ProvinceGenerator.generate(
                new ProvinceGenerator.Spec(
                        SEED,
                        COOPERATIVES,
                        plots,
                        WEST,
                        SOUTH,
                        PROVINCE_NUMBER,
                        FIRST_CODE,
                        PREFIX,
                        IdentitySeed.DEPARTMENT,
                        IdentitySeed.CERTIFICATION_BODY,
                        Rules.DEFAULTS),
                today);
    }

    /** Writes the province unless a previous run did (its last batch is there). */
    static void write(SeededProvince province, String traceUrl, SeedPeople people, PrintStream out)
            throws IOException, InterruptedException {
        var writer = new ProvinceWriter(traceUrl, people, PARALLEL_WRITES);
        if (writer.written(province)) {
            out.println("the generated province is there already: " + province.summary());
            return;
        }
        long started = System.nanoTime();
        out.println("seeding the generated province: " + province.summary() + "…");
        writer.write(province);
        out.printf(
                "  generated province written in %.1f s; the audit (GET /api/findings, the department's findings page)"
                        + " lists its planted irregularities, all but the %d a test plants in the database%n",
                (System.nanoTime() - started) / 1e9,
                province.expected().stream()
                        .filter(SeededProvince.Expected::inDatabase)
                        .count());
    }
}

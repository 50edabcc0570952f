package vn.dongxanh.contract.irrigation;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;
import vn.dongxanh.contract.Ids;

/**
 * Day by day, what every plot's devices did over a range of local days: the bulk evidence the
 * department's audit and province figures read (docs/findings.md), where {@link SeasonSummary} is
 * one plot's detail. ingest-service serves it at {@code GET /api/plot-activity?from=&to=};
 * {@link PlotActivityCodec} is its JSON form. Each plot's days are a string with one character a
 * day from {@code from}, {@code '1'} when it happened that day and {@code '0'} when not, so a
 * province of 20,000 plots over a season fits in a few megabytes and any season inside the range
 * can be asked of it.
 */
@Schema(description = "Day by day activity of every plot's devices over local days from..to, both included")
public record PlotActivity(
        @Schema(description = "first day, inclusive") LocalDate from,
        @Schema(description = "last day, inclusive") LocalDate to,

        @Schema(description = "time zone of the days", example = "Asia/Ho_Chi_Minh")
        String zone,

        @Schema(description = "when this was computed; later days are all '0'")
        Instant generatedAt,

        List<Plot> plots) {

    public PlotActivity {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) throw new IllegalArgumentException("activity 'to' " + to + " is before 'from' " + from);
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(generatedAt, "generatedAt");
        plots = plots == null ? List.of() : List.copyOf(plots);
        long days = days(from, to);
        for (Plot p : plots) {
            if (p.reported().length() != days
                    || p.irrigated().length() != days
                    || p.automatic().length() != days)
                throw new IllegalArgumentException("plot " + p.plot()
                        + ": its day strings must have one character for each of the " + days + " days");
        }
    }

    /** The days in the range. */
    public long days() {
        return days(from, to);
    }

    private static long days(LocalDate from, LocalDate to) {
        return ChronoUnit.DAYS.between(from, to) + 1;
    }

    /**
     * One plot as ingest-service has it registered.
     *
     * @param sensors its governing sensors (water level and soil moisture devices) registered now
     * @param valves its valves registered now
     * @param reported a governing sensor sent at least one reading that day
     * @param irrigated an irrigation START event that day, or a flow meter or valve of the plot read
     *     above zero
     * @param automatic an irrigation START event of the gateway's own control that day (not a
     *     cooperative's override)
     */
    public record Plot(
            String plot,
            String cooperative,
            int sensors,
            int valves,

            @Schema(description = "one character a day from 'from': 1 = a governing sensor reported", example = "0111")
            String reported,

            @Schema(description = "one character a day: 1 = irrigation started, or water flowed", example = "0010")
            String irrigated,

            @Schema(description = "one character a day: 1 = the gateway's control started irrigation", example = "0010")
            String automatic) {
        public Plot {
            Ids.require("plot", plot);
            if (sensors < 0 || valves < 0) throw new IllegalArgumentException("device counts cannot be negative");
            for (String s : new String[] {reported, irrigated, automatic}) {
                Objects.requireNonNull(s, "day string");
                if (!s.chars().allMatch(c -> c == '0' || c == '1'))
                    throw new IllegalArgumentException("plot " + plot + ": day strings hold only '0' and '1'");
            }
        }
    }

    /** What a plot's devices did on local days {@code first..last} (clipped to this range). */
    public Days between(Plot p, LocalDate first, LocalDate last) {
        int a = (int) Math.max(0, ChronoUnit.DAYS.between(from, first));
        int b = (int) Math.min(days() - 1, ChronoUnit.DAYS.between(from, last));
        if (b < a) return new Days(0, 0, 0, 0);
        return new Days(b - a + 1, ones(p.reported(), a, b), ones(p.irrigated(), a, b), ones(p.automatic(), a, b));
    }

    /** Whether this range holds every day of {@code first..last}. */
    public boolean covers(LocalDate first, LocalDate last) {
        return !first.isBefore(from) && !last.isAfter(to);
    }

    private static int ones(String days, int a, int b) {
        int n = 0;
        for (int i = a; i <= b; i++) if (days.charAt(i) == '1') n++;
        return n;
    }

    /** Counts of days: in the window asked, with sensor readings, irrigated, irrigated by the control. */
    public record Days(int days, int reported, int irrigated, int automatic) {}
}

package vn.dongxanh.contract.irrigation;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import vn.dongxanh.contract.Ids;

/**
 * What the sensors and the gateway say about a plot over a season: the irrigation evidence
 * traceability-service shows buyers and auditors. ingest-service serves it at {@code GET
 * /api/plots/{plot}/season-summary?from=&to=}; {@link SeasonSummaryCodec} is its JSON form.
 * Construction checks what a reader relies on, so a summary that breaks it never passes the codec.
 */
@Schema(
        description = "Irrigation evidence of a plot over a season (local days from..to, both included), as"
                + " traceability-service shows it to buyers and auditors")
public record SeasonSummary(
        String plot,
        String cooperative,
        @Schema(description = "plot name") String name,
        String crop,
        double areaHa,

        @Schema(description = "growing-area code as registered here (plain text; traceability-service owns it)")
        String growingAreaCode,

        @Schema(description = "first day, inclusive") LocalDate from,
        @Schema(description = "last day, inclusive") LocalDate to,

        @Schema(description = "time zone of the days", example = "Asia/Ho_Chi_Minh")
        String zone,

        @Schema(description = "when this summary was computed; days after it count as not yet happened")
        Instant generatedAt,

        @Schema(description = "days in the range") long days,

        @Schema(
                description = "days with at least one irrigation START event or at least"
                        + " dx.ingest.water.irrigated-day-min-m3 of water delivered")
        long daysIrrigated,

        Water water,

        @Schema(description = "irrigation events in the range, by kind")
        Events events,

        @Schema(description = "ALARM events in the range (sensor silent or implausible, valve not answering, …)")
        long alarms,

        SensorCoverage sensorCoverage) {

    public SeasonSummary {
        Ids.require("plot", plot);
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (to.isBefore(from)) throw new IllegalArgumentException("season 'to' " + to + " is before 'from' " + from);
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(generatedAt, "generatedAt");
        Objects.requireNonNull(water, "water");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(sensorCoverage, "sensorCoverage");
        if (days < 1 || daysIrrigated < 0 || daysIrrigated > days || alarms < 0)
            throw new IllegalArgumentException("season days " + days + ", days irrigated " + daysIrrigated + ", alarms "
                    + alarms + " do not add up");
    }

    /**
     * Water delivered over the season: {@code flow_meter} integrates the plot's flow readings,
     * {@code valve_time} multiplies valve-open time by the valve's registered flow, {@code none}: neither
     * exists (ingest's WaterReport explains the method).
     */
    public record Water(
            @Schema(description = "m3") double m3,

            @Schema(description = "the same as a depth over the plot, mm (1 mm over 1 ha = 10 m3)")
            double mm,

            @Schema(allowableValues = {"flow_meter", "valve_time", "none"})
            String method) {
        public Water {
            if (!(m3 >= 0) || !(mm >= 0)) throw new IllegalArgumentException("water m3 and mm must be 0 or more");
            if (!List.of("flow_meter", "valve_time", "none").contains(method))
                throw new IllegalArgumentException(
                        "water method '" + method + "' is not flow_meter, valve_time or none");
        }
    }

    /** Event counts by kind. */
    public record Events(long start, long stop, long skip, long alarm) {
        public Events {
            if (start < 0 || stop < 0 || skip < 0 || alarm < 0)
                throw new IllegalArgumentException("event counts cannot be negative");
        }
    }

    /**
     * Share of expected readings received from the plot's governing sensors (its registered
     * water_level and soil_moisture devices).
     */
    public record SensorCoverage(
            @Schema(
                    description = "all governing sensors together: sum of counted readings / sum of expected, in %;"
                            + " null when the plot has no governing sensor or the range has not begun")
            Double percent,

            List<Sensor> sensors) {
        public SensorCoverage {
            sensors = sensors == null ? List.of() : List.copyOf(sensors);
        }
    }

    /**
     * One governing sensor. Expected = the range (up to now) / its reporting interval. Readings are
     * counted per hour from the hourly rollup and capped at what the interval allows in an hour, so a
     * burst (a backlog sent at once, a device reporting too often) cannot make up for silent hours.
     */
    public record Sensor(
            String device,

            @Schema(allowableValues = {"water_level", "soil_moisture"})
            String kind,

            @Schema(description = "reporting interval used, seconds (registered, else the default)")
            long reportingIntervalS,

            @Schema(description = "readings expected in the range")
            long expected,

            @Schema(description = "readings received in the range (uncapped)")
            long received,

            @Schema(description = "capped readings / expected, in %, at most 100; null when nothing was expected")
            Double percent,

            @Schema(
                    description = "lowest reading in the range, from the hourly rollup, in the metric's unit"
                            + " (water_level: cm; soil_moisture: volume fraction 0..1); null without readings")
            Double min,

            @Schema(
                    description =
                            "mean of the readings in the range (sum / count of the hourly rollup); null without readings")
            Double mean,

            @Schema(description = "highest reading in the range; null without readings")
            Double max) {
        /** A sensor without its reading statistics (what an ingest-service before them answers). */
        public Sensor(
                String device, String kind, long reportingIntervalS, long expected, long received, Double percent) {
            this(device, kind, reportingIntervalS, expected, received, percent, null, null, null);
        }
    }
}

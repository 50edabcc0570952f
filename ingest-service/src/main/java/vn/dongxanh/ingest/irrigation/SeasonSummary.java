package vn.dongxanh.ingest.irrigation;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What the sensors and the gateway say about a plot over a season: the irrigation evidence
 * traceability-service shows buyers and auditors.
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

    /** Water delivered over the season ({@link WaterReport} explains the method). */
    public record Water(
            @Schema(description = "m3") double m3,

            @Schema(description = "the same as a depth over the plot, mm (1 mm over 1 ha = 10 m3)")
            double mm,

            @Schema(allowableValues = {"flow_meter", "valve_time", "none"})
            String method) {}

    /** Event counts by kind. */
    public record Events(long start, long stop, long skip, long alarm) {}

    /**
     * Share of expected readings received from the plot's governing sensors (its registered
     * water_level and soil_moisture devices).
     */
    public record SensorCoverage(
            @Schema(
                    description = "all governing sensors together: sum of counted readings / sum of expected, in %;"
                            + " null when the plot has no governing sensor or the range has not begun")
            Double percent,

            List<Sensor> sensors) {}

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
            Double percent) {}
}

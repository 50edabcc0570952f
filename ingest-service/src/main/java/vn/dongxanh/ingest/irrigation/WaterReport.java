package vn.dongxanh.ingest.irrigation;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.LocalDate;
import java.util.List;

/** Water delivered to a plot per local day. */
@Schema(
        description = "Water delivered to a plot per local day. With a flow meter (method flow_meter) its readings"
                + " (L/min) are integrated over time by the trapezoid rule: between two consecutive readings at"
                + " most dx.ingest.water.max-gap apart the flow is taken to change linearly; longer silences count"
                + " as unmeasured (no water), and a stretch crossing midnight is split where the line crosses it."
                + " Without a flow meter (method valve_time) the time the plot's valves reported open (a reading"
                + " holds until the next one, at most max-gap) is multiplied by the valve flow. Days before the raw"
                + " readings' retention use the hourly rollups: mean flow (or mean open share) x 60 min per hour"
                + " with data (source hourly). 1 mm over 1 ha = 10 m3.")
public record WaterReport(
        String plot,
        @Schema(description = "first day, inclusive") LocalDate from,
        @Schema(description = "last day, inclusive") LocalDate to,
        @Schema(description = "time zone of the days") String zone,

        @Schema(
                description = "flow_meter, valve_time, or none (no flow meter and no valve series)",
                allowableValues = {"flow_meter", "valve_time", "none"})
        String method,

        @Schema(description = "devices whose series were used")
        List<String> devices,

        @Schema(description = "valve_time only: the valve flow used, L/min")
        Double valveFlowLpm,

        @Schema(
                description = "valve_time only: plot (registered valveFlowLpm) or default (per-hectare default x area)",
                allowableValues = {"plot", "default"})
        String valveFlowSource,

        @Schema(description = "total over the range, m3") double totalM3,

        @Schema(description = "total as a depth over the plot's area, mm")
        double totalMm,

        @Schema(description = "every day of the range up to today, oldest first")
        List<Day> days) {

    /** One local day. */
    public record Day(
            LocalDate date,
            double m3,

            @Schema(description = "m3 as mm over the plot's area")
            double mm,

            @Schema(
                    description = "raw readings or hourly rollups",
                    allowableValues = {"raw", "hourly"})
            String source) {}
}

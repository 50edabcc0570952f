package vn.dongxanh.sim.field;

import java.time.Instant;

/**
 * The true (noise-free) state of a plot at a moment of field time.
 *
 * @param waterLevelCm paddy water level, cm vs soil surface; NaN for a vegetable plot
 * @param soilMoisture root-zone moisture, m³/m³; NaN for a paddy
 * @param rainTotalMm rain fallen on the plot since the start of the run
 */
public record PlotState(
        String plotId,
        Crop crop,
        Instant fieldTime,
        double waterLevelCm,
        double soilMoisture,
        boolean valveOpen,
        double flowLpm,
        double rainTotalMm) {}

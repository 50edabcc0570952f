package vn.dongxanh.sim.field;

import java.time.Duration;

/**
 * The water of one plot, advanced in steps of simulated time. Not thread-safe: {@link PlotModel}
 * serialises access.
 */
public sealed interface Field permits PaddyField, SoilPlot {
    Crop crop();

    /** Advances by {@code dt} of field time, with {@code rainMm} falling during the step. */
    void step(Duration dt, double rainMm);

    void setValveOpen(boolean open);

    boolean valveOpen();

    /** Flow of the plot's valve when open, L/min. */
    double valveFlowLpm();

    /** Flow through the valve now, L/min (0 when closed). */
    default double flowLpm() {
        return valveOpen() ? valveFlowLpm() : 0;
    }

    /** Millimetres of water the open valve spreads over the plot in {@code dt}. */
    static double inflowMm(double flowLpm, double areaHa, Duration dt) {
        // 1 L over 1 m² is 1 mm.
        return flowLpm * (dt.toNanos() / 60e9) / (areaHa * 10_000);
    }

    static double days(Duration dt) {
        return dt.toNanos() / 86_400e9;
    }
}

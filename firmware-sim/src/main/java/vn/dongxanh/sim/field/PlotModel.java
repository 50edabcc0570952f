package vn.dongxanh.sim.field;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One plot's physics, advanced lazily to the field time at which anyone looks: every sensor
 * reading and every valve change first brings the plot up to "now". Steps are short so that
 * rain, a level crossing the soil surface, and a valve's scheduled close are resolved finely
 * whatever the reporting interval and clock speed. Thread-safe.
 */
public final class PlotModel {
    /** Longest integration step in field time: numerical, not a physical parameter. */
    private static final Duration MAX_STEP = Duration.ofMinutes(5);

    private final String plotId;
    private final Field field;
    private final Weather weather;
    private Instant time;
    private Instant closeAt;
    private double rainTotalMm;

    public PlotModel(String plotId, Field field, Weather weather, Instant start) {
        this.plotId = Objects.requireNonNull(plotId);
        this.field = Objects.requireNonNull(field);
        this.weather = Objects.requireNonNull(weather);
        this.time = Objects.requireNonNull(start);
    }

    public String plotId() {
        return plotId;
    }

    public Crop crop() {
        return field.crop();
    }

    /** Advances the physics to {@code now} (no-op if already there or later). */
    public synchronized PlotState syncTo(Instant now) {
        while (time.isBefore(now)) {
            Instant next = time.plus(MAX_STEP);
            if (next.isAfter(now)) next = now;
            if (field.valveOpen() && closeAt != null && closeAt.isAfter(time) && closeAt.isBefore(next)) {
                next = closeAt;
            }
            double rain = weather.rainMm(time, next);
            field.step(Duration.between(time, next), rain);
            rainTotalMm += rain;
            time = next;
            if (closeAt != null && !time.isBefore(closeAt)) {
                field.setValveOpen(false);
                closeAt = null;
            }
        }
        return state();
    }

    /**
     * Opens the valve at {@code now} until {@code closeAt} (field time): the device's own run
     * timer, which closes the valve exactly then even if no one else acts.
     */
    public synchronized PlotState openValve(Instant now, Instant closeAt) {
        syncTo(now);
        field.setValveOpen(true);
        this.closeAt = closeAt;
        return state();
    }

    public synchronized PlotState closeValve(Instant now) {
        syncTo(now);
        field.setValveOpen(false);
        closeAt = null;
        return state();
    }

    /** When the open valve closes by itself, or null when closed. */
    public synchronized Instant valveCloseAt() {
        return field.valveOpen() ? closeAt : null;
    }

    private PlotState state() {
        return new PlotState(
                plotId,
                field.crop(),
                time,
                field instanceof PaddyField paddy ? paddy.waterLevelCm() : Double.NaN,
                field instanceof SoilPlot soil ? soil.moisture() : Double.NaN,
                field.valveOpen(),
                field.flowLpm(),
                rainTotalMm);
    }
}

package vn.dongxanh.sim.device;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.random.RandomGenerator;
import vn.dongxanh.contract.telemetry.Metric;
import vn.dongxanh.contract.telemetry.Reading;
import vn.dongxanh.sim.SimClock;
import vn.dongxanh.sim.field.PlotModel;
import vn.dongxanh.sim.field.PlotState;

/**
 * A simulated field device on one plot. Each report brings the plot's physics up to the field
 * time now, reads the device's metric (with noise and resolution), its battery and how strongly the
 * gateway hears it ({@link RadioParameters}), and stamps them with wall-clock time.
 */
public abstract sealed class SimDevice permits WaterLevelNode, SoilMoistureNode, RainGauge, FlowMeter, ValveController {
    private final String id;
    private final DeviceKind kind;
    protected final PlotModel plot;
    protected final SimClock clock;
    protected final SensorParameters sensors;
    protected final RandomGenerator random;
    private final double batteryStart;
    private final double signalMeanDbm;
    private double rainAtLastReportMm = Double.NaN;

    protected SimDevice(
            DeviceKind kind, PlotModel plot, SimClock clock, SensorParameters sensors, RandomGenerator random) {
        this.kind = kind;
        this.id = kind.deviceId(plot.plotId());
        this.plot = plot;
        this.clock = clock;
        this.sensors = sensors;
        this.random = random;
        this.batteryStart =
                sensors.batteryStartMinPercent() + random.nextDouble() * (100 - sensors.batteryStartMinPercent());
        RadioParameters radio = sensors.radio();
        this.signalMeanDbm = radio.minDbm() + random.nextDouble() * (radio.maxDbm() - radio.minDbm());
    }

    public final String id() {
        return id;
    }

    public final String plotId() {
        return plot.plotId();
    }

    public final DeviceKind kind() {
        return kind;
    }

    public final PlotModel plot() {
        return plot;
    }

    /** Reads the device now: its metric first, then its battery and its signal, all stamped with wall time. */
    public final List<Reading> report() {
        Instant wall = clock.wallNow();
        PlotState state = plot.syncTo(clock.fieldNow());
        double value = measure(state);
        return List.of(
                new Reading(id, kind.metric(), wall, value),
                new Reading(id, Metric.BATTERY, wall, battery()),
                new Reading(id, Metric.RSSI, wall, signal(state)));
    }

    /** The device's metric, in the contract unit, from the plot's true state. */
    protected abstract double measure(PlotState state);

    /** Remaining battery, %, draining with real running time. */
    public final double battery() {
        double hours = clock.elapsed().toNanos() / (double) Duration.ofHours(1).toNanos();
        double left = Math.max(0, batteryStart - sensors.batteryDrainPercentPerHour() * hours);
        return SensorParameters.round(left, sensors.batteryResolutionPercent());
    }

    /** Signal strength at the gateway, dBm: the device's mean, faded, weaker while rain fell since its last report. */
    final synchronized double signal(PlotState state) {
        boolean wet = !Double.isNaN(rainAtLastReportMm) && state.rainTotalMm() > rainAtLastReportMm;
        rainAtLastReportMm = state.rainTotalMm();
        RadioParameters radio = sensors.radio();
        return radio.read(signalMeanDbm, gaussian(radio.sigmaDb()), wet);
    }

    /** The device's mean signal strength, dBm (its place in the field). */
    public final double signalMeanDbm() {
        return signalMeanDbm;
    }

    protected final double gaussian(double sigma) {
        return sigma == 0 ? 0 : random.nextGaussian() * sigma;
    }
}

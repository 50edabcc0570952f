package vn.dongxanh.sim.device;

import java.util.random.RandomGenerator;
import vn.dongxanh.sim.SimClock;
import vn.dongxanh.sim.field.FieldParameters;
import vn.dongxanh.sim.field.PlotModel;
import vn.dongxanh.sim.field.PlotState;

/** Paddy water level in a field-water tube, cm vs soil surface; the tube's depth and the bund bound what it can show. */
public final class WaterLevelNode extends SimDevice {
    private final double minCm;
    private final double maxCm;

    public WaterLevelNode(
            PlotModel plot,
            SimClock clock,
            SensorParameters sensors,
            FieldParameters.Paddy paddy,
            RandomGenerator random) {
        super(DeviceKind.WATER_LEVEL, plot, clock, sensors, random);
        this.minCm = paddy.floorCm();
        this.maxCm = paddy.bundHeightCm();
    }

    @Override
    protected double measure(PlotState state) {
        double v = state.waterLevelCm() + gaussian(sensors.waterLevelSigmaCm());
        return SensorParameters.round(Math.min(maxCm, Math.max(minCm, v)), sensors.waterLevelResolutionCm());
    }
}

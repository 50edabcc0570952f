package vn.dongxanh.sim.device;

import java.util.random.RandomGenerator;
import vn.dongxanh.sim.SimClock;
import vn.dongxanh.sim.field.PlotModel;
import vn.dongxanh.sim.field.PlotState;

/** Volumetric soil moisture of the root zone, m³/m³. */
public final class SoilMoistureNode extends SimDevice {
    public SoilMoistureNode(PlotModel plot, SimClock clock, SensorParameters sensors, RandomGenerator random) {
        super(DeviceKind.SOIL_MOISTURE, plot, clock, sensors, random);
    }

    @Override
    protected double measure(PlotState state) {
        double v = state.soilMoisture() + gaussian(sensors.soilMoistureSigma());
        return SensorParameters.round(Math.min(1, Math.max(0, v)), sensors.soilMoistureResolution());
    }
}

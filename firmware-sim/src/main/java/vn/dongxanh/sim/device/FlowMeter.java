package vn.dongxanh.sim.device;

import java.util.random.RandomGenerator;
import vn.dongxanh.sim.SimClock;
import vn.dongxanh.sim.field.PlotModel;
import vn.dongxanh.sim.field.PlotState;

/** Flow through the plot's valve, L/min: 0 while closed, the valve's flow with relative noise while open. */
public final class FlowMeter extends SimDevice {
    public FlowMeter(PlotModel plot, SimClock clock, SensorParameters sensors, RandomGenerator random) {
        super(DeviceKind.FLOW_METER, plot, clock, sensors, random);
    }

    @Override
    protected double measure(PlotState state) {
        double flow = state.flowLpm();
        if (flow == 0) return 0;
        double v = flow * (1 + gaussian(sensors.flowSigmaFraction()));
        return SensorParameters.round(Math.max(0, v), sensors.flowResolutionLpm());
    }
}

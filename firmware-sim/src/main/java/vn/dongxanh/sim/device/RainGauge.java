package vn.dongxanh.sim.device;

import java.util.random.RandomGenerator;
import vn.dongxanh.sim.SimClock;
import vn.dongxanh.sim.field.PlotModel;
import vn.dongxanh.sim.field.PlotState;

/**
 * Tipping-bucket rain gauge: reports the rain counted since its previous report, in whole
 * tips; what has not yet filled a bucket waits for the next report.
 */
public final class RainGauge extends SimDevice {
    private double countedMm;

    public RainGauge(PlotModel plot, SimClock clock, SensorParameters sensors, RandomGenerator random) {
        super(DeviceKind.RAIN_GAUGE, plot, clock, sensors, random);
    }

    @Override
    protected synchronized double measure(PlotState state) {
        double bucket = sensors.rainBucketMm();
        long tips = (long) Math.floor((state.rainTotalMm() - countedMm) / bucket + 1e-9);
        if (tips <= 0) return 0;
        countedMm += tips * bucket;
        return SensorParameters.round(tips * bucket, bucket);
    }
}

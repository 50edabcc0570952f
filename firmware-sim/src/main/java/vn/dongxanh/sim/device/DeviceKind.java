package vn.dongxanh.sim.device;

import java.util.List;
import vn.dongxanh.contract.telemetry.Metric;
import vn.dongxanh.sim.field.Crop;

/** The kinds of simulated device; a device's id is {@code {plotId}-{suffix}}. */
public enum DeviceKind {
    WATER_LEVEL("wl", Metric.WATER_LEVEL),
    SOIL_MOISTURE("sm", Metric.SOIL_MOISTURE),
    RAIN_GAUGE("rain", Metric.RAIN),
    FLOW_METER("flow", Metric.FLOW),
    VALVE("valve", Metric.VALVE);

    private final String suffix;
    private final Metric metric;

    DeviceKind(String suffix, Metric metric) {
        this.suffix = suffix;
        this.metric = metric;
    }

    public String suffix() {
        return suffix;
    }

    /** What the device measures or reports first in every pack (battery follows). */
    public Metric metric() {
        return metric;
    }

    public String deviceId(String plotId) {
        return plotId + "-" + suffix;
    }

    /** The devices a plot of this crop carries: one field sensor, a rain gauge, a flow meter, a valve. */
    public static List<DeviceKind> forCrop(Crop crop) {
        return switch (crop) {
            case RICE -> List.of(WATER_LEVEL, RAIN_GAUGE, FLOW_METER, VALVE);
            case VEGETABLE -> List.of(SOIL_MOISTURE, RAIN_GAUGE, FLOW_METER, VALVE);
        };
    }
}

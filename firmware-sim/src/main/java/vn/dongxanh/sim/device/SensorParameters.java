package vn.dongxanh.sim.device;

/**
 * How the simulated sensors err and age (engineering defaults; no domain source).
 *
 * @param waterLevelSigmaCm Gaussian noise of the water-level node, cm
 * @param soilMoistureSigma Gaussian noise of the soil-moisture node, m³/m³
 * @param flowSigmaFraction Gaussian noise of the flow meter as a fraction of the true flow
 * @param waterLevelResolutionCm readings are rounded to this
 * @param soilMoistureResolution readings are rounded to this
 * @param flowResolutionLpm readings are rounded to this
 * @param rainBucketMm the rain gauge counts tips of this size
 * @param batteryStartMinPercent each device starts with a battery between this and 100 % (seeded)
 * @param batteryDrainPercentPerHour drain per hour of real running time
 * @param batteryResolutionPercent readings are rounded to this
 * @param radio the devices' signal strength at the gateway
 */
public record SensorParameters(
        double waterLevelSigmaCm,
        double soilMoistureSigma,
        double flowSigmaFraction,
        double waterLevelResolutionCm,
        double soilMoistureResolution,
        double flowResolutionLpm,
        double rainBucketMm,
        double batteryStartMinPercent,
        double batteryDrainPercentPerHour,
        double batteryResolutionPercent,
        RadioParameters radio) {
    public SensorParameters {
        java.util.Objects.requireNonNull(radio, "radio parameters");
        for (double v :
                new double[] {waterLevelSigmaCm, soilMoistureSigma, flowSigmaFraction, batteryDrainPercentPerHour}) {
            if (!(v >= 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("noise and drain must be finite numbers ≥ 0");
            }
        }
        for (double v : new double[] {
            waterLevelResolutionCm, soilMoistureResolution, flowResolutionLpm, rainBucketMm, batteryResolutionPercent
        }) {
            if (!(v > 0) || Double.isInfinite(v)) {
                throw new IllegalArgumentException("resolutions and the rain bucket must be finite numbers > 0");
            }
        }
        if (!(batteryStartMinPercent >= 0 && batteryStartMinPercent <= 100)) {
            throw new IllegalArgumentException("battery start must be within 0..100 %");
        }
    }

    public static SensorParameters defaults() {
        return new SensorParameters(0.3, 0.005, 0.02, 0.1, 0.001, 0.1, 0.2, 85, 0.05, 0.1, RadioParameters.defaults());
    }

    /** The same sensors without noise (exact readings up to resolution). */
    public SensorParameters noiseless() {
        return new SensorParameters(
                0,
                0,
                0,
                waterLevelResolutionCm,
                soilMoistureResolution,
                flowResolutionLpm,
                rainBucketMm,
                batteryStartMinPercent,
                batteryDrainPercentPerHour,
                batteryResolutionPercent,
                radio.noiseless());
    }

    public SensorParameters withNoise(double waterLevelCm, double soilMoisture, double flowFraction) {
        return new SensorParameters(
                waterLevelCm,
                soilMoisture,
                flowFraction,
                waterLevelResolutionCm,
                soilMoistureResolution,
                flowResolutionLpm,
                rainBucketMm,
                batteryStartMinPercent,
                batteryDrainPercentPerHour,
                batteryResolutionPercent,
                radio);
    }

    public static double round(double value, double resolution) {
        double r = Math.round(value / resolution) * resolution;
        // Strip binary noise such as 0.30000000000000004 so values look like the sensor's.
        return Double.parseDouble(String.format(java.util.Locale.ROOT, "%.6f", r));
    }
}

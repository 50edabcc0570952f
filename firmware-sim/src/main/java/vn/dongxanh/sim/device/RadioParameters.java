package vn.dongxanh.sim.device;

/**
 * How strongly the gateway hears a simulated device (engineering defaults for a sub-GHz field link of
 * a few hundred metres; no domain source). Each device has its own mean, drawn once (seeded) from
 * {@code [minDbm, maxDbm]}: its distance and placement. Each report adds Gaussian fading, and wet
 * ground and canopy (rain since the device's previous report) cost {@code wetLossDb}.
 *
 * @param minDbm weakest mean signal of a device, dBm
 * @param maxDbm strongest mean signal of a device, dBm
 * @param sigmaDb fading noise of one report, dB
 * @param wetLossDb attenuation while it rains on the plot, dB
 * @param resolutionDb readings are rounded to this (radios report whole dBm)
 */
public record RadioParameters(double minDbm, double maxDbm, double sigmaDb, double wetLossDb, double resolutionDb) {
    /** Below this no sub-GHz receiver decodes a frame, above it the receiver saturates: readings stay within. */
    static final double FLOOR_DBM = -137;

    static final double CEILING_DBM = -20;

    public RadioParameters {
        if (!(minDbm <= maxDbm) || minDbm < FLOOR_DBM || maxDbm > CEILING_DBM) {
            throw new IllegalArgumentException(
                    "signal range must be ordered and within " + FLOOR_DBM + ".." + CEILING_DBM + " dBm");
        }
        if (!(sigmaDb >= 0) || Double.isInfinite(sigmaDb) || !(wetLossDb >= 0) || Double.isInfinite(wetLossDb)) {
            throw new IllegalArgumentException("fading and wet loss must be finite numbers ≥ 0");
        }
        if (!(resolutionDb > 0) || Double.isInfinite(resolutionDb)) {
            throw new IllegalArgumentException("the signal's resolution must be a finite number > 0");
        }
    }

    public static RadioParameters defaults() {
        return new RadioParameters(-105, -70, 2.0, 3.0, 1.0);
    }

    /** The same radios without fading (a device's signal is its mean, less the wet loss). */
    public RadioParameters noiseless() {
        return new RadioParameters(minDbm, maxDbm, 0, wetLossDb, resolutionDb);
    }

    /** A reading of a device whose mean is {@code meanDbm}: fading and wet loss applied, clamped, rounded. */
    public double read(double meanDbm, double fadingDb, boolean wet) {
        double v = meanDbm + fadingDb - (wet ? wetLossDb : 0);
        return SensorParameters.round(Math.clamp(v, FLOOR_DBM, CEILING_DBM), resolutionDb);
    }
}

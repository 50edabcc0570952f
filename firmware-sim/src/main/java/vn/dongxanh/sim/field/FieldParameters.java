package vn.dongxanh.sim.field;

/**
 * Every physical number of the simulated fields, with the defaults of DOMAIN.md §6 "Water
 * balance" (central Vietnam, Hè Thu crop) where the domain gives one, and engineering defaults
 * (said so below) where it does not.
 */
public record FieldParameters(Paddy paddy, Soil soil, Rain rain) {

    public static FieldParameters defaults() {
        return new FieldParameters(Paddy.defaults(), Soil.defaults(), Rain.defaults());
    }

    public FieldParameters withPaddy(Paddy p) {
        return new FieldParameters(p, soil, rain);
    }

    public FieldParameters withSoil(Soil s) {
        return new FieldParameters(paddy, s, rain);
    }

    public FieldParameters withRain(Rain r) {
        return new FieldParameters(paddy, soil, r);
    }

    /**
     * A rice paddy.
     *
     * @param etMmPerDay crop evapotranspiration (DOMAIN: 5–7 in Hè Thu, default 6)
     * @param seepagePercolationMmPerDay seepage and percolation (DOMAIN: 3–6, default 4)
     * @param drainablePorosity fraction of soil volume that drains; the perched water table moves
     *     by mm / 10 / porosity cm below the surface (DOMAIN default 0.25)
     * @param bundHeightCm water above this overflows the bund (DOMAIN default 20)
     * @param floorCm the lowest level a field-water tube can show (DOMAIN plausible range −40 cm)
     * @param initialLevelCm level at the start of a run (engineering default: a shallow flood)
     * @param initialSpreadCm each plot starts within ± this of the initial level (seeded)
     * @param valveFlowLpmPerHa inlet flow of an open valve per hectare of plot (engineering
     *     default 8000 L/min/ha = 4.8 cm/h, so a −15 → +5 cm refill takes ≈ 1.8 h)
     */
    public record Paddy(
            double etMmPerDay,
            double seepagePercolationMmPerDay,
            double drainablePorosity,
            double bundHeightCm,
            double floorCm,
            double initialLevelCm,
            double initialSpreadCm,
            double valveFlowLpmPerHa) {
        public Paddy {
            requireNonNegative("paddy ET", etMmPerDay);
            requireNonNegative("seepage and percolation", seepagePercolationMmPerDay);
            if (!(drainablePorosity > 0 && drainablePorosity <= 1)) {
                throw new IllegalArgumentException("drainable porosity must be in (0, 1]: " + drainablePorosity);
            }
            if (!(bundHeightCm > 0) || !(floorCm < 0)) {
                throw new IllegalArgumentException("bund height must be > 0 cm and the floor < 0 cm");
            }
            if (initialLevelCm < floorCm || initialLevelCm > bundHeightCm) {
                throw new IllegalArgumentException("initial water level must lie between floor and bund height");
            }
            requireNonNegative("initial spread", initialSpreadCm);
            requireNonNegative("paddy valve flow", valveFlowLpmPerHa);
        }

        public static Paddy defaults() {
            return new Paddy(6, 4, 0.25, 20, -40, 3, 2, 8000);
        }

        /** Daily loss of water, mm/day. */
        public double lossMmPerDay() {
            return etMmPerDay + seepagePercolationMmPerDay;
        }
    }

    /**
     * A vegetable plot's root zone (loam defaults of DOMAIN §6).
     *
     * @param etMmPerDay crop evapotranspiration at full supply (engineering default 5)
     * @param rootDepthMm depth of the root zone the sensor stands for (engineering default 200)
     * @param fieldCapacity θFC (DOMAIN 0.27)
     * @param wiltingPoint θWP (DOMAIN 0.12)
     * @param saturation θsat (DOMAIN 0.45)
     * @param depletionFraction FAO-56 p: ET falls below full once depletion passes p·TAW (0.5)
     * @param drainagePerDay fraction of water above field capacity that drains per day (1.0)
     * @param initialMoisture θ at the start (engineering default 0.24)
     * @param initialSpread each plot starts within ± this of the initial moisture (seeded)
     * @param valveFlowLpmPerHa irrigation flow per hectare (engineering default 1500 L/min/ha =
     *     9 mm/h: a 60-minute watering lifts a 200 mm root zone by ≈ 0.045)
     */
    public record Soil(
            double etMmPerDay,
            double rootDepthMm,
            double fieldCapacity,
            double wiltingPoint,
            double saturation,
            double depletionFraction,
            double drainagePerDay,
            double initialMoisture,
            double initialSpread,
            double valveFlowLpmPerHa) {
        public Soil {
            requireNonNegative("soil ET", etMmPerDay);
            if (!(rootDepthMm > 0)) throw new IllegalArgumentException("root depth must be > 0 mm");
            if (!(0 <= wiltingPoint && wiltingPoint < fieldCapacity && fieldCapacity < saturation && saturation <= 1)) {
                throw new IllegalArgumentException("need 0 ≤ wilting point < field capacity < saturation ≤ 1");
            }
            if (!(depletionFraction >= 0 && depletionFraction < 1)) {
                throw new IllegalArgumentException("depletion fraction must be in [0, 1)");
            }
            requireNonNegative("drainage per day", drainagePerDay);
            if (initialMoisture < wiltingPoint || initialMoisture > saturation) {
                throw new IllegalArgumentException("initial moisture must lie between wilting point and saturation");
            }
            requireNonNegative("initial spread", initialSpread);
            requireNonNegative("vegetable valve flow", valveFlowLpmPerHa);
        }

        public static Soil defaults() {
            return new Soil(5, 200, 0.27, 0.12, 0.45, 0.5, 1.0, 0.24, 0.02, 1500);
        }
    }

    /**
     * Rain as independent storms (engineering defaults for a dry-season crop; DOMAIN gives none).
     *
     * @param eventsPerDay mean number of storms per day (exponential gaps)
     * @param meanEventMm mean depth of a storm (exponential)
     * @param meanEventHours mean duration of a storm (exponential, at least 10 minutes)
     */
    public record Rain(double eventsPerDay, double meanEventMm, double meanEventHours) {
        public Rain {
            requireNonNegative("rain events per day", eventsPerDay);
            requireNonNegative("mean rain event depth", meanEventMm);
            if (!(meanEventHours > 0)) throw new IllegalArgumentException("mean rain event duration must be > 0");
        }

        public static Rain defaults() {
            return new Rain(0.3, 12, 2);
        }

        public static Rain none() {
            return new Rain(0, 0, 1);
        }
    }

    private static void requireNonNegative(String what, double v) {
        if (!(v >= 0) || Double.isInfinite(v)) {
            throw new IllegalArgumentException(what + " must be a finite number ≥ 0: " + v);
        }
    }
}

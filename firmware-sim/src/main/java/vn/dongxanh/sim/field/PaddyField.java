package vn.dongxanh.sim.field;

import java.time.Duration;

/**
 * Water balance of a rice paddy (DOMAIN.md §6). The state is the water level in cm relative to
 * the soil surface: above it water is ponded and 1 mm of water is 0.1 cm of level; below it only
 * the drainable pores hold water, so 1 mm moves the perched water table by 0.1 / porosity cm.
 * Losses (ET + seepage and percolation) act at the same rate in mm/day either way; rain and the
 * inflow of an open valve add water; the bund caps the level (overflow) and the tube's depth
 * floors it.
 */
public final class PaddyField implements Field {
    private final FieldParameters.Paddy p;
    private final double areaHa;
    private final double valveFlowLpm;
    private double levelCm;
    private boolean valveOpen;
    private double overflowMm;

    /**
     * @param valveFlowLpm flow of the open inlet, L/min
     * @param initialLevelCm starting level, clamped into [floor, bund]
     */
    public PaddyField(FieldParameters.Paddy p, double areaHa, double valveFlowLpm, double initialLevelCm) {
        if (!(areaHa > 0)) throw new IllegalArgumentException("plot area must be > 0 ha");
        if (!(valveFlowLpm >= 0)) throw new IllegalArgumentException("valve flow must be ≥ 0 L/min");
        this.p = p;
        this.areaHa = areaHa;
        this.valveFlowLpm = valveFlowLpm;
        this.levelCm = clamp(initialLevelCm);
    }

    @Override
    public Crop crop() {
        return Crop.RICE;
    }

    @Override
    public void step(Duration dt, double rainMm) {
        if (dt.isNegative() || dt.isZero()) return;
        double lossMm = p.lossMmPerDay() * Field.days(dt);
        double gainMm = rainMm + Field.inflowMm(flowLpm(), areaHa, dt);
        // Netting within one step is exact while the level stays on one side of the surface;
        // PlotModel keeps steps short so the error at a crossing is negligible.
        double level = applyWater(levelCm, gainMm - lossMm);
        if (level > p.bundHeightCm()) {
            overflowMm += (level - p.bundHeightCm()) * 10;
            level = p.bundHeightCm();
        }
        levelCm = Math.max(level, p.floorCm());
    }

    /** Level after adding (or, when negative, removing) {@code mm} of water. */
    private double applyWater(double level, double mm) {
        double porosity = p.drainablePorosity();
        if (mm >= 0) {
            if (level >= 0) return level + mm / 10;
            double toSurfaceMm = -level * 10 * porosity;
            if (mm <= toSurfaceMm) return level + mm / 10 / porosity;
            return (mm - toSurfaceMm) / 10;
        }
        double lossMm = -mm;
        if (level <= 0) return level - lossMm / 10 / porosity;
        double pondedMm = level * 10;
        if (lossMm <= pondedMm) return level - lossMm / 10;
        return -(lossMm - pondedMm) / 10 / porosity;
    }

    private double clamp(double level) {
        return Math.min(p.bundHeightCm(), Math.max(p.floorCm(), level));
    }

    /** Water level, cm relative to the soil surface (negative = below). */
    public double waterLevelCm() {
        return levelCm;
    }

    /** Water lost over the bund since the start, mm over the plot. */
    public double overflowMm() {
        return overflowMm;
    }

    public double areaHa() {
        return areaHa;
    }

    @Override
    public void setValveOpen(boolean open) {
        this.valveOpen = open;
    }

    @Override
    public boolean valveOpen() {
        return valveOpen;
    }

    @Override
    public double valveFlowLpm() {
        return valveFlowLpm;
    }
}

package vn.dongxanh.sim.field;

import java.time.Duration;

/**
 * Root-zone water of a vegetable plot as volumetric moisture θ (m³/m³). Crop ET removes water
 * at full rate while depletion is below p·TAW and proportionally less beyond (FAO-56 Ks), so the
 * soil approaches the wilting point without crossing it; water above field capacity drains at a
 * first-order rate; rain and irrigation spread their millimetres over the root depth. θ stays
 * within [wilting point, saturation] (more would run off).
 */
public final class SoilPlot implements Field {
    private final FieldParameters.Soil p;
    private final double areaHa;
    private final double valveFlowLpm;
    private double moisture;
    private boolean valveOpen;

    public SoilPlot(FieldParameters.Soil p, double areaHa, double valveFlowLpm, double initialMoisture) {
        if (!(areaHa > 0)) throw new IllegalArgumentException("plot area must be > 0 ha");
        if (!(valveFlowLpm >= 0)) throw new IllegalArgumentException("valve flow must be ≥ 0 L/min");
        this.p = p;
        this.areaHa = areaHa;
        this.valveFlowLpm = valveFlowLpm;
        this.moisture = clamp(initialMoisture);
    }

    @Override
    public Crop crop() {
        return Crop.VEGETABLE;
    }

    @Override
    public void step(Duration dt, double rainMm) {
        if (dt.isNegative() || dt.isZero()) return;
        double days = Field.days(dt);
        double theta = moisture;
        double etMm = p.etMmPerDay() * days * stressFactor(theta);
        double gainMm = rainMm + Field.inflowMm(flowLpm(), areaHa, dt);
        theta += (gainMm - etMm) / p.rootDepthMm();
        if (theta > p.fieldCapacity()) {
            double excess = theta - p.fieldCapacity();
            theta -= excess * (1 - Math.exp(-p.drainagePerDay() * days));
        }
        moisture = clamp(theta);
    }

    /** FAO-56 water-stress coefficient Ks: 1 until depletion reaches p·TAW, then linear to 0 at WP. */
    private double stressFactor(double theta) {
        double taw = p.fieldCapacity() - p.wiltingPoint();
        double readily = (1 - p.depletionFraction()) * taw;
        return Math.max(0, Math.min(1, (theta - p.wiltingPoint()) / readily));
    }

    private double clamp(double theta) {
        return Math.min(p.saturation(), Math.max(p.wiltingPoint(), theta));
    }

    /** Volumetric soil moisture of the root zone, m³/m³. */
    public double moisture() {
        return moisture;
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

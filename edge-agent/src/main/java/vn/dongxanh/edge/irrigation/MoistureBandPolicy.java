package vn.dongxanh.edge.irrigation;

import java.time.Duration;
import java.time.LocalDate;
import vn.dongxanh.contract.dashboard.ControlKind;
import vn.dongxanh.contract.event.IrrigationEvent;

/**
 * Vegetables: water when soil moisture falls below the band, stop at its top, and never water
 * again sooner than {@code minInterval} after the last watering (DOMAIN.md §6).
 */
public record MoistureBandPolicy(double start, double stop, Duration minInterval, Duration runTime)
        implements WaterPolicy {
    public MoistureBandPolicy {
        if (stop <= start)
            throw new IllegalArgumentException("moisture stop " + stop + " must be above start " + start);
    }

    @Override
    public IrrigationEvent.Control control(LocalDate today) {
        return new IrrigationEvent.Control(ControlKind.MOISTURE_BAND, null, start, stop);
    }

    @Override
    public Decision decide(PlotInputs in) {
        Decision unsafe = WaterPolicy.failClosed(in);
        if (unsafe != null) return unsafe;
        double vwc = ((SensorHealth.Ok) in.sensor()).value();
        String where = "soil moisture " + vwc;
        if (in.valveOpen()) {
            if (vwc >= stop) return new Decision.Close(Decision.Reason.REACHED_STOP_LEVEL, where + " ≥ " + stop);
            if (in.rainStop()) return new Decision.Close(Decision.Reason.RAIN_STOP, where + ", raining");
            return new Decision.Hold(Decision.Reason.WATERING, where + " < " + stop);
        }
        if (vwc > start) return new Decision.Hold(Decision.Reason.WAITING, where + " > " + start);
        if (in.rainSkip()) return new Decision.Hold(Decision.Reason.RAIN_SKIP, where + ", enough rain");
        if (in.lastWateringEnded() != null
                && in.lastWateringEnded().plus(minInterval).isAfter(in.now())) {
            return new Decision.Hold(
                    Decision.Reason.MIN_INTERVAL, where + ", last watering ended " + in.lastWateringEnded());
        }
        return new Decision.Open(runTime, Decision.Reason.BELOW_START_LEVEL, where + " ≤ " + start);
    }
}

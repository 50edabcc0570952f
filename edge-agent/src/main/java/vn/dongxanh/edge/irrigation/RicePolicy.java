package vn.dongxanh.edge.irrigation;

import java.time.Duration;
import java.time.LocalDate;
import vn.dongxanh.contract.dashboard.ControlKind;
import vn.dongxanh.contract.event.IrrigationEvent;

/** Paddy rice: AWD or flood-hold by growth stage, drained before harvest (DOMAIN.md §6). */
public record RicePolicy(RiceCalendar calendar, Duration runTime) implements WaterPolicy {
    /** The stage on {@code today} and, where its mode has them (AWD, flood-hold), its start and stop levels. */
    @Override
    public IrrigationEvent.Control control(LocalDate today) {
        return calendar.stageOn(today)
                .map(s -> {
                    boolean levels = s.mode() == WaterMode.AWD || s.mode() == WaterMode.FLOOD_HOLD;
                    return new IrrigationEvent.Control(
                            ControlKind.AWD, s.name(), levels ? s.startAtCm() : null, levels ? s.stopAtCm() : null);
                })
                .orElse(new IrrigationEvent.Control(ControlKind.AWD, null, null, null));
    }

    @Override
    public Decision decide(PlotInputs in) {
        var stage = calendar.stageOn(in.today());
        if (stage.isEmpty()) {
            return in.valveOpen()
                    ? new Decision.Close(Decision.Reason.FALLOW, "no crop stage on " + in.today())
                    : new Decision.Hold(Decision.Reason.FALLOW, "no crop stage on " + in.today());
        }
        RiceStage s = stage.get();
        switch (s.mode()) {
            case MANUAL -> {
                return new Decision.Hold(Decision.Reason.MANUAL_STAGE, s.name() + ": the farmer decides");
            }
            case DRAIN -> {
                return in.valveOpen()
                        ? new Decision.Close(Decision.Reason.DRAIN_STAGE, s.name() + ": drying before harvest")
                        : new Decision.Hold(Decision.Reason.DRAIN_STAGE, s.name() + ": drying before harvest");
            }
            default -> {}
        }
        Decision unsafe = WaterPolicy.failClosed(in);
        if (unsafe != null) return unsafe;
        double level = ((SensorHealth.Ok) in.sensor()).value();
        String where = s.name() + " (" + s.mode() + "), water " + level + " cm";
        if (in.valveOpen()) {
            if (level >= s.stopAtCm()) {
                return new Decision.Close(Decision.Reason.REACHED_STOP_LEVEL, where + " ≥ " + s.stopAtCm() + " cm");
            }
            if (in.rainStop()) return new Decision.Close(Decision.Reason.RAIN_STOP, where + ", raining");
            return new Decision.Hold(Decision.Reason.WATERING, where + " < " + s.stopAtCm() + " cm");
        }
        if (level <= s.startAtCm()) {
            if (in.rainSkip()) return new Decision.Hold(Decision.Reason.RAIN_SKIP, where + ", enough rain");
            return new Decision.Open(runTime, Decision.Reason.BELOW_START_LEVEL, where + " ≤ " + s.startAtCm() + " cm");
        }
        return new Decision.Hold(Decision.Reason.WAITING, where + " > " + s.startAtCm() + " cm");
    }
}

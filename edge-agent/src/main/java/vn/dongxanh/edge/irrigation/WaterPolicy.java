package vn.dongxanh.edge.irrigation;

import java.time.LocalDate;
import vn.dongxanh.contract.event.IrrigationEvent;

/** The agronomic rule of a plot: from sensors and calendar to a valve decision. */
public sealed interface WaterPolicy permits RicePolicy, MoistureBandPolicy {
    Decision decide(PlotInputs in);

    /** What the policy works to on {@code today}, told with every irrigation event. */
    IrrigationEvent.Control control(LocalDate today);

    /** Common to every crop: a valve governed by a sensor we cannot trust is closed. */
    static Decision failClosed(PlotInputs in) {
        return switch (in.sensor()) {
            case SensorHealth.Silent s
            when in.valveOpen() -> new Decision.Close(Decision.Reason.SENSOR_SILENT, s.detail());
            case SensorHealth.Silent s -> new Decision.Hold(Decision.Reason.SENSOR_SILENT, s.detail());
            case SensorHealth.Implausible s
            when in.valveOpen() -> new Decision.Close(Decision.Reason.SENSOR_IMPLAUSIBLE, s.detail());
            case SensorHealth.Implausible s -> new Decision.Hold(Decision.Reason.SENSOR_IMPLAUSIBLE, s.detail());
            case SensorHealth.Waiting w -> new Decision.Hold(Decision.Reason.WAITING, "waiting for a first reading");
            case SensorHealth.Ok ok -> null;
        };
    }
}

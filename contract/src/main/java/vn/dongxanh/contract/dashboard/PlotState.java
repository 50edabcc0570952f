package vn.dongxanh.contract.dashboard;

import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Objects;

/**
 * One plot as the dashboard shows it now; also the payload of the stream's {@code plot} event.
 *
 * @param growthStage the growth stage the gateway's control is in (rice), null when unknown
 * @param control AWD for rice, MOISTURE_BAND for vegetables, null when unknown
 * @param measurement latest water level or soil moisture, null when none was ever received
 * @param thresholds the levels the control works between, null when unknown
 * @param rainTodayMm rain since local midnight, null when the plot has no rain gauge reading
 * @param gatewayId the gateway that last reported for the plot, null when none has
 * @param openAlarms alarms raised and not cleared for the plot or its devices
 * @param lastDecision the gateway's last irrigation decision for the plot, null when none
 */
@Schema(
        description = "A plot's state now: crop, stage, water level or soil moisture against its band, valve, rain,"
                + " alarms")
public record PlotState(
        String plotId,
        String name,
        String crop,
        String growthStage,
        ControlKind control,
        Measurement measurement,
        Thresholds thresholds,
        ValveState valve,
        PumpState pump,
        Double rainTodayMm,
        String gatewayId,
        int openAlarms,
        LastDecision lastDecision)
        implements DashboardEvent {

    public PlotState {
        Objects.requireNonNull(plotId, "plotId");
        Objects.requireNonNull(name, "name");
        valve = valve == null ? ValveState.UNKNOWN : valve;
        pump = pump == null ? PumpState.UNKNOWN : pump;
    }
}

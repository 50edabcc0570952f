package vn.dongxanh.contract.dashboard;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Objects;

/**
 * The last irrigation decision the plot's gateway reported (its {@code events} topic).
 *
 * @param kind START, STOP, SKIP or ALARM (contract {@code IrrigationEvent.Kind})
 * @param reason the control's closed word, e.g. BELOW_START_LEVEL, RAIN_SKIP
 */
@Schema(description = "The last decision of the gateway's irrigation control for the plot")
public record LastDecision(
        @Schema(allowableValues = {"START", "STOP", "SKIP", "ALARM"})
        String kind,

        String reason,
        String detail,
        Instant at) {

    public LastDecision {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(reason, "reason");
        detail = detail == null ? "" : detail;
        Objects.requireNonNull(at, "at");
    }
}

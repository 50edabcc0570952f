package vn.dongxanh.contract.dashboard;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Objects;

/**
 * A valve or pump command that changed state: the payload of the stream's {@code command} event.
 *
 * @param plotId the plot of the commanded device, null when the device has none
 * @param action OPEN or CLOSE
 * @param reason why it was refused, expired or timed out; empty otherwise
 * @param at when the state changed
 */
@Schema(description = "A valve command that changed state")
public record CommandChange(
        String commandId,
        String plotId,
        String deviceId,
        @Schema(allowableValues = {"OPEN", "CLOSE"}) String action,
        CommandStatus state,
        String reason,
        Instant at)
        implements DashboardEvent {

    public CommandChange {
        Objects.requireNonNull(commandId, "commandId");
        Objects.requireNonNull(deviceId, "deviceId");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(state, "state");
        reason = reason == null ? "" : reason;
        Objects.requireNonNull(at, "at");
    }
}

package vn.dongxanh.contract.command;

import java.time.Instant;
import java.util.Objects;
import vn.dongxanh.contract.Ids;

/**
 * The answer to a {@link ValveCommand}: what happened and the valve's state afterwards.
 *
 * @param reason why a command was refused or expired; empty when applied
 */
public record CommandAck(
        String commandId, String deviceId, Result result, String reason, boolean valveOpen, Instant at) {
    public enum Result {
        /** Applied now. */
        APPLIED,
        /** Seen before and already applied: not applied again. */
        DUPLICATE,
        /** Refused: unknown device, unsafe run time, interlock. */
        REFUSED,
        /** Arrived after its deadline: not applied. */
        EXPIRED
    }

    public CommandAck {
        Objects.requireNonNull(commandId, "commandId");
        Ids.require("device", deviceId);
        Objects.requireNonNull(result, "result");
        reason = reason == null ? "" : reason;
        Objects.requireNonNull(at, "at");
    }
}

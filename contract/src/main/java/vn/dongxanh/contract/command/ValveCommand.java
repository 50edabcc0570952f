package vn.dongxanh.contract.command;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;
import vn.dongxanh.contract.Ids;

/**
 * An order to open or close a valve (or start/stop a pump). Every command carries an id (so it
 * is applied at most once), a deadline after which it must not be applied, and for OPEN a run
 * time after which the device closes by itself, whatever happens to the link.
 */
public record ValveCommand(
        String commandId, String deviceId, Action action, Duration runTime, Instant issuedAt, Instant deadline) {
    private static final Pattern COMMAND_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    public enum Action {
        OPEN,
        CLOSE
    }

    public ValveCommand {
        if (commandId == null || !COMMAND_ID.matcher(commandId).matches()) {
            throw new IllegalArgumentException("command id must be 1-64 characters A-Z a-z 0-9 - _");
        }
        Ids.require("device", deviceId);
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(issuedAt, "issuedAt");
        Objects.requireNonNull(deadline, "deadline");
        runTime = runTime == null ? Duration.ZERO : runTime;
        if (action == Action.OPEN && (runTime.isZero() || runTime.isNegative())) {
            throw new IllegalArgumentException("OPEN needs a positive run time");
        }
        if (runTime.isNegative()) {
            throw new IllegalArgumentException("run time must not be negative");
        }
        if (!deadline.isAfter(issuedAt)) {
            throw new IllegalArgumentException("deadline must be after the time the command was issued");
        }
    }

    public static ValveCommand open(String commandId, String deviceId, Duration runTime, Instant now, Duration ttl) {
        return new ValveCommand(commandId, deviceId, Action.OPEN, runTime, now, now.plus(ttl));
    }

    public static ValveCommand close(String commandId, String deviceId, Instant now, Duration ttl) {
        return new ValveCommand(commandId, deviceId, Action.CLOSE, Duration.ZERO, now, now.plus(ttl));
    }
}

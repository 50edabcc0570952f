package vn.dongxanh.contract.command;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;
import vn.dongxanh.contract.Ids;

/**
 * What the cloud asks of a gateway on its {@code cmd} topic. Each request has an id (applied at
 * most once) and is answered by a {@link GatewayAck} on {@code cmd/ack}.
 */
public sealed interface GatewayRequest {
    Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    String requestId();

    /** Forward a valve command to a device, after the gateway's safety checks. */
    record Valve(String requestId, ValveCommand command) implements GatewayRequest {
        public Valve {
            requireId(requestId);
            Objects.requireNonNull(command, "command");
        }
    }

    /**
     * Hold a plot's valve open or closed until {@code until}, then return to automatic control.
     * OPEN is still bounded by the valve's maximum run time.
     */
    record Override(String requestId, String plotId, State state, Instant until) implements GatewayRequest {
        public enum State {
            OPEN,
            CLOSED,
            /** End an override now. */
            AUTO
        }

        public Override {
            requireId(requestId);
            Ids.require("plot", plotId);
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(until, "until");
        }
    }

    /** Water a plot at {@code start} for {@code runTime}; void if not started by {@code expires}. */
    record Schedule(String requestId, String plotId, Instant start, Duration runTime, Instant expires)
            implements GatewayRequest {
        public Schedule {
            requireId(requestId);
            Ids.require("plot", plotId);
            Objects.requireNonNull(start, "start");
            if (runTime == null || runTime.isZero() || runTime.isNegative()) {
                throw new IllegalArgumentException("schedule needs a positive run time");
            }
            if (expires == null || !expires.isAfter(start)) {
                throw new IllegalArgumentException("schedule 'expires' must be after its start");
            }
        }
    }

    /**
     * Change control settings: a JSON object in the form of the agent's {@code control:} section
     * (e.g. {@code {"rice":{"max-run-time":"2h"}}}), merged into the current settings and
     * validated before it takes effect.
     */
    record ControlChange(String requestId, String controlJson) implements GatewayRequest {
        public ControlChange {
            requireId(requestId);
            Objects.requireNonNull(controlJson, "controlJson");
        }
    }

    private static void requireId(String id) {
        if (id == null || !REQUEST_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("request id must be 1-64 characters A-Z a-z 0-9 - _");
        }
    }
}

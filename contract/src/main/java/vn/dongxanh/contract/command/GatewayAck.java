package vn.dongxanh.contract.command;

import java.time.Instant;
import java.util.Objects;

/** A gateway's answer to a {@link GatewayRequest}. */
public record GatewayAck(String requestId, Result result, String reason, Instant at) {
    public enum Result {
        APPLIED,
        DUPLICATE,
        REFUSED,
        EXPIRED
    }

    public GatewayAck {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(result, "result");
        reason = reason == null ? "" : reason;
        Objects.requireNonNull(at, "at");
    }
}

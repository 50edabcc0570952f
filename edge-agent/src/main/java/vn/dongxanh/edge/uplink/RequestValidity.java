package vn.dongxanh.edge.uplink;

import java.time.Duration;
import java.time.Instant;
import vn.dongxanh.contract.command.GatewayRequest;

/**
 * Until when a cloud request could still be applied, which is how long its id must be
 * remembered: a replay of a remembered id is answered DUPLICATE, and an id is forgotten only once
 * the request is past its own deadline (then a replay is answered EXPIRED). Requests with no end
 * (a control change, ending an override) are remembered for good; they are few.
 */
public final class RequestValidity {
    /** How long an id is kept after both its sighting and its validity have passed. */
    public static final Duration MEMORY = Duration.ofDays(7);

    private RequestValidity() {}

    public static Instant until(GatewayRequest request) {
        return switch (request) {
            case GatewayRequest.Valve v -> v.command().deadline();
            case GatewayRequest.Override o -> o.state() == GatewayRequest.Override.State.AUTO ? Instant.MAX : o.until();
            case GatewayRequest.Schedule s -> s.expires();
            case GatewayRequest.ControlChange c -> Instant.MAX;
        };
    }
}

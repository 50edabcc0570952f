package vn.dongxanh.contract.dashboard;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.Objects;

/**
 * A gateway of the cooperative; also the payload of the stream's {@code gateway} event.
 *
 * @param online what the gateway's retained state (or its last will) last said; false when unknown
 * @param lastSeen the last time anything arrived from it
 * @param backlogReadings readings waiting in its outbox by its last report, null when not reported
 * @param backlogOldestSeconds age of its oldest unsent reading by its last report, null when not reported
 */
@Schema(description = "A gateway: online, last seen, outbox backlog")
public record GatewayState(
        String gatewayId, boolean online, Instant lastSeen, Long backlogReadings, Long backlogOldestSeconds)
        implements DashboardEvent {

    public GatewayState {
        Objects.requireNonNull(gatewayId, "gatewayId");
        Objects.requireNonNull(lastSeen, "lastSeen");
    }
}

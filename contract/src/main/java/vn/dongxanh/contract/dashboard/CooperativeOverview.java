package vn.dongxanh.contract.dashboard;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Everything the cooperative's overview page shows, read at one instant.
 *
 * @param at the time the state was read; ages are measured from it
 */
@Schema(description = "The cooperative's plots and gateways now")
public record CooperativeOverview(
        String cooperativeId, Instant at, List<PlotState> plots, List<GatewayState> gateways) {

    public CooperativeOverview {
        Objects.requireNonNull(cooperativeId, "cooperativeId");
        Objects.requireNonNull(at, "at");
        plots = List.copyOf(plots);
        gateways = List.copyOf(gateways);
    }
}

package vn.dongxanh.ingest.dashboard;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import vn.dongxanh.contract.dashboard.CooperativeOverview;
import vn.dongxanh.contract.dashboard.DashboardEvent;
import vn.dongxanh.ingest.api.ApiException;
import vn.dongxanh.ingest.api.Params;
import vn.dongxanh.ingest.registry.CooperativeStore;
import vn.dongxanh.ingest.security.Access;

/** The cooperative dashboard's "now" and its live stream (docs/dashboard-api.md). */
@RestController
@Tag(name = "dashboard")
public class DashboardController {
    private final CooperativeStore cooperatives;
    private final PlotStates states;
    private final StreamHub hub;

    DashboardController(CooperativeStore cooperatives, PlotStates states, StreamHub hub) {
        this.cooperatives = cooperatives;
        this.states = states;
        this.hub = hub;
    }

    @GetMapping("/api/cooperatives/{coop}/overview")
    @Operation(
            summary = "Every plot and gateway of a cooperative now",
            description = "Crop, growth stage and control of each plot, its water level or soil moisture against"
                    + " its AWD levels or moisture band (stale when its device is silent), valve and pump, rain"
                    + " today, open alarms and the gateway's last decision; each gateway online, last seen and"
                    + " its outbox backlog.")
    @ApiResponse(responseCode = "200", description = "the overview")
    @ApiResponse(responseCode = "404", description = "cooperative not registered")
    public CooperativeOverview overview(@PathVariable String coop) {
        visible(coop);
        Instant now = states.now();
        return new CooperativeOverview(coop, now, states.plots(coop, null, now), states.gateways(coop, null));
    }

    // no 'produces': errors before the stream starts are problem+json whatever the client accepts
    @GetMapping("/api/cooperatives/{coop}/stream")
    @Operation(
            summary = "Live changes of a cooperative's plots, gateways, alarms and valve commands (server-sent events)",
            description = "Starts with a 'plot' event per plot and a 'gateway' event per gateway (the overview), then"
                    + " sends 'plot' (a whole PlotState) whenever a reading, valve state, decision or alarm of the"
                    + " plot arrives, 'gateway', 'alarm' (raised, acknowledged, cleared) and 'command' (every"
                    + " state of a valve command); a ': heartbeat' comment when idle. A stream that falls too far"
                    + " behind is closed: reconnect and it starts again from the overview.")
    @ApiResponse(
            responseCode = "200",
            description = "the stream",
            content = @Content(mediaType = MediaType.TEXT_EVENT_STREAM_VALUE, schema = @Schema(type = "string")))
    @ApiResponse(responseCode = "404", description = "cooperative not registered")
    @ApiResponse(responseCode = "503", description = "this instance has as many streams open as it allows")
    public SseEmitter stream(@PathVariable String coop) {
        visible(coop);
        // registered before the snapshot is read, so nothing that changes in between is lost
        Stream stream = hub.open(coop);
        try {
            Instant now = states.now();
            List<DashboardEvent> snapshot = new ArrayList<>(states.plots(coop, null, now));
            snapshot.addAll(states.gateways(coop, null));
            stream.start(snapshot);
        } catch (RuntimeException e) {
            stream.close(false);
            throw e;
        }
        return stream.emitter;
    }

    private void visible(String coop) {
        Params.id("cooperative", coop);
        if (!cooperatives.exists(coop) || !Access.sees(coop)) {
            throw ApiException.notFound("cooperative '" + coop + "' is not registered");
        }
        Access.concerns(coop);
    }
}

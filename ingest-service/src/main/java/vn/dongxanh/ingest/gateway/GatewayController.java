package vn.dongxanh.ingest.gateway;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.dongxanh.ingest.api.ApiException;
import vn.dongxanh.ingest.api.Params;
import vn.dongxanh.ingest.security.Access;

/** {@code GET /api/gateways…}: gateways as heard from MQTT, and their sequence gaps. */
@RestController
@Tag(name = "gateways", description = "Field gateways: health, uplink sequence gaps")
public class GatewayController {
    private static final int MAX_GAPS = 10_000;
    private static final int DEFAULT_GAPS = 100;

    private final GatewayStore store;

    public GatewayController(GatewayStore store) {
        this.store = store;
    }

    @GetMapping("/api/gateways")
    @Operation(
            summary = "Gateways",
            description = "Every gateway the cloud has heard from, with its last health report; gateways"
                    + " register themselves by talking.")
    @ApiResponse(responseCode = "200", description = "the gateways, by id")
    @ApiResponse(responseCode = "400", description = "invalid cooperative id")
    public List<GatewayView> gateways(
            @Parameter(description = "only this cooperative's gateways") @RequestParam(required = false)
                    String cooperative) {
        if (cooperative != null) Params.id("cooperative", cooperative);
        Access.Scope scope = Access.scope(cooperative);
        return scope.nothing() ? List.of() : store.list(scope.cooperative());
    }

    @GetMapping("/api/gateways/{id}")
    @Operation(summary = "One gateway")
    @ApiResponse(responseCode = "200", description = "the gateway")
    @ApiResponse(responseCode = "404", description = "never heard of")
    public GatewayView gateway(@PathVariable String id) {
        GatewayView g = store.find(Params.id("gateway", id)).orElseThrow(() -> notFound(id));
        return Access.visible(g, g.cooperative(), () -> notFound(id));
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("no gateway '" + id + "' has been heard from");
    }

    @GetMapping("/api/gateways/{id}/gaps")
    @Operation(
            summary = "Sequence gaps of a gateway",
            description = "Uplink batches the gateway skipped (kind GAP: missing until they arrive; a late batch"
                    + " shrinks or splits its gap, the last one closes it) and new outboxes (kind RESET: the"
                    + " sequence jumped by more than dx.ingest.sequence.reset-jump). Newest first.")
    @ApiResponse(responseCode = "200", description = "the gaps")
    @ApiResponse(responseCode = "400", description = "invalid gateway id or limit")
    @ApiResponse(responseCode = "404", description = "never heard of")
    public List<GapView> gaps(
            @PathVariable String id,
            @Parameter(description = "only the gaps still missing batches") @RequestParam(defaultValue = "false")
                    boolean open,
            @Parameter(description = "most rows returned; default 100") @RequestParam(required = false) Integer limit) {
        gateway(id);
        return store.gaps(id, open, Params.limit(limit, DEFAULT_GAPS, MAX_GAPS));
    }
}

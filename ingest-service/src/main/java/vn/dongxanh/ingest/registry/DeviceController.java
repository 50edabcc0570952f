package vn.dongxanh.ingest.registry;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.dongxanh.contract.identity.PlatformRole;
import vn.dongxanh.ingest.api.ApiException;
import vn.dongxanh.ingest.api.Params;
import vn.dongxanh.ingest.security.Access;

/** {@code /api/devices}: register, list, read and change devices. */
@RestController
@Tag(name = "registry")
public class DeviceController {
    private static final Set<String> FIELDS =
            Set.of("id", "cooperative", "plot", "kind", "reportingIntervalS", "gateway");
    private static final int MAX_INTERVAL_S = (int) Duration.ofDays(1).toSeconds();

    private final DeviceStore devices;
    private final PlotStore plots;
    private final CooperativeStore cooperatives;
    private final Clock clock;

    public DeviceController(DeviceStore devices, PlotStore plots, CooperativeStore cooperatives, Clock clock) {
        this.devices = devices;
        this.plots = plots;
        this.cooperatives = cooperatives;
        this.clock = clock;
    }

    @PostMapping(path = "/api/devices", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Register a device",
            description = "{\"id\":\"p01-wl\",\"plot\":\"p01\",\"kind\":\"water_level\",\"reportingIntervalS\":300,"
                    + " \"gateway\":\"gw-01\"}. gateway names the gateway it is behind (from which the brokers'"
                    + " credentials are made); a gateway id belongs to one cooperative."
                    + " cooperative may be left out when plot is given (it is the plot's); a device with no plot"
                    + " needs it. Its series (existing and future) are linked to the plot.")
    @ApiResponse(responseCode = "201", description = "registered; Location names it")
    @ApiResponse(
            responseCode = "400",
            description = "invalid body, an unregistered cooperative or plot, or a plot of another cooperative")
    @ApiResponse(responseCode = "409", description = "the id is taken")
    public ResponseEntity<Device> create(@RequestBody String json) {
        Body b = Body.parse(json, FIELDS);
        String id = b.id("id", "device", true);
        String named = b.id("cooperative", "cooperative", false);
        if (named != null) Access.actFor(named, PlatformRole.COOP_MANAGER);
        DeviceStore.Registration d = fields(b, id, null);
        Access.actFor(d.cooperative(), PlatformRole.COOP_MANAGER);
        if (!devices.insert(d, clock.instant())) {
            throw ApiException.conflict("device '" + id + "' is already registered");
        }
        return ResponseEntity.created(URI.create("/api/devices/" + id)).body(get(id));
    }

    @GetMapping("/api/devices")
    @Operation(summary = "Devices, by id, with their liveness")
    @ApiResponse(responseCode = "400", description = "invalid cooperative or plot id")
    public List<Device> list(
            @Parameter(description = "only this cooperative's devices") @RequestParam(required = false)
                    String cooperative,
            @Parameter(description = "only this plot's devices") @RequestParam(required = false) String plot) {
        if (cooperative != null) Params.id("cooperative", cooperative);
        if (plot != null) Params.id("plot", plot);
        Access.Scope scope = Access.scope(cooperative);
        return scope.nothing() ? List.of() : devices.list(scope.cooperative(), plot);
    }

    @GetMapping("/api/devices/{id}")
    @Operation(summary = "One device, with its liveness")
    @ApiResponse(responseCode = "404", description = "not registered")
    public Device get(@PathVariable String id) {
        Device d = devices.find(Params.id("device", id)).orElseThrow(() -> notFound(id));
        return Access.visible(d, d.cooperative(), () -> notFound(id));
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("device '" + id + "' is not registered");
    }

    @PutMapping(path = "/api/devices/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Change a device",
            description =
                    "Replaces plot, kind, reportingIntervalS and gateway; moving it to another plot moves its series."
                            + " The cooperative cannot change.")
    @ApiResponse(responseCode = "400", description = "invalid body, another id or cooperative, a foreign plot")
    @ApiResponse(responseCode = "404", description = "not registered")
    public Device update(@PathVariable String id, @RequestBody String json) {
        Device current = get(id);
        Access.actFor(current.cooperative(), PlatformRole.COOP_MANAGER);
        Body b = Body.parse(json, FIELDS);
        b.sameId(id);
        devices.update(fields(b, id, current.cooperative()), clock.instant());
        return get(id);
    }

    /** Checks the body against the registry; {@code fixedCoop} is the cooperative of an existing device. */
    private DeviceStore.Registration fields(Body b, String id, String fixedCoop) {
        String coop = b.id("cooperative", "cooperative", false);
        String plot = b.id("plot", "plot", false);
        String kindName = b.text("kind", 50, true);
        DeviceKind kind = DeviceKind.byWireName(kindName)
                .orElseThrow(() ->
                        ApiException.badRequest("'kind' " + kindName + " is unknown; use one of " + DeviceKind.NAMES));
        Integer interval = b.positiveInt("reportingIntervalS", MAX_INTERVAL_S);
        String gateway = b.id("gateway", "gateway", false);
        if (fixedCoop != null && coop != null && !coop.equals(fixedCoop)) {
            throw ApiException.badRequest("device '" + id + "' belongs to cooperative '" + fixedCoop
                    + "'; a device cannot move to another cooperative");
        }
        if (plot != null) {
            // another organisation's plot is answered as one that does not exist
            Plot p = plots.find(plot)
                    .filter(found -> Access.sees(found.cooperative()))
                    .orElseThrow(() -> ApiException.badRequest("plot '" + plot + "' is not registered"));
            String owner = fixedCoop != null ? fixedCoop : coop != null ? coop : p.cooperative();
            if (!p.cooperative().equals(owner)) {
                throw ApiException.badRequest(
                        "plot '" + plot + "' belongs to cooperative '" + p.cooperative() + "', not to '" + owner + "'");
            }
            coop = p.cooperative();
        } else if (fixedCoop != null) {
            coop = fixedCoop;
        } else if (coop == null) {
            throw ApiException.badRequest("'cooperative' is required for a device without a plot");
        }
        if (fixedCoop == null && !cooperatives.exists(coop)) {
            throw ApiException.badRequest("cooperative '" + coop + "' is not registered");
        }
        if (gateway != null) {
            String owner = coop;
            // a gateway id is one user on the broker: it cannot serve two cooperatives
            if (devices.gatewayCooperatives(gateway).stream().anyMatch(c -> !c.equals(owner))) {
                throw ApiException.conflict("gateway id '" + gateway + "' is taken by another cooperative");
            }
        }
        return new DeviceStore.Registration(id, coop, plot, kind, interval, gateway);
    }
}

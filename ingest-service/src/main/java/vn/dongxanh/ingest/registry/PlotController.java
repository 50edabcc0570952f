package vn.dongxanh.ingest.registry;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
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

/** {@code /api/plots}: register, list, read and change plots. */
@RestController
@Tag(name = "registry")
public class PlotController {
    private static final Set<String> FIELDS =
            Set.of("id", "cooperative", "name", "crop", "areaHa", "growingAreaCode", "valveFlowLpm");
    /** The code is traceability-service's; here it only has to be one printable token. */
    private static final Pattern CODE = Pattern.compile("\\S{1,64}");

    private final PlotStore plots;
    private final CooperativeStore cooperatives;
    private final Clock clock;

    public PlotController(PlotStore plots, CooperativeStore cooperatives, Clock clock) {
        this.plots = plots;
        this.cooperatives = cooperatives;
        this.clock = clock;
    }

    @PostMapping(path = "/api/plots", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Register a plot",
            description = "{\"id\":\"p01\",\"cooperative\":\"htx-an-phu\",\"name\":\"Ruộng 1\",\"crop\":\"rice\","
                    + "\"areaHa\":2.5,\"growingAreaCode\":\"VN-QNG-0001\",\"valveFlowLpm\":20000}; crop,"
                    + " growingAreaCode and valveFlowLpm are optional")
    @ApiResponse(responseCode = "201", description = "registered; Location names it")
    @ApiResponse(
            responseCode = "400",
            description = "invalid body, saying which field and why, or the cooperative is not registered")
    @ApiResponse(responseCode = "409", description = "the id is taken")
    public ResponseEntity<Plot> create(@RequestBody String json) {
        Body b = Body.parse(json, FIELDS);
        String id = b.id("id", "plot", true);
        String coop = b.id("cooperative", "cooperative", true);
        Access.actFor(coop, PlatformRole.COOP_MANAGER);
        Plot p = fields(b, id, coop);
        if (!cooperatives.exists(coop)) throw ApiException.badRequest("cooperative '" + coop + "' is not registered");
        if (!plots.insert(p, clock.instant())) throw ApiException.conflict("plot '" + id + "' is already registered");
        return ResponseEntity.created(URI.create("/api/plots/" + id)).body(get(id));
    }

    @GetMapping("/api/plots")
    @Operation(summary = "Plots, by id")
    @ApiResponse(responseCode = "400", description = "invalid cooperative id")
    public List<Plot> list(
            @Parameter(description = "only this cooperative's plots") @RequestParam(required = false)
                    String cooperative) {
        if (cooperative != null) Params.id("cooperative", cooperative);
        Access.Scope scope = Access.scope(cooperative);
        return scope.nothing() ? List.of() : plots.list(scope.cooperative());
    }

    @GetMapping("/api/plots/{id}")
    @Operation(summary = "One plot")
    @ApiResponse(responseCode = "404", description = "not registered")
    public Plot get(@PathVariable String id) {
        Plot p = plots.find(Params.id("plot", id)).orElseThrow(() -> notFound(id));
        return Access.visible(p, p.cooperative(), () -> notFound(id));
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("plot '" + id + "' is not registered");
    }

    @PutMapping(path = "/api/plots/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Change a plot",
            description = "Replaces name, crop, areaHa, growingAreaCode and valveFlowLpm (absent optional fields"
                    + " become empty). The cooperative cannot change; id and cooperative may be repeated.")
    @ApiResponse(responseCode = "400", description = "invalid body, another id, or another cooperative")
    @ApiResponse(responseCode = "404", description = "not registered")
    public Plot update(@PathVariable String id, @RequestBody String json) {
        Plot current = get(id);
        Access.actFor(current.cooperative(), PlatformRole.COOP_MANAGER);
        Body b = Body.parse(json, FIELDS);
        b.sameId(id);
        String coop = b.id("cooperative", "cooperative", false);
        if (coop != null && !coop.equals(current.cooperative())) {
            throw ApiException.badRequest("plot '" + id + "' belongs to cooperative '" + current.cooperative()
                    + "'; a plot cannot move to another cooperative");
        }
        plots.update(fields(b, id, current.cooperative()), clock.instant());
        return get(id);
    }

    private static Plot fields(Body b, String id, String coop) {
        String code = b.text("growingAreaCode", 64, false);
        if (code != null && !CODE.matcher(code).matches()) {
            throw ApiException.badRequest("'growingAreaCode' must be one token of at most 64 characters, no spaces");
        }
        return new Plot(
                id,
                coop,
                b.text("name", CooperativeController.MAX_TEXT, true),
                b.text("crop", 100, false),
                b.positive("areaHa", true),
                code,
                b.positive("valveFlowLpm", false),
                null,
                null);
    }
}

package vn.dongxanh.ingest.registry;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import vn.dongxanh.contract.identity.PlatformRole;
import vn.dongxanh.ingest.api.ApiException;
import vn.dongxanh.ingest.api.Params;
import vn.dongxanh.ingest.security.Access;

/** {@code /api/cooperatives}: register, list, read and change cooperatives. */
@RestController
@Tag(name = "registry", description = "Cooperatives, plots and devices")
public class CooperativeController {
    private static final Set<String> FIELDS = Set.of("id", "name", "province");
    static final int MAX_TEXT = 200;

    private final CooperativeStore store;
    private final Clock clock;

    public CooperativeController(CooperativeStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    @PostMapping(path = "/api/cooperatives", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Register a cooperative",
            description = "{\"id\":\"htx-an-phu\",\"name\":\"HTX An Phú\",\"province\":\"Quảng Ngãi\"};"
                    + " province is optional")
    @ApiResponse(responseCode = "201", description = "registered; Location names it")
    @ApiResponse(responseCode = "400", description = "invalid body, saying which field and why")
    @ApiResponse(responseCode = "409", description = "the id is taken")
    public ResponseEntity<Cooperative> create(@RequestBody String json) {
        Body b = Body.parse(json, FIELDS);
        String id = b.id("id", "cooperative", true);
        Access.concerns(id);
        if (!store.insert(id, b.text("name", MAX_TEXT, true), b.text("province", MAX_TEXT, false), clock.instant())) {
            throw ApiException.conflict("cooperative '" + id + "' is already registered");
        }
        return ResponseEntity.created(URI.create("/api/cooperatives/" + id)).body(get(id));
    }

    @GetMapping("/api/cooperatives")
    @Operation(summary = "Cooperatives, by id")
    public List<Cooperative> list() {
        return store.all().stream().filter(c -> Access.sees(c.id())).toList();
    }

    @GetMapping("/api/cooperatives/{id}")
    @Operation(summary = "One cooperative")
    @ApiResponse(responseCode = "404", description = "not registered")
    public Cooperative get(@PathVariable String id) {
        Cooperative c = store.find(Params.id("cooperative", id)).orElseThrow(() -> notFound(id));
        return Access.visible(c, id, () -> notFound(id));
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("cooperative '" + id + "' is not registered");
    }

    @PutMapping(path = "/api/cooperatives/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Change a cooperative's name and province")
    @ApiResponse(responseCode = "400", description = "invalid body, or an id other than the path's")
    @ApiResponse(responseCode = "404", description = "not registered")
    public Cooperative update(@PathVariable String id, @RequestBody String json) {
        get(id); // 404 for one not registered or not the caller's to see
        if (!Access.caller().department()) Access.actFor(id, PlatformRole.COOP_MANAGER);
        Body b = Body.parse(json, FIELDS);
        b.sameId(id);
        if (!store.update(id, b.text("name", MAX_TEXT, true), b.text("province", MAX_TEXT, false), clock.instant())) {
            throw ApiException.notFound("cooperative '" + id + "' is not registered");
        }
        return get(id);
    }
}

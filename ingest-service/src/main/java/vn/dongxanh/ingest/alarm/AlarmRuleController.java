package vn.dongxanh.ingest.alarm;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
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
import vn.dongxanh.ingest.registry.Plot;
import vn.dongxanh.ingest.registry.PlotStore;
import vn.dongxanh.ingest.security.Access;

/** {@code /api/alarm-rules}: create, list, read, change and delete alarm rules. */
@RestController
@Tag(name = "alarms", description = "Alarm rules, alarms and their webhook deliveries")
public class AlarmRuleController {
    private final RuleService service;
    private final RuleStore rules;
    private final PlotStore plots;

    AlarmRuleController(RuleService service, RuleStore rules, PlotStore plots) {
        this.service = service;
        this.rules = rules;
        this.plots = plots;
    }

    @PostMapping(path = "/api/alarm-rules", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Create an alarm rule",
            description = "{\"plot\":\"p01\",\"kind\":\"OUT_OF_BAND\",\"params\":{\"metric\":\"water_level\","
                    + "\"high\":10,\"hysteresis\":2}} — 'plot' for one plot, or 'cooperative' for all of it;"
                    + " params left out take the configured defaults (shown in the answer); 'low'/'high' null = none")
    @ApiResponse(responseCode = "201", description = "created; Location names it")
    @ApiResponse(responseCode = "400", description = "invalid body, an unregistered plot or cooperative")
    public ResponseEntity<RuleView> create(@RequestBody String json) {
        RuleRequest request = RuleRequest.parse(json, null);
        mayWrite(request);
        AlarmRule r = service.create(request);
        return ResponseEntity.created(URI.create("/api/alarm-rules/" + r.id())).body(RuleView.of(r));
    }

    @GetMapping("/api/alarm-rules")
    @Operation(summary = "Alarm rules, by id")
    public List<RuleView> list(
            @Parameter(description = "only this cooperative's rules (its plots' too)") @RequestParam(required = false)
                    String cooperative,
            @Parameter(description = "only this plot's rules") @RequestParam(required = false) String plot,
            @Parameter(description = "only rules of this kind") @RequestParam(required = false) String kind) {
        if (cooperative != null) Params.id("cooperative", cooperative);
        if (plot != null) Params.id("plot", plot);
        Access.Scope scope = Access.scope(cooperative);
        if (scope.nothing()) return List.of();
        return rules.list(scope.cooperative(), plot, kind == null ? null : kind(kind)).stream()
                .map(RuleView::of)
                .toList();
    }

    @GetMapping("/api/alarm-rules/{id}")
    @Operation(summary = "One alarm rule")
    @ApiResponse(responseCode = "404", description = "no such rule")
    public RuleView get(@PathVariable String id) {
        return RuleView.of(visible(id(id)));
    }

    /** The rule, or the same 404 as a missing one when it is another organisation's. */
    private AlarmRule visible(long id) {
        AlarmRule r = service.find(id);
        return Access.visible(
                r, r.cooperativeId(), () -> ApiException.notFound("alarm rule " + id + " does not exist"));
    }

    /**
     * The cooperative a create or change is for must be the caller's (its manager's); a plot of
     * another organisation is answered as one not registered.
     */
    private void mayWrite(RuleRequest request) {
        if (request.cooperative() != null) Access.actFor(request.cooperative(), PlatformRole.COOP_MANAGER);
        if (request.plot() != null) {
            Plot p = plots.find(request.plot())
                    .filter(found -> Access.sees(found.cooperative()))
                    .orElseThrow(() -> ApiException.badRequest("plot '" + request.plot() + "' is not registered"));
            Access.actFor(p.cooperative(), PlatformRole.COOP_MANAGER);
        }
    }

    @PutMapping(path = "/api/alarm-rules/{id}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(
            summary = "Change an alarm rule",
            description = "Replaces name, scope, enabled and params (params left out take the defaults again). The"
                    + " kind cannot change. Raised alarms are judged by the new numbers at the next evaluation;"
                    + " those whose subject left the scope are cleared.")
    @ApiResponse(responseCode = "400", description = "invalid body, another kind or id")
    @ApiResponse(responseCode = "404", description = "no such rule")
    public RuleView update(@PathVariable String id, @RequestBody String json) {
        long ruleId = id(id);
        Access.actFor(visible(ruleId).cooperativeId(), PlatformRole.COOP_MANAGER);
        RuleRequest request = RuleRequest.parse(json, ruleId);
        mayWrite(request);
        return RuleView.of(service.update(ruleId, request));
    }

    @DeleteMapping("/api/alarm-rules/{id}")
    @Operation(summary = "Delete an alarm rule; its raised alarms are cleared (\"rule deleted\"), history stays")
    @ApiResponse(responseCode = "204", description = "deleted")
    @ApiResponse(responseCode = "404", description = "no such rule")
    public ResponseEntity<Void> delete(@PathVariable String id) {
        long ruleId = id(id);
        Access.actFor(visible(ruleId).cooperativeId(), PlatformRole.COOP_MANAGER);
        service.delete(ruleId);
        return ResponseEntity.noContent().build();
    }

    static long id(String id) {
        try {
            long v = Long.parseLong(id);
            if (v > 0) return v;
        } catch (NumberFormatException e) {
            // below
        }
        throw ApiException.badRequest("id '" + id + "' is not a positive whole number");
    }

    static RuleKind kind(String kind) {
        return RuleKind.byName(kind)
                .orElseThrow(
                        () -> ApiException.badRequest("kind '" + kind + "' is unknown; use one of " + RuleKind.NAMES));
    }
}

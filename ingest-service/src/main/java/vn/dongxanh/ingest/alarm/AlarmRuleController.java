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
import vn.dongxanh.ingest.api.ApiException;
import vn.dongxanh.ingest.api.Params;

/** {@code /api/alarm-rules}: create, list, read, change and delete alarm rules. */
@RestController
@Tag(name = "alarms", description = "Alarm rules, alarms and their webhook deliveries")
public class AlarmRuleController {
    private final RuleService service;
    private final RuleStore rules;

    AlarmRuleController(RuleService service, RuleStore rules) {
        this.service = service;
        this.rules = rules;
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
        AlarmRule r = service.create(RuleRequest.parse(json, null));
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
        return rules.list(cooperative, plot, kind == null ? null : kind(kind)).stream()
                .map(RuleView::of)
                .toList();
    }

    @GetMapping("/api/alarm-rules/{id}")
    @Operation(summary = "One alarm rule")
    @ApiResponse(responseCode = "404", description = "no such rule")
    public RuleView get(@PathVariable String id) {
        return RuleView.of(service.find(id(id)));
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
        return RuleView.of(service.update(ruleId, RuleRequest.parse(json, ruleId)));
    }

    @DeleteMapping("/api/alarm-rules/{id}")
    @Operation(summary = "Delete an alarm rule; its raised alarms are cleared (\"rule deleted\"), history stays")
    @ApiResponse(responseCode = "204", description = "deleted")
    @ApiResponse(responseCode = "404", description = "no such rule")
    public ResponseEntity<Void> delete(@PathVariable String id) {
        service.delete(id(id));
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

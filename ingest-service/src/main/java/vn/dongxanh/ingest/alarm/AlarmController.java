package vn.dongxanh.ingest.alarm;

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

/** {@code /api/alarms}: raised and cleared alarms, with their values and webhook deliveries. */
@RestController
@Tag(name = "alarms")
public class AlarmController {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private final AlarmStore alarms;
    private final DeliveryStore deliveries;

    AlarmController(AlarmStore alarms, DeliveryStore deliveries) {
        this.alarms = alarms;
        this.deliveries = deliveries;
    }

    @GetMapping("/api/alarms")
    @Operation(summary = "Alarms, newest raised first")
    @ApiResponse(responseCode = "400", description = "invalid state, id, kind or limit")
    public List<AlarmView> list(
            @Parameter(description = "RAISED or CLEARED") @RequestParam(required = false) String state,
            @Parameter(description = "only this plot's") @RequestParam(required = false) String plot,
            @Parameter(description = "only this cooperative's") @RequestParam(required = false) String cooperative,
            @Parameter(description = "only of this rule kind") @RequestParam(required = false) String kind,
            @Parameter(description = "only of this rule") @RequestParam(required = false) String rule,
            @Parameter(description = "at most this many (default 100, at most 1000)") @RequestParam(required = false)
                    Integer limit) {
        if (state != null && !state.equals("RAISED") && !state.equals("CLEARED")) {
            throw ApiException.badRequest("state must be RAISED or CLEARED, got '" + state + "'");
        }
        if (plot != null) Params.id("plot", plot);
        if (cooperative != null) Params.id("cooperative", cooperative);
        Access.Scope scope = Access.scope(cooperative);
        if (scope.nothing()) return List.of();
        return alarms.list(new AlarmStore.Filter(
                state,
                scope.cooperative(),
                plot,
                kind == null ? null : AlarmRuleController.kind(kind),
                rule == null ? null : AlarmRuleController.id(rule),
                Params.limit(limit, DEFAULT_LIMIT, MAX_LIMIT)));
    }

    @GetMapping("/api/alarms/{id}")
    @Operation(summary = "One alarm, with its webhook deliveries and their attempts")
    @ApiResponse(responseCode = "404", description = "no such alarm")
    public AlarmView get(@PathVariable String id) {
        long alarmId = AlarmRuleController.id(id);
        AlarmView a =
                alarms.find(alarmId).orElseThrow(() -> ApiException.notFound("alarm " + alarmId + " does not exist"));
        Access.visible(a, a.cooperative(), () -> ApiException.notFound("alarm " + alarmId + " does not exist"));
        return a.withDeliveries(deliveries.ofAlarm(alarmId));
    }
}

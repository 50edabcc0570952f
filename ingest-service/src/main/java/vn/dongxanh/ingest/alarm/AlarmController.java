package vn.dongxanh.ingest.alarm;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import vn.dongxanh.contract.Json;
import vn.dongxanh.contract.identity.PlatformRole;
import vn.dongxanh.ingest.api.ApiException;
import vn.dongxanh.ingest.api.Params;
import vn.dongxanh.ingest.security.Access;
import vn.dongxanh.ingest.security.Caller;

/** {@code /api/alarms}: raised and cleared alarms, with their values and webhook deliveries. */
@RestController
@Tag(name = "alarms")
public class AlarmController {
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    /** An acknowledgement's note at most (characters). */
    static final int MAX_NOTE = 1000;

    private final AlarmStore alarms;
    private final DeliveryStore deliveries;
    private final Clock clock;

    AlarmController(AlarmStore alarms, DeliveryStore deliveries, Clock clock) {
        this.alarms = alarms;
        this.deliveries = deliveries;
        this.clock = clock;
    }

    @GetMapping("/api/alarms")
    @Operation(
            summary = "Alarms, newest raised first: the open ones (state=RAISED) and the history",
            description = "Filter by state, plot, cooperative, kind, rule and whether someone acknowledged them.")
    @ApiResponse(responseCode = "400", description = "invalid state, id, kind, acknowledged or limit")
    public List<AlarmView> list(
            @Parameter(description = "RAISED or CLEARED") @RequestParam(required = false) String state,
            @Parameter(description = "only this plot's") @RequestParam(required = false) String plot,
            @Parameter(description = "only this cooperative's") @RequestParam(required = false) String cooperative,
            @Parameter(description = "only of this rule kind") @RequestParam(required = false) String kind,
            @Parameter(description = "only of this rule") @RequestParam(required = false) String rule,
            @Parameter(description = "true: only acknowledged ones; false: only those nobody acknowledged yet")
                    @RequestParam(required = false)
                    String acknowledged,
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
                acknowledged == null ? null : flag("acknowledged", acknowledged),
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

    @PostMapping("/api/alarms/{id}/acknowledgement")
    @Operation(
            summary = "Acknowledge an alarm, with a note",
            description = "Says someone of the cooperative has seen the alarm; it stays RAISED until its condition"
                    + " clears. Recorded with the token's subject (never a name) and the time; the first"
                    + " acknowledgement stands. Body: {\"note\": \"…\"} (optional, at most 1000 characters).")
    @ApiResponse(responseCode = "200", description = "the alarm, acknowledged")
    @ApiResponse(responseCode = "400", description = "body not a JSON object, unknown field, note too long")
    @ApiResponse(responseCode = "403", description = "not a manager or field operator of the alarm's cooperative")
    @ApiResponse(responseCode = "404", description = "no such alarm")
    @ApiResponse(responseCode = "409", description = "already acknowledged")
    public AlarmView acknowledge(@PathVariable String id, @RequestBody(required = false) String json) {
        long alarmId = AlarmRuleController.id(id);
        AlarmView a =
                alarms.find(alarmId).orElseThrow(() -> ApiException.notFound("alarm " + alarmId + " does not exist"));
        Access.visible(a, a.cooperative(), () -> ApiException.notFound("alarm " + alarmId + " does not exist"));
        Caller caller = Access.actFor(a.cooperative(), PlatformRole.COOP_MANAGER, PlatformRole.COOP_OPERATOR);
        String note = note(json);
        return alarms.acknowledge(alarmId, caller.subject(), note, clock.instant())
                .orElseThrow(() -> ApiException.conflict("alarm " + alarmId + " was already acknowledged at "
                        + alarms.find(alarmId).map(AlarmView::acknowledgedAt).orElse(null)));
    }

    /** The optional note of an acknowledgement body ({@code {"note": "…"}}); an empty body has none. */
    static String note(String json) {
        if (json == null || json.isBlank()) return null;
        JsonNode o;
        try {
            o = Json.MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw ApiException.badRequest("the body is not JSON: " + e.getOriginalMessage());
        }
        if (o == null || !o.isObject()) throw ApiException.badRequest("the body must be a JSON object");
        for (String name : o.propertyNames()) {
            if (!name.equals("note")) throw ApiException.badRequest("unknown field '" + name + "'; known: [note]");
        }
        JsonNode n = o.get("note");
        if (n == null || n.isNull()) return null;
        if (!n.isString()) throw ApiException.badRequest("'note' must be a string");
        String note = n.stringValue().strip();
        if (note.length() > MAX_NOTE) {
            throw ApiException.badRequest("'note' must have at most " + MAX_NOTE + " characters");
        }
        if (note.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n')) {
            throw ApiException.badRequest("'note' must not contain control characters other than new lines");
        }
        return note.isEmpty() ? null : note;
    }

    private static boolean flag(String name, String value) {
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.badRequest(name + " must be true or false, got '" + value + "'");
        };
    }
}

package vn.dongxanh.ingest.alarm;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import vn.dongxanh.contract.Ids;
import vn.dongxanh.contract.Json;
import vn.dongxanh.ingest.api.ApiException;
import vn.dongxanh.ingest.security.Access;
import vn.dongxanh.ingest.security.Caller;

/** {@code /api/me/alarm-notifications}: which alarms reach the signed-in user, and how. */
@RestController
@Tag(name = "alarms")
public class NotificationController {
    private static final Set<String> FIELDS = Set.of("kinds", "plots", "browser", "webhook");
    private static final int MAX_PLOTS = 1000;

    private final PreferenceStore store;
    private final NotificationProperties props;
    private final Clock clock;

    NotificationController(PreferenceStore store, NotificationProperties props, Clock clock) {
        this.store = store;
        this.props = props;
        this.clock = clock;
    }

    @GetMapping("/api/me/alarm-notifications")
    @Operation(
            summary = "Which alarms reach me, and by which channel",
            description = "Nothing until saved: no kinds or plots chosen means every one, both channels off.")
    @ApiResponse(responseCode = "403", description = "not a user of a cooperative")
    public NotificationPreferences get() {
        Caller c = cooperativeUser();
        return store.find(c.subject())
                .filter(s -> s.cooperative().equals(c.organisation()))
                .map(this::view)
                .orElse(new NotificationPreferences(
                        c.organisation(), List.of(), List.of(), false, false, null, rateLimit()));
    }

    @PutMapping("/api/me/alarm-notifications")
    @Operation(
            summary = "Choose which alarms reach me, and by which channel",
            description = "Body: {\"kinds\":[\"NO_DATA\",…],\"plots\":[\"p01\",…],\"browser\":true,\"webhook\":false};"
                    + " every field required; empty lists mean every kind or plot. The webhook delivery names the"
                    + " user by token subject only (docs/dashboard-api.md).")
    @ApiResponse(
            responseCode = "400",
            description = "not JSON, unknown field, unknown kind, a plot not of my cooperative")
    @ApiResponse(responseCode = "403", description = "not a user of a cooperative")
    public NotificationPreferences put(@RequestBody(required = false) String json) {
        Caller c = cooperativeUser();
        Access.concerns(c.organisation());
        JsonNode o = object(json);
        List<String> kinds = strings(o, "kinds");
        for (String k : kinds) {
            if (RuleKind.byName(k).isEmpty()) {
                throw ApiException.badRequest("'kinds': unknown alarm kind '" + k + "'; known: " + RuleKind.NAMES);
            }
        }
        List<String> plots = strings(o, "plots");
        if (plots.size() > MAX_PLOTS) throw ApiException.badRequest("'plots': at most " + MAX_PLOTS);
        for (String p : plots) {
            if (!Ids.isValid(p)) throw ApiException.badRequest("'plots': '" + p + "' is not a plot id");
        }
        var unknown = new TreeSet<>(plots);
        store.plotsOf(c.organisation(), plots).forEach(unknown::remove);
        if (!unknown.isEmpty()) {
            throw ApiException.badRequest(
                    "'plots': " + unknown + " are not plots of cooperative '" + c.organisation() + "'");
        }
        var saved = new PreferenceStore.Saved(
                c.subject(), c.organisation(), kinds, plots, bool(o, "browser"), bool(o, "webhook"), clock.instant());
        store.save(saved);
        return view(saved);
    }

    private NotificationPreferences view(PreferenceStore.Saved s) {
        return new NotificationPreferences(
                s.cooperative(), s.kinds(), s.plots(), s.browser(), s.webhook(), s.updatedAt(), rateLimit());
    }

    private NotificationPreferences.RateLimit rateLimit() {
        return NotificationPreferences.RateLimit.of(props);
    }

    /** Preferences belong to a cooperative's own users: the department gets no alarm messages from here. */
    private static Caller cooperativeUser() {
        Caller c = Access.caller();
        if (!c.cooperativeUser() || c.organisation() == null) {
            throw ApiException.forbidden("alarm notifications are for a cooperative's managers and field operators");
        }
        return c;
    }

    private static JsonNode object(String json) {
        if (json == null || json.isBlank()) throw ApiException.badRequest("the request needs a JSON object body");
        JsonNode o;
        try {
            o = Json.MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw ApiException.badRequest("the body is not JSON: " + e.getOriginalMessage());
        }
        if (o == null || !o.isObject()) throw ApiException.badRequest("the body must be a JSON object");
        var unknown = new TreeSet<String>();
        for (String name : o.propertyNames()) if (!FIELDS.contains(name)) unknown.add(name);
        if (!unknown.isEmpty()) {
            throw ApiException.badRequest("unknown field(s) " + unknown + "; known: " + new TreeSet<>(FIELDS));
        }
        return o;
    }

    private static List<String> strings(JsonNode o, String field) {
        JsonNode n = o.get(field);
        if (n == null || !n.isArray())
            throw ApiException.badRequest("'" + field + "' must be a list (empty = every one)");
        var out = new LinkedHashSet<String>();
        for (JsonNode e : n) {
            if (!e.isString()) throw ApiException.badRequest("'" + field + "' must hold strings");
            out.add(e.stringValue());
        }
        return new ArrayList<>(out);
    }

    private static boolean bool(JsonNode o, String field) {
        JsonNode n = o.get(field);
        if (n == null || !n.isBoolean()) throw ApiException.badRequest("'" + field + "' must be true or false");
        return n.booleanValue();
    }
}

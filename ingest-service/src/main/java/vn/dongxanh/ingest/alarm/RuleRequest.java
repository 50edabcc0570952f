package vn.dongxanh.ingest.alarm;

import java.util.Set;
import java.util.TreeSet;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import vn.dongxanh.contract.Ids;
import vn.dongxanh.contract.Json;
import vn.dongxanh.ingest.api.ApiException;

/**
 * A rule as a POST or PUT body: {@code {"name","cooperative","plot","kind","enabled","params":{…}}}.
 * A PUT may repeat what GET returned ({@code id}, {@code scope}, timestamps); those are checked or ignored.
 */
record RuleRequest(String name, String cooperative, String plot, RuleKind kind, boolean enabled, JsonNode params) {
    static final int MAX_NAME = 200;
    private static final Set<String> FIELDS =
            Set.of("name", "cooperative", "plot", "kind", "enabled", "params", "scope");
    private static final Set<String> READ_ONLY = Set.of("id", "createdAt", "updatedAt", "evaluatedAt");

    /**
     * @param pathId the id in a PUT's path (the body's id, if any, must match), null for a POST
     */
    static RuleRequest parse(String json, Long pathId) {
        if (json == null || json.isBlank()) throw ApiException.badRequest("the request needs a JSON object body");
        JsonNode o;
        try {
            o = Json.MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw ApiException.badRequest("the body is not JSON: " + e.getOriginalMessage());
        }
        if (o == null || !o.isObject()) throw ApiException.badRequest("the body must be a JSON object");
        var unknown = new TreeSet<String>();
        for (String f : o.propertyNames()) {
            if (!FIELDS.contains(f) && (pathId == null || !READ_ONLY.contains(f))) unknown.add(f);
        }
        if (!unknown.isEmpty()) {
            throw ApiException.badRequest("unknown field(s) " + unknown + "; known: " + new TreeSet<>(FIELDS));
        }
        if (pathId != null
                && o.has("id")
                && !(o.get("id").isIntegralNumber() && o.get("id").longValue() == pathId)) {
            throw ApiException.badRequest("the body's id is not the path's " + pathId + ": ids cannot change");
        }
        String cooperative = id(o, "cooperative");
        String plot = id(o, "plot");
        if (plot == null && cooperative == null) {
            throw ApiException.badRequest("a rule needs 'plot' (one plot) or 'cooperative' (all of a cooperative)");
        }
        JsonNode scope = o.get("scope");
        if (scope != null && !scope.isNull()) {
            String s = scope.isString() ? scope.stringValue() : "";
            if (!s.equals("plot") && !s.equals("cooperative")) {
                throw ApiException.badRequest("'scope' must be \"plot\" or \"cooperative\"");
            }
            if (s.equals("plot") != (plot != null)) {
                throw ApiException.badRequest(
                        "'scope' is \"" + s + "\" but 'plot' is " + (plot == null ? "not " : "") + "given");
            }
        }
        JsonNode k = o.get("kind");
        if (k == null || k.isNull()) throw ApiException.badRequest("'kind' is required; one of " + RuleKind.NAMES);
        RuleKind kind = RuleKind.byName(k.isString() ? k.stringValue() : "")
                .orElseThrow(() -> ApiException.badRequest("'kind' must be one of " + RuleKind.NAMES));
        JsonNode enabled = o.get("enabled");
        if (enabled != null && !enabled.isNull() && !enabled.isBoolean()) {
            throw ApiException.badRequest("'enabled' must be true or false");
        }
        return new RuleRequest(
                name(o),
                cooperative,
                plot,
                kind,
                enabled == null || enabled.isNull() || enabled.booleanValue(),
                o.get("params"));
    }

    private static String id(JsonNode o, String field) {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) return null;
        if (!n.isString() || !Ids.isValid(n.stringValue())) {
            throw ApiException.badRequest("'" + field + "' must be a " + field
                    + " id: 1-63 characters a-z, 0-9, '-' or '_', starting with a letter or digit");
        }
        return n.stringValue();
    }

    private static String name(JsonNode o) {
        JsonNode n = o.get("name");
        if (n == null || n.isNull()) return null;
        if (!n.isString()) throw ApiException.badRequest("'name' must be a string");
        String v = n.stringValue().strip();
        if (v.isEmpty()) return null;
        if (v.length() > MAX_NAME)
            throw ApiException.badRequest("'name' must have at most " + MAX_NAME + " characters");
        if (v.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.badRequest("'name' must not contain control characters");
        }
        return v;
    }
}

package vn.dongxanh.ingest.registry;

import java.util.Set;
import java.util.TreeSet;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import vn.dongxanh.contract.Ids;
import vn.dongxanh.contract.Json;
import vn.dongxanh.ingest.api.ApiException;

/**
 * A JSON request body read field by field, so every mistake gets its own sentence (a 400): not
 * JSON, not an object, an unknown field, a missing or mistyped value.
 */
final class Body {
    private final JsonNode o;

    private Body(JsonNode o) {
        this.o = o;
    }

    static Body parse(String json, Set<String> fields) {
        if (json == null || json.isBlank()) throw ApiException.badRequest("the request needs a JSON object body");
        JsonNode o;
        try {
            o = Json.MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw ApiException.badRequest("the body is not JSON: " + e.getOriginalMessage());
        }
        if (o == null || !o.isObject()) throw ApiException.badRequest("the body must be a JSON object");
        var unknown = new TreeSet<String>();
        for (String name : o.propertyNames()) {
            if (!fields.contains(name)) unknown.add(name);
        }
        if (!unknown.isEmpty()) {
            throw ApiException.badRequest("unknown field(s) " + unknown + "; known: " + new TreeSet<>(fields));
        }
        return new Body(o);
    }

    boolean has(String field) {
        JsonNode n = o.get(field);
        return n != null && !n.isNull();
    }

    String text(String field, int maxLength, boolean required) {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) {
            if (required) throw ApiException.badRequest("'" + field + "' is required");
            return null;
        }
        if (!n.isString()) throw ApiException.badRequest("'" + field + "' must be a string");
        String v = n.stringValue().strip();
        if (v.isEmpty()) {
            if (required) throw ApiException.badRequest("'" + field + "' must not be blank");
            return null;
        }
        if (v.length() > maxLength) {
            throw ApiException.badRequest("'" + field + "' must have at most " + maxLength + " characters");
        }
        if (v.chars().anyMatch(Character::isISOControl)) {
            throw ApiException.badRequest("'" + field + "' must not contain control characters");
        }
        return v;
    }

    String id(String field, String kind, boolean required) {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) {
            if (required) throw ApiException.badRequest("'" + field + "' (" + kind + " id) is required");
            return null;
        }
        if (!n.isString() || !Ids.isValid(n.stringValue())) {
            throw ApiException.badRequest("'" + field + "' must be a " + kind
                    + " id: 1-63 characters a-z, 0-9, '-' or '_', starting with a letter or digit");
        }
        return n.stringValue();
    }

    Double positive(String field, boolean required) {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) {
            if (required) throw ApiException.badRequest("'" + field + "' is required");
            return null;
        }
        if (!n.isNumber() || !Double.isFinite(n.doubleValue()) || n.doubleValue() <= 0) {
            throw ApiException.badRequest("'" + field + "' must be a number above 0");
        }
        return n.doubleValue();
    }

    Integer positiveInt(String field, int max) {
        JsonNode n = o.get(field);
        if (n == null || n.isNull()) return null;
        if (!n.isIntegralNumber() || !n.canConvertToInt() || n.intValue() < 1 || n.intValue() > max) {
            throw ApiException.badRequest("'" + field + "' must be a whole number from 1 to " + max);
        }
        return n.intValue();
    }

    /** The id in a PUT body, when given, must be the one in the path. */
    void sameId(String pathId) {
        if (has("id") && !pathId.equals(o.get("id").asString(""))) {
            throw ApiException.badRequest("the body's id '" + o.get("id").asString("") + "' is not the path's '"
                    + pathId + "': ids cannot change");
        }
    }
}

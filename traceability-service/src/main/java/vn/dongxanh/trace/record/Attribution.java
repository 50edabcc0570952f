package vn.dongxanh.trace.record;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import vn.dongxanh.trace.security.Actor;

/**
 * Who made a change, as a canonical record says it: by role and organisation, never by name. The
 * person (their subject id) is kept on the private side: the feature's own table and the audit log.
 */
public final class Attribution {
    private Attribution() {}

    public static ObjectNode of(JsonMapper json, Actor actor) {
        ObjectNode node = json.createObjectNode();
        // a token may carry several roles (docs/security-traceability.md): all of them, in a fixed order
        var roles = node.putArray("roles");
        actor.roles().stream().map(Enum::name).sorted().forEach(roles::add);
        actor.organisation().ifPresent(o -> node.put("organisation", o));
        return node;
    }
}

package vn.dongxanh.trace.growingarea;

import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import vn.dongxanh.trace.record.PersonCommitment;
import vn.dongxanh.trace.record.RecordStore;

/**
 * The evidence of a status change may name its inspector ({@code {"type": "inspection-report",
 * "inspector": "Trần Thị B"}}). The name is replaced, in the record and in the code's public
 * history alike, by a salted commitment with role {@code INSPECTOR} and the department's
 * organisation; the name and salt go to the record's private side.
 */
final class Inspectors {
    static final String FIELD = "inspector";
    static final String ROLE = "INSPECTOR";

    private Inspectors() {}

    /** A copy of {@code evidence} with each inspector's name committed; adds the private side to {@code people}. */
    static JsonNode committed(
            JsonMapper json, JsonNode evidence, String organisation, List<RecordStore.Person> people) {
        ArrayNode out = json.createArrayNode();
        for (int i = 0; i < evidence.size(); i++) {
            JsonNode item = evidence.get(i);
            if (item.isObject() && item.path(FIELD).isString()) {
                String name = item.get(FIELD).stringValue();
                ObjectNode copy = ((ObjectNode) item).deepCopy();
                if (PersonCommitment.normalise(name).isEmpty()) {
                    copy.remove(FIELD);
                } else {
                    PersonCommitment c = PersonCommitment.of(name);
                    copy.set(FIELD, c.node(json, ROLE, organisation));
                    people.add(new RecordStore.Person("/body/evidence/" + i + "/" + FIELD, c));
                }
                out.add(copy);
            } else {
                out.add(item);
            }
        }
        return out;
    }
}

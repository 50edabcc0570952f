package vn.dongxanh.trace.epcis;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.openepcis.constants.CBVVersion;
import io.openepcis.epc.eventhash.EventHashGenerator;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The CBV 2.0 canonical event hash of an EPCIS event ({@code ni:///sha-256;…?ver=CBV2.0}): a
 * fingerprint of what the event says, independent of its syntax (JSON-LD or XML), the order of its
 * fields and lists, the spelling of its identifiers (URN or Digital Link) and of its vocabulary,
 * and leaving out eventID and recordTime. Computed by OpenEPCIS' generator rather than by hand.
 * The generator works on Jackson 2 trees, so the event crosses over as text.
 */
public final class EventHash {
    private static final ObjectMapper JACKSON2 = new ObjectMapper();
    private static final String ALGORITHM = "sha-256";
    private static final Pattern HASH = Pattern.compile("^ni:///sha-256;[0-9a-f]{64}\\?ver=CBV2\\.0$");

    private EventHash() {}

    /**
     * The hash of one event. {@code namespaces}: the prefixes the document's {@code @context}
     * declares (prefix → namespace URI), so that extension fields such as {@code dx:growingAreaCode}
     * are hashed under their full names.
     */
    public static String of(JsonNode event, Map<String, String> namespaces) {
        try {
            ObjectNode tree = (ObjectNode) JACKSON2.readTree(event.toString());
            return new EventHashGenerator(CBVVersion.VERSION_2_0_0).fromObjectNode(tree, namespaces, ALGORITHM);
        } catch (Exception e) {
            throw new IllegalArgumentException("the event hash cannot be computed: " + e.getMessage(), e);
        }
    }

    /** The hashes of the events of an EPCIS 2.0 XML document, in document order. */
    public static List<String> ofXml(InputStream document) {
        return new EventHashGenerator(CBVVersion.VERSION_2_0_0)
                .fromXml(document, ALGORITHM)
                .collect()
                .asList()
                .await()
                .indefinitely();
    }

    /** The hashes of the events of an EPCIS 2.0 JSON-LD document, in document order. */
    public static List<String> ofJson(byte[] document) throws java.io.IOException {
        return new EventHashGenerator(CBVVersion.VERSION_2_0_0)
                .fromJson(new ByteArrayInputStream(document), ALGORITHM)
                .collect()
                .asList()
                .await()
                .indefinitely();
    }

    /** Whether a string has the form of a CBV 2.0 SHA-256 event hash. */
    public static boolean isHash(String s) {
        return s != null && HASH.matcher(s).matches();
    }

    /** The prefixes an EPCISDocument's {@code @context} declares (objects in it; URLs of contexts skipped). */
    public static Map<String, String> namespaces(JsonNode document) {
        Map<String, String> found = new HashMap<>();
        JsonNode context = document.path("@context");
        List<JsonNode> parts = context.isArray() ? context.valueStream().toList() : List.of(context);
        for (JsonNode part : parts) {
            if (part.isObject()) {
                part.properties().forEach(e -> {
                    if (e.getValue().isString())
                        found.put(e.getKey(), e.getValue().asString());
                });
            }
        }
        return found;
    }

    /** The namespaces of the platform's own events. */
    public static Map<String, String> platformNamespaces() {
        return Map.of(Epcis.DX_PREFIX, Epcis.DX_NAMESPACE);
    }
}

package vn.dongxanh.trace.epcis;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.springframework.http.HttpStatus;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.DecimalNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import vn.dongxanh.trace.web.Refusal;

/**
 * Reads an EPCIS 2.0 XML document ({@code urn:epcglobal:epcis:xsd:2}) into the EPCIS 2.0 JSON-LD
 * {@code EPCISDocument} that JSON capture takes, so that both syntaxes go through the same checks,
 * ownership and storage. The mapping is the standard's JSON binding: lists become arrays
 * ({@code <epcList><epc>} → {@code "epcList": [...]}), quantities exact decimals, {@code type}
 * attributes of business transactions, sources and destinations become {@code type} fields, the
 * sensor metadata and reports' attributes become fields, and CBV values in their old URN form
 * ({@code urn:epcglobal:cbv:bizstep:shipping}) their JSON bare names ({@code shipping}), as JSON
 * capture stores them. Elements in other namespaces are extension fields named {@code prefix:name}
 * (text, or an object of their own elements, a repeated one an array), their prefixes declared in
 * the {@code @context}. An element of no namespace the standard does not define is refused
 * rather than dropped. Parsing is hardened: no DOCTYPE (so no DTD, no entities, nothing
 * fetched or read), no XInclude. Every refusal is a 400 naming what is wrong and where.
 */
final class EpcisXml {
    static final String NAMESPACE = "urn:epcglobal:epcis:xsd:2";
    private static final String RULE = "epcis-xml-invalid";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final Set<String> EVENTS =
            Set.of("ObjectEvent", "AggregationEvent", "TransactionEvent", "TransformationEvent", "AssociationEvent");
    private static final Set<String> TEXT_FIELDS = Set.of(
            "eventTime", "recordTime", "eventTimeZoneOffset", "eventID", "parentID", "action", "transformationID");
    private static final Set<String> EPC_LISTS = Set.of("epcList", "childEPCs", "inputEPCList", "outputEPCList");
    private static final Set<String> QUANTITY_LISTS =
            Set.of("quantityList", "childQuantityList", "inputQuantityList", "outputQuantityList");
    /** Wrappers of EPCIS 1.x documents whose fields sit directly in the event in 2.0. */
    private static final Set<String> WRAPPERS = Set.of("extension", "baseExtension");
    /** Sensor report attributes that are numbers in JSON. */
    private static final Set<String> SENSOR_NUMBERS =
            Set.of("value", "minValue", "maxValue", "meanValue", "sDev", "percRank", "percValue");
    /** CBV vocabularies: the URN prefix of the XML form, whose rest is the JSON bare name. */
    private static final String BIZ_STEP = "urn:epcglobal:cbv:bizstep:";

    private static final String DISPOSITION = "urn:epcglobal:cbv:disp:";
    private static final String BIZ_TRANSACTION_TYPE = "urn:epcglobal:cbv:btt:";
    private static final String SOURCE_DEST_TYPE = "urn:epcglobal:cbv:sdt:";
    private static final String ERROR_REASON = "urn:epcglobal:cbv:er:";

    /** Extension namespaces met so far and the prefixes they get in the {@code @context}. */
    private final Map<String, String> prefixOf = new LinkedHashMap<>();

    private final Map<String, String> namespaceOf = new HashMap<>();

    private EpcisXml() {}

    /** The document as an EPCIS 2.0 JSON-LD EPCISDocument; a 400 refusal when it is not EPCIS 2.0 XML. */
    static ObjectNode read(byte[] xml) {
        return new EpcisXml().document(parse(xml));
    }

    private static Document parse(byte[] xml) {
        if (xml == null || xml.length == 0) throw refusal("the request holds no XML document");
        DocumentBuilder builder;
        try {
            // the JDK's own parser, whatever else is on the class path, with its known features
            DocumentBuilderFactory factory = DocumentBuilderFactory.newDefaultInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            builder = factory.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the XML parser cannot be secured: " + e.getMessage(), e);
        }
        builder.setErrorHandler(
                new ErrorHandler() { // thrown, not printed to the console
                    @Override
                    public void warning(SAXParseException e) {}

                    @Override
                    public void error(SAXParseException e) throws SAXException {
                        throw e;
                    }

                    @Override
                    public void fatalError(SAXParseException e) throws SAXException {
                        throw e;
                    }
                });
        try {
            return builder.parse(new ByteArrayInputStream(xml));
        } catch (SAXParseException e) {
            String message = String.valueOf(e.getMessage());
            String what = message.contains("DOCTYPE")
                    ? "the document has a DOCTYPE; DTDs and entity declarations are not accepted"
                    : "the XML is not well-formed: " + message;
            Refusal r = refusal(what + " (line " + e.getLineNumber() + ", column " + e.getColumnNumber() + ")");
            r.getBody().setProperty("line", e.getLineNumber());
            r.getBody().setProperty("column", e.getColumnNumber());
            throw r;
        } catch (SAXException | IOException e) {
            throw refusal("the XML cannot be read: " + e.getMessage());
        }
    }

    private static Refusal refusal(String detail) {
        return new Refusal(HttpStatus.BAD_REQUEST, RULE, detail);
    }

    /** A refusal naming the element (its path in the document) and what is wrong with it. */
    private static Refusal refusal(String path, String detail) {
        Refusal r = refusal(path + ": " + detail);
        r.getBody().setProperty("xmlPath", path);
        return r;
    }

    private ObjectNode document(Document xml) {
        Element root = xml.getDocumentElement();
        if (!"EPCISDocument".equals(root.getLocalName()) || !NAMESPACE.equals(root.getNamespaceURI())) {
            throw refusal(
                    "/" + root.getNodeName(),
                    "the root element is " + root.getLocalName() + " in namespace "
                            + (root.getNamespaceURI() == null ? "(none)" : root.getNamespaceURI())
                            + "; expected EPCISDocument in namespace " + NAMESPACE + " (EPCIS 2.0)");
        }
        ObjectNode out = NODES.objectNode();
        ArrayNode context = out.putArray("@context");
        context.add(Epcis.CONTEXT);
        out.put("type", "EPCISDocument");
        // absent or wrong, the JSON checks name it (schemaVersion must be "2.0")
        if (root.hasAttribute("schemaVersion")) out.put("schemaVersion", root.getAttribute("schemaVersion"));
        if (root.hasAttribute("creationDate")) out.put("creationDate", root.getAttribute("creationDate"));
        ArrayNode events = out.putObject("epcisBody").putArray("eventList");
        String rootPath = "/" + root.getNodeName();
        Element body = null;
        for (Element child : children(root)) {
            if (child.getNamespaceURI() == null && child.getLocalName().equals("EPCISBody")) {
                body = child;
            } // the header (SBDH, master data) and extensions of the document say nothing about events
        }
        if (body == null) throw refusal(rootPath, "no EPCISBody");
        for (Element list : children(body)) {
            if (list.getNamespaceURI() != null || !list.getLocalName().equals("EventList")) continue;
            int[] index = {0};
            events(list, rootPath + "/EPCISBody/EventList", events, index);
        }
        if (!prefixOf.isEmpty()) {
            ObjectNode declared = context.addObject();
            prefixOf.forEach((namespace, prefix) -> declared.put(prefix, namespace));
        }
        return out;
    }

    /** The events of an EventList (and of the {@code extension} EPCIS 1.x wrapped TransformationEvents in). */
    private void events(Element list, String path, ArrayNode events, int[] index) {
        for (Element e : children(list)) {
            String name = e.getLocalName();
            if (e.getNamespaceURI() == null && WRAPPERS.contains(name)) {
                events(e, path + "/" + name, events, index);
            } else if (e.getNamespaceURI() == null && EVENTS.contains(name)) {
                index[0]++;
                events.add(event(e, path + "/" + name + "[" + index[0] + "]"));
            } else {
                throw refusal(path + "/" + e.getNodeName(), "not an EPCIS 2.0 event type");
            }
        }
    }

    private ObjectNode event(Element xml, String path) {
        ObjectNode event = NODES.objectNode();
        event.put("type", xml.getLocalName());
        fields(xml, path, event);
        return event;
    }

    /** The fields of an event (or of an EPCIS 1.x extension wrapper inside it) into {@code event}. */
    private void fields(Element xml, String path, ObjectNode event) {
        for (Element f : children(xml)) {
            String name = f.getLocalName();
            String at = path + "/" + f.getNodeName();
            if (f.getNamespaceURI() != null) {
                extension(f, at, event);
            } else if (WRAPPERS.contains(name)) {
                fields(f, at, event);
            } else if (TEXT_FIELDS.contains(name)) {
                event.put(name, text(f));
            } else if (name.equals("bizStep")) {
                event.put(name, bare(text(f), BIZ_STEP));
            } else if (name.equals("disposition")) {
                event.put(name, bare(text(f), DISPOSITION));
            } else if (EPC_LISTS.contains(name)) {
                ArrayNode epcs = event.putArray(name);
                for (Element epc : children(f)) {
                    if (!epc.getLocalName().equals("epc") || epc.getNamespaceURI() != null) {
                        throw refusal(at + "/" + epc.getNodeName(), "expected epc");
                    }
                    epcs.add(text(epc));
                }
            } else if (QUANTITY_LISTS.contains(name)) {
                event.set(name, quantities(f, at));
            } else if (name.equals("readPoint") || name.equals("bizLocation")) {
                event.set(name, location(f, at));
            } else if (name.equals("bizTransactionList")) {
                event.set(name, typedList(f, at, "bizTransaction", BIZ_TRANSACTION_TYPE, false));
            } else if (name.equals("sourceList")) {
                event.set(name, typedList(f, at, "source", SOURCE_DEST_TYPE, true));
            } else if (name.equals("destinationList")) {
                event.set(name, typedList(f, at, "destination", SOURCE_DEST_TYPE, true));
            } else if (name.equals("persistentDisposition")) {
                event.set(name, persistentDisposition(f, at));
            } else if (name.equals("certificationInfo")) {
                // one: a string, as the JSON binding writes it (and as OpenEPCIS hashes the XML); several: a list
                JsonNode before = event.get(name);
                if (before == null) {
                    event.put(name, text(f));
                } else if (before.isArray()) {
                    ((ArrayNode) before).add(text(f));
                } else {
                    ArrayNode all = event.putArray(name);
                    all.add(before);
                    all.add(text(f));
                }
            } else if (name.equals("ilmd")) {
                ObjectNode ilmd = event.putObject(name);
                extensionsOnly(f, at, ilmd);
            } else if (name.equals("sensorElementList")) {
                ArrayNode elements = event.putArray(name);
                for (Element s : children(f)) {
                    if (!s.getLocalName().equals("sensorElement") || s.getNamespaceURI() != null) {
                        throw refusal(at + "/" + s.getNodeName(), "expected sensorElement");
                    }
                    elements.add(sensorElement(s, at + "/sensorElement"));
                }
            } else if (name.equals("errorDeclaration")) {
                event.set(name, errorDeclaration(f, at));
            } else {
                throw refusal(at, "not a field of an EPCIS 2.0 " + xml.getLocalName() + " this service reads");
            }
        }
    }

    private ArrayNode quantities(Element list, String path) {
        ArrayNode out = NODES.arrayNode();
        for (Element q : children(list)) {
            String at = path + "/" + q.getNodeName();
            if (!q.getLocalName().equals("quantityElement") || q.getNamespaceURI() != null) {
                throw refusal(at, "expected quantityElement");
            }
            ObjectNode element = out.addObject();
            for (Element f : children(q)) {
                String name = f.getLocalName();
                if (f.getNamespaceURI() != null) {
                    extension(f, at + "/" + f.getNodeName(), element);
                } else if (name.equals("epcClass") || name.equals("uom")) {
                    element.put(name, text(f));
                } else if (name.equals("quantity")) {
                    element.set(name, decimal(text(f)));
                } else {
                    throw refusal(at + "/" + name, "not a field of quantityElement");
                }
            }
        }
        return out;
    }

    /**
     * An exact decimal (xsd:decimal, as written: 12.50 stays 12.50); text the JSON checks refuse as
     * "quantity is a number", naming the field, when it is not one.
     */
    private static JsonNode decimal(String text) {
        try {
            return DecimalNode.valueOf(new BigDecimal(text));
        } catch (NumberFormatException e) {
            return NODES.stringNode(text);
        }
    }

    private ObjectNode location(Element xml, String path) {
        ObjectNode out = NODES.objectNode();
        for (Element f : children(xml)) {
            if (f.getNamespaceURI() != null) {
                extension(f, path + "/" + f.getNodeName(), out);
            } else if (f.getLocalName().equals("id")) {
                out.put("id", text(f));
            } else if (WRAPPERS.contains(f.getLocalName())) {
                extensionsOnly(f, path + "/" + f.getLocalName(), out);
            } else {
                throw refusal(path + "/" + f.getLocalName(), "not a field of " + xml.getLocalName());
            }
        }
        return out;
    }

    /** bizTransactionList, sourceList, destinationList: {@code <x type="t">v</x>} → {@code {"type": t, "x": v}}. */
    private ArrayNode typedList(Element list, String path, String item, String vocabulary, boolean typeRequired) {
        ArrayNode out = NODES.arrayNode();
        for (Element e : children(list)) {
            String at = path + "/" + e.getNodeName();
            if (!e.getLocalName().equals(item) || e.getNamespaceURI() != null) {
                throw refusal(at, "expected " + item);
            }
            ObjectNode o = out.addObject();
            if (e.hasAttribute("type")) {
                o.put("type", bare(e.getAttribute("type").strip(), vocabulary));
            } else if (typeRequired) {
                throw refusal(at, item + " needs its type attribute");
            }
            o.put(item, text(e));
        }
        return out;
    }

    private ObjectNode persistentDisposition(Element xml, String path) {
        ObjectNode out = NODES.objectNode();
        for (Element f : children(xml)) {
            String name = f.getLocalName();
            if (f.getNamespaceURI() != null || !(name.equals("set") || name.equals("unset"))) {
                throw refusal(path + "/" + f.getNodeName(), "expected set or unset");
            }
            ArrayNode values = out.has(name) ? (ArrayNode) out.get(name) : out.putArray(name);
            values.add(bare(text(f), DISPOSITION));
        }
        return out;
    }

    private ObjectNode errorDeclaration(Element xml, String path) {
        ObjectNode out = NODES.objectNode();
        for (Element f : children(xml)) {
            String name = f.getLocalName();
            String at = path + "/" + f.getNodeName();
            if (f.getNamespaceURI() != null) {
                extension(f, at, out);
            } else if (name.equals("declarationTime")) {
                out.put(name, text(f));
            } else if (name.equals("reason")) {
                out.put(name, bare(text(f), ERROR_REASON));
            } else if (name.equals("correctiveEventIDs")) {
                ArrayNode ids = out.putArray(name);
                for (Element id : children(f)) {
                    if (!id.getLocalName().equals("correctiveEventID") || id.getNamespaceURI() != null) {
                        throw refusal(at + "/" + id.getNodeName(), "expected correctiveEventID");
                    }
                    ids.add(text(id));
                }
            } else if (WRAPPERS.contains(name)) {
                extensionsOnly(f, at, out);
            } else {
                throw refusal(at, "not a field of errorDeclaration");
            }
        }
        return out;
    }

    /**
     * {@code <sensorElement><sensorMetadata …/><sensorReport …/>…</sensorElement>}: the attributes
     * of the metadata and of each report become their fields (measures as exact numbers).
     */
    private ObjectNode sensorElement(Element xml, String path) {
        ObjectNode out = NODES.objectNode();
        ArrayNode reports = null;
        for (Element f : children(xml)) {
            String name = f.getLocalName();
            String at = path + "/" + f.getNodeName();
            if (f.getNamespaceURI() != null) {
                extension(f, at, out);
            } else if (name.equals("sensorMetadata")) {
                out.set(name, attributes(f, at, false));
            } else if (name.equals("sensorReport")) {
                if (reports == null) reports = out.putArray(name);
                reports.add(attributes(f, at, true));
            } else {
                throw refusal(at, "not a field of sensorElement");
            }
        }
        return out;
    }

    private ObjectNode attributes(Element xml, String path, boolean report) {
        ObjectNode out = NODES.objectNode();
        NamedNodeMap attributes = xml.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr a = (Attr) attributes.item(i);
            if (XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(a.getNamespaceURI())) continue;
            String value = a.getValue().strip();
            if (a.getNamespaceURI() != null) {
                out.put(prefixed(a.getNamespaceURI(), a.getPrefix(), a.getLocalName()), value);
            } else if (report && SENSOR_NUMBERS.contains(a.getLocalName())) {
                out.set(a.getLocalName(), decimal(value));
            } else if (report && a.getLocalName().equals("booleanValue")) {
                out.put(a.getLocalName(), Boolean.parseBoolean(value));
            } else {
                out.put(a.getLocalName(), value);
            }
        }
        for (Element f : children(xml)) {
            extension(f, path + "/" + f.getNodeName(), out);
        }
        return out;
    }

    /** Only extension elements (other namespaces) are allowed here: ilmd, EPCIS 1.x wrappers. */
    private void extensionsOnly(Element xml, String path, ObjectNode into) {
        for (Element f : children(xml)) {
            if (f.getNamespaceURI() == null && WRAPPERS.contains(f.getLocalName())) {
                extensionsOnly(f, path + "/" + f.getLocalName(), into);
            } else {
                extension(f, path + "/" + f.getNodeName(), into);
            }
        }
    }

    /**
     * An extension element as the field {@code prefix:name}: its text, or an object of its own
     * elements; an element repeated under the same parent becomes an array.
     */
    private void extension(Element xml, String path, ObjectNode into) {
        if (xml.getNamespaceURI() == null) {
            throw refusal(path, "an element of no namespace that EPCIS 2.0 does not define here");
        }
        if (NAMESPACE.equals(xml.getNamespaceURI())) {
            throw refusal(path, "an element of the EPCIS namespace inside an event");
        }
        NamedNodeMap attributes = xml.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Attr a = (Attr) attributes.item(i);
            if (!XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(a.getNamespaceURI())
                    && !XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI.equals(a.getNamespaceURI())) {
                throw refusal(path, "attributes on extension elements are not read (" + a.getName() + ")");
            }
        }
        String name = prefixed(xml.getNamespaceURI(), xml.getPrefix(), xml.getLocalName());
        JsonNode value;
        List<Element> children = children(xml);
        if (children.isEmpty()) {
            value = NODES.stringNode(text(xml));
        } else {
            ObjectNode object = NODES.objectNode();
            for (Element c : children) {
                extension(c, path + "/" + c.getNodeName(), object);
            }
            value = object;
        }
        JsonNode before = into.get(name);
        if (before == null) {
            into.set(name, value);
        } else if (before.isArray()) {
            ((ArrayNode) before).add(value);
        } else {
            ArrayNode both = into.putArray(name);
            both.add(before);
            both.add(value);
        }
    }

    /**
     * {@code prefix:local} for an extension name: the document's own prefix for the namespace when
     * it is free, else {@code ext1}, {@code ext2}, … (a default namespace has no prefix of its own).
     */
    private String prefixed(String namespace, String prefix, String local) {
        String known = prefixOf.get(namespace);
        if (known == null) {
            known = prefix;
            if (known == null || known.isEmpty() || namespaceOf.containsKey(known)) {
                int n = 1;
                while (namespaceOf.containsKey("ext" + n)) n++;
                known = "ext" + n;
            }
            prefixOf.put(namespace, known);
            namespaceOf.put(known, namespace);
        }
        return known + ":" + local;
    }

    /** A CBV value's URN form as its bare name (urn:epcglobal:cbv:bizstep:shipping → shipping); anything else as it is. */
    private static String bare(String value, String urnPrefix) {
        if (value.startsWith(urnPrefix) && value.length() > urnPrefix.length()) {
            return value.substring(urnPrefix.length());
        }
        return value;
    }

    private static String text(Element e) {
        return e.getTextContent().strip();
    }

    private static List<Element> children(Element parent) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e) out.add(e);
        }
        return out;
    }
}

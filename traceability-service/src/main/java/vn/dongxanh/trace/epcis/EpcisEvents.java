package vn.dongxanh.trace.epcis;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the EPCIS 2.0 events of our steps (DOMAIN.md §8): harvest = ObjectEvent ADD
 * commissioning of the lot; pack = TransformationEvent packing; ship = ObjectEvent OBSERVE
 * shipping; receive = ObjectEvent OBSERVE receiving. Lots are LGTIN classes written as GS1
 * Digital Link URIs, quantities in kilograms (UN/ECE code KGM).
 */
public final class EpcisEvents {
    private final JsonMapper json;
    private final String identifierBase;

    public EpcisEvents(JsonMapper json, String identifierBase) {
        this.json = json;
        this.identifierBase = identifierBase.endsWith("/")
                ? identifierBase.substring(0, identifierBase.length() - 1)
                : identifierBase;
    }

    /** The EPC class of a lot: {@code {base}/01/{gtin14}/10/{lot}}. */
    public String lgtin(String gtin14, String lot) {
        return identifierBase + "/01/" + gtin14 + "/10/" + lot;
    }

    /** A quantity of a lot. */
    public record Quantity(String epcClass, BigDecimal kilograms) {}

    private ObjectNode base(String type, Instant time, ZoneOffset offset) {
        ObjectNode e = json.createObjectNode();
        e.put("type", type);
        e.put("eventID", "urn:uuid:" + UUID.randomUUID());
        e.put("eventTime", time.toString());
        e.put("eventTimeZoneOffset", offset.getId().equals("Z") ? "+00:00" : offset.getId());
        return e;
    }

    private void quantities(ObjectNode event, String field, List<Quantity> quantities) {
        ArrayNode list = event.putArray(field);
        for (Quantity q : quantities) {
            list.addObject()
                    .put("epcClass", q.epcClass())
                    .put("quantity", q.kilograms())
                    .put("uom", "KGM");
        }
    }

    /**
     * Harvest: the lot comes into being at the growing area, with the certificates covering it
     * (their URIs) and the season's sensor summary of its plots ({@link HarvestSensors}).
     */
    public ObjectNode harvest(
            Instant time,
            ZoneOffset offset,
            Quantity lot,
            String bizLocation,
            String growingAreaCode,
            List<String> certificationInfo,
            List<ObjectNode> sensorElements) {
        ObjectNode e = base("ObjectEvent", time, offset);
        e.putArray("epcList");
        e.put("action", "ADD");
        e.put("bizStep", "commissioning");
        e.put("disposition", "active");
        quantities(e, "quantityList", List.of(lot));
        e.putObject("bizLocation").put("id", bizLocation);
        if (!certificationInfo.isEmpty()) {
            e.set("certificationInfo", json.valueToTree(certificationInfo));
        }
        if (!sensorElements.isEmpty()) {
            sensorElements.forEach(e.putArray("sensorElementList")::add);
        }
        e.put(Epcis.DX_PREFIX + ":growingAreaCode", growingAreaCode);
        return e;
    }

    /** Packing: harvest lots in, packed lots out. */
    public ObjectNode packing(
            Instant time, ZoneOffset offset, List<Quantity> inputs, List<Quantity> outputs, String bizLocation) {
        ObjectNode e = base("TransformationEvent", time, offset);
        quantities(e, "inputQuantityList", inputs);
        quantities(e, "outputQuantityList", outputs);
        e.put("bizStep", "packing");
        e.put("disposition", "active");
        e.putObject("bizLocation").put("id", bizLocation);
        return e;
    }

    /** Shipping: the lots leave the source party for the destination party under a despatch advice. */
    public ObjectNode shipping(
            Instant time,
            ZoneOffset offset,
            List<Quantity> lots,
            String despatchAdvice,
            String source,
            String destination) {
        ObjectNode e = base("ObjectEvent", time, offset);
        e.putArray("epcList");
        e.put("action", "OBSERVE");
        e.put("bizStep", "shipping");
        e.put("disposition", "in_transit");
        quantities(e, "quantityList", lots);
        e.putArray("bizTransactionList").addObject().put("type", "desadv").put("bizTransaction", despatchAdvice);
        e.putArray("sourceList").addObject().put("type", "owning_party").put("source", source);
        e.putArray("destinationList").addObject().put("type", "owning_party").put("destination", destination);
        return e;
    }

    /** Receiving: the destination party takes the lots in at its location. */
    public ObjectNode receiving(
            Instant time, ZoneOffset offset, List<Quantity> lots, String destination, String bizLocation) {
        ObjectNode e = base("ObjectEvent", time, offset);
        e.putArray("epcList");
        e.put("action", "OBSERVE");
        e.put("bizStep", "receiving");
        e.put("disposition", "in_progress");
        quantities(e, "quantityList", lots);
        e.putArray("destinationList").addObject().put("type", "owning_party").put("destination", destination);
        e.putObject("bizLocation").put("id", bizLocation);
        return e;
    }

    /** An EPCISDocument around events, with our extension prefix declared in the context. */
    public ObjectNode document(Instant created, List<? extends tools.jackson.databind.JsonNode> events) {
        ObjectNode doc = json.createObjectNode();
        ArrayNode context = doc.putArray("@context");
        context.add(Epcis.CONTEXT);
        context.addObject().put(Epcis.DX_PREFIX, Epcis.DX_NAMESPACE);
        doc.put("type", "EPCISDocument");
        doc.put("schemaVersion", "2.0");
        doc.put("creationDate", created.toString());
        ArrayNode list = doc.putObject("epcisBody").putArray("eventList");
        events.forEach(list::add);
        return doc;
    }
}

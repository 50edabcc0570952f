package vn.dongxanh.trace.epcis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import vn.dongxanh.trace.web.Refusal;

/**
 * EPCIS 2.0 XML read into JSON-LD events: for each event type, the event hash of what we read
 * equals OpenEPCIS' hash of the XML itself (its own XML path), so an event captured as XML keeps
 * the hash it would have as JSON; quantities stay exact decimals; DOCTYPEs, malformed XML and other
 * documents are refused naming what is wrong.
 */
class EpcisXmlTest {
    private static final String HEAD = """
            <?xml version="1.0" encoding="UTF-8"?>
            <epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" xmlns:dx="https://ns.dongxanh.vn/epcis/"
                xmlns:gs1="https://gs1.org/voc/" schemaVersion="2.0" creationDate="2026-05-01T10:00:00Z">
              <EPCISBody><EventList>
            """;
    private static final String TAIL = """
              </EventList></EPCISBody>
            </epcis:EPCISDocument>
            """;

    static final String OBJECT_EVENT = """
            <ObjectEvent>
              <eventTime>2026-05-01T09:00:00+07:00</eventTime>
              <eventTimeZoneOffset>+07:00</eventTimeZoneOffset>
              <eventID>urn:uuid:5b9a2a5e-35a3-4f5c-9d0c-1d1f1d5f6a01</eventID>
              <certificationInfo>https://dx.example.vn/api/certificates/7</certificationInfo>
              <epcList/>
              <action>OBSERVE</action>
              <bizStep>urn:epcglobal:cbv:bizstep:inspecting</bizStep>
              <disposition>urn:epcglobal:cbv:disp:active</disposition>
              <readPoint><id>urn:epc:id:sgln:8931234.00001.0</id></readPoint>
              <bizLocation><id>urn:epc:id:sgln:8931234.00002.0</id></bizLocation>
              <bizTransactionList>
                <bizTransaction type="urn:epcglobal:cbv:btt:po">urn:epcglobal:cbv:bt:8931234000007:PO-17</bizTransaction>
              </bizTransactionList>
              <quantityList>
                <quantityElement>
                  <epcClass>urn:epc:class:lgtin:8931234.056789.X-1</epcClass>
                  <quantity>12.345</quantity>
                  <uom>KGM</uom>
                </quantityElement>
              </quantityList>
              <sourceList>
                <source type="urn:epcglobal:cbv:sdt:owning_party">urn:epc:id:pgln:8931234.00001</source>
              </sourceList>
              <destinationList>
                <destination type="urn:epcglobal:cbv:sdt:owning_party">urn:epc:id:pgln:8931234.00002</destination>
              </destinationList>
              <sensorElementList>
                <sensorElement>
                  <sensorMetadata time="2026-05-01T08:55:00+07:00" deviceID="urn:epc:id:giai:8931234.wl1"/>
                  <sensorReport type="gs1:Temperature" value="26.5" uom="CEL"/>
                </sensorElement>
              </sensorElementList>
              <dx:growingAreaCode>VN-51-0031</dx:growingAreaCode>
            </ObjectEvent>
            """;

    private static final String AGGREGATION_EVENT = """
            <AggregationEvent>
              <eventTime>2026-05-01T10:00:00.250Z</eventTime>
              <eventTimeZoneOffset>+07:00</eventTimeZoneOffset>
              <parentID>urn:epc:id:sscc:8931234.0000000017</parentID>
              <childEPCs><epc>urn:epc:id:sgtin:8931234.056789.1</epc><epc>urn:epc:id:sgtin:8931234.056789.2</epc></childEPCs>
              <action>ADD</action>
              <bizStep>urn:epcglobal:cbv:bizstep:packing</bizStep>
              <disposition>urn:epcglobal:cbv:disp:in_progress</disposition>
              <readPoint><id>urn:epc:id:sgln:8931234.00001.0</id></readPoint>
              <childQuantityList>
                <quantityElement><epcClass>urn:epc:class:lgtin:8931234.056789.X-1</epcClass><quantity>40</quantity><uom>KGM</uom></quantityElement>
              </childQuantityList>
            </AggregationEvent>
            """;

    private static final String TRANSFORMATION_EVENT = """
            <TransformationEvent>
              <eventTime>2026-05-01T11:00:00+07:00</eventTime>
              <eventTimeZoneOffset>+07:00</eventTimeZoneOffset>
              <inputQuantityList>
                <quantityElement><epcClass>urn:epc:class:lgtin:8931234.056789.X-1</epcClass><quantity>100.5</quantity><uom>KGM</uom></quantityElement>
              </inputQuantityList>
              <outputEPCList><epc>urn:epc:id:sgtin:8931234.056789.9</epc></outputEPCList>
              <outputQuantityList>
                <quantityElement><epcClass>urn:epc:class:lgtin:8931234.056789.Y-1</epcClass><quantity>70</quantity><uom>KGM</uom></quantityElement>
              </outputQuantityList>
              <bizStep>urn:epcglobal:cbv:bizstep:commissioning</bizStep>
              <disposition>urn:epcglobal:cbv:disp:active</disposition>
              <readPoint><id>urn:epc:id:sgln:8931234.00001.0</id></readPoint>
              <ilmd><dx:harvestDate>2026-04-30</dx:harvestDate></ilmd>
            </TransformationEvent>
            """;

    private static final String ASSOCIATION_EVENT = """
            <AssociationEvent>
              <eventTime>2026-05-01T12:00:00+07:00</eventTime>
              <eventTimeZoneOffset>+07:00</eventTimeZoneOffset>
              <parentID>urn:epc:id:grai:8931234.00001.42</parentID>
              <childEPCs><epc>urn:epc:id:giai:8931234.sensor7</epc></childEPCs>
              <action>ADD</action>
              <bizStep>urn:epcglobal:cbv:bizstep:assembling</bizStep>
              <readPoint><id>urn:epc:id:sgln:8931234.00001.0</id></readPoint>
              <dx:note><dx:by>kho 1</dx:by><dx:tag>a</dx:tag><dx:tag>b</dx:tag></dx:note>
            </AssociationEvent>
            """;

    private static final String TRANSACTION_EVENT = """
            <TransactionEvent>
              <eventTime>2026-05-01T13:00:00+07:00</eventTime>
              <eventTimeZoneOffset>+07:00</eventTimeZoneOffset>
              <errorDeclaration>
                <declarationTime>2026-05-02T08:00:00+07:00</declarationTime>
                <reason>urn:epcglobal:cbv:er:incorrect_data</reason>
                <correctiveEventIDs><correctiveEventID>urn:uuid:9f0d3c34-52c1-4c0b-9d5e-0a4cf7d0b001</correctiveEventID></correctiveEventIDs>
              </errorDeclaration>
              <bizTransactionList>
                <bizTransaction type="urn:epcglobal:cbv:btt:inv">urn:epcglobal:cbv:bt:8931234000007:INV-3</bizTransaction>
              </bizTransactionList>
              <epcList/>
              <action>ADD</action>
              <bizStep>urn:epcglobal:cbv:bizstep:shipping</bizStep>
              <disposition>urn:epcglobal:cbv:disp:in_transit</disposition>
              <persistentDisposition><set>urn:epcglobal:cbv:disp:completeness_verified</set></persistentDisposition>
              <quantityList>
                <quantityElement><epcClass>urn:epc:class:lgtin:8931234.056789.X-1</epcClass><quantity>500</quantity><uom>KGM</uom></quantityElement>
              </quantityList>
            </TransactionEvent>
            """;

    static String document(String... events) {
        return HEAD + String.join("", events) + TAIL;
    }

    private static ObjectNode read(String xml) {
        return EpcisXml.read(xml.getBytes(StandardCharsets.UTF_8));
    }

    private static List<String> openEpcisHashes(String xml) {
        return EventHash.ofXml(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void everyEventTypeHashesAsOpenEpcisHashesTheXml() {
        String xml =
                document(OBJECT_EVENT, AGGREGATION_EVENT, TRANSFORMATION_EVENT, ASSOCIATION_EVENT, TRANSACTION_EVENT);
        ObjectNode json = read(xml);
        List<String> expected = openEpcisHashes(xml);
        JsonNode events = json.get("epcisBody").get("eventList");
        assertThat(events.size()).isEqualTo(5);
        assertThat(expected).hasSize(5);
        for (int i = 0; i < 5; i++) {
            assertThat(EventHash.of(events.get(i), EventHash.namespaces(json)))
                    .as(events.get(i).get("type").stringValue() + ": " + events.get(i))
                    .isEqualTo(expected.get(i));
        }
    }

    /**
     * 12.50 stays 12.50 in the stored event, and hashes as the JSON quantity 12.5 does (the CBV hash
     * compares values). OpenEPCIS 0.9.2's XML path alone keeps the text "12.50" in its pre-hash, so
     * there (and for a repeated certificationInfo) its XML hash is not its JSON hash; ours follows JSON.
     */
    @Test
    void trailingZerosStayInTheEventAndHashAsInJson() {
        JsonNode written = read(document(OBJECT_EVENT.replace("12.345", "12.50")))
                .get("epcisBody")
                .get("eventList")
                .get(0);
        assertThat(written.get("quantityList")
                        .get(0)
                        .get("quantity")
                        .decimalValue()
                        .toPlainString())
                .isEqualTo("12.50");
        JsonNode json = tools.jackson.databind.json.JsonMapper.builder()
                .build()
                .readTree(written.toString().replace("12.50", "12.5"));
        var namespaces = java.util.Map.of("dx", Epcis.DX_NAMESPACE);
        assertThat(EventHash.of(written, namespaces)).isEqualTo(EventHash.of(json, namespaces));
    }

    @Test
    void theJsonIsTheStandardsJsonBinding() {
        ObjectNode json = read(document(OBJECT_EVENT, ASSOCIATION_EVENT));
        assertThat(json.get("type").stringValue()).isEqualTo("EPCISDocument");
        assertThat(json.get("schemaVersion").stringValue()).isEqualTo("2.0");
        assertThat(json.get("@context").get(0).stringValue()).isEqualTo(Epcis.CONTEXT);
        assertThat(EventHash.namespaces(json)).containsEntry("dx", Epcis.DX_NAMESPACE);
        JsonNode e = json.get("epcisBody").get("eventList").get(0);
        assertThat(e.get("type").stringValue()).isEqualTo("ObjectEvent");
        assertThat(e.get("epcList")).isEmpty();
        assertThat(e.get("bizStep").stringValue()).isEqualTo("inspecting");
        assertThat(e.get("disposition").stringValue()).isEqualTo("active");
        assertThat(e.get("readPoint").get("id").stringValue()).isEqualTo("urn:epc:id:sgln:8931234.00001.0");
        assertThat(e.get("bizTransactionList").get(0).get("type").stringValue()).isEqualTo("po");
        assertThat(e.get("bizTransactionList").get(0).get("bizTransaction").stringValue())
                .isEqualTo("urn:epcglobal:cbv:bt:8931234000007:PO-17");
        assertThat(e.get("sourceList").get(0).get("type").stringValue()).isEqualTo("owning_party");
        assertThat(e.get("destinationList").get(0).get("destination").stringValue())
                .isEqualTo("urn:epc:id:pgln:8931234.00002");
        JsonNode q = e.get("quantityList").get(0);
        assertThat(q.get("epcClass").stringValue()).isEqualTo("urn:epc:class:lgtin:8931234.056789.X-1");
        assertThat(q.get("quantity").isBigDecimal()).isTrue();
        assertThat(q.get("quantity").decimalValue()).isEqualTo(new java.math.BigDecimal("12.345"));
        assertThat(q.get("uom").stringValue()).isEqualTo("KGM");
        assertThat(e.get("certificationInfo").stringValue()).isEqualTo("https://dx.example.vn/api/certificates/7");
        JsonNode report = e.get("sensorElementList").get(0).get("sensorReport").get(0);
        assertThat(report.get("type").stringValue()).isEqualTo("gs1:Temperature");
        assertThat(report.get("value").decimalValue()).isEqualTo(new java.math.BigDecimal("26.5"));
        assertThat(e.get("dx:growingAreaCode").stringValue()).isEqualTo("VN-51-0031");
        JsonNode note = json.get("epcisBody").get("eventList").get(1).get("dx:note");
        assertThat(note.get("dx:by").stringValue()).isEqualTo("kho 1");
        assertThat(note.get("dx:tag").valueStream().map(JsonNode::stringValue)).containsExactly("a", "b");
    }

    @Test
    void aDoctypeIsRefusedAndNoEntityIsRead(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "dx-secret-do-not-read");
        String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE epcis:EPCISDocument [<!ENTITY xxe SYSTEM \""
                + secret.toUri() + "\">]>\n"
                + document(OBJECT_EVENT.replace("VN-51-0031", "&xxe;")).replaceFirst("<\\?xml[^>]*>\\s*", "");
        assertThatThrownBy(() -> read(xml))
                .isInstanceOf(Refusal.class)
                .hasMessageContaining("DOCTYPE")
                .hasMessageNotContaining("dx-secret");
        // nor an entity without a DOCTYPE: undeclared, malformed
        assertThatThrownBy(() -> read(document(OBJECT_EVENT.replace("VN-51-0031", "&xxe;"))))
                .isInstanceOf(Refusal.class)
                .hasMessageContaining("not well-formed");
    }

    @Test
    void otherDocumentsAreRefusedNamingWhatIsWrong() {
        assertThatThrownBy(() -> read(document(OBJECT_EVENT).substring(0, 400)))
                .isInstanceOf(Refusal.class)
                .hasMessageContaining("not well-formed")
                .hasMessageContaining("line");
        assertThatThrownBy(() ->
                        read(document(OBJECT_EVENT).replace("urn:epcglobal:epcis:xsd:2", "urn:epcglobal:epcis:xsd:1")))
                .isInstanceOf(Refusal.class)
                .hasMessageContaining("urn:epcglobal:epcis:xsd:1")
                .hasMessageContaining("expected EPCISDocument in namespace urn:epcglobal:epcis:xsd:2");
        assertThatThrownBy(() -> read("<order xmlns=\"urn:example\"/>"))
                .isInstanceOf(Refusal.class)
                .hasMessageContaining("root element is order");
        assertThatThrownBy(() -> read(document(OBJECT_EVENT.replace("<epcList/>", "<epcList/><colour>red</colour>"))))
                .isInstanceOf(Refusal.class)
                .hasMessageContaining("ObjectEvent[1]/colour");
        assertThatThrownBy(() -> read(document("<QuantityEvent/>")))
                .isInstanceOf(Refusal.class)
                .hasMessageContaining("not an EPCIS 2.0 event type");
    }
}

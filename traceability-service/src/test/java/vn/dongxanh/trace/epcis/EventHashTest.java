package vn.dongxanh.trace.epcis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The CBV 2.0 canonical event hash, on the standard's worked example (an ObjectEvent with user
 * extensions, whose published hash is below), in JSON-LD and in XML: the same hash from both.
 */
class EventHashTest {
    private static final String EXPECTED =
            "ni:///sha-256;6ae96341e0acc6d7a261364751f60e68278a81cdf51da0abb6b4e617014e39d7?ver=CBV2.0";

    private static final String JSON_LD = """
            {"@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld",
                          {"example": "https://ns.example.com/epcis/"}],
             "type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "2022-02-17T11:30:47.0Z",
             "epcisBody": {"eventList": [{
               "type": "ObjectEvent",
               "eventTime": "2020-03-04T11:00:30.000+01:00",
               "eventTimeZoneOffset": "+01:00",
               "recordTime": "2020-03-04T11:00:30.999+01:00",
               "epcList": ["urn:epc:id:sscc:4012345.0000000333", "urn:epc:id:sscc:4012345.0000000111",
                           "urn:epc:id:sscc:4012345.0000000222"],
               "action": "OBSERVE",
               "bizStep": "departing",
               "readPoint": {"id": "urn:epc:id:sgln:4012345.00011.987"},
               "example:myField1": {"example:mySubField1": "2", "example:mySubField2": "5"},
               "example:myField2": "0",
               "example:myField3": {"example:mySubField3": ["3", "1"]}}]}}
            """;

    private static final String XML = """
            <?xml version="1.0" encoding="UTF-8"?>
            <epcis:EPCISDocument xmlns:epcis="urn:epcglobal:epcis:xsd:2" xmlns:example="https://ns.example.com/epcis/"
                schemaVersion="2.0" creationDate="2020-03-03T13:07:51.709Z">
              <EPCISBody><EventList><ObjectEvent>
                <eventTime>2020-03-04T11:00:30.000+01:00</eventTime>
                <recordTime>2020-03-04T11:00:30.999+01:00</recordTime>
                <eventTimeZoneOffset>+01:00</eventTimeZoneOffset>
                <epcList>
                  <epc>urn:epc:id:sscc:4012345.0000000333</epc>
                  <epc>urn:epc:id:sscc:4012345.0000000111</epc>
                  <epc>urn:epc:id:sscc:4012345.0000000222</epc>
                </epcList>
                <action>OBSERVE</action>
                <bizStep>urn:epcglobal:cbv:bizstep:departing</bizStep>
                <readPoint><id>urn:epc:id:sgln:4012345.00011.987</id></readPoint>
                <example:myField1>
                  <example:mySubField1>2</example:mySubField1>
                  <example:mySubField2>5</example:mySubField2>
                </example:myField1>
                <example:myField2>0</example:myField2>
                <example:myField3>
                  <example:mySubField3>3</example:mySubField3>
                  <example:mySubField3>1</example:mySubField3>
                </example:myField3>
              </ObjectEvent></EventList></EPCISBody>
            </epcis:EPCISDocument>
            """;

    @Test
    void theStandardsExampleHashesAsPublishedFromJsonAndFromXml() throws Exception {
        JsonNode document = JsonMapper.builder().build().readTree(JSON_LD);
        JsonNode event = document.get("epcisBody").get("eventList").get(0);
        assertThat(EventHash.namespaces(document)).isEqualTo(Map.of("example", "https://ns.example.com/epcis/"));
        assertThat(EventHash.of(event, EventHash.namespaces(document))).isEqualTo(EXPECTED);
        assertThat(EventHash.ofJson(JSON_LD.getBytes(StandardCharsets.UTF_8))).containsExactly(EXPECTED);
        assertThat(EventHash.ofXml(new ByteArrayInputStream(XML.getBytes(StandardCharsets.UTF_8))))
                .containsExactly(EXPECTED);
    }

    @Test
    void anyChangeOfContentChangesTheHashButIdAndOrderDoNot() {
        var json = JsonMapper.builder().build();
        JsonNode a = json.readTree("""
                {"type":"ObjectEvent","eventID":"urn:uuid:1","eventTime":"2026-05-01T08:00:00+07:00",
                 "eventTimeZoneOffset":"+07:00","epcList":[],"action":"OBSERVE",
                 "quantityList":[{"epcClass":"https://id.gs1.org/01/08931234567897/10/L1","quantity":5,"uom":"KGM"}]}""");
        JsonNode sameOtherwise = json.readTree("""
                {"quantityList":[{"uom":"KGM","quantity":5.0,"epcClass":"urn:epc:class:lgtin:8931234.056789.L1"}],
                 "action":"OBSERVE","epcList":[],"eventTimeZoneOffset":"+07:00","eventTime":"2026-05-01T01:00:00Z",
                 "eventID":"urn:uuid:2","type":"ObjectEvent"}""");
        JsonNode more = json.readTree(a.toString().replace("\"quantity\":5", "\"quantity\":6"));
        String hash = EventHash.of(a, Map.of());
        assertThat(EventHash.isHash(hash)).isTrue();
        assertThat(EventHash.of(sameOtherwise, Map.of())).isEqualTo(hash);
        assertThat(EventHash.of(more, Map.of())).isNotEqualTo(hash);
    }
}

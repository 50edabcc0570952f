package vn.dongxanh.contract.irrigation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import vn.dongxanh.contract.Json;

class SeasonSummaryCodecTest {
    static SeasonSummary sample() {
        return new SeasonSummary(
                "p01",
                "htx-demo",
                "Ruộng 1",
                "rice",
                1.5,
                "VN-51-0041",
                LocalDate.parse("2026-05-01"),
                LocalDate.parse("2026-08-10"),
                "Asia/Ho_Chi_Minh",
                Instant.parse("2026-08-11T02:00:00Z"),
                102,
                37,
                new SeasonSummary.Water(5210.4, 347.36, "flow_meter"),
                new SeasonSummary.Events(41, 41, 9, 2),
                2,
                new SeasonSummary.SensorCoverage(
                        97.2,
                        List.of(
                                new SeasonSummary.Sensor("p01-wl", "water_level", 300, 29376, 28610, 97.2),
                                new SeasonSummary.Sensor("p01-sm", "soil_moisture", 300, 0, 0, null))));
    }

    @Test
    void roundTrips() {
        var s = sample();
        assertThat(SeasonSummaryCodec.decode(SeasonSummaryCodec.encode(s))).isEqualTo(s);
    }

    @Test
    void theWireShapeIsTheDocumentedOne() {
        JsonNode o = Json.MAPPER.readTree(SeasonSummaryCodec.encode(sample()));
        assertThat(o.propertyNames())
                .containsExactlyInAnyOrder(
                        "plot",
                        "cooperative",
                        "name",
                        "crop",
                        "areaHa",
                        "growingAreaCode",
                        "from",
                        "to",
                        "zone",
                        "generatedAt",
                        "days",
                        "daysIrrigated",
                        "water",
                        "events",
                        "alarms",
                        "sensorCoverage");
        assertThat(o.get("from").stringValue()).isEqualTo("2026-05-01");
        assertThat(o.get("generatedAt").stringValue()).isEqualTo("2026-08-11T02:00:00Z");
        assertThat(o.get("water").get("method").stringValue()).isEqualTo("flow_meter");
        assertThat(o.get("events").get("skip").longValue()).isEqualTo(9);
        JsonNode silent = o.get("sensorCoverage").get("sensors").get(1);
        assertThat(silent.get("reportingIntervalS").longValue()).isEqualTo(300);
        assertThat(silent.has("percent"))
                .as("a null percent is written, not left out")
                .isTrue();
        assertThat(silent.get("percent").isNull()).isTrue();
    }

    @Test
    void aFieldAddedByANewerServerIsIgnored() {
        var o = (tools.jackson.databind.node.ObjectNode) Json.MAPPER.readTree(SeasonSummaryCodec.encode(sample()));
        o.put("rainMm", 812.5);
        assertThat(SeasonSummaryCodec.decode(Json.MAPPER.writeValueAsBytes(o))).isEqualTo(sample());
    }

    @Test
    void refusesSummariesThatDoNotAddUp() {
        assertThatThrownBy(() -> SeasonSummaryCodec.decode("[1]".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class);
        String json = new String(SeasonSummaryCodec.encode(sample()), StandardCharsets.UTF_8);
        assertThatThrownBy(() -> SeasonSummaryCodec.decode(json.replace("\"daysIrrigated\":37", "\"daysIrrigated\":300")
                        .getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("do not add up");
        assertThatThrownBy(
                        () -> SeasonSummaryCodec.decode(json.replace("\"to\":\"2026-08-10\"", "\"to\":\"2026-04-01\"")
                                .getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("before 'from'");
        assertThatThrownBy(() -> SeasonSummaryCodec.decode(
                        json.replace("flow_meter", "bucket").getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("water method 'bucket'");
        assertThatThrownBy(() -> SeasonSummaryCodec.decode(
                        json.replace("\"plot\":\"p01\"", "\"plot\":\"P 1\"").getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("plot id");
    }
}

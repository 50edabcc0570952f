package vn.dongxanh.contract.telemetry;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import vn.dongxanh.contract.Json;

class TelemetryCodecRoundTripTest {
    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    static final TelemetryCodec CODEC = new TelemetryCodec(Clock.fixed(NOW, ZoneOffset.UTC), TelemetryLimits.DEFAULTS);

    /** Values in each metric's contract unit, including ones that do not survive a naive float round trip. */
    static List<Double> samples(Metric metric) {
        return switch (metric) {
            case WATER_LEVEL -> List.of(-15.0, -3.7, 0.0, 5.25, 12.3);
            case SOIL_MOISTURE -> List.of(0.0, 0.1, 0.315, 0.4567, 1.0);
            case RAIN -> List.of(0.0, 0.2, 2.4, 87.6);
            case FLOW -> List.of(0.0, 0.1, 12.0, 37.5, 1234.567);
            case VALVE, PUMP -> List.of(1.0, 0.0);
            case BATTERY -> List.of(100.0, 87.5, 3.0);
            case RSSI -> List.of(-120.0, -87.0, -64.5, -30.0);
        };
    }

    @ParameterizedTest
    @EnumSource(Metric.class)
    void everyMetricSurvivesEncodeAndDecode(Metric metric) {
        var readings = new ArrayList<Reading>();
        Instant t = NOW.minusMillis(3_600_123);
        for (double v : samples(metric)) {
            readings.add(new Reading("p01-node", metric, t, v));
            t = t.plusMillis(1_001); // odd milliseconds, so millisecond precision is exercised
        }

        List<Reading> decoded = CODEC.decode(CODEC.encode(readings));

        assertSameReadings(decoded, readings);
    }

    @Test
    void severalDevicesInOnePackComeBackGroupedByDevice() {
        var a1 = new Reading("p01-water", Metric.WATER_LEVEL, NOW.minusMillis(60_007), -4.5);
        var b1 = Reading.ofBoolean("p01-valve", Metric.VALVE, NOW.minusMillis(59_999), true);
        var a2 = new Reading("p01-water", Metric.WATER_LEVEL, NOW.minusMillis(1), -4.25);
        // an earlier time than the device's first reading gives a negative offset
        var a3 = new Reading("p01-water", Metric.BATTERY, NOW.minusMillis(120_000), 76);
        var b2 = Reading.ofBoolean("p01-valve", Metric.VALVE, NOW, false);

        List<Reading> decoded = CODEC.decode(CODEC.encode(List.of(a1, b1, a2, a3, b2)));

        assertSameReadings(decoded, List.of(a1, a2, a3, b1, b2));
    }

    @Test
    void theWireFormUsesBaseNameBaseTimeSenmlUnitsAndPlainNumbers() {
        Instant t = Instant.parse("2026-11-22T09:59:58.123Z");
        var readings = List.of(
                new Reading("p01-node", Metric.FLOW, t, 30),
                new Reading("p01-node", Metric.SOIL_MOISTURE, t.plusMillis(1_500), 0.0001),
                Reading.ofBoolean("p01-node", Metric.PUMP, t.plusMillis(2_000), true));

        byte[] bytes = CODEC.encode(readings);
        JsonNode pack = Json.MAPPER.readTree(bytes);

        assertThat(pack.size()).isEqualTo(3);
        JsonNode first = pack.get(0);
        assertThat(first.get("bn").stringValue()).isEqualTo("p01-node:");
        assertThat(first.get("bt").decimalValue()).isEqualByComparingTo("1795341598.123");
        assertThat(first.get("n").stringValue()).isEqualTo("flow");
        assertThat(first.get("u").stringValue()).isEqualTo("l/s");
        assertThat(first.get("v").doubleValue()).isEqualTo(0.5); // 30 L/min
        assertThat(first.has("t")).as("first record sits at the base time").isFalse();
        JsonNode second = pack.get(1);
        assertThat(second.has("bn")).isFalse();
        assertThat(second.get("u").stringValue()).isEqualTo("/");
        assertThat(second.get("t").doubleValue()).isEqualTo(1.5);
        JsonNode third = pack.get(2);
        assertThat(third.get("vb").booleanValue()).isTrue();
        assertThat(third.has("u")).as("booleans carry no unit").isFalse();
        assertThat(third.has("v")).isFalse();
        // RFC 8428 §5: "If the value has an exponent, the "e" MUST be in lower case."
        assertThat(new String(bytes, UTF_8)).doesNotContain("E");
    }

    @ParameterizedTest(name = "{0} {2} {1} = {3} in the contract unit")
    @CsvSource(
            delimiter = ';',
            value = {
                "water_level; 12;      cm;   12",
                "water_level; 0.12;    m;    12",
                "water_level; 120;     mm;   12",
                "water_level; -0.15;   m;    -15",
                "soil_moisture; 0.3;   /;    0.3",
                "soil_moisture; 30;    /100; 0.3",
                "soil_moisture; 30;    %;    0.3",
                "rain;        2.5;     mm;   2.5",
                "rain;        0.0025;  m;    2.5",
                "flow;        0.5;     l/s;  30",
                "flow;        0.0005;  m3/s; 30",
                "battery;     80;      %EL;  80"
            })
    void acceptedUnitsAreConvertedToTheContractUnit(String metric, double wire, String unit, double expected) {
        String json = """
                [{"bn":"p01-node:","bt":%d,"n":"%s","u":"%s","v":%s}]
                """.formatted(NOW.getEpochSecond(), metric, unit, wire);

        Reading r = CODEC.decode(json.getBytes(UTF_8)).getFirst();

        assertThat(r.metric().wireName()).isEqualTo(metric);
        assertThat(r.value()).isCloseTo(expected, within(1e-9));
        assertThat(r.time()).isEqualTo(NOW);
    }

    @Test
    void baseUnitAndRelativeTimesApplyToPlatformTelemetry() {
        String json = """
                [{"bn":"p01-flow:","bu":"l/s","n":"flow","v":1,"t":-10},{"n":"flow","v":2,"t":-5}]
                """;

        List<Reading> readings = CODEC.decode(json.getBytes(UTF_8));

        assertThat(readings).extracting(Reading::value).containsExactly(60.0, 120.0);
        assertThat(readings).extracting(Reading::time).containsExactly(NOW.minusSeconds(10), NOW.minusSeconds(5));
    }

    @Test
    void theLimitsBoundariesAreInclusive() {
        var limits = new TelemetryLimits(1 << 16, 3, NOW.minusSeconds(60), java.time.Duration.ofMinutes(10));
        var codec = new TelemetryCodec(Clock.fixed(NOW, ZoneOffset.UTC), limits);
        String json = """
                [{"bn":"p01-rain:","bt":%d,"n":"rain","u":"mm","v":1},
                 {"n":"rain","u":"mm","v":2,"t":660},
                 {"n":"rain","u":"mm","v":3,"t":1}]
                """.formatted(NOW.getEpochSecond() - 60);

        List<Reading> readings = codec.decode(json.getBytes(UTF_8));

        assertThat(readings)
                .extracting(Reading::time)
                .containsExactly(
                        limits.earliest(),
                        NOW.plus(limits.maxFutureSkew()),
                        limits.earliest().plusSeconds(1));
    }

    static void assertSameReadings(List<Reading> actual, List<Reading> expected) {
        assertThat(actual).hasSameSizeAs(expected);
        for (int i = 0; i < expected.size(); i++) {
            Reading a = actual.get(i);
            Reading e = expected.get(i);
            assertThat(a.deviceId()).as("device of reading %d", i).isEqualTo(e.deviceId());
            assertThat(a.metric()).as("metric of reading %d", i).isEqualTo(e.metric());
            assertThat(a.time()).as("time of reading %d", i).isEqualTo(e.time());
            assertThat(a.value()).as("value of reading %d", i).isCloseTo(e.value(), within(1e-9));
        }
    }
}

package vn.dongxanh.contract.uplink;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;
import static vn.dongxanh.contract.senml.SenmlException.Reason.INVALID_ENVELOPE;
import static vn.dongxanh.contract.senml.SenmlException.Reason.MISSING_TIME;
import static vn.dongxanh.contract.senml.SenmlException.Reason.NON_FINITE;
import static vn.dongxanh.contract.senml.SenmlException.Reason.NOT_A_PACK;
import static vn.dongxanh.contract.senml.SenmlException.Reason.NOT_JSON;
import static vn.dongxanh.contract.senml.SenmlException.Reason.PACK_TOO_LARGE;
import static vn.dongxanh.contract.senml.SenmlException.Reason.UNKNOWN_METRIC;
import static vn.dongxanh.contract.senml.SenmlException.Reason.UNSUPPORTED_VERSION;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import vn.dongxanh.contract.Json;
import vn.dongxanh.contract.senml.SenmlException;
import vn.dongxanh.contract.telemetry.Metric;
import vn.dongxanh.contract.telemetry.Reading;
import vn.dongxanh.contract.telemetry.TelemetryCodec;
import vn.dongxanh.contract.telemetry.TelemetryLimits;

class UplinkCodecTest {
    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    static final TelemetryLimits LIMITS =
            new TelemetryLimits(2048, 100, Instant.parse("2020-01-01T00:00:00Z"), Duration.ofMinutes(10));
    static final UplinkCodec CODEC = new UplinkCodec(new TelemetryCodec(Clock.fixed(NOW, ZoneOffset.UTC), LIMITS));

    /** A valid SenML pack to put inside envelopes. */
    static final String PACK = """
            [{"bn":"p01-water:","bt":%d,"n":"water_level","u":"cm","v":-4.5}]""".formatted(NOW.getEpochSecond());

    @Test
    void aBatchSurvivesEncodeAndDecode() {
        var readings = List.of(
                new Reading("p01-water", Metric.WATER_LEVEL, NOW.minusMillis(90_001), -7.25),
                new Reading("p01-water", Metric.BATTERY, NOW.minusMillis(90_001), 64),
                Reading.ofBoolean("p01-valve", Metric.VALVE, NOW.minusMillis(30_017), true),
                new Reading("p01-flow", Metric.FLOW, NOW.minusMillis(29_999), 42.5));
        var batch = new UplinkBatch("htx-an-phu", "gw-01", 9_007_199_254_740_993L, NOW.minusMillis(7), readings);

        UplinkBatch decoded = CODEC.decode(CODEC.encode(batch));

        assertThat(decoded.cooperativeId()).isEqualTo("htx-an-phu");
        assertThat(decoded.gatewayId()).isEqualTo("gw-01");
        assertThat(decoded.sequence()).as("no precision lost above 2^53").isEqualTo(9_007_199_254_740_993L);
        assertThat(decoded.sentAt()).isEqualTo(NOW.minusMillis(7));
        assertThat(decoded.readings()).hasSize(4);
        for (int i = 0; i < readings.size(); i++) {
            Reading a = decoded.readings().get(i);
            Reading e = readings.get(i);
            assertThat(a.deviceId()).isEqualTo(e.deviceId());
            assertThat(a.metric()).isEqualTo(e.metric());
            assertThat(a.time()).isEqualTo(e.time());
            assertThat(a.value()).isCloseTo(e.value(), within(1e-9));
        }
    }

    @Test
    void anEmptyBatchEncodesToAPackThatDecodingRefuses() {
        // UplinkBatch allows no readings, but an empty SenML pack is refused: senders must not
        // seal empty batches (documented here, reported as a contract question)
        var batch = new UplinkBatch("htx-an-phu", "gw-01", 1, NOW, List.of());

        SenmlException e = catchThrowableOfType(SenmlException.class, () -> CODEC.decode(CODEC.encode(batch)));

        assertThat(e.reason()).isEqualTo(SenmlException.Reason.EMPTY_PACK);
    }

    @Test
    void theEnvelopeHasTheDocumentedFields() {
        var batch = new UplinkBatch(
                "htx-an-phu", "gw-01", 42, NOW, List.of(new Reading("p01-rain", Metric.RAIN, NOW, 1.5)));

        JsonNode root = Json.MAPPER.readTree(CODEC.encode(batch));

        assertThat(root.propertyNames()).containsExactly("v", "coop", "gw", "seq", "sent", "senml");
        assertThat(root.get("v").intValue()).isEqualTo(UplinkCodec.VERSION).isEqualTo(1);
        assertThat(root.get("coop").stringValue()).isEqualTo("htx-an-phu");
        assertThat(root.get("gw").stringValue()).isEqualTo("gw-01");
        assertThat(root.get("seq").longValue()).isEqualTo(42);
        assertThat(root.get("sent").stringValue()).isEqualTo("2026-11-22T10:00:00Z");
        assertThat(root.get("senml").isArray()).isTrue();
        assertThat(root.get("senml").get(0).get("bn").stringValue()).isEqualTo("p01-rain:");
    }

    static String envelope(String v, String coop, String gw, String seq, String sent, String senml) {
        var fields = new StringBuilder("{");
        append(fields, "v", v);
        append(fields, "coop", coop);
        append(fields, "gw", gw);
        append(fields, "seq", seq);
        append(fields, "sent", sent);
        append(fields, "senml", senml);
        return fields.append('}').toString();
    }

    private static void append(StringBuilder b, String name, String rawValue) {
        if (rawValue == null) return;
        if (b.length() > 1) b.append(',');
        b.append('"').append(name).append("\":").append(rawValue);
    }

    static final String COOP = "\"htx-an-phu\"";
    static final String GW = "\"gw-01\"";
    static final String SENT = "\"2026-11-22T09:59:59Z\"";

    static Stream<Arguments> malformedEnvelopes() {
        return Stream.of(
                Arguments.of("not JSON", "{\"v\":1,", NOT_JSON, "batch is not JSON"),
                Arguments.of("an array", "[" + PACK + "]", INVALID_ENVELOPE, "must be a JSON object"),
                Arguments.of("missing v", envelope(null, COOP, GW, "1", SENT, PACK), INVALID_ENVELOPE, "'v'"),
                Arguments.of("v as a string", envelope("\"1\"", COOP, GW, "1", SENT, PACK), INVALID_ENVELOPE, "'v'"),
                Arguments.of(
                        "wrong v",
                        envelope("2", COOP, GW, "1", SENT, PACK),
                        UNSUPPORTED_VERSION,
                        "batch version 2 is not 1"),
                Arguments.of(
                        "v that wraps to 1 as an int",
                        envelope("4294967297", COOP, GW, "1", SENT, PACK),
                        UNSUPPORTED_VERSION,
                        "batch version 4294967297 is not 1"),
                Arguments.of("missing coop", envelope("1", null, GW, "1", SENT, PACK), INVALID_ENVELOPE, "'coop'"),
                Arguments.of("gw as a number", envelope("1", COOP, "7", "1", SENT, PACK), INVALID_ENVELOPE, "'gw'"),
                Arguments.of(
                        "invalid gateway id",
                        envelope("1", COOP, "\"GW 01\"", "1", SENT, PACK),
                        INVALID_ENVELOPE,
                        "gateway id 'GW 01' is invalid"),
                Arguments.of("missing seq", envelope("1", COOP, GW, null, SENT, PACK), INVALID_ENVELOPE, "'seq'"),
                Arguments.of("seq 0", envelope("1", COOP, GW, "0", SENT, PACK), INVALID_ENVELOPE, ">= 1"),
                Arguments.of("negative seq", envelope("1", COOP, GW, "-3", SENT, PACK), INVALID_ENVELOPE, ">= 1"),
                Arguments.of("seq as text", envelope("1", COOP, GW, "\"5\"", SENT, PACK), INVALID_ENVELOPE, "'seq'"),
                Arguments.of("fractional seq", envelope("1", COOP, GW, "5.5", SENT, PACK), INVALID_ENVELOPE, "'seq'"),
                Arguments.of(
                        "seq beyond a long",
                        envelope("1", COOP, GW, "18446744073709551617", SENT, PACK),
                        INVALID_ENVELOPE,
                        "'seq'"),
                Arguments.of(
                        "bad sent",
                        envelope("1", COOP, GW, "1", "\"22/11/2026 10:00\"", PACK),
                        INVALID_ENVELOPE,
                        "'sent' is not an ISO-8601 instant"),
                Arguments.of("missing sent", envelope("1", COOP, GW, "1", null, PACK), INVALID_ENVELOPE, "'sent'"),
                Arguments.of(
                        "missing senml", envelope("1", COOP, GW, "1", SENT, null), NOT_A_PACK, "JSON array of records"),
                Arguments.of(
                        "senml as a string",
                        envelope("1", COOP, GW, "1", SENT, "\"" + PACK.replace("\"", "'") + "\""),
                        NOT_A_PACK,
                        "JSON array of records"),
                Arguments.of(
                        "bad senml inside: NaN",
                        envelope("1", COOP, GW, "1", SENT, PACK.replace("-4.5", "NaN")),
                        NON_FINITE,
                        "record 0: v must be a finite number"),
                Arguments.of(
                        "bad senml inside: unknown metric",
                        envelope("1", COOP, GW, "1", SENT, PACK.replace("water_level", "salinity")),
                        UNKNOWN_METRIC,
                        "unknown metric 'salinity'"),
                Arguments.of(
                        "bad senml inside: no time",
                        envelope("1", COOP, GW, "1", SENT, PACK.replace("\"bt\":" + NOW.getEpochSecond() + ",", "")),
                        MISSING_TIME,
                        "has no time"),
                Arguments.of(
                        "too large",
                        envelope("1", COOP, GW, "1", SENT, PACK)
                                .replace("}]", ",\"pad\":\"" + "x".repeat(2048) + "\"}]"),
                        PACK_TOO_LARGE,
                        "limit 2048"));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("malformedEnvelopes")
    void malformedBatchesAreRefusedWithAReason(
            String label, String json, SenmlException.Reason reason, String message) {
        SenmlException e = catchThrowableOfType(SenmlException.class, () -> CODEC.decode(json.getBytes(UTF_8)));

        assertThat(e).as("%s must be refused with a SenmlException", label).isNotNull();
        assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
        assertThat(e.getMessage()).contains(message);
    }

    @Test
    void theValidEnvelopeOfTheTableIsAccepted() {
        // the rows above each break one field of this envelope
        UplinkBatch batch =
                CODEC.decode(envelope("1", COOP, GW, "1", SENT, PACK).getBytes(UTF_8));

        assertThat(batch.sequence()).isEqualTo(1);
        assertThat(batch.readings()).singleElement().extracting(Reading::value).isEqualTo(-4.5);
    }

    @Test
    void theBatchRecordValidatesItsFields() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new UplinkBatch("htx", "gw-01", 0, NOW, List.of()))
                .withMessageContaining("sequence must be >= 1, got 0");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new UplinkBatch("HTX", "gw-01", 1, NOW, List.of()))
                .withMessageContaining("cooperative id 'HTX'");
    }
}

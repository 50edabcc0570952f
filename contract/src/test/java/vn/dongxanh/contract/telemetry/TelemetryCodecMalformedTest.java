package vn.dongxanh.contract.telemetry;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static vn.dongxanh.contract.senml.SenmlException.Reason.ABSURD_TIME;
import static vn.dongxanh.contract.senml.SenmlException.Reason.AMBIGUOUS_VALUE;
import static vn.dongxanh.contract.senml.SenmlException.Reason.EMPTY_PACK;
import static vn.dongxanh.contract.senml.SenmlException.Reason.INVALID_NAME;
import static vn.dongxanh.contract.senml.SenmlException.Reason.MISSING_NAME;
import static vn.dongxanh.contract.senml.SenmlException.Reason.MISSING_TIME;
import static vn.dongxanh.contract.senml.SenmlException.Reason.MISSING_VALUE;
import static vn.dongxanh.contract.senml.SenmlException.Reason.NON_FINITE;
import static vn.dongxanh.contract.senml.SenmlException.Reason.NOT_A_PACK;
import static vn.dongxanh.contract.senml.SenmlException.Reason.NOT_JSON;
import static vn.dongxanh.contract.senml.SenmlException.Reason.PACK_TOO_LARGE;
import static vn.dongxanh.contract.senml.SenmlException.Reason.UNKNOWN_METRIC;
import static vn.dongxanh.contract.senml.SenmlException.Reason.UNKNOWN_UNIT;
import static vn.dongxanh.contract.senml.SenmlException.Reason.UNSUPPORTED_VERSION;
import static vn.dongxanh.contract.senml.SenmlException.Reason.WRONG_TYPE;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vn.dongxanh.contract.senml.SenmlException;

/** Each malformed pack is refused with its own reason, the offending record and a message that says what is wrong. */
class TelemetryCodecMalformedTest {
    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    static final long T = NOW.getEpochSecond();

    /** Small limits, so the size rows stay small. */
    static final TelemetryLimits LIMITS =
            new TelemetryLimits(1024, 3, Instant.parse("2020-01-01T00:00:00Z"), Duration.ofMinutes(10));

    static final TelemetryCodec CODEC = new TelemetryCodec(Clock.fixed(NOW, ZoneOffset.UTC), LIMITS);

    /** A valid record to pad packs with; the row under test changes one thing. */
    static String ok(String n) {
        return """
                {"bn":"p01-node:","bt":%d,"n":"%s","u":"mm","v":1}""".formatted(T, n);
    }

    static Stream<Arguments> malformedPacks() {
        return Stream.of(
                row("not JSON", "[{\"n\":", NOT_JSON, -1, "payload is not JSON"),
                row("trailing garbage", "{oops", NOT_JSON, -1, "payload is not JSON"),
                row("duplicate key", "[{\"n\":\"p01-node:rain\",\"n\":\"rain\",\"v\":1}]", NOT_JSON, -1, "Duplicate"),
                row("not an array", "{\"n\":\"p01-node:rain\",\"u\":\"mm\",\"v\":1}", NOT_A_PACK, -1, "JSON array"),
                row("a bare number", "42", NOT_A_PACK, -1, "JSON array"),
                row("empty pack", "[]", EMPTY_PACK, -1, "no records"),
                row("record not an object", "[" + ok("rain") + ",42]", WRONG_TYPE, 1, "not a JSON object"),
                row("missing name", "[{\"bt\":%d,\"u\":\"mm\",\"v\":1}]".formatted(T), MISSING_NAME, 0, "no name"),
                row(
                        "invalid name characters",
                        "[{\"bn\":\"p01 node:\",\"bt\":%d,\"n\":\"rain\",\"u\":\"mm\",\"v\":1}]".formatted(T),
                        INVALID_NAME,
                        0,
                        "'p01 node:rain' has characters outside"),
                row(
                        "name without ':'",
                        "[{\"bt\":%d,\"n\":\"rain\",\"u\":\"mm\",\"v\":1}]".formatted(T),
                        INVALID_NAME,
                        0,
                        "'rain' is not {deviceId}:{metric}"),
                row(
                        "name without a metric",
                        "[{\"bn\":\"p01-node:\",\"bt\":%d,\"u\":\"mm\",\"v\":1}]".formatted(T),
                        INVALID_NAME,
                        0,
                        "'p01-node:' is not {deviceId}:{metric}"),
                row(
                        "upper-case device id",
                        "[{\"bn\":\"P01-Node:\",\"bt\":%d,\"n\":\"rain\",\"u\":\"mm\",\"v\":1}]".formatted(T),
                        INVALID_NAME,
                        0,
                        "device id 'P01-Node'"),
                row(
                        "unknown metric",
                        "[{\"bn\":\"p01-node:\",\"bt\":%d,\"n\":\"temperature\",\"u\":\"Cel\",\"v\":31}]".formatted(T),
                        UNKNOWN_METRIC,
                        0,
                        "unknown metric 'temperature' (known: water_level"),
                row(
                        "missing unit",
                        "[{\"bn\":\"p01-node:\",\"bt\":%d,\"n\":\"water_level\",\"v\":3}]".formatted(T),
                        UNKNOWN_UNIT,
                        0,
                        "water_level has no unit (send 'cm')"),
                row(
                        "unknown unit",
                        "[{\"bn\":\"p01-node:\",\"bt\":%d,\"n\":\"flow\",\"u\":\"l/min\",\"v\":3}]".formatted(T),
                        UNKNOWN_UNIT,
                        0,
                        "unit 'l/min' is not accepted for flow (send 'l/s')"),
                row(
                        "v as a string",
                        "[{\"bn\":\"p01-node:\",\"bt\":%d,\"n\":\"rain\",\"u\":\"mm\",\"v\":\"1.5\"}]".formatted(T),
                        WRONG_TYPE,
                        0,
                        "v must be a number, got STRING"),
                row(
                        "NaN literal",
                        "[{\"bn\":\"p01-node:\",\"bt\":%d,\"n\":\"rain\",\"u\":\"mm\",\"v\":NaN}]".formatted(T),
                        NON_FINITE,
                        0,
                        "v must be a finite number"),
                row(
                        "Infinity literal",
                        "[{\"bn\":\"p01-node:\",\"bt\":%d,\"n\":\"rain\",\"u\":\"mm\",\"v\":Infinity}]".formatted(T),
                        NON_FINITE,
                        0,
                        "v must be a finite number"),
                row(
                        "-Infinity literal",
                        "[{\"bn\":\"p01-node:\",\"bt\":%d,\"n\":\"rain\",\"u\":\"mm\",\"v\":-Infinity}]".formatted(T),
                        NON_FINITE,
                        0,
                        "v must be a finite number"),
                row(
                        "1e400 overflows to infinity",
                        "[{\"bn\":\"p01-node:\",\"bt\":%d,\"n\":\"rain\",\"u\":\"mm\",\"v\":1e400}]".formatted(T),
                        NON_FINITE,
                        0,
                        "v must be a finite number"),
                row(
                        "NaN time",
                        "[{\"bn\":\"p01-node:\",\"bt\":NaN,\"n\":\"rain\",\"u\":\"mm\",\"v\":1}]",
                        NON_FINITE,
                        0,
                        "bt must be a finite number"),
                row(
                        "finite value overflowing in the unit conversion",
                        "[{\"bn\":\"p01-node:\",\"bt\":%d,\"n\":\"flow\",\"u\":\"m3/s\",\"v\":1e305}]".formatted(T),
                        NON_FINITE,
                        0,
                        "overflows when converted to L/min"),
                row(
                        "vb for a numeric metric",
                        "[{\"bn\":\"p01-node:\",\"bt\":%d,\"n\":\"rain\",\"vb\":true}]".formatted(T),
                        WRONG_TYPE,
                        0,
                        "rain is numeric: send v"),
                row(
                        "vs for a numeric metric",
                        "[{\"bn\":\"p01-node:\",\"bt\":%d,\"n\":\"rain\",\"u\":\"mm\",\"vs\":\"2\"}]".formatted(T),
                        WRONG_TYPE,
                        0,
                        "rain is numeric: send v"),
                row(
                        "v for the valve",
                        "[{\"bn\":\"p01-valve:\",\"bt\":%d,\"n\":\"valve\",\"v\":1}]".formatted(T),
                        WRONG_TYPE,
                        0,
                        "valve is boolean: send vb"),
                row(
                        "two values in one record",
                        "[{\"bn\":\"p01-valve:\",\"bt\":%d,\"n\":\"valve\",\"v\":1,\"vb\":true}]".formatted(T),
                        AMBIGUOUS_VALUE,
                        0,
                        "more than one of v, vb, vs, vd"),
                row(
                        "sum only",
                        "[{\"bn\":\"p01-rain:\",\"bt\":%d,\"n\":\"rain\",\"u\":\"mm\",\"s\":12}]".formatted(T),
                        MISSING_VALUE,
                        0,
                        "rain needs a value, not only a sum"),
                row(
                        "no value at all",
                        "[{\"bn\":\"p01-rain:\",\"bt\":%d,\"n\":\"rain\",\"u\":\"mm\"}]".formatted(T),
                        MISSING_VALUE,
                        0,
                        "'p01-rain:rain' has no value"),
                row(
                        "missing time (no bt, no t)",
                        "[{\"bn\":\"p01-rain:\",\"n\":\"rain\",\"u\":\"mm\",\"v\":1}]",
                        MISSING_TIME,
                        0,
                        "'p01-rain:rain' has no time (bt or t)"),
                row(
                        "time before TelemetryLimits.earliest",
                        "[{\"bn\":\"p01-rain:\",\"bt\":1577836799,\"n\":\"rain\",\"u\":\"mm\",\"v\":1}]",
                        ABSURD_TIME,
                        0,
                        "time 2019-12-31T23:59:59Z of 'p01-rain:rain' is outside [2020-01-01T00:00:00Z, now + PT10M]"),
                row(
                        "time too far in the future",
                        "[{\"bn\":\"p01-rain:\",\"bt\":%d,\"n\":\"rain\",\"u\":\"mm\",\"v\":1}]".formatted(T + 601),
                        ABSURD_TIME,
                        0,
                        "time 2026-11-22T10:10:01Z of 'p01-rain:rain' is outside"),
                row(
                        "relative time far in the past",
                        "[{\"bn\":\"p01-rain:\",\"n\":\"rain\",\"u\":\"mm\",\"v\":1,\"t\":-268435455}]",
                        ABSURD_TIME,
                        0,
                        "is outside [2020-01-01T00:00:00Z"),
                row(
                        "pack with too many records",
                        "[" + ok("rain") + "," + ok("rain") + "," + ok("rain") + "," + ok("rain") + "]",
                        PACK_TOO_LARGE,
                        -1,
                        "pack has 4 records, limit 3"),
                row(
                        "too many bytes",
                        "[{\"bn\":\"p01-rain:\",\"bt\":%d,\"n\":\"rain\",\"u\":\"mm\",\"v\":1,\"note\":\"%s\"}]"
                                .formatted(T, "x".repeat(1024)),
                        PACK_TOO_LARGE,
                        -1,
                        "bytes, limit 1024"),
                row(
                        "bver 11",
                        "[{\"bver\":11,\"bn\":\"p01-rain:\",\"bt\":%d,\"n\":\"rain\",\"u\":\"mm\",\"v\":1}]"
                                .formatted(T),
                        UNSUPPORTED_VERSION,
                        0,
                        "SenML version 11 is newer than 10"),
                row(
                        "must-understand field",
                        "[{\"bn\":\"p01-rain:\",\"bt\":%d,\"n\":\"rain\",\"u\":\"mm\",\"v\":1,\"calib_\":2}]"
                                .formatted(T),
                        WRONG_TYPE,
                        0,
                        "must-understand field 'calib_'"),
                row(
                        "error after a base-only record names the record's place in the pack",
                        "[{\"bn\":\"p01-rain:\",\"bt\":%d},{\"n\":\"rain\",\"u\":\"mm\",\"v\":1},{\"n\":\"snow\",\"v\":1}]"
                                .formatted(T),
                        UNKNOWN_METRIC,
                        2,
                        "record 2: unknown metric 'snow'"));
    }

    @ParameterizedTest(name = "{0} -> {2}")
    @MethodSource("malformedPacks")
    void isRefusedWithAReasonAndASpecificMessage(
            String label, String json, SenmlException.Reason reason, int recordIndex, String message) {
        SenmlException e = catchThrowableOfType(SenmlException.class, () -> CODEC.decode(json.getBytes(UTF_8)));

        assertThat(e).as("%s must be refused", label).isNotNull();
        assertThat(e.reason()).as(e.getMessage()).isEqualTo(reason);
        assertThat(e.recordIndex()).as(e.getMessage()).isEqualTo(recordIndex);
        assertThat(e.getMessage()).contains(message);
        if (recordIndex >= 0) {
            assertThat(e.getMessage()).startsWith("record " + recordIndex + ": ");
        }
    }

    private static Arguments row(
            String label, String json, SenmlException.Reason reason, int recordIndex, String message) {
        return Arguments.of(label, json, reason, recordIndex, message);
    }
}

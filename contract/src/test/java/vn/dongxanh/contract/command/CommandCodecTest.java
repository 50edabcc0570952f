package vn.dongxanh.contract.command;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import vn.dongxanh.contract.Json;

class CommandCodecTest {
    static final Instant ISSUED = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void anOpenCommandSurvivesEncodeAndDecode() {
        var open = ValveCommand.open("c-0001", "p01-valve", Duration.ofMinutes(30), ISSUED, Duration.ofSeconds(90));

        ValveCommand decoded = CommandCodec.decodeCommand(CommandCodec.encode(open));

        assertThat(decoded).isEqualTo(open);
        assertThat(decoded.deadline()).isEqualTo(ISSUED.plusSeconds(90));
    }

    @Test
    void aCloseCommandSurvivesEncodeAndDecode() {
        var close = ValveCommand.close("c_0002", "p01-valve", ISSUED.plusMillis(250), Duration.ofMinutes(2));

        ValveCommand decoded = CommandCodec.decodeCommand(CommandCodec.encode(close));

        assertThat(decoded).isEqualTo(close);
        assertThat(decoded.runTime()).isEqualTo(Duration.ZERO);
    }

    @Test
    void theCommandWireFormHasWholeSecondsAndIsoInstants() {
        var open = ValveCommand.open("c-1", "p01-valve", Duration.ofSeconds(1800), ISSUED, Duration.ofSeconds(60));

        JsonNode o = Json.MAPPER.readTree(CommandCodec.encode(open));

        assertThat(o.propertyNames()).containsExactly("id", "dev", "action", "run_s", "issued", "deadline");
        assertThat(o.get("action").stringValue()).isEqualTo("OPEN");
        assertThat(o.get("run_s").isIntegralNumber()).isTrue();
        assertThat(o.get("run_s").longValue()).isEqualTo(1800);
        assertThat(o.get("issued").stringValue()).isEqualTo("2026-11-22T10:00:00Z");
        assertThat(o.get("deadline").stringValue()).isEqualTo("2026-11-22T10:01:00Z");
    }

    @ParameterizedTest
    @EnumSource(CommandAck.Result.class)
    void everyAckResultSurvivesEncodeAndDecode(CommandAck.Result result) {
        String reason = result == CommandAck.Result.APPLIED ? "" : "run time above the plot's limit: 7200 s";
        var ack = new CommandAck(
                "c-0001", "p01-valve", result, reason, result == CommandAck.Result.APPLIED, ISSUED.plusMillis(1234));

        assertThat(CommandCodec.decodeAck(CommandCodec.encode(ack))).isEqualTo(ack);
    }

    @Test
    void anAckWithoutReasonHasAnEmptyReason() {
        String json = """
                {"id":"c-1","dev":"p01-valve","result":"APPLIED","open":true,"at":"2026-11-22T10:00:01Z"}
                """;

        CommandAck ack = CommandCodec.decodeAck(json.getBytes(UTF_8));

        assertThat(ack.reason()).isEmpty();
        assertThat(ack.valveOpen()).isTrue();
        assertThat(ack.at()).isEqualTo(ISSUED.plusSeconds(1));
    }

    static String command(String id, String dev, String action, String runS, String issued, String deadline) {
        var b = new StringBuilder("{");
        field(b, "id", id);
        field(b, "dev", dev);
        field(b, "action", action);
        field(b, "run_s", runS);
        field(b, "issued", issued);
        field(b, "deadline", deadline);
        return b.append('}').toString();
    }

    private static void field(StringBuilder b, String name, String raw) {
        if (raw == null) return;
        if (b.length() > 1) b.append(',');
        b.append('"').append(name).append("\":").append(raw);
    }

    static final String ID = "\"c-1\"";
    static final String DEV = "\"p01-valve\"";
    static final String T0 = "\"2026-11-22T10:00:00Z\"";
    static final String T1 = "\"2026-11-22T10:01:00Z\"";

    static Stream<Arguments> badCommands() {
        return Stream.of(
                Arguments.of("not JSON", "{\"id\":", "command is not JSON"),
                Arguments.of("an array", "[]", "command must be a JSON object"),
                Arguments.of(
                        "OPEN without run time",
                        command(ID, DEV, "\"OPEN\"", null, T0, T1),
                        "OPEN needs a positive run time"),
                Arguments.of(
                        "OPEN with run time 0",
                        command(ID, DEV, "\"OPEN\"", "0", T0, T1),
                        "OPEN needs a positive run time"),
                Arguments.of(
                        "negative run time",
                        command(ID, DEV, "\"CLOSE\"", "-5", T0, T1),
                        "run time must not be negative"),
                Arguments.of(
                        "fractional run time",
                        command(ID, DEV, "\"OPEN\"", "1.5", T0, T1),
                        "'run_s' must be whole seconds"),
                Arguments.of(
                        "run time as text",
                        command(ID, DEV, "\"OPEN\"", "\"60\"", T0, T1),
                        "'run_s' must be whole seconds"),
                Arguments.of(
                        "run time beyond a long",
                        command(ID, DEV, "\"OPEN\"", "100000000000000000000", T0, T1),
                        "'run_s' must be whole seconds"),
                Arguments.of(
                        "deadline before issued",
                        command(ID, DEV, "\"CLOSE\"", null, T1, T0),
                        "deadline must be after"),
                Arguments.of(
                        "deadline equal to issued",
                        command(ID, DEV, "\"CLOSE\"", null, T0, T0),
                        "deadline must be after"),
                Arguments.of(
                        "bad action", command(ID, DEV, "\"TOGGLE\"", "60", T0, T1), "'action' must be OPEN or CLOSE"),
                Arguments.of(
                        "lower-case action",
                        command(ID, DEV, "\"open\"", "60", T0, T1),
                        "'action' must be OPEN or CLOSE"),
                Arguments.of("missing action", command(ID, DEV, null, "60", T0, T1), "'action' must be OPEN or CLOSE"),
                Arguments.of(
                        "missing id", command(null, DEV, "\"CLOSE\"", null, T0, T1), "'id' is missing or not a string"),
                Arguments.of(
                        "id with a space", command("\"c 1\"", DEV, "\"CLOSE\"", null, T0, T1), "command id must be"),
                Arguments.of(
                        "invalid device",
                        command(ID, "\"P01/valve\"", "\"CLOSE\"", null, T0, T1),
                        "device id 'P01/valve' is invalid"),
                Arguments.of(
                        "bad issued",
                        command(ID, DEV, "\"CLOSE\"", null, "\"now\"", T1),
                        "'issued' is not an ISO-8601 instant"),
                Arguments.of(
                        "missing deadline", command(ID, DEV, "\"CLOSE\"", null, T0, null), "'deadline' is missing"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCommands")
    void badCommandsAreRefusedNamingTheProblem(String label, String json, String message) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> CommandCodec.decodeCommand(json.getBytes(UTF_8)))
                .withMessageContaining(message);
    }

    static Stream<Arguments> badAcks() {
        String at = "\"at\":\"2026-11-22T10:00:01Z\"";
        return Stream.of(
                Arguments.of(
                        "unknown result",
                        "{\"id\":\"c-1\",\"dev\":\"p01-valve\",\"result\":\"DONE\",\"open\":true," + at + "}",
                        "ack 'result' is not one of APPLIED, DUPLICATE, REFUSED, EXPIRED"),
                Arguments.of(
                        "missing result",
                        "{\"id\":\"c-1\",\"dev\":\"p01-valve\",\"open\":true," + at + "}",
                        "ack 'result' is not one of"),
                Arguments.of(
                        "open missing",
                        "{\"id\":\"c-1\",\"dev\":\"p01-valve\",\"result\":\"APPLIED\"," + at + "}",
                        "ack 'open' must be true or false"),
                Arguments.of(
                        "open as text",
                        "{\"id\":\"c-1\",\"dev\":\"p01-valve\",\"result\":\"APPLIED\",\"open\":\"yes\"," + at + "}",
                        "ack 'open' must be true or false"),
                Arguments.of(
                        "bad at",
                        "{\"id\":\"c-1\",\"dev\":\"p01-valve\",\"result\":\"APPLIED\",\"open\":true,\"at\":\"soon\"}",
                        "'at' is not an ISO-8601 instant"),
                Arguments.of("not an object", "\"APPLIED\"", "ack must be a JSON object"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badAcks")
    void badAcksAreRefusedNamingTheProblem(String label, String json, String message) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> CommandCodec.decodeAck(json.getBytes(UTF_8)))
                .withMessageContaining(message);
    }
}

package vn.dongxanh.contract.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class GatewayRequestCodecTest {
    private static final Instant T = Instant.parse("2026-11-22T03:00:00Z");

    static List<GatewayRequest> requests() {
        return List.of(
                new GatewayRequest.Valve(
                        "r-1", ValveCommand.open("c-1", "p01-valve", Duration.ofMinutes(30), T, Duration.ofMinutes(1))),
                new GatewayRequest.Override("r-2", "p01", GatewayRequest.Override.State.CLOSED, T.plusSeconds(3600)),
                new GatewayRequest.Schedule("r-3", "p02", T, Duration.ofMinutes(20), T.plusSeconds(600)),
                new GatewayRequest.ControlChange("r-4", "{\"rice\":{\"max-run-time\":\"2h\"}}"));
    }

    @ParameterizedTest
    @MethodSource("requests")
    void roundTrips(GatewayRequest request) {
        assertThat(GatewayRequestCodec.decode(GatewayRequestCodec.encode(request)))
                .isEqualTo(request);
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "[]|JSON object",
                "{\"id\":\"r\",\"type\":\"dance\"}|valve, override, schedule or control",
                "{\"id\":\"r\",\"type\":\"valve\"}|'command' object",
                "{\"id\":\"r\",\"type\":\"override\",\"plot\":\"p01\",\"state\":\"HALF\",\"until\":\"2026-11-22T03:00:00Z\"}|OPEN, CLOSED or AUTO",
                "{\"id\":\"r\",\"type\":\"schedule\",\"plot\":\"p01\",\"start\":\"2026-11-22T03:00:00Z\",\"run_s\":0,\"expires\":\"2026-11-22T04:00:00Z\"}|positive run time",
                "{\"id\":\"r\",\"type\":\"schedule\",\"plot\":\"p01\",\"start\":\"2026-11-22T03:00:00Z\",\"run_s\":60,\"expires\":\"2026-11-22T02:00:00Z\"}|after its start",
                "{\"id\":\"r r\",\"type\":\"control\",\"control\":{}}|request id",
            })
    void refusesBadRequests(String json, String message) {
        assertThatThrownBy(() -> GatewayRequestCodec.decode(json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @ParameterizedTest
    @CsvSource({"APPLIED,''", "REFUSED,unknown device p09-valve"})
    void acksRoundTrip(GatewayAck.Result result, String reason) {
        var ack = new GatewayAck("r-1", result, reason, T);
        assertThat(GatewayRequestCodec.decodeAck(GatewayRequestCodec.encode(ack)))
                .isEqualTo(ack);
    }
}

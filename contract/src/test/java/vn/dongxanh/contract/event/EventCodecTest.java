package vn.dongxanh.contract.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.dongxanh.contract.dashboard.ControlKind;

class EventCodecTest {
    @Test
    void roundTrips() {
        var e = new IrrigationEvent(
                "gw-01-17",
                "p01",
                "p01-valve",
                IrrigationEvent.Kind.START,
                "BELOW_START_LEVEL",
                "tillering (AWD), water -15.2 cm ≤ -15.0 cm",
                Map.of("water_level", -15.2, "rain_24h", 0.0),
                Duration.ofMinutes(90),
                Instant.parse("2026-11-22T03:00:00Z"));
        assertThat(EventCodec.decode(EventCodec.encode(e))).isEqualTo(e);
    }

    @Test
    void carriesTheControlTheDecisionWasMadeUnder() {
        var e = new IrrigationEvent(
                "gw-01-18",
                "p01",
                "p01-valve",
                IrrigationEvent.Kind.SKIP,
                "RAIN_SKIP",
                "tillering (AWD), enough rain",
                Map.of("water_level", -16.0),
                Duration.ZERO,
                Instant.parse("2026-11-22T03:00:00Z"),
                new IrrigationEvent.Control(ControlKind.AWD, "tillering", -15.0, 5.0));
        assertThat(EventCodec.decode(EventCodec.encode(e))).isEqualTo(e);
        var drain = new IrrigationEvent.Control(ControlKind.AWD, "ripening", null, null);
        assertThat(EventCodec.decode(EventCodec.encode(new IrrigationEvent(
                                "x",
                                "p01",
                                "",
                                IrrigationEvent.Kind.STOP,
                                "DRAIN_STAGE",
                                "",
                                Map.of(),
                                null,
                                e.at(),
                                drain)))
                        .control())
                .isEqualTo(drain);
        assertThatThrownBy(() -> EventCodec.decode(("{\"id\":\"1\",\"plot\":\"p01\",\"kind\":\"STOP\",\"reason\":\"X\","
                                + "\"at\":\"2026-11-22T03:00:00Z\",\"control\":{\"kind\":\"FLOOD\"}}")
                        .getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("control.kind");
    }

    @Test
    void refusesBadEvents() {
        assertThatThrownBy(() -> EventCodec.decode("[]".getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("JSON object");
        assertThatThrownBy(() -> EventCodec.decode(
                        "{\"id\":\"1\",\"plot\":\"p01\",\"kind\":\"LATER\",\"reason\":\"X\",\"at\":\"2026-11-22T03:00:00Z\"}"
                                .getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("START, STOP, SKIP or ALARM");
        assertThatThrownBy(() -> EventCodec.decode(
                        "{\"id\":\"1\",\"plot\":\"P 1\",\"kind\":\"STOP\",\"reason\":\"X\",\"at\":\"2026-11-22T03:00:00Z\"}"
                                .getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("plot id");
        assertThatThrownBy(() -> EventCodec.decode(
                        "{\"id\":\"1\",\"plot\":\"p01\",\"kind\":\"STOP\",\"reason\":\"X\",\"at\":\"noon\"}"
                                .getBytes(StandardCharsets.UTF_8)))
                .hasMessageContaining("'at'");
    }
}

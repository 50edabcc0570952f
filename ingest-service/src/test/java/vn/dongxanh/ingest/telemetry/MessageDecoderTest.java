package vn.dongxanh.ingest.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.dongxanh.contract.event.EventCodec;
import vn.dongxanh.contract.event.IrrigationEvent;
import vn.dongxanh.contract.telemetry.Metric;
import vn.dongxanh.contract.telemetry.Reading;
import vn.dongxanh.contract.telemetry.TelemetryCodec;
import vn.dongxanh.contract.uplink.UplinkBatch;
import vn.dongxanh.contract.uplink.UplinkCodec;

/** Which messages become batches, events or states, and the reason given for the others. */
class MessageDecoderTest {
    private static final UplinkCodec CODEC = new UplinkCodec(new TelemetryCodec());
    private final MessageDecoder decoder = new MessageDecoder(CODEC);
    private final UplinkBatch batch = new UplinkBatch(
            "htx-an-phu",
            "gw-01",
            5,
            Instant.now(),
            List.of(new Reading("wl-001", Metric.WATER_LEVEL, Instant.now().minusSeconds(5), 3.5)));

    private static InboundMessage message(String topic, byte[] payload) {
        return new InboundMessage(topic, payload, 1, 1, 0, Instant.now(), System.nanoTime());
    }

    private Decoded decode(String topic, byte[] payload) {
        return decoder.decode(message(topic, payload));
    }

    @Test
    void acceptsABatchOnItsGatewaysTopic() {
        Decoded d = decode("dx/v1/coop/htx-an-phu/gw/gw-01/telemetry", CODEC.encode(batch));
        assertThat(d)
                .isInstanceOfSatisfying(
                        Decoded.Accepted.class, a -> assertThat(a.batch()).isEqualTo(batch));
    }

    @Test
    void namesTheReasonForEachRejection() {
        assertThat(reason(decode("dx/v1/dev/wl-001/up", CODEC.encode(batch)))).isEqualTo("BAD_TOPIC");
        assertThat(reason(decode("dx/v1/coop/htx-an-phu/gw/GW 01/telemetry", CODEC.encode(batch))))
                .isEqualTo("BAD_TOPIC");
        assertThat(reason(decode("dx/v1/coop/htx-an-phu/gw/gw-02/telemetry", CODEC.encode(batch))))
                .isEqualTo("TOPIC_MISMATCH");
        assertThat(reason(decode("dx/v1/coop/htx-an-phu/gw/gw-01/telemetry", "nope".getBytes(StandardCharsets.UTF_8))))
                .isEqualTo("NOT_JSON");
        assertThat(reason(decode(
                        "dx/v1/coop/htx-an-phu/gw/gw-01/telemetry",
                        "{\"v\":2,\"coop\":\"htx-an-phu\",\"gw\":\"gw-01\",\"seq\":1,\"sent\":\"2026-01-01T00:00:00Z\",\"senml\":[]}"
                                .getBytes(StandardCharsets.UTF_8))))
                .isEqualTo("UNSUPPORTED_VERSION");
    }

    @Test
    void eventsAndStatesAreDecodedByTheirTopic() {
        var event = new IrrigationEvent(
                "e-1",
                "p01",
                "p01-valve",
                IrrigationEvent.Kind.START,
                "BELOW_START_LEVEL",
                "",
                Map.of("water_level", -15.0),
                Duration.ofMinutes(30),
                Instant.parse("2026-05-01T06:00:00Z"));
        Decoded e = decode("dx/v1/coop/htx-an-phu/gw/gw-01/events", EventCodec.encode(event));
        assertThat(e).isInstanceOfSatisfying(Decoded.Event.class, d -> {
            assertThat(d.event()).isEqualTo(event);
            assertThat(d.cooperativeId()).isEqualTo("htx-an-phu");
            assertThat(d.gatewayId()).isEqualTo("gw-01");
        });
        Decoded s = decode(
                "dx/v1/coop/htx-an-phu/gw/gw-01/state",
                "{\"online\":true,\"at\":\"2026-05-01T06:00:00Z\",\"backlog_readings\":7,\"extra\":1}"
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(s).isInstanceOfSatisfying(Decoded.State.class, d -> {
            assertThat(d.report().online()).isTrue();
            assertThat(d.report().backlogReadings()).isEqualTo(7L);
            assertThat(d.report().backlogBatches()).isNull();
        });
        assertThat(decode("dx/v1/coop/htx-an-phu/gw/gw-01/state", new byte[0])).isInstanceOf(Decoded.Ignored.class);
        assertThat(reason(decode("dx/v1/coop/htx-an-phu/gw/gw-01/events", "{}".getBytes(StandardCharsets.UTF_8))))
                .isEqualTo("INVALID_EVENT");
        assertThat(reason(decode(
                        "dx/v1/coop/htx-an-phu/gw/gw-01/events",
                        EventCodec.encode(new IrrigationEvent(
                                " ", "p01", "", IrrigationEvent.Kind.SKIP, "R", "", Map.of(), null, Instant.now())))))
                .isEqualTo("INVALID_EVENT");
        assertThat(reason(decode(
                        "dx/v1/coop/htx-an-phu/gw/gw-01/state", "{\"online\":1}".getBytes(StandardCharsets.UTF_8))))
                .isEqualTo("INVALID_STATE");
        assertThat(reason(decode("dx/v1/coop/htx-an-phu/gw/gw-01/cmd", "{}".getBytes(StandardCharsets.UTF_8))))
                .isEqualTo("BAD_TOPIC");
        assertThat(Channel.of("dx/v1/coop/c/gw/g/events")).isEqualTo(Channel.EVENTS);
        assertThat(Channel.of("dx/v1/coop/c/gw/g/state")).isEqualTo(Channel.STATE);
        assertThat(Channel.of("dx/v1/coop/c/gw/g/telemetry")).isEqualTo(Channel.TELEMETRY);
    }

    @Test
    void detailsAreOneBoundedLine() {
        assertThat(MessageDecoder.oneLine("a\nb\r\nc\0d")).isEqualTo("a b c\uFFFDd");
        assertThat(MessageDecoder.oneLine("x".repeat(5000))).hasSize(1001);
    }

    private static String reason(Decoded d) {
        assertThat(d).isInstanceOf(Decoded.Rejected.class);
        return ((Decoded.Rejected) d).reason();
    }
}

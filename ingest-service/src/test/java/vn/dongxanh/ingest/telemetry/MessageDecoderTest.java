package vn.dongxanh.ingest.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.dongxanh.contract.telemetry.Metric;
import vn.dongxanh.contract.telemetry.Reading;
import vn.dongxanh.contract.telemetry.TelemetryCodec;
import vn.dongxanh.contract.uplink.UplinkBatch;
import vn.dongxanh.contract.uplink.UplinkCodec;

/** Which messages become batches, and the reason given for the others. */
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
    void detailsAreOneBoundedLine() {
        assertThat(MessageDecoder.oneLine("a\nb\r\nc\0d")).isEqualTo("a b c\uFFFDd");
        assertThat(MessageDecoder.oneLine("x".repeat(5000))).hasSize(1001);
    }

    private static String reason(Decoded d) {
        assertThat(d).isInstanceOf(Decoded.Rejected.class);
        return ((Decoded.Rejected) d).reason();
    }
}

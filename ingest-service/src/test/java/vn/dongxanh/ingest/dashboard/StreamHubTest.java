package vn.dongxanh.ingest.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.dongxanh.contract.dashboard.GatewayState;
import vn.dongxanh.ingest.api.ApiException;

/** The fan-out's bounds: a stream that stops reading is closed, never waited for; streams per instance are capped. */
class StreamHubTest {
    private static final DashboardProperties PROPS = new DashboardProperties(
            Duration.ofMinutes(15),
            ZoneId.of("Asia/Ho_Chi_Minh"),
            Duration.ofSeconds(15),
            Duration.ofMinutes(30),
            3,
            2,
            Duration.ofSeconds(1));

    private static GatewayState gateway(int i) {
        return new GatewayState("gw-" + i, true, Instant.EPOCH, null, null);
    }

    @Test
    void aStreamThatFallsAWholeBufferBehindIsClosedWithoutHoldingUpTheOthers() {
        var meters = new SimpleMeterRegistry();
        var hub = new StreamHub(PROPS, meters);
        Stream stuck = hub.open("coop1"); // never started: nothing drains its queue, like a phone that stopped reading
        Stream other = hub.open("coop2");

        long t0 = System.nanoTime();
        for (int i = 0; i < 100; i++) hub.publish("coop1", List.of(gateway(i)));
        long elapsedMs = (System.nanoTime() - t0) / 1_000_000;

        assertThat(stuck.closed()).isTrue();
        assertThat(other.closed())
                .as("another cooperative's stream is untouched")
                .isFalse();
        assertThat(hub.watched("coop1")).isFalse();
        assertThat(hub.watched("coop2")).isTrue();
        assertThat(meters.get("dx.ingest.dashboard.streams.dropped").counter().count())
                .isEqualTo(1);
        assertThat(meters.get("dx.ingest.dashboard.streams").gauge().value()).isEqualTo(1);
        assertThat(elapsedMs).as("publishing never waits for a stream").isLessThan(1000);
    }

    @Test
    void streamsPerInstanceAreCapped() {
        var hub = new StreamHub(PROPS, new SimpleMeterRegistry());
        hub.open("coop1");
        Stream second = hub.open("coop1");
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> hub.open("coop1")))
                .isInstanceOf(ApiException.class)
                .hasMessageContaining("max-streams");
        second.close(false);
        assertThat(hub.open("coop1").closed())
                .as("a closed stream frees its place")
                .isFalse();
    }
}

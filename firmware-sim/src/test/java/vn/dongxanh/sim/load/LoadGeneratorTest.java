package vn.dongxanh.sim.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.dongxanh.contract.telemetry.Metric;
import vn.dongxanh.contract.telemetry.Reading;
import vn.dongxanh.contract.telemetry.TelemetryCodec;
import vn.dongxanh.contract.topic.Topic;
import vn.dongxanh.contract.topic.Topics;
import vn.dongxanh.contract.uplink.UplinkBatch;
import vn.dongxanh.contract.uplink.UplinkCodec;
import vn.dongxanh.sim.TestBroker;

/** The load mode against the real broker: what a cloud subscriber receives. */
class LoadGeneratorTest {
    private final UplinkCodec codec = new UplinkCodec(new TelemetryCodec());

    private static LoadConfig.Builder config(String coop, String url) {
        return LoadConfig.builder()
                .broker(url)
                .cooperative(coop)
                .clientIdPrefix(coop + "-load")
                .gateways(3)
                .devicesPerGateway(20)
                .batchReadings(50)
                .clients(2)
                .inFlight(5);
    }

    @Test
    void batchesArriveDecodableInSequenceWithEveryDevice() throws Exception {
        String coop = TestBroker.uniquePrefix() + "coop";
        try (var broker = new TestBroker("dx/v1/coop/" + coop + "/gw/+/telemetry")) {
            int wanted = 60;
            var config = config(coop, broker.url()).build();
            // the caller's flow control: no more than `wanted` batches
            try (var load = LoadGenerator.start(config, published -> published < wanted * 50L)) {
                await().atMost(Duration.ofSeconds(30)).until(() -> load.publishedBatches() >= wanted);
                LoadSummary summary = load.stop();
                assertThat(summary.batches()).isBetween((long) wanted, wanted + 1L);
                assertThat(summary.readings()).isEqualTo(summary.batches() * 50);
                assertThat(summary.flowWaits()).isPositive();
                await().atMost(Duration.ofSeconds(30))
                        .until(() -> broker.received().size() >= summary.batches());
                Thread.sleep(300); // nothing more may come
                var received = broker.received();
                assertThat(received).hasSize((int) summary.batches());

                Map<String, List<Long>> sequences = new HashMap<>();
                Set<String> devices = new HashSet<>();
                long readings = 0;
                Set<Double> waterLevels = new HashSet<>();
                for (var message : received) {
                    UplinkBatch batch = codec.decode(message.payload());
                    var topic = (Topic.GatewayTelemetry) Topics.parse(message.topic());
                    assertThat(batch.cooperativeId()).isEqualTo(coop);
                    assertThat(batch.gatewayId()).isEqualTo(topic.gatewayId());
                    assertThat(message.retained()).isFalse();
                    sequences
                            .computeIfAbsent(batch.gatewayId(), g -> new ArrayList<>())
                            .add(batch.sequence());
                    assertThat(batch.readings()).hasSize(50);
                    for (Reading r : batch.readings()) {
                        assertThat(r.deviceId()).startsWith(batch.gatewayId() + "-n");
                        assertThat(r.time()).isBeforeOrEqualTo(batch.sentAt());
                        devices.add(r.deviceId());
                        if (r.metric() == Metric.WATER_LEVEL) waterLevels.add(r.value());
                    }
                    readings += batch.readings().size();
                }
                assertThat(sequences).containsOnlyKeys("gw001", "gw002", "gw003");
                for (int g = 0; g < 3; g++) {
                    List<Long> seqs = sequences.get(LoadConfig.gatewayId(g));
                    // from 1, no gap, in order (each gateway goes through one connection)
                    assertThat(seqs).hasSize((int) load.lastSequence(g));
                    for (int i = 0; i < seqs.size(); i++)
                        assertThat(seqs.get(i)).isEqualTo(i + 1L);
                }
                assertThat(readings).isEqualTo(summary.readings());
                // each gateway's readings go round its devices from the first: a gateway that published a
                // whole round names every one of its devices, a slower one (the machine is shared) the first
                // ones its readings reached; over the three, the configured devices and no others
                Set<String> expected = new HashSet<>();
                int round = config.devicesPerGateway() * config.metrics().size();
                for (int g = 0; g < 3; g++) {
                    long published = load.lastSequence(g) * config.batchReadings();
                    long reached = published >= round
                            ? config.devicesPerGateway()
                            : Math.min(
                                    config.devicesPerGateway(),
                                    (published + config.metrics().size() - 1)
                                            / config.metrics().size());
                    for (int d = 0; d < reached; d++) expected.add(LoadConfig.deviceId(g, d));
                }
                assertThat(devices).isEqualTo(expected);
                assertThat(config.deviceIds()).containsAll(devices);
                assertThat(waterLevels).as("the field model's levels vary").hasSizeGreaterThan(5);
            }
        }
    }

    @Test
    void keepsToTheTargetRate() throws Exception {
        String coop = TestBroker.uniquePrefix() + "coop";
        try (var broker = new TestBroker()) {
            // 1,000 readings/s in batches of 50: a batch every 50 ms, 60 in 3 s
            var config = config(coop, broker.url())
                    .readingsPerSecond(1_000)
                    .duration(Duration.ofSeconds(3))
                    .build();
            try (var load = LoadGenerator.start(config, FlowControl.NONE)) {
                load.awaitEnd();
                LoadSummary summary = load.stop();
                // unlimited, the same clients publish thousands of batches in 3 s on this machine;
                // paced, never more than the slots of the duration, and at least a quarter of them
                assertThat(summary.batches()).isBetween(15L, 60L);
                assertThat(summary.elapsed()).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
            }
        }
    }
}

package vn.dongxanh.bench.outbox;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import vn.dongxanh.bench.mqtt.Mqtt;
import vn.dongxanh.bench.mqtt.UplinkCounter;
import vn.dongxanh.contract.telemetry.Reading;
import vn.dongxanh.contract.telemetry.TelemetryCodec;
import vn.dongxanh.contract.topic.Topic;
import vn.dongxanh.contract.uplink.UplinkBatch;
import vn.dongxanh.contract.uplink.UplinkCodec;

/**
 * The broker's own pace for the drain's traffic: the same readings, encoded beforehand into the
 * same uplink batches, published QoS 1 one at a time (the next only after the PUBACK, as the
 * uplink does to keep order and delete only what the broker holds) to the same kind of
 * subscriber. What remains between this and the drain is the agent's work: SQLite seal, read,
 * encode and delete.
 */
final class RawPublishBaseline {
    private RawPublishBaseline() {}

    record Result(long readings, long payloadBytes, double seconds) {
        double perSecond() {
            return readings / seconds;
        }
    }

    /** @param tcpNoDelay false: Paho's defaults, as the uplink uses them; true: Nagle off */
    static Result run(String url, String run, List<Reading> readings, int batchSize, boolean tcpNoDelay)
            throws Exception {
        String gateway = "raw-" + (tcpNoDelay ? "nd-" : "") + run;
        var codec = new UplinkCodec(new TelemetryCodec());
        var payloads = new ArrayList<byte[]>();
        long bytes = 0;
        for (int i = 0, seq = 1; i < readings.size(); i += batchSize, seq++) {
            var batch = new UplinkBatch(
                    "bench",
                    gateway,
                    seq,
                    Instant.now(),
                    readings.subList(i, Math.min(readings.size(), i + batchSize)));
            byte[] p = codec.encode(batch);
            payloads.add(p);
            bytes += p.length;
        }
        var topic = new Topic.GatewayTelemetry("bench", gateway);
        try (var cloud = new UplinkCounter(url, "bench-sub-" + gateway, topic, false)) {
            var publisher = Mqtt.connect(url, "bench-pub-" + gateway, (t, m) -> {}, tcpNoDelay);
            try {
                long t0 = System.nanoTime();
                for (byte[] p : payloads) Mqtt.publish(publisher, topic.path(), p, false); // returns on PUBACK
                if (!cloud.awaitReadings(readings.size(), Duration.ofMinutes(5))) {
                    throw new IllegalStateException(
                            "raw publish: only " + cloud.readings() + " of " + readings.size() + " readings arrived");
                }
                double seconds = (System.nanoTime() - t0) / 1e9;
                return new Result(cloud.readings(), bytes, seconds);
            } finally {
                Mqtt.closeQuietly(publisher);
            }
        }
    }
}

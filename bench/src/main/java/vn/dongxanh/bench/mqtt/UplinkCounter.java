package vn.dongxanh.bench.mqtt;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.common.MqttException;
import vn.dongxanh.contract.telemetry.TelemetryCodec;
import vn.dongxanh.contract.topic.Topic;
import vn.dongxanh.contract.uplink.UplinkCodec;

/**
 * The cloud side of a gateway, as far as a benchmark needs it: subscribes to the gateway's
 * telemetry topic, decodes every batch and counts its readings, distinct ones apart, so a
 * figure is only reported for readings that really arrived (once each).
 */
public final class UplinkCounter implements AutoCloseable {
    private final UplinkCodec codec = new UplinkCodec(new TelemetryCodec());
    private final AtomicLong readings = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong undecodable = new AtomicLong();
    private final Set<String> distinct = ConcurrentHashMap.newKeySet();
    private final boolean trackDistinct;
    private final MqttClient client;

    /** @param trackDistinct also remember each reading's (device, metric, time) to count duplicates */
    public UplinkCounter(String url, String clientId, Topic.GatewayTelemetry topic, boolean trackDistinct)
            throws MqttException {
        this.trackDistinct = trackDistinct;
        this.client = Mqtt.connect(url, clientId, (t, m) -> onBatch(m.getPayload()));
        client.subscribe(topic.path(), 1);
    }

    private void onBatch(byte[] payload) {
        try {
            var batch = codec.decode(payload);
            batches.incrementAndGet();
            if (trackDistinct) {
                for (var r : batch.readings()) {
                    distinct.add(r.deviceId()
                            + '|'
                            + r.metric().wireName()
                            + '|'
                            + r.time().toEpochMilli());
                }
            }
            readings.addAndGet(batch.readings().size());
        } catch (RuntimeException e) {
            undecodable.incrementAndGet();
        }
    }

    /** Waits until at least {@code n} readings arrived; false on timeout. */
    public boolean awaitReadings(long n, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (readings.get() < n) {
            if (System.nanoTime() > deadline) return false;
            Thread.sleep(1);
        }
        return true;
    }

    public long readings() {
        return readings.get();
    }

    public long batches() {
        return batches.get();
    }

    public long distinct() {
        return distinct.size();
    }

    public long undecodable() {
        return undecodable.get();
    }

    @Override
    public void close() {
        Mqtt.closeQuietly(client);
    }
}

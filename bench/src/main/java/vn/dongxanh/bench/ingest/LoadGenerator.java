package vn.dongxanh.bench.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import vn.dongxanh.bench.mqtt.Mqtt;

/**
 * Publishes the gateways' batches QoS 1 from several Paho clients, each with a window of
 * unacknowledged publishes, as fast as the broker and the service take them. Flow control is end
 * to end: no more than {@code maxOutstanding} readings may be published and not yet stored, because
 * a QoS 1 publish is acknowledged by the broker, not by the service, and Mosquitto drops messages
 * queued beyond {@code max_queued_messages} (1,000 by default) for a slow subscriber.
 */
final class LoadGenerator {
    private final String url;
    private final List<UplinkTemplate> gateways;
    private final int clients;
    private final int window;
    private final long maxOutstanding;
    private final LongSupplier stored;
    private final AtomicLong publishedReadings = new AtomicLong();
    private final AtomicLong publishedBatches = new AtomicLong();
    private final AtomicLong throttled = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final long[] nextSeq;

    LoadGenerator(
            String url,
            List<UplinkTemplate> gateways,
            int clients,
            int window,
            long maxOutstanding,
            LongSupplier stored) {
        this.url = url;
        this.gateways = gateways;
        this.clients = clients;
        this.window = window;
        this.maxOutstanding = maxOutstanding;
        this.stored = stored;
        this.nextSeq = new long[gateways.size()];
        java.util.Arrays.fill(nextSeq, 1);
    }

    long publishedReadings() {
        return publishedReadings.get();
    }

    long publishedBatches() {
        return publishedBatches.get();
    }

    /** Times a publisher waited for the service (outstanding readings at the cap). */
    long throttled() {
        return throttled.get();
    }

    /** Publishes until {@code until} (System.nanoTime()); returns once every publish is acknowledged. */
    void run(long until, String runId) throws Exception {
        var connected = new ArrayList<MqttAsyncClient>();
        var threads = new ArrayList<Thread>();
        try {
            for (int c = 0; c < clients; c++) {
                var client = new MqttAsyncClient(url, "bench-load-" + runId + "-" + c, new MemoryPersistence());
                var options = new MqttConnectionOptions();
                options.setCleanStart(true);
                options.setSessionExpiryInterval(0L);
                options.setSocketFactory(Mqtt.noDelaySockets());
                client.connect(options).waitForCompletion(10_000);
                connected.add(client);
                int index = c;
                threads.add(Thread.ofPlatform().name("bench-load-" + c).start(() -> publishLoop(client, index, until)));
            }
            for (Thread t : threads) t.join();
        } finally {
            for (var client : connected) {
                try {
                    client.disconnect().waitForCompletion(5_000);
                } catch (MqttException e) {
                    // ending the run anyway
                }
                client.close();
            }
        }
        if (failure.get() != null) throw new IllegalStateException("publishing failed", failure.get());
    }

    private void publishLoop(MqttAsyncClient client, int index, long until) {
        var inFlight = new Semaphore(window);
        int g = index;
        try {
            while (System.nanoTime() < until && failure.get() == null) {
                if (publishedReadings.get() - stored.getAsLong() > maxOutstanding) {
                    throttled.incrementAndGet();
                    Thread.sleep(5);
                    continue;
                }
                UplinkTemplate t = gateways.get(g);
                long seq;
                synchronized (nextSeq) {
                    seq = nextSeq[g]++;
                }
                byte[] payload = t.payload(seq, Instant.now());
                inFlight.acquire();
                var message = new MqttMessage(payload);
                message.setQos(1);
                client.publish(t.topic, message, null, new MqttActionListener() {
                    @Override
                    public void onSuccess(IMqttToken token) {
                        inFlight.release();
                    }

                    @Override
                    public void onFailure(IMqttToken token, Throwable e) {
                        failure.compareAndSet(null, e);
                        inFlight.release();
                    }
                });
                publishedReadings.addAndGet(t.readings);
                publishedBatches.incrementAndGet();
                g += clients;
                if (g >= gateways.size()) g = index;
            }
            inFlight.acquire(window); // every publish acknowledged by the broker
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (MqttException | RuntimeException e) {
            failure.compareAndSet(null, e);
        }
    }
}

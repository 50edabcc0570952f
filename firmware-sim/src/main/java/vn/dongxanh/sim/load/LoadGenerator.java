package vn.dongxanh.sim.load;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import vn.dongxanh.contract.telemetry.TelemetryCodec;
import vn.dongxanh.contract.uplink.UplinkCodec;

/**
 * The load mode: many gateways forwarding the readings of many devices to the cloud broker as
 * uplink batches, as the edge agent does (same topic, same envelope, sequence numbers from 1 per
 * gateway, QoS 1, sent time stamped at publish). {@link LoadConfig#clients()} connections each
 * publish a share of the gateways in turn, with up to {@link LoadConfig#inFlight()}
 * unacknowledged publishes, paced by the target rate (if any) and by the caller's
 * {@link FlowControl}.
 *
 * <pre>{@code
 * try (var load = LoadGenerator.start(config, published -> published - stored.get() < cap)) {
 *     load.awaitEnd();
 *     LoadSummary s = load.stop();
 * }
 * }</pre>
 */
public final class LoadGenerator implements AutoCloseable {
    /** How long a publisher waits before asking a {@link FlowControl} again. */
    public static final Duration FLOW_PAUSE = Duration.ofMillis(5);

    /** The most a late publisher may catch up at once, so a pause is not followed by a burst. */
    private static final long MAX_LAG_NANOS = Duration.ofMillis(100).toNanos();

    private final LoadConfig config;
    private final FlowControl flow;
    private final List<UplinkWriter> writers;
    private final List<MqttAsyncClient> clients = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicLong publishedReadings = new AtomicLong();
    private final AtomicLong publishedBatches = new AtomicLong();
    private final AtomicLong flowWaits = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicLong ended = new AtomicLong(Long.MIN_VALUE);
    private final long nanosPerBatch;
    private int window;
    private long nextSlot;
    private long startNanos;
    private long deadline;
    private volatile boolean stopping;
    private LoadSummary summary;

    private LoadGenerator(LoadConfig config, FlowControl flow) {
        this.config = config;
        this.flow = flow;
        var traces = DeviceTraces.of(config);
        var codec = new UplinkCodec(new TelemetryCodec());
        var list = new ArrayList<UplinkWriter>(config.gateways());
        for (int g = 0; g < config.gateways(); g++) {
            var writer = new UplinkWriter(config, g, traces);
            if (g == 0) writer.verify(codec);
            list.add(writer);
        }
        this.writers = List.copyOf(list);
        this.nanosPerBatch =
                config.unlimited() ? 0 : Math.round(config.batchReadings() * 1e9 / config.readingsPerSecond());
    }

    /**
     * Prepares every gateway's batches, connects the clients and starts publishing.
     *
     * @throws MqttException when a client cannot connect (the others are closed again)
     */
    public static LoadGenerator start(LoadConfig config, FlowControl flow) throws MqttException {
        var load = new LoadGenerator(config, flow);
        try {
            load.connect();
        } catch (MqttException | RuntimeException e) {
            load.disconnect();
            throw e;
        }
        load.launch();
        return load;
    }

    public LoadConfig config() {
        return config;
    }

    /** Readings handed to the broker so far (counted when a batch is published). */
    public long publishedReadings() {
        return publishedReadings.get();
    }

    public long publishedBatches() {
        return publishedBatches.get();
    }

    /** Times a publisher waited because the flow control said no. */
    public long flowWaits() {
        return flowWaits.get();
    }

    /** The sequence number of the last batch of a gateway (from 0); 0 before its first. */
    public long lastSequence(int gateway) {
        synchronized (writers.get(gateway)) {
            return writers.get(gateway).lastSequence();
        }
    }

    /** Whether publishers are still at work (not past the duration, not stopped, not failed). */
    public boolean running() {
        for (Thread t : threads) {
            if (t.isAlive()) return true;
        }
        return false;
    }

    /** Blocks until the configured duration has passed, or {@link #stop} was called, or publishing failed. */
    public void awaitEnd() throws InterruptedException {
        for (Thread t : threads) t.join();
    }

    /**
     * Stops publishing, waits for the broker's acknowledgements of what is in flight, disconnects
     * and tells what was published. Idempotent.
     *
     * @throws IllegalStateException when a publish failed
     */
    public synchronized LoadSummary stop() throws InterruptedException {
        if (summary == null) {
            stopping = true;
            for (Thread t : threads) t.join();
            // from the start to the last acknowledged publish, not to this call
            long elapsed = ended.get() - startNanos;
            disconnect();
            summary = new LoadSummary(
                    publishedBatches.get(), publishedReadings.get(), Duration.ofNanos(elapsed), flowWaits.get());
        }
        if (failure.get() != null) throw new IllegalStateException("publishing failed", failure.get());
        return summary;
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private void connect() throws MqttException {
        for (int c = 0; c < config.clients(); c++) {
            var client =
                    new MqttAsyncClient(config.brokerUrl(), config.clientIdPrefix() + "-" + c, new MemoryPersistence());
            clients.add(client);
            var options = new MqttConnectionOptions();
            options.setCleanStart(true);
            options.setSessionExpiryInterval(0L);
            if (NoDelaySockets.applies(config.brokerUrl())) options.setSocketFactory(new NoDelaySockets());
            IMqttToken connected = client.connect(options);
            connected.waitForCompletion(config.connectTimeout().toMillis());
            // Paho refuses more unacknowledged publishes than the broker's Receive Maximum
            Integer receiveMaximum = connected.getResponseProperties() == null
                    ? null
                    : connected.getResponseProperties().getReceiveMaximum();
            int cap = receiveMaximum == null ? 65_535 : receiveMaximum;
            window = c == 0 ? Math.min(config.inFlight(), cap) : Math.min(window, cap);
        }
    }

    /** Unacknowledged publishes per connection: --in-flight, or less when the broker allows fewer. */
    public int inFlight() {
        return window;
    }

    private void launch() {
        startNanos = System.nanoTime();
        nextSlot = startNanos;
        deadline = config.duration() == null
                ? Long.MAX_VALUE
                : startNanos + config.duration().toNanos();
        for (int c = 0; c < clients.size(); c++) {
            var mine = new ArrayList<UplinkWriter>();
            for (int g = c; g < writers.size(); g += clients.size()) mine.add(writers.get(g));
            var client = clients.get(c);
            threads.add(Thread.ofPlatform().name("load-publisher-" + c).daemon().start(() -> publish(client, mine)));
        }
    }

    private void publish(MqttAsyncClient client, List<UplinkWriter> gateways) {
        var inFlight = new Semaphore(window);
        int next = 0;
        try {
            while (!stopping && failure.get() == null && System.nanoTime() < deadline) {
                if (!flow.mayPublish(publishedReadings.get())) {
                    flowWaits.incrementAndGet();
                    Thread.sleep(FLOW_PAUSE);
                    continue;
                }
                if (nanosPerBatch > 0) {
                    long at = slot();
                    if (at >= deadline) {
                        // no slot left: the run still lasts its duration
                        while (!stopping && System.nanoTime() < deadline) {
                            LockSupport.parkNanos(Math.min(deadline - System.nanoTime(), 50_000_000));
                        }
                        break;
                    }
                    LockSupport.parkNanos(at - System.nanoTime());
                }
                inFlight.acquire();
                UplinkWriter gateway = gateways.get(next);
                next = (next + 1) % gateways.size();
                byte[] payload;
                synchronized (gateway) {
                    payload = gateway.next(System.currentTimeMillis());
                }
                var message = new MqttMessage(payload);
                message.setQos(1);
                client.publish(gateway.topic(), message, null, new MqttActionListener() {
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
                publishedReadings.addAndGet(gateway.batchReadings());
                publishedBatches.incrementAndGet();
            }
            // every publish acknowledged by the broker before the client goes
            if (!inFlight.tryAcquire(window, config.connectTimeout().toMillis() + 30_000, TimeUnit.MILLISECONDS)) {
                failure.compareAndSet(null, new IllegalStateException("the broker did not acknowledge every publish"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (MqttException | RuntimeException e) {
            failure.compareAndSet(null, e);
        } finally {
            ended.accumulateAndGet(System.nanoTime(), Math::max);
        }
    }

    /** When the next batch may go at the target rate; shared by all publishers. */
    private synchronized long slot() {
        long now = System.nanoTime();
        if (nextSlot < now - MAX_LAG_NANOS) nextSlot = now - MAX_LAG_NANOS;
        long at = nextSlot;
        nextSlot += nanosPerBatch;
        return at;
    }

    private void disconnect() {
        for (var client : clients) {
            try {
                if (client.isConnected())
                    client.disconnect()
                            .waitForCompletion(config.connectTimeout().toMillis());
            } catch (MqttException e) {
                // closing anyway
            }
            try {
                client.close();
            } catch (MqttException e) {
                // as above
            }
        }
    }
}

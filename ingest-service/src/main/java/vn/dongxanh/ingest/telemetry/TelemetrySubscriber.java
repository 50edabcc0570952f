package vn.dongxanh.ingest.telemetry;

import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttActionListener;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The MQTT side of the intake: one Paho v5 client in the shared subscriptions
 * {@code $share/{group}/dx/v1/coop/+/gw/+/telemetry} and {@code …/events}, plus the plain
 * subscription {@code dx/v1/coop/+/gw/+/state} (retained gateway states), all at QoS 1, with a persistent session
 * (clean start off, session expiry) and automatic reconnect. Messages go to the
 * {@link IntakeQueue} from the client-level callback (per-subscription listeners get nothing on
 * shared subscriptions); acks are manual and sent by the writer after the commit.
 */
@Component
public class TelemetrySubscriber implements SmartLifecycle, MqttCallback, Acknowledger {
    /** Starts after the writer and stops before it, so queued messages are still written. */
    public static final int PHASE = BatchWriter.PHASE + 100;

    private static final Logger log = LoggerFactory.getLogger(TelemetrySubscriber.class);
    private static final int QOS = 1;

    private final MqttProperties props;
    private final WriterProperties writer;
    private final IntakeQueue queue;
    private final Clock clock;
    /** Bumped on every connection loss: packet ids of an older connection must not be acked. */
    private final AtomicLong connection = new AtomicLong();

    private volatile MqttAsyncClient client;
    private volatile ScheduledExecutorService retrier;
    private volatile boolean running;
    private volatile boolean subscribed;

    public TelemetrySubscriber(MqttProperties props, WriterProperties writer, IntakeQueue queue, Clock clock) {
        this.props = props;
        this.writer = writer;
        this.queue = queue;
        this.clock = clock;
    }

    @Override
    public void start() {
        running = true;
        if (!props.enabled()) {
            log.info("MQTT intake disabled (dx.ingest.mqtt.enabled=false)");
            return;
        }
        try {
            client = new MqttAsyncClient(props.url(), props.clientId(), new MemoryPersistence());
        } catch (MqttException e) {
            throw new IllegalStateException("cannot create MQTT client for " + props.url() + ": " + e.getMessage(), e);
        }
        client.setManualAcks(true);
        client.setCallback(this);
        retrier = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("mqtt-connect").daemon().factory());
        connect(props.reconnectDelay());
    }

    /** First connection, retried with backoff; once up, Paho's automatic reconnect takes over. */
    private void connect(Duration delay) {
        if (!running) return;
        Duration next = delay.multipliedBy(2).compareTo(props.maxReconnectDelay()) > 0
                ? props.maxReconnectDelay()
                : delay.multipliedBy(2);
        try {
            client.connect(options(), null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    log.info("connected to {} as {}", props.url(), props.clientId());
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    retry(delay, next, e);
                }
            });
        } catch (MqttException e) {
            retry(delay, next, e);
        }
    }

    private void retry(Duration delay, Duration next, Throwable e) {
        if (!running) return;
        log.warn("cannot connect to MQTT broker {}: {}; retrying in {}", props.url(), e.getMessage(), delay);
        retrier.schedule(() -> connect(next), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private MqttConnectionOptions options() {
        var o = new MqttConnectionOptions();
        o.setCleanStart(false);
        o.setSessionExpiryInterval(props.sessionExpiry().toSeconds());
        o.setAutomaticReconnect(true);
        o.setAutomaticReconnectDelay(seconds(props.reconnectDelay()), seconds(props.maxReconnectDelay()));
        o.setKeepAliveInterval(seconds(props.keepAlive()));
        o.setConnectionTimeout(seconds(props.connectTimeout()));
        o.setReceiveMaximum(writer.receiveMaximum());
        return MqttLogin.apply(props, o);
    }

    private static int seconds(Duration d) {
        return (int) Math.max(1, d.toSeconds());
    }

    @Override
    public void connectComplete(boolean reconnect, String serverUri) {
        if (reconnect) log.info("reconnected to {}", serverUri);
        // Always (re)subscribe: the broker may have dropped an expired session.
        List<String> filters = props.subscriptions();
        int[] qos = new int[filters.size()];
        Arrays.fill(qos, QOS);
        try {
            client.subscribe(filters.toArray(String[]::new), qos, null, new MqttActionListener() {
                @Override
                public void onSuccess(IMqttToken token) {
                    int[] codes = token.getReasonCodes();
                    boolean refused = false;
                    for (int i = 0; codes != null && i < codes.length && i < filters.size(); i++) {
                        if (codes[i] >= 0x80) {
                            refused = true;
                            log.error(
                                    "broker refused subscription {} (reason code 0x{})",
                                    filters.get(i),
                                    Integer.toHexString(codes[i]));
                        }
                    }
                    if (refused) return;
                    subscribed = true;
                    log.info("subscribed to {}", filters);
                }

                @Override
                public void onFailure(IMqttToken token, Throwable e) {
                    log.error("subscription {} failed: {}", filters, e.getMessage());
                }
            });
        } catch (MqttException e) {
            log.error("subscription {} failed: {}", filters, e.getMessage());
        }
    }

    @Override
    public void messageArrived(String topic, MqttMessage message) throws InterruptedException {
        // Blocks while the queue is full: back-pressure to the broker instead of memory growth.
        queue.put(new InboundMessage(
                topic,
                message.getPayload(),
                message.getId(),
                message.getQos(),
                connection.get(),
                clock.instant(),
                System.nanoTime()));
    }

    @Override
    public void ack(InboundMessage m) {
        if (m.qos() == 0) return;
        MqttAsyncClient c = client;
        if (c == null || m.connection() != connection.get() || !c.isConnected()) {
            log.debug("not acking message {} of a closed connection; the broker redelivers it", m.messageId());
            return;
        }
        try {
            c.messageArrivedComplete(m.messageId(), m.qos());
        } catch (MqttException e) {
            log.debug("ack of message {} failed: {}", m.messageId(), e.getMessage());
        }
    }

    @Override
    public void disconnected(MqttDisconnectResponse response) {
        connection.incrementAndGet();
        subscribed = false;
        if (running) {
            log.warn(
                    "lost connection to {}: {}; reconnecting",
                    props.url(),
                    response.getException() != null ? response.getException().getMessage() : response);
        }
    }

    @Override
    public void mqttErrorOccurred(MqttException exception) {
        log.warn("MQTT error: {}", exception.getMessage());
    }

    @Override
    public void deliveryComplete(IMqttToken token) {
        // we never publish
    }

    @Override
    public void authPacketArrived(int reasonCode, org.eclipse.paho.mqttv5.common.packet.MqttProperties properties) {
        // no enhanced authentication
    }

    @Override
    public void stop() {
        running = false;
        subscribed = false;
        ScheduledExecutorService r = retrier;
        if (r != null) r.shutdownNow();
        MqttAsyncClient c = client;
        if (c != null) {
            try {
                if (c.isConnected())
                    c.disconnect(0).waitForCompletion(props.connectTimeout().toMillis());
            } catch (MqttException e) {
                log.debug("disconnect: {}", e.getMessage());
            }
            connection.incrementAndGet();
            try {
                c.close(true);
            } catch (MqttException e) {
                log.debug("close: {}", e.getMessage());
            }
            client = null;
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /** True while connected and subscribed. */
    public boolean subscribed() {
        MqttAsyncClient c = client;
        return subscribed && c != null && c.isConnected();
    }

    public boolean enabled() {
        return props.enabled();
    }

    public String url() {
        return props.url();
    }

    public List<String> subscriptions() {
        return props.subscriptions();
    }
}

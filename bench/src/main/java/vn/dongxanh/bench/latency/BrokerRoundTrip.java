package vn.dongxanh.bench.latency;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import vn.dongxanh.bench.mqtt.Mqtt;

/**
 * The broker's share of control latency, measured with the same payload and pacing as the
 * agent's run: a message from publisher to subscriber (one hop), and a message relayed by a
 * trivial client that republishes what it receives (two hops: the path of a reading in and a
 * command out, with no decision in between).
 */
final class BrokerRoundTrip {
    private BrokerRoundTrip() {}

    /** One hop: publish on a topic, receive on another connection. */
    static List<Long> oneHop(String url, String run, byte[] payload, int samples, Duration gap) throws Exception {
        String topic = "bench/rt/" + run + "/one";
        var arrivals = new LinkedBlockingQueue<Long>();
        var sub = Mqtt.connect(url, "bench-rt-sub-" + run, (t, m) -> arrivals.add(System.nanoTime()));
        var pub = Mqtt.connect(url, "bench-rt-pub-" + run, (t, m) -> {});
        try {
            sub.subscribe(topic, 1);
            return measure(samples, gap, arrivals, () -> Mqtt.publish(pub, topic, payload, false));
        } finally {
            Mqtt.closeQuietly(pub);
            Mqtt.closeQuietly(sub);
        }
    }

    /**
     * Two hops: a relay client receives on one topic and republishes on another at once.
     *
     * @param tcpNoDelay the relay's socket has Nagle's algorithm off; with it on (Paho's default),
     *     the relay's republish waits behind its own PUBACK until the broker's delayed ACK
     */
    static List<Long> twoHops(String url, String run, byte[] payload, int samples, Duration gap, boolean tcpNoDelay)
            throws Exception {
        String in = "bench/rt/" + run + "/in";
        String out = "bench/rt/" + run + "/out";
        var relay = new MqttAsyncClient(url, "bench-rt-relay-" + run, new MemoryPersistence());
        relay.setCallback(Mqtt.callback((t, m) -> {
            try {
                relay.publish(out, m.getPayload(), 1, false); // asynchronous: fine on the callback thread
            } catch (MqttException e) {
                throw new IllegalStateException(e);
            }
        }));
        var options = new MqttConnectionOptions();
        options.setCleanStart(true);
        if (tcpNoDelay) options.setSocketFactory(Mqtt.noDelaySockets());
        relay.connect(options).waitForCompletion(10_000);
        relay.subscribe(in, 1).waitForCompletion(10_000);
        var arrivals = new LinkedBlockingQueue<Long>();
        var sink = Mqtt.connect(url, "bench-rt-sink-" + run, (t, m) -> arrivals.add(System.nanoTime()));
        var source = Mqtt.connect(url, "bench-rt-source-" + run, (t, m) -> {});
        try {
            sink.subscribe(out, 1);
            return measure(samples, gap, arrivals, () -> Mqtt.publish(source, in, payload, false));
        } finally {
            Mqtt.closeQuietly(source);
            Mqtt.closeQuietly(sink);
            relay.disconnect().waitForCompletion(2_000);
            relay.close();
        }
    }

    private interface Send {
        void send() throws MqttException;
    }

    private static List<Long> measure(int samples, Duration gap, BlockingQueue<Long> arrivals, Send send)
            throws Exception {
        var out = new ArrayList<Long>(samples);
        for (int i = 0; i < samples; i++) {
            long t0 = System.nanoTime();
            send.send();
            Long at = arrivals.poll(5, TimeUnit.SECONDS);
            if (at == null) throw new IllegalStateException("round trip " + i + " never arrived");
            out.add(at - t0);
            Thread.sleep(gap.toMillis());
        }
        return out;
    }
}

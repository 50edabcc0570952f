package vn.dongxanh.bench.outbox;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import vn.dongxanh.contract.telemetry.Reading;
import vn.dongxanh.edge.outbox.Outbox;
import vn.dongxanh.edge.outbox.OutboxWriter;

/**
 * Readings through the agent's own write path: device-sized messages handed to
 * {@link OutboxWriter#accept} by several producer threads (as the MQTT and CoAP adapters do),
 * timed until the last {@code onDurable} callback ran — the moment the last device could be
 * acknowledged.
 */
final class PersistRun {
    /** The queue EdgeAgent gives its writer. */
    static final int QUEUE_CAPACITY = 10_000;

    private PersistRun() {}

    record Result(long readings, long messages, double seconds, long stored) {
        double perSecond() {
            return readings / seconds;
        }
    }

    static Result run(Outbox outbox, List<List<Reading>> messages, int producers) throws Exception {
        long readings = messages.stream().mapToLong(List::size).sum();
        long before = outbox.backlog().readings();
        var durable = new CountDownLatch(messages.size());
        var ready = new CountDownLatch(producers);
        var go = new CountDownLatch(1);
        var threads = new ArrayList<Thread>();
        long t0;
        try (var writer = new OutboxWriter(outbox, QUEUE_CAPACITY)) {
            for (int p = 0; p < producers; p++) {
                List<List<Reading>> share = every(messages, p, producers);
                threads.add(Thread.ofPlatform().name("producer-" + p).start(() -> {
                    ready.countDown();
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (List<Reading> m : share) writer.accept(m, durable::countDown);
                }));
            }
            ready.await();
            t0 = System.nanoTime();
            go.countDown();
            if (!durable.await(10, TimeUnit.MINUTES)) {
                throw new IllegalStateException(durable.getCount() + " messages never became durable");
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            for (Thread t : threads) t.join();
            long stored = outbox.backlog().readings() - before;
            return new Result(readings, messages.size(), seconds, stored);
        }
    }

    private static <T> List<T> every(List<T> all, int offset, int step) {
        var out = new ArrayList<T>(all.size() / step + 1);
        for (int i = offset; i < all.size(); i += step) out.add(all.get(i));
        return out;
    }
}

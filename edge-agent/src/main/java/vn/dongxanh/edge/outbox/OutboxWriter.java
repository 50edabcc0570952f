package vn.dongxanh.edge.outbox;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dongxanh.contract.telemetry.Reading;
import vn.dongxanh.edge.ReadingSink;

/**
 * Makes readings durable with group commit: one thread drains whatever arrived since the last
 * commit and writes it in one transaction, so the cost of a sync is shared by many readings.
 * The queue is bounded: when the disk cannot keep up, adapters block, and devices are not
 * acknowledged — nothing is taken in that is not kept.
 */
public final class OutboxWriter implements ReadingSink, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OutboxWriter.class);
    private static final int MAX_READINGS_PER_COMMIT = 10_000;

    private record Pending(List<Reading> readings, Runnable onDurable) {}

    private final Outbox outbox;
    private final BlockingQueue<Pending> queue;
    private final Thread thread;
    private volatile boolean running = true;

    public OutboxWriter(Outbox outbox, int queueCapacity) {
        this.outbox = outbox;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.thread = Thread.ofPlatform().name("outbox-writer").daemon(false).start(this::run);
    }

    @Override
    public void accept(List<Reading> readings, Runnable onDurable) {
        try {
            queue.put(new Pending(readings, onDurable));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        var drained = new ArrayList<Pending>();
        var readings = new ArrayList<Reading>();
        while (running || !queue.isEmpty()) {
            try {
                Pending first = queue.poll(200, TimeUnit.MILLISECONDS);
                if (first == null) continue;
                drained.add(first);
                readings.addAll(first.readings());
                Pending next;
                while (readings.size() < MAX_READINGS_PER_COMMIT && (next = queue.poll()) != null) {
                    drained.add(next);
                    readings.addAll(next.readings());
                }
                writeUntilStored(readings);
                for (Pending p : drained) p.onDurable().run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } finally {
                drained.clear();
                readings.clear();
            }
        }
    }

    private void writeUntilStored(List<Reading> readings) throws InterruptedException {
        long delay = 100;
        while (true) {
            try {
                outbox.append(readings);
                return;
            } catch (SQLException e) {
                // Disk full or locked: keep the readings in memory (the queue above is bounded, so
                // devices are held back) and try again rather than drop them.
                log.error(
                        "outbox write of {} readings failed, retrying in {} ms: {}",
                        readings.size(),
                        delay,
                        e.getMessage());
                Thread.sleep(delay);
                delay = Math.min(delay * 2, 10_000);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(10_000);
    }
}

package vn.dongxanh.ingest.telemetry;

import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * The bounded hand-off between the MQTT callback and the writer. Messages are decoded on the way
 * in, on the callback's thread, so decoding overlaps the writer's database work instead of adding
 * to it. A full queue blocks the callback, which stops the client reading from the broker: memory
 * stays bounded and the broker holds the rest.
 */
@Component
public class IntakeQueue {
    private final BlockingQueue<Decoded> queue;
    private final MessageDecoder decoder;

    public IntakeQueue(WriterProperties props, MessageDecoder decoder) {
        this.queue = new ArrayBlockingQueue<>(props.queueCapacity());
        this.decoder = decoder;
    }

    /** Decodes a message and adds it, waiting while the queue is full. */
    public void put(InboundMessage message) throws InterruptedException {
        queue.put(decoder.decode(message));
    }

    Decoded poll(Duration timeout) throws InterruptedException {
        return queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    int drainTo(Collection<Decoded> into, int max) {
        return queue.drainTo(into, max);
    }

    public int size() {
        return queue.size();
    }

    public boolean isEmpty() {
        return queue.isEmpty();
    }
}

package vn.dongxanh.ingest.dashboard;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.springframework.http.MediaType;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import vn.dongxanh.contract.dashboard.DashboardEvent;

/**
 * One browser's stream: a bounded queue filled by the change listener and drained by a thread of
 * its own that writes to the connection. A slow connection blocks only that thread; when its queue
 * is full the stream is closed (the browser reconnects and starts again from the overview) rather
 * than let it hold up intake or the other streams.
 */
final class Stream {
    final String cooperative;
    final SseEmitter emitter;
    private final BlockingQueue<DashboardEvent> queue;
    private final Duration heartbeat;
    private final Consumer<Stream> onClose;
    private volatile boolean closed;
    private volatile Thread sender;

    Stream(String cooperative, SseEmitter emitter, int capacity, Duration heartbeat, Consumer<Stream> onClose) {
        this.cooperative = cooperative;
        this.emitter = emitter;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.heartbeat = heartbeat;
        this.onClose = onClose;
    }

    /** Queues an event; false (and the stream closed) when it has fallen too far behind. */
    boolean offer(DashboardEvent event) {
        if (closed) return false;
        if (queue.offer(event)) return true;
        close(true);
        return false;
    }

    /**
     * Sends {@code snapshot} (however long: it is the overview, read once), then until closed the
     * queued events as they come and a heartbeat comment when there are none.
     */
    void start(List<DashboardEvent> snapshot) {
        sender = Thread.ofVirtual().name("dashboard-stream-" + cooperative).start(() -> run(List.copyOf(snapshot)));
    }

    private void run(List<DashboardEvent> snapshot) {
        try {
            for (DashboardEvent e : snapshot) send(e);
            while (!closed) {
                DashboardEvent e = queue.poll(heartbeat.toMillis(), TimeUnit.MILLISECONDS);
                if (closed) break;
                if (e == null) {
                    emitter.send(SseEmitter.event().comment("heartbeat"));
                } else {
                    send(e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | IllegalStateException e) {
            // the browser went away (or the emitter completed): nothing to tell it
        } finally {
            close(false);
        }
    }

    private void send(DashboardEvent e) throws IOException {
        emitter.send(SseEmitter.event().name(DashboardEvent.name(e)).data(e, MediaType.APPLICATION_JSON));
    }

    /** Idempotent; {@code fromIntake}: closed by the listener because the queue was full. */
    void close(boolean fromIntake) {
        if (closed) return;
        closed = true;
        onClose.accept(this);
        Thread t = sender;
        if (t != null && fromIntake) t.interrupt();
        try {
            emitter.complete();
        } catch (RuntimeException ignored) {
            // already completed by the container
        }
    }

    boolean closed() {
        return closed;
    }
}

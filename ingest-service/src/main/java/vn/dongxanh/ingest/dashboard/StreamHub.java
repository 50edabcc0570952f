package vn.dongxanh.ingest.dashboard;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import vn.dongxanh.contract.dashboard.DashboardEvent;
import vn.dongxanh.ingest.api.ApiException;

/** The open streams of this instance, by cooperative; fans each change out to its cooperative's. */
@Component
class StreamHub {
    private final ConcurrentHashMap<String, Set<Stream>> byCooperative = new ConcurrentHashMap<>();
    private final AtomicInteger open = new AtomicInteger();
    private final DashboardProperties props;
    private final Counter dropped;

    StreamHub(DashboardProperties props, MeterRegistry meters) {
        this.props = props;
        Gauge.builder("dx.ingest.dashboard.streams", open, AtomicInteger::get)
                .description("open dashboard streams on this instance")
                .register(meters);
        this.dropped = Counter.builder("dx.ingest.dashboard.streams.dropped")
                .description("streams closed because they fell a whole buffer behind")
                .register(meters);
    }

    /**
     * Opens a stream of {@code cooperative}, registered before anything is read for it so that no
     * change between its snapshot and its first notice is lost.
     */
    Stream open(String cooperative) {
        if (open.incrementAndGet() > props.maxStreams()) {
            open.decrementAndGet();
            throw ApiException.unavailable("this instance has " + props.maxStreams()
                    + " dashboard streams open (dx.ingest.dashboard.max-streams); try again shortly");
        }
        var emitter = new SseEmitter(props.streamTimeout().toMillis());
        var stream = new Stream(cooperative, emitter, props.subscriberBuffer(), props.heartbeat(), this::closed);
        emitter.onCompletion(() -> stream.close(false));
        emitter.onTimeout(() -> stream.close(false));
        emitter.onError(e -> stream.close(false));
        byCooperative
                .computeIfAbsent(cooperative, c -> ConcurrentHashMap.newKeySet())
                .add(stream);
        return stream;
    }

    /** Queues {@code events} on every stream of {@code cooperative}. */
    void publish(String cooperative, List<? extends DashboardEvent> events) {
        Set<Stream> streams = byCooperative.get(cooperative);
        if (streams == null) return;
        for (Stream s : streams) {
            for (DashboardEvent e : events) {
                if (!s.offer(e)) {
                    dropped.increment();
                    break;
                }
            }
        }
    }

    /** Cooperatives with at least one open stream here: notices of others are not worth reading for. */
    boolean watched(String cooperative) {
        Set<Stream> s = byCooperative.get(cooperative);
        return s != null && !s.isEmpty();
    }

    private void closed(Stream stream) {
        Set<Stream> streams = byCooperative.get(stream.cooperative);
        if (streams != null && streams.remove(stream)) open.decrementAndGet();
    }
}

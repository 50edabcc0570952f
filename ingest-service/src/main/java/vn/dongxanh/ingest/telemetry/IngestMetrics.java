package vn.dongxanh.ingest.telemetry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The intake's meters, as Prometheus names them: {@code dx_ingest_messages_total{outcome}} (telemetry
 * batches), {@code dx_ingest_events_total{outcome}}, {@code dx_ingest_gateway_states_total{outcome}},
 * {@code dx_ingest_readings_stored_total}, {@code dx_ingest_rejected_total{reason}},
 * {@code dx_ingest_batch_latency_seconds{from="arrival"|"sent"}}, {@code dx_ingest_queue_depth} and
 * {@code dx_ingest_storage_retries_total}.
 */
@Component
public class IngestMetrics {
    static final String MESSAGES = "dx.ingest.messages";
    static final String EVENTS = "dx.ingest.events";
    static final String STATES = "dx.ingest.gateway.states";
    static final String READINGS = "dx.ingest.readings.stored";
    static final String REJECTED = "dx.ingest.rejected";
    static final String LATENCY = "dx.ingest.batch.latency";
    /** Exact bucket bounds beside Micrometer's own (which fall at 1.79 s and 2.15 s): "within 2 s" is answerable. */
    private static final Duration[] LATENCY_BOUNDS = {
        Duration.ofMillis(250),
        Duration.ofMillis(500),
        Duration.ofSeconds(1),
        Duration.ofMillis(1500),
        Duration.ofSeconds(2),
        Duration.ofSeconds(5)
    };

    private final MeterRegistry registry;
    private final Map<Outcome, Counter> messages = new EnumMap<>(Outcome.class);
    private final Map<Outcome, Counter> events = new EnumMap<>(Outcome.class);
    private final Map<Outcome, Counter> states = new EnumMap<>(Outcome.class);
    private final Counter readings;
    private final Timer sinceArrival;
    private final Timer sinceSent;
    private final Counter retries;

    public IngestMetrics(MeterRegistry registry, IntakeQueue queue) {
        this.registry = registry;
        for (Outcome o : List.of(Outcome.STORED, Outcome.DUPLICATE, Outcome.REJECTED)) {
            messages.put(
                    o,
                    Counter.builder(MESSAGES)
                            .description("Telemetry messages taken from MQTT, by what became of them")
                            .tag("outcome", o.tag())
                            .register(registry));
            events.put(
                    o,
                    Counter.builder(EVENTS)
                            .description("Irrigation event messages taken from MQTT, by what became of them")
                            .tag("outcome", o.tag())
                            .register(registry));
        }
        for (Outcome o : List.of(Outcome.STORED, Outcome.IGNORED, Outcome.REJECTED)) {
            states.put(
                    o,
                    Counter.builder(STATES)
                            .description("Gateway state messages taken from MQTT, by what became of them")
                            .tag("outcome", o.tag())
                            .register(registry));
        }
        readings = Counter.builder(READINGS)
                .description("Readings written to the reading table")
                .register(registry);
        sinceArrival = Timer.builder(LATENCY)
                .description("Time from a message's arrival (from=arrival) or its batch's sentAt (from=sent,"
                        + " stored batches only) to the commit of its transaction")
                .tag("from", "arrival")
                .publishPercentileHistogram()
                .serviceLevelObjectives(LATENCY_BOUNDS)
                .register(registry);
        sinceSent = Timer.builder(LATENCY)
                .description("Time from a message's arrival (from=arrival) or its batch's sentAt (from=sent,"
                        + " stored batches only) to the commit of its transaction")
                .tag("from", "sent")
                .publishPercentileHistogram()
                .serviceLevelObjectives(LATENCY_BOUNDS)
                .register(registry);
        retries = Counter.builder("dx.ingest.storage.retries")
                .description("Write attempts that failed for a reason other than the data (database away, read-only,"
                        + " refusing us) and were retried")
                .register(registry);
        Gauge.builder("dx.ingest.queue.depth", queue, IntakeQueue::size)
                .description("Messages received and not yet written")
                .register(registry);
    }

    void message(Channel channel, Outcome outcome) {
        Map<Outcome, Counter> counters = switch (channel) {
            case TELEMETRY -> messages;
            case EVENTS -> events;
            case STATE -> states;
        };
        Counter c = counters.get(outcome);
        if (c != null) c.increment();
    }

    void readingsStored(int n) {
        readings.increment(n);
    }

    void storageRetry() {
        retries.increment();
    }

    void rejected(String reason) {
        Counter.builder(REJECTED)
                .description("Rejected telemetry messages, by reason")
                .tag("reason", reason)
                .register(registry)
                .increment();
    }

    /** Records the latency of a committed message. */
    void committed(InboundMessage m, long commitNanos) {
        sinceArrival.record(Duration.ofNanos(Math.max(0, commitNanos - m.arrivedNanos())));
    }

    /** Records publish-to-commit of a stored batch; a gateway clock ahead of ours counts as zero. */
    void sentToCommit(Instant sentAt, Instant committedAt) {
        Duration d = Duration.between(sentAt, committedAt);
        sinceSent.record(d.isNegative() ? Duration.ZERO : d);
    }
}

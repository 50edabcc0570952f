package vn.dongxanh.ingest.telemetry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;
import vn.dongxanh.ingest.gateway.GatewayMetrics;
import vn.dongxanh.ingest.gateway.SequenceObservation;
import vn.dongxanh.ingest.schema.PartitionMaintainer;

/**
 * The single writer thread: takes up to {@code max-batch-messages} queued (already decoded) messages,
 * commits them in one transaction and only then acks them to the broker, in arrival order.
 * At-least-once: a crash before the ack means redelivery, which the ledger turns into a
 * duplicate. While the database is away (or read-only, or refusing us) it retries with backoff;
 * the queue fills and the broker stops sending. A batch whose data the database refuses is split
 * to find the culprit, which is dead-lettered whole; the others are stored.
 */
@Component
public class BatchWriter implements SmartLifecycle {
    /** After the partition maintainer, before the MQTT subscriber (which stops first). */
    public static final int PHASE = PartitionMaintainer.PHASE + 100;

    private static final Logger log = LoggerFactory.getLogger(BatchWriter.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final IntakeQueue queue;
    private final ReadingStore store;
    private final Acknowledger acker;
    private final IngestMetrics metrics;
    private final GatewayMetrics gatewayMetrics;
    private final WriterProperties props;
    private final Clock clock;
    private volatile boolean running;
    private volatile Thread thread;

    public BatchWriter(
            IntakeQueue queue,
            ReadingStore store,
            Acknowledger acker,
            IngestMetrics metrics,
            GatewayMetrics gatewayMetrics,
            WriterProperties props,
            Clock clock) {
        this.queue = queue;
        this.store = store;
        this.acker = acker;
        this.metrics = metrics;
        this.gatewayMetrics = gatewayMetrics;
        this.props = props;
        this.clock = clock;
    }

    @Override
    public void start() {
        running = true;
        thread = Thread.ofPlatform().name("ingest-writer").start(this::loop);
    }

    @Override
    public void stop() {
        running = false; // the loop still drains what is queued
        Thread t = thread;
        if (t == null) return;
        try {
            t.join(props.shutdownTimeout());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) {
            log.warn(
                    "writer still busy after {}; {} queued message(s) stay unacked",
                    props.shutdownTimeout(),
                    queue.size());
            t.interrupt();
        }
        thread = null;
    }

    @Override
    public boolean isRunning() {
        return thread != null;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    private void loop() {
        var batch = new ArrayList<Decoded>(props.maxBatchMessages());
        while (running || !queue.isEmpty()) {
            try {
                Decoded first = queue.poll(POLL);
                if (first == null) continue;
                batch.add(first);
                queue.drainTo(batch, props.maxBatchMessages() - 1);
                write(batch);
            } catch (InterruptedException e) {
                break;
            } catch (RuntimeException e) {
                // a bug, not bad data: leave the batch unacked (redelivered later) and carry on
                log.error("writer failed on {} message(s); they stay unacked", batch.size(), e);
            } finally {
                batch.clear();
            }
        }
    }

    private void write(List<Decoded> items) throws InterruptedException {
        for (Decoded d : items) if (d instanceof Decoded.Rejected r) warn(r);
        commit(new ArrayList<>(items));
    }

    /** Stores the items, then counts and acks them; false when it gave up because we are stopping. */
    private boolean commit(List<Decoded> items) throws InterruptedException {
        Duration wait = props.retryBackoff();
        while (true) {
            ReadingStore.Result result;
            try {
                result = store.store(items);
            } catch (RuntimeException e) {
                if (!StorageFailures.isPoison(e)) {
                    // the database or the way to it, not this data: wait it out
                    if (!running) {
                        log.warn("cannot write while stopping; {} message(s) stay unacked", items.size());
                        return false;
                    }
                    metrics.storageRetry();
                    log.warn(
                            "cannot write to the database ({}); retrying {} message(s) in {}",
                            StorageFailures.rootMessage(e),
                            items.size(),
                            wait);
                    Thread.sleep(wait);
                    wait = wait.multipliedBy(2).compareTo(props.maxRetryBackoff()) > 0
                            ? props.maxRetryBackoff()
                            : wait.multipliedBy(2);
                    continue;
                }
                if (items.size() > 1) {
                    log.warn(
                            "a batch of {} messages holds data the database refuses ({}); writing them one by one",
                            items.size(),
                            StorageFailures.rootMessage(e));
                    for (Decoded item : items) {
                        if (!commit(List.of(item))) return false;
                    }
                    return true;
                }
                if (items.getFirst() instanceof Decoded.Rejected r) {
                    // not even the dead letter fits: drop it rather than stall the intake for good
                    log.error(
                            "could not dead-letter the message on {} ({}); dropping it: {}",
                            r.message().topic(),
                            r.reason(),
                            StorageFailures.rootMessage(e));
                    account(items, new ReadingStore.Result(List.of(Outcome.REJECTED), 0));
                    return true;
                }
                var failed = new Decoded.Rejected(
                        items.getFirst().message(),
                        Decoded.Rejected.STORAGE_ERROR,
                        MessageDecoder.oneLine(StorageFailures.rootMessage(e)));
                warn(failed);
                items = List.of(failed);
                continue;
            }
            account(items, result);
            return true;
        }
    }

    private void account(List<Decoded> items, ReadingStore.Result result) {
        long nanos = System.nanoTime();
        Instant committedAt = clock.instant();
        for (int i = 0; i < items.size(); i++) {
            Decoded item = items.get(i);
            Outcome outcome = result.outcomes().get(i);
            metrics.message(Channel.of(item.message().topic()), outcome);
            metrics.committed(item.message(), nanos);
            switch (outcome) {
                case STORED -> {
                    if (item instanceof Decoded.Accepted a)
                        metrics.sentToCommit(a.batch().sentAt(), committedAt);
                }
                case DUPLICATE -> {
                    if (item instanceof Decoded.Accepted a && log.isDebugEnabled()) {
                        log.debug(
                                "duplicate batch {}/{} seq {} ignored",
                                a.batch().cooperativeId(),
                                a.batch().gatewayId(),
                                a.batch().sequence());
                    }
                }
                case REJECTED -> {
                    if (item instanceof Decoded.Rejected r) metrics.rejected(r.reason());
                }
                case IGNORED -> {}
            }
            acker.ack(item.message());
        }
        metrics.readingsStored(result.readingsStored());
        result.sequences().forEach(BatchWriter::logSequence);
        result.sequences().forEach(gatewayMetrics::observed);
        result.states().forEach(gatewayMetrics::update);
    }

    private static void logSequence(SequenceObservation o) {
        switch (o) {
            case SequenceObservation.Gap g ->
                log.warn(
                        "gateway {}: batches {}..{} missing ({} batch(es))",
                        g.gatewayId(),
                        g.from(),
                        g.to(),
                        g.missing());
            case SequenceObservation.Reset r ->
                log.info(
                        "gateway {}: sequence jumped from {} to {}: a new outbox (sequence reset), not a gap",
                        r.gatewayId(),
                        r.previous(),
                        r.seq());
            case SequenceObservation.Filled f ->
                log.info(
                        "gateway {}: missing batch {} arrived{}",
                        f.gatewayId(),
                        f.seq(),
                        f.closed() ? "; gap closed" : "");
            default -> {}
        }
    }

    private static void warn(Decoded.Rejected r) {
        log.warn(
                "rejected message on topic '{}': {}: {}",
                MessageDecoder.oneLine(r.message().topic()),
                r.reason(),
                r.detail());
    }
}

package vn.dongxanh.ingest.gateway;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.stereotype.Component;

/**
 * Per-gateway gauges from the retained state reports, and the sequence-gap counters:
 * {@code dx_gateway_online{gateway}}, {@code dx_gateway_backlog_readings{gateway}},
 * {@code dx_gateway_backlog_batches{gateway}}, {@code dx_gateway_backlog_oldest_seconds{gateway}},
 * {@code dx_ingest_sequence_gaps_total{kind="gap"|"reset"}}, {@code dx_ingest_sequence_missing_total},
 * {@code dx_ingest_sequence_recovered_total}. Every instance subscribes to every gateway's state,
 * so each one exports every gateway's gauges.
 */
@Component
public class GatewayMetrics implements SmartInitializingSingleton {
    private final MeterRegistry registry;
    private final GatewayStore store;
    private final Clock clock;
    private final Map<String, GatewayFigures> figures = new ConcurrentHashMap<>();
    private final Counter gaps;
    private final Counter resets;
    private final Counter missing;
    private final Counter recovered;

    public GatewayMetrics(MeterRegistry registry, GatewayStore store, Clock clock) {
        this.registry = registry;
        this.store = store;
        this.clock = clock;
        gaps = gapCounter("gap");
        resets = gapCounter("reset");
        missing = Counter.builder("dx.ingest.sequence.missing")
                .description("Uplink batches found missing when a gap was detected")
                .register(registry);
        recovered = Counter.builder("dx.ingest.sequence.recovered")
                .description("Missing uplink batches that arrived later")
                .register(registry);
    }

    private Counter gapCounter(String kind) {
        return Counter.builder("dx.ingest.sequence.gaps")
                .description("Jumps in a gateway's uplink sequence: gaps, and resets (a new outbox)")
                .tag("kind", kind)
                .register(registry);
    }

    /** Gauges for the gateways known at start, before the first state message arrives. */
    @Override
    public void afterSingletonsInstantiated() {
        store.allFigures().forEach(this::update);
    }

    /** Shows a committed state report. */
    public void update(GatewayFigures f) {
        if (figures.put(f.gatewayId(), f) == null) register(f.gatewayId());
    }

    /** Counts what a committed batch revealed about its sequence. */
    public void observed(SequenceObservation o) {
        switch (o) {
            case SequenceObservation.Gap g -> {
                gaps.increment();
                missing.increment(g.missing());
            }
            case SequenceObservation.Reset r -> resets.increment();
            case SequenceObservation.Filled f -> recovered.increment();
            case SequenceObservation.First f -> {}
            case SequenceObservation.InOrder n -> {}
            case SequenceObservation.Late l -> {}
        }
    }

    private void register(String gateway) {
        gauge(
                gateway,
                "dx.gateway.online",
                null,
                "1 while the gateway's retained state says online",
                f -> f.online() == null ? Double.NaN : f.online() ? 1 : 0);
        gauge(
                gateway,
                "dx.gateway.backlog.readings",
                null,
                "Readings waiting in the gateway's outbox (last report)",
                f -> value(f.backlogReadings()));
        gauge(
                gateway,
                "dx.gateway.backlog.batches",
                null,
                "Sealed batches waiting in the gateway's outbox",
                f -> value(f.backlogBatches()));
        gauge(
                gateway,
                "dx.gateway.backlog.oldest",
                "seconds",
                "Age of the oldest unsent reading: the reported age plus the time since that report while a backlog"
                        + " was reported",
                this::oldestSeconds);
    }

    private void gauge(
            String gateway, String name, String unit, String description, ToDoubleFunction<GatewayFigures> fn) {
        Gauge.builder(name, this, m -> {
                    GatewayFigures f = m.figures.get(gateway);
                    return f == null ? Double.NaN : fn.applyAsDouble(f);
                })
                .description(description)
                .baseUnit(unit)
                .tag("gateway", gateway)
                .register(registry);
    }

    /** The reported age grows with time: a backlog does not shrink until a later report says so. */
    private double oldestSeconds(GatewayFigures f) {
        if (f.backlogOldestS() == null) return Double.NaN;
        if (f.backlogOldestS() == 0 || f.stateReceivedAt() == null) return f.backlogOldestS();
        Duration since = Duration.between(f.stateReceivedAt(), clock.instant());
        return f.backlogOldestS() + Math.max(0, since.toSeconds());
    }

    private static double value(Long v) {
        return v == null ? Double.NaN : v;
    }
}

package vn.dongxanh.trace.anchor;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Gauges read from the database on each scrape: records waiting for a root
 * ({@code dx_trace_records_pending}) and ledger calls by state ({@code dx_trace_ledger_tx{state}}),
 * so a stuck chain or a failed call shows on a dashboard.
 */
@Component
public class AnchoringMetrics implements MeterBinder {
    private static final List<String> STATES = List.of("QUEUED", "SENT", "MINED", "CONFIRMED", "REVERTED", "FAILED");

    private final JdbcClient jdbc;

    public AnchoringMetrics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder("dx.trace.records.pending", () -> count("select count(*) from record where anchor_id is null"))
                .description("records not yet under an anchored root")
                .register(registry);
        for (String state : STATES) {
            Gauge.builder(
                            "dx.trace.ledger.tx",
                            () -> count("select count(*) from ledger_tx where state = '" + state + "'"))
                    .description("ledger calls by state")
                    .tag("state", state)
                    .register(registry);
        }
    }

    private double count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}

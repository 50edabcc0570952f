package vn.dongxanh.ingest.schema;

import java.util.HashMap;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.stereotype.Component;
import vn.dongxanh.ingest.rollup.RollupProperties;

/**
 * Hands configuration to the migrations: the partition interval (the TimescaleDB chunk size), the
 * rollup zone (daily continuous aggregate) and the TimescaleDB refresh policy.
 */
@Component
class FlywayPlaceholders implements FlywayConfigurationCustomizer {
    private final PartitionProperties partitions;
    private final RollupProperties rollup;

    FlywayPlaceholders(PartitionProperties partitions, RollupProperties rollup) {
        this.partitions = partitions;
        this.rollup = rollup;
    }

    @Override
    public void customize(org.flywaydb.core.api.configuration.FluentConfiguration configuration) {
        var placeholders = new HashMap<>(configuration.getPlaceholders());
        placeholders.put("chunk_interval", partitions.interval().toSeconds() + " seconds");
        placeholders.put("rollup_zone", rollup.zone().getId());
        placeholders.put(
                "timescale_refresh_window", rollup.timescaleRefreshWindow().toSeconds() + " seconds");
        placeholders.put(
                "timescale_refresh_every", rollup.timescaleRefreshEvery().toSeconds() + " seconds");
        configuration.placeholders(placeholders);
    }
}

package vn.dongxanh.ingest.schema;

import java.util.HashMap;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.stereotype.Component;

/** Hands the partition interval to the migration, which uses it as the TimescaleDB chunk size. */
@Component
class FlywayPlaceholders implements FlywayConfigurationCustomizer {
    private final PartitionProperties partitions;

    FlywayPlaceholders(PartitionProperties partitions) {
        this.partitions = partitions;
    }

    @Override
    public void customize(org.flywaydb.core.api.configuration.FluentConfiguration configuration) {
        var placeholders = new HashMap<>(configuration.getPlaceholders());
        placeholders.put("chunk_interval", partitions.interval().toSeconds() + " seconds");
        configuration.placeholders(placeholders);
    }
}

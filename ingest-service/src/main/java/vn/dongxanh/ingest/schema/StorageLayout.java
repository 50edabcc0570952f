package vn.dongxanh.ingest.schema;

/** How the {@code reading} table is laid out, decided by the migration from what the database offers. */
public enum StorageLayout {
    /** Natively range-partitioned by time, with a DEFAULT partition; the service adds partitions. */
    NATIVE_PARTITIONS,
    /** A TimescaleDB hypertable; TimescaleDB creates its chunks itself. */
    TIMESCALE_HYPERTABLE
}

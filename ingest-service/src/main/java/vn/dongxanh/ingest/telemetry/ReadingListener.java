package vn.dongxanh.ingest.telemetry;

import java.util.List;
import vn.dongxanh.contract.telemetry.Reading;

/**
 * Told about readings just copied into {@code reading}, inside the same transaction: whatever it
 * writes commits or rolls back with them (latest values, rollup marks).
 */
public interface ReadingListener {
    /**
     * @param readings the readings written, in no particular order
     * @param seriesIds the series id of each reading, by position
     */
    void written(List<Reading> readings, int[] seriesIds);
}

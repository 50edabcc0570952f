package vn.dongxanh.ingest.telemetry;

import java.util.List;
import java.util.Map;
import vn.dongxanh.contract.telemetry.Reading;

/**
 * Told about readings just copied into {@code reading}, inside the same transaction: whatever it
 * writes commits or rolls back with them (latest values, rollup marks).
 */
public interface ReadingListener {
    /**
     * @param readings the readings written, in no particular order
     * @param seriesIds the series id of each (device, metric) among them
     */
    void written(List<Reading> readings, Map<SeriesIds.Key, Integer> seriesIds);
}

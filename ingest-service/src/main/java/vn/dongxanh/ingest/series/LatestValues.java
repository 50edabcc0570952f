package vn.dongxanh.ingest.series;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import vn.dongxanh.contract.telemetry.Reading;
import vn.dongxanh.ingest.telemetry.ReadingListener;
import vn.dongxanh.ingest.telemetry.SeriesIds;

/**
 * Keeps {@code series_latest} (newest reading of each series) in the writer's transaction, so
 * "latest" queries and device liveness never scan the readings. Late readings never replace a
 * newer one.
 */
@Component
class LatestValues implements ReadingListener {
    private final JdbcTemplate jdbc;

    LatestValues(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void written(List<Reading> readings, Map<SeriesIds.Key, Integer> seriesIds) {
        // newest per series; a TreeMap so rows are locked in id order (no deadlock between writers)
        var newest = new TreeMap<Integer, Reading>();
        for (Reading r : readings) {
            int id = seriesIds.get(new SeriesIds.Key(r.deviceId(), r.metric()));
            newest.merge(id, r, (a, b) -> b.time().isAfter(a.time()) ? b : a);
        }
        var args = new ArrayList<Object[]>(newest.size());
        newest.forEach((id, r) -> args.add(new Object[] {id, r.time().atOffset(ZoneOffset.UTC), r.value()}));
        jdbc.batchUpdate(
                "INSERT INTO series_latest (series_id, time, value) VALUES (?, ?, ?) ON CONFLICT (series_id)"
                        + " DO UPDATE SET time = EXCLUDED.time, value = EXCLUDED.value"
                        + " WHERE EXCLUDED.time >= series_latest.time",
                args);
    }
}

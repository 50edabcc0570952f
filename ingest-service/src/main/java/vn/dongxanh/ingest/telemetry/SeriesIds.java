package vn.dongxanh.ingest.telemetry;

import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import vn.dongxanh.contract.telemetry.Metric;
import vn.dongxanh.contract.telemetry.Reading;

/**
 * Maps (device, metric) to a series id, creating series on first sight. Ids are cached for the
 * life of the process (a series is never deleted or renumbered).
 */
@Component
public class SeriesIds {
    /** A series' natural key. */
    public record Key(String deviceId, Metric metric) {}

    private static final Comparator<Key> ORDER =
            Comparator.comparing(Key::deviceId).thenComparing(k -> k.metric().wireName());

    private final JdbcTemplate jdbc;
    private final Map<Key, Integer> cache = new ConcurrentHashMap<>();

    public SeriesIds(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Ids for the series of {@code readings}, upserting the missing ones in the caller's
     * transaction. Those are added to {@code created}, not to the cache: only
     * {@link #remember(Map)} after commit does that, so a rolled-back id is never reused.
     */
    Map<Key, Integer> resolve(Iterable<Reading> readings, Map<Key, Integer> created) {
        var ids = new HashMap<Key, Integer>();
        var missing = new TreeSet<>(ORDER); // a fixed order keeps concurrent upserts deadlock-free
        for (Reading r : readings) {
            Key k = new Key(r.deviceId(), r.metric());
            if (ids.containsKey(k)) continue;
            Integer id = cache.get(k);
            if (id != null) ids.put(k, id);
            else missing.add(k);
        }
        for (Key k : missing) {
            Integer id = jdbc.queryForObject(
                    // a new series of a registered device belongs to the device's plot from the start
                    "INSERT INTO series (device_id, metric, unit, plot_id)"
                            + " VALUES (?, ?, ?, (SELECT plot_id FROM device WHERE id = ?))"
                            + " ON CONFLICT (device_id, metric) DO UPDATE SET unit = EXCLUDED.unit RETURNING id",
                    Integer.class,
                    k.deviceId(),
                    k.metric().wireName(),
                    k.metric().contractUnit(),
                    k.deviceId());
            ids.put(k, id);
            created.put(k, id);
        }
        return ids;
    }

    /** Caches ids whose creating transaction committed. */
    void remember(Map<Key, Integer> committed) {
        cache.putAll(committed);
    }
}

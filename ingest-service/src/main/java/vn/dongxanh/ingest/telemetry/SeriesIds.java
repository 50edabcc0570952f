package vn.dongxanh.ingest.telemetry;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
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
     * The series id of each reading, in the order given, upserting the missing series in the caller's
     * transaction. Those are added to {@code created}, not to the cache: only {@link #remember(Map)}
     * after commit does that, so a rolled-back id is never reused.
     */
    int[] resolve(List<Reading> readings, Map<Key, Integer> created) {
        int[] out = new int[readings.size()];
        var missing = new TreeSet<>(ORDER); // a fixed order keeps concurrent upserts deadlock-free
        for (int i = 0; i < out.length; i++) {
            Reading r = readings.get(i);
            Integer id = cache.get(new Key(r.deviceId(), r.metric()));
            if (id != null) out[i] = id;
            else missing.add(new Key(r.deviceId(), r.metric()));
        }
        if (missing.isEmpty()) return out;
        var ids = new HashMap<Key, Integer>();
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
        for (int i = 0; i < out.length; i++) {
            Reading r = readings.get(i);
            Integer id = ids.get(new Key(r.deviceId(), r.metric()));
            if (id != null) out[i] = id;
        }
        return out;
    }

    /** Caches ids whose creating transaction committed. */
    void remember(Map<Key, Integer> committed) {
        cache.putAll(committed);
    }
}

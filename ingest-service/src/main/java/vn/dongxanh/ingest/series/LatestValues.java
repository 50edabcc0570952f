package vn.dongxanh.ingest.series;

import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import vn.dongxanh.contract.telemetry.Reading;
import vn.dongxanh.ingest.telemetry.ReadingListener;

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
    public void written(List<Reading> readings, int[] seriesIds) {
        // newest per series; a TreeMap so rows are locked in id order (no deadlock between writers)
        var newest = new TreeMap<Integer, Reading>();
        for (int i = 0; i < seriesIds.length; i++) {
            newest.merge(seriesIds[i], readings.get(i), (a, b) -> b.time().isAfter(a.time()) ? b : a);
        }
        Integer[] ids = newest.keySet().toArray(Integer[]::new);
        Long[] micros = new Long[ids.length];
        Double[] values = new Double[ids.length];
        int i = 0;
        for (Reading r : newest.values()) {
            micros[i] = ChronoUnit.MICROS.between(Instant.EPOCH, r.time()); // the column's precision
            values[i++] = r.value();
        }
        // one statement for all series: a batch of single-row upserts cost a round of parsing each
        jdbc.update(con -> {
            PreparedStatement ps = con.prepareStatement("INSERT INTO series_latest (series_id, time, value)"
                    + " SELECT id, timestamptz 'epoch' + t * interval '1 microsecond', v"
                    + " FROM unnest(?::int4[], ?::int8[], ?::float8[]) AS u(id, t, v)"
                    + " ON CONFLICT (series_id) DO UPDATE SET time = EXCLUDED.time, value = EXCLUDED.value"
                    + " WHERE EXCLUDED.time >= series_latest.time");
            ps.setArray(1, con.createArrayOf("int4", ids));
            ps.setArray(2, con.createArrayOf("int8", micros));
            ps.setArray(3, con.createArrayOf("float8", values));
            return ps;
        });
    }
}

package vn.dongxanh.ingest.rollup;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import vn.dongxanh.contract.telemetry.Reading;
import vn.dongxanh.ingest.schema.PartitionMaintainer;
import vn.dongxanh.ingest.schema.StorageLayout;
import vn.dongxanh.ingest.telemetry.ReadingListener;
import vn.dongxanh.ingest.telemetry.SeriesIds;

/**
 * Marks the (series, UTC hour) pairs a batch wrote to as dirty, in the batch's own transaction:
 * a committed reading always has its hour marked, whatever its age (late data, redeliveries of
 * other batches). Nothing to do with TimescaleDB, whose continuous aggregates follow by themselves.
 */
@Component
class RollupMarks implements ReadingListener {
    private record Mark(int seriesId, Instant hour) {}

    private static final Comparator<Mark> ORDER =
            Comparator.comparingInt(Mark::seriesId).thenComparing(Mark::hour);

    private final JdbcTemplate jdbc;
    private final PartitionMaintainer partitions;

    RollupMarks(JdbcTemplate jdbc, PartitionMaintainer partitions) {
        this.jdbc = jdbc;
        this.partitions = partitions;
    }

    @Override
    public void written(List<Reading> readings, Map<SeriesIds.Key, Integer> seriesIds) {
        if (partitions.layout() != StorageLayout.NATIVE_PARTITIONS) return;
        var marks = new TreeSet<>(ORDER); // sorted: concurrent writers lock the same rows in the same order
        for (Reading r : readings) {
            marks.add(new Mark(
                    seriesIds.get(new SeriesIds.Key(r.deviceId(), r.metric())),
                    r.time().truncatedTo(ChronoUnit.HOURS)));
        }
        var args = new ArrayList<Object[]>(marks.size());
        for (Mark m : marks) args.add(new Object[] {m.seriesId(), m.hour().atOffset(ZoneOffset.UTC)});
        // DO UPDATE ... WHERE false changes nothing but locks an existing mark until we commit, so
        // the rollup job cannot take it and recompute the hour before our readings are visible
        jdbc.batchUpdate(
                "INSERT INTO rollup_dirty (series_id, hour) VALUES (?, ?)"
                        + " ON CONFLICT (series_id, hour) DO UPDATE SET hour = EXCLUDED.hour WHERE false",
                args);
    }
}

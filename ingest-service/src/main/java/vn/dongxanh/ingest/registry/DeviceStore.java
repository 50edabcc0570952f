package vn.dongxanh.ingest.registry;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@code device} table. A device's series follow it to its plot: registering or moving a
 * device sets {@code series.plot_id} of every series it has.
 */
@Repository
public class DeviceStore {
    private static final String SELECT = "SELECT d.*, (SELECT max(l.time) FROM series s"
            + " JOIN series_latest l ON l.series_id = s.id WHERE s.device_id = d.id) AS last_reading_at"
            + " FROM device d";

    /** A device row without the derived fields. */
    record Registration(
            String id, String cooperative, String plot, DeviceKind kind, Integer reportingIntervalS, String gateway) {}

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final RegistryProperties props;
    private final Clock clock;

    public DeviceStore(JdbcTemplate jdbc, TransactionTemplate tx, RegistryProperties props, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.props = props;
        this.clock = clock;
    }

    /** False when the id is taken. */
    boolean insert(Registration d, Instant now) {
        return Boolean.TRUE.equals(tx.execute(status -> {
            int n = jdbc.update(
                    "INSERT INTO device (id, cooperative_id, plot_id, kind, reporting_interval_s, gateway_id, created_at,"
                            + " updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
                    d.id(),
                    d.cooperative(),
                    d.plot(),
                    d.kind().wireName(),
                    d.reportingIntervalS(),
                    d.gateway(),
                    Rows.utc(now),
                    Rows.utc(now));
            if (n == 1) linkSeries(d);
            return n == 1;
        }));
    }

    /** Replaces the changeable fields (plot, kind, interval); false when there is no such device. */
    boolean update(Registration d, Instant now) {
        return Boolean.TRUE.equals(tx.execute(status -> {
            int n = jdbc.update(
                    "UPDATE device SET plot_id = ?, kind = ?, reporting_interval_s = ?, gateway_id = ?, updated_at = ?"
                            + " WHERE id = ?",
                    d.plot(),
                    d.kind().wireName(),
                    d.reportingIntervalS(),
                    d.gateway(),
                    Rows.utc(now),
                    d.id());
            if (n == 1) linkSeries(d);
            return n == 1;
        }));
    }

    private void linkSeries(Registration d) {
        jdbc.update("UPDATE series SET plot_id = ? WHERE device_id = ?", d.plot(), d.id());
    }

    /**
     * The cooperatives a gateway id already belongs to: the one it spoke for, and those of the
     * devices registered behind it. A gateway id is one broker user, so it has one cooperative.
     */
    List<String> gatewayCooperatives(String gateway) {
        return jdbc.queryForList(
                "SELECT cooperative_id FROM gateway WHERE id = ? UNION SELECT cooperative_id FROM device"
                        + " WHERE gateway_id = ?",
                String.class,
                gateway,
                gateway);
    }

    public Optional<Device> find(String id) {
        return jdbc.query(SELECT + " WHERE d.id = ?", this::row, id).stream().findFirst();
    }

    /** Devices, optionally only those of a cooperative and/or a plot. */
    public List<Device> list(String cooperativeId, String plotId) {
        var where = new ArrayList<String>();
        var args = new ArrayList<Object>();
        if (cooperativeId != null) {
            where.add("d.cooperative_id = ?");
            args.add(cooperativeId);
        }
        if (plotId != null) {
            where.add("d.plot_id = ?");
            args.add(plotId);
        }
        String sql = SELECT + (where.isEmpty() ? "" : " WHERE " + String.join(" AND ", where)) + " ORDER BY d.id";
        return jdbc.query(sql, this::row, args.toArray());
    }

    private Device row(ResultSet rs, int i) throws SQLException {
        Instant last = Rows.instant(rs, "last_reading_at");
        boolean online = last != null && !last.isBefore(clock.instant().minus(props.deviceOfflineAfter()));
        return new Device(
                rs.getString("id"),
                rs.getString("cooperative_id"),
                rs.getString("plot_id"),
                rs.getString("kind"),
                Rows.intOrNull(rs, "reporting_interval_s"),
                rs.getString("gateway_id"),
                last,
                online,
                Rows.instant(rs, "created_at"),
                Rows.instant(rs, "updated_at"));
    }
}

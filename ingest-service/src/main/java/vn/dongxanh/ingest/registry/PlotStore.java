package vn.dongxanh.ingest.registry;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code plot} table. */
@Repository
public class PlotStore {
    private final JdbcTemplate jdbc;

    public PlotStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** False when the id is taken. */
    boolean insert(Plot p, Instant now) {
        return jdbc.update(
                        "INSERT INTO plot (id, cooperative_id, name, crop, area_ha, growing_area_code, valve_flow_lpm,"
                                + " created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)"
                                + " ON CONFLICT (id) DO NOTHING",
                        p.id(),
                        p.cooperative(),
                        p.name(),
                        p.crop(),
                        p.areaHa(),
                        p.growingAreaCode(),
                        p.valveFlowLpm(),
                        Rows.utc(now),
                        Rows.utc(now))
                == 1;
    }

    /** Replaces the changeable fields; false when there is no such plot. */
    boolean update(Plot p, Instant now) {
        return jdbc.update(
                        "UPDATE plot SET name = ?, crop = ?, area_ha = ?, growing_area_code = ?, valve_flow_lpm = ?,"
                                + " updated_at = ? WHERE id = ?",
                        p.name(),
                        p.crop(),
                        p.areaHa(),
                        p.growingAreaCode(),
                        p.valveFlowLpm(),
                        Rows.utc(now),
                        p.id())
                == 1;
    }

    public Optional<Plot> find(String id) {
        return jdbc.query("SELECT * FROM plot WHERE id = ?", PlotStore::row, id).stream()
                .findFirst();
    }

    List<Plot> list(String cooperativeId) {
        if (cooperativeId == null) return jdbc.query("SELECT * FROM plot ORDER BY id", PlotStore::row);
        return jdbc.query("SELECT * FROM plot WHERE cooperative_id = ? ORDER BY id", PlotStore::row, cooperativeId);
    }

    private static Plot row(ResultSet rs, int i) throws SQLException {
        return new Plot(
                rs.getString("id"),
                rs.getString("cooperative_id"),
                rs.getString("name"),
                rs.getString("crop"),
                rs.getDouble("area_ha"),
                rs.getString("growing_area_code"),
                Rows.doubleOrNull(rs, "valve_flow_lpm"),
                Rows.instant(rs, "created_at"),
                Rows.instant(rs, "updated_at"));
    }
}

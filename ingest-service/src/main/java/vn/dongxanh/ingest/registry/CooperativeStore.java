package vn.dongxanh.ingest.registry;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code cooperative} table. */
@Repository
public class CooperativeStore {
    private final JdbcTemplate jdbc;

    public CooperativeStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** False when the id is taken. */
    boolean insert(String id, String name, String province, Instant now) {
        return jdbc.update(
                        "INSERT INTO cooperative (id, name, province, created_at, updated_at) VALUES (?, ?, ?, ?, ?)"
                                + " ON CONFLICT (id) DO NOTHING",
                        id,
                        name,
                        province,
                        Rows.utc(now),
                        Rows.utc(now))
                == 1;
    }

    /** False when there is no such cooperative. */
    boolean update(String id, String name, String province, Instant now) {
        return jdbc.update(
                        "UPDATE cooperative SET name = ?, province = ?, updated_at = ? WHERE id = ?",
                        name,
                        province,
                        Rows.utc(now),
                        id)
                == 1;
    }

    public Optional<Cooperative> find(String id) {
        return jdbc.query("SELECT * FROM cooperative WHERE id = ?", CooperativeStore::row, id).stream()
                .findFirst();
    }

    public boolean exists(String id) {
        return Boolean.TRUE.equals(
                jdbc.queryForObject("SELECT EXISTS (SELECT 1 FROM cooperative WHERE id = ?)", Boolean.class, id));
    }

    List<Cooperative> all() {
        return jdbc.query("SELECT * FROM cooperative ORDER BY id", CooperativeStore::row);
    }

    private static Cooperative row(ResultSet rs, int i) throws SQLException {
        return new Cooperative(
                rs.getString("id"),
                rs.getString("name"),
                rs.getString("province"),
                Rows.instant(rs, "created_at"),
                Rows.instant(rs, "updated_at"));
    }
}

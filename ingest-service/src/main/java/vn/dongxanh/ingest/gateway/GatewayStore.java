package vn.dongxanh.ingest.gateway;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code gateway} table: sightings, state reports, and reading them back. */
@Repository
public class GatewayStore {
    private static final String VIEW_SQL = "SELECT g.*,"
            + " (SELECT count(*) FROM sequence_gap q WHERE q.gateway_id = g.id AND q.kind = 'GAP'"
            + "  AND q.closed_at IS NULL) AS open_gaps,"
            + " (SELECT coalesce(sum(q.to_seq - q.from_seq + 1), 0) FROM sequence_gap q WHERE q.gateway_id = g.id"
            + "  AND q.kind = 'GAP' AND q.closed_at IS NULL) AS missing"
            + " FROM gateway g";

    private final JdbcTemplate jdbc;

    public GatewayStore(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Creates the gateways first seen and moves {@code last_seen}, in gateway id order. The
     * upsert locks each row until the transaction ends: sequence tracking and state updates
     * of one gateway never interleave, and the fixed order keeps concurrent writers deadlock-free.
     */
    public void sighted(List<Sighting> sightings) {
        var merged = new TreeMap<String, Sighting>();
        for (Sighting s : sightings) {
            merged.merge(
                    s.gatewayId(),
                    s,
                    (a, b) -> new Sighting(
                            a.gatewayId(),
                            b.cooperativeId(),
                            a.at().isAfter(b.at()) ? a.at() : b.at(),
                            a.alive() || b.alive()));
        }
        for (Sighting s : merged.values()) {
            jdbc.update(
                    "INSERT INTO gateway (id, cooperative_id, first_seen, last_seen) VALUES (?, ?, ?, ?)"
                            + " ON CONFLICT (id) DO UPDATE SET cooperative_id = EXCLUDED.cooperative_id,"
                            + " last_seen = CASE WHEN ? THEN greatest(gateway.last_seen, EXCLUDED.last_seen)"
                            + " ELSE gateway.last_seen END",
                    s.gatewayId(),
                    s.cooperativeId(),
                    utc(s.at()),
                    utc(s.at()),
                    s.alive());
        }
    }

    /**
     * Applies a state message in arrival order (not by its {@code at}: a last will carries the
     * time the gateway connected, older than its last report, and must still win). Figures the
     * message lacks keep their values. The row must exist ({@link #sighted}).
     */
    public GatewayFigures applyState(String gatewayId, GatewayReport r, Instant receivedAt) {
        return jdbc.queryForObject(
                "UPDATE gateway SET online = ?, state_at = ?, state_received_at = ?,"
                        + " uptime_s = coalesce(?, uptime_s),"
                        + " backlog_readings = coalesce(?, backlog_readings),"
                        + " backlog_batches = coalesce(?, backlog_batches),"
                        + " backlog_oldest_s = coalesce(?, backlog_oldest_s),"
                        // counts reports in a row whose oldest unsent reading is older than the last one's; a
                        // repeat of the same report (redelivery, another instance) counts once
                        + " backlog_rising = CASE WHEN ?::bigint IS NULL OR state_at IS NOT DISTINCT FROM ?"
                        + " THEN backlog_rising WHEN ? > coalesce(backlog_oldest_s, 0) THEN backlog_rising + 1"
                        + " ELSE 0 END,"
                        // an online report either has an error or clears it
                        + " backlog_error = CASE WHEN ? THEN ? ELSE backlog_error END,"
                        + " batches_sent = coalesce(?, batches_sent),"
                        + " readings_sent = coalesce(?, readings_sent),"
                        + " devices_online = coalesce(?, devices_online),"
                        + " valves_open = coalesce(?, valves_open),"
                        + " readings_compacted = coalesce(?, readings_compacted)"
                        + " WHERE id = ?"
                        + " RETURNING id, online, backlog_readings, backlog_batches, backlog_oldest_s, state_received_at",
                GatewayStore::figures,
                r.online(),
                utc(r.at()),
                utc(receivedAt),
                r.uptimeS(),
                r.backlogReadings(),
                r.backlogBatches(),
                r.backlogOldestS(),
                r.backlogOldestS(),
                utc(r.at()),
                r.backlogOldestS(),
                r.online(),
                r.backlogError(),
                r.batchesSent(),
                r.readingsSent(),
                r.devicesOnline() == null ? null : Math.toIntExact(r.devicesOnline()),
                r.valvesOpen() == null ? null : Math.toIntExact(r.valvesOpen()),
                r.readingsCompacted(),
                gatewayId);
    }

    /** Figures of every gateway that has reported a state. */
    public List<GatewayFigures> allFigures() {
        return jdbc.query(
                "SELECT id, online, backlog_readings, backlog_batches, backlog_oldest_s, state_received_at"
                        + " FROM gateway WHERE state_received_at IS NOT NULL",
                GatewayStore::figures);
    }

    public List<GatewayView> list(String cooperativeId) {
        if (cooperativeId == null) return jdbc.query(VIEW_SQL + " ORDER BY g.id", GatewayStore::view);
        return jdbc.query(VIEW_SQL + " WHERE g.cooperative_id = ? ORDER BY g.id", GatewayStore::view, cooperativeId);
    }

    public Optional<GatewayView> find(String id) {
        return jdbc.query(VIEW_SQL + " WHERE g.id = ?", GatewayStore::view, id).stream()
                .findFirst();
    }

    /** Gaps and resets of a gateway, newest first. */
    public List<GapView> gaps(String gatewayId, boolean openOnly, int limit) {
        return jdbc.query(
                "SELECT kind, from_seq, to_seq, detected_at, closed_at FROM sequence_gap WHERE gateway_id = ?"
                        + (openOnly ? " AND closed_at IS NULL" : "")
                        + " ORDER BY detected_at DESC, from_seq DESC LIMIT ?",
                (rs, i) -> {
                    String kind = rs.getString(1);
                    long from = rs.getLong(2);
                    long to = rs.getLong(3);
                    Instant closed = instant(rs, 5);
                    long missing = kind.equals("GAP") && closed == null ? to - from + 1 : 0;
                    return new GapView(kind, from, to, missing, instant(rs, 4), closed);
                },
                gatewayId,
                limit);
    }

    private static GatewayFigures figures(ResultSet rs, int i) throws SQLException {
        return new GatewayFigures(
                rs.getString(1),
                (Boolean) rs.getObject(2),
                longOrNull(rs, 3),
                longOrNull(rs, 4),
                longOrNull(rs, 5),
                instant(rs, 6));
    }

    private static GatewayView view(ResultSet rs, int i) throws SQLException {
        return new GatewayView(
                rs.getString("id"),
                rs.getString("cooperative_id"),
                (Boolean) rs.getObject("online"),
                instant(rs, "first_seen"),
                instant(rs, "last_seen"),
                longOrNull(rs, "last_seq"),
                rs.getLong("open_gaps"),
                rs.getLong("missing"),
                rs.getObject("state_received_at") == null
                        ? null
                        : new GatewayView.Health(
                                instant(rs, "state_at"),
                                instant(rs, "state_received_at"),
                                longOrNull(rs, "uptime_s"),
                                longOrNull(rs, "backlog_readings"),
                                longOrNull(rs, "backlog_batches"),
                                longOrNull(rs, "backlog_oldest_s"),
                                rs.getString("backlog_error"),
                                longOrNull(rs, "batches_sent"),
                                longOrNull(rs, "readings_sent"),
                                longOrNull(rs, "devices_online"),
                                longOrNull(rs, "valves_open"),
                                longOrNull(rs, "readings_compacted")));
    }

    private static Long longOrNull(ResultSet rs, int column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static Long longOrNull(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static OffsetDateTime utc(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }
}

package vn.dongxanh.ingest.gateway;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.TreeMap;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Follows each gateway's uplink sequence and records what is missing in {@code sequence_gap}.
 * Runs inside the writer's transaction, after {@link GatewayStore#sighted} locked the gateway's
 * row, so instances sharing the subscription never interleave on one gateway.
 */
@Component
public class SequenceTracker {
    private final JdbcTemplate jdbc;
    private final SequenceProperties props;

    public SequenceTracker(JdbcTemplate jdbc, SequenceProperties props) {
        this.jdbc = jdbc;
        this.props = props;
    }

    /** A batch stored for the first time (never a duplicate): its gateway, sequence and arrival. */
    public record NewBatch(String gatewayId, long seq, Instant at) {}

    /**
     * Takes note of the new batches of one transaction, in order. The gateways' last sequences are
     * read and written once per transaction, not per batch; gaps and fills are written as they happen.
     */
    public List<SequenceObservation> observe(List<NewBatch> batches) {
        if (batches.isEmpty()) return List.of();
        String[] ids = batches.stream().map(NewBatch::gatewayId).distinct().toArray(String[]::new);
        var last = new HashMap<String, Long>();
        jdbc.query(
                con -> {
                    var ps = con.prepareStatement("SELECT id, last_seq FROM gateway WHERE id = ANY (?)");
                    ps.setArray(1, con.createArrayOf("text", ids));
                    return ps;
                },
                rs -> {
                    long v = rs.getLong(2);
                    Long seq = rs.wasNull() ? null : v; // before reading another column
                    last.put(rs.getString(1), seq);
                });
        var advanced = new TreeMap<String, Long>(); // id order, like every other lock on gateway rows
        var out = new ArrayList<SequenceObservation>(batches.size());
        for (NewBatch b : batches) {
            SequenceObservation o = observe(b, last.get(b.gatewayId()));
            out.add(o);
            if (!(o instanceof SequenceObservation.Filled || o instanceof SequenceObservation.Late)) {
                last.put(b.gatewayId(), b.seq());
                advanced.put(b.gatewayId(), b.seq());
            }
        }
        if (!advanced.isEmpty()) {
            jdbc.update(con -> {
                var ps = con.prepareStatement("UPDATE gateway g SET last_seq = u.seq"
                        + " FROM unnest(?::text[], ?::int8[]) AS u(id, seq) WHERE g.id = u.id");
                ps.setArray(1, con.createArrayOf("text", advanced.keySet().toArray()));
                ps.setArray(2, con.createArrayOf("int8", advanced.values().toArray()));
                return ps;
            });
        }
        return out;
    }

    /** One batch against the gateway's last sequence ({@code null}: none yet); advancing is the caller's. */
    private SequenceObservation observe(NewBatch b, Long last) {
        String gatewayId = b.gatewayId();
        long seq = b.seq();
        Instant at = b.at();
        if (last == null) return new SequenceObservation.First(gatewayId, seq);
        if (seq == last + 1) return new SequenceObservation.InOrder(gatewayId, seq);
        // Math.abs is safe: sequences are epoch-millisecond-sized, far from Long.MIN_VALUE
        if (Math.abs(seq - last) > props.resetJump()) {
            insert(gatewayId, "RESET", last, seq, at, at);
            return new SequenceObservation.Reset(gatewayId, last, seq);
        }
        if (seq > last) {
            insert(gatewayId, "GAP", last + 1, seq - 1, at, null);
            return new SequenceObservation.Gap(gatewayId, last + 1, seq - 1);
        }
        return fill(gatewayId, seq, at);
    }

    private SequenceObservation fill(String gatewayId, long seq, Instant at) {
        record Open(long id, long from, long to, Instant detected) {}
        List<Open> open = jdbc.query(
                "SELECT id, from_seq, to_seq, detected_at FROM sequence_gap WHERE gateway_id = ? AND kind = 'GAP'"
                        + " AND closed_at IS NULL AND from_seq <= ? AND to_seq >= ?",
                (rs, i) -> new Open(
                        rs.getLong(1),
                        rs.getLong(2),
                        rs.getLong(3),
                        rs.getObject(4, java.time.OffsetDateTime.class).toInstant()),
                gatewayId,
                seq,
                seq);
        if (open.isEmpty()) return new SequenceObservation.Late(gatewayId, seq);
        Open g = open.getFirst();
        if (g.from() == g.to()) {
            // the last missing one: keep the row as history, closed
            jdbc.update("UPDATE sequence_gap SET closed_at = ? WHERE id = ?", utc(at), g.id());
            return new SequenceObservation.Filled(gatewayId, seq, true);
        }
        if (seq == g.from()) {
            jdbc.update("UPDATE sequence_gap SET from_seq = ? WHERE id = ?", seq + 1, g.id());
        } else if (seq == g.to()) {
            jdbc.update("UPDATE sequence_gap SET to_seq = ? WHERE id = ?", seq - 1, g.id());
        } else {
            // from the middle: two gaps, both dated from the original detection
            jdbc.update("UPDATE sequence_gap SET to_seq = ? WHERE id = ?", seq - 1, g.id());
            insert(gatewayId, "GAP", seq + 1, g.to(), g.detected(), null);
        }
        return new SequenceObservation.Filled(gatewayId, seq, false);
    }

    private void insert(String gatewayId, String kind, long from, long to, Instant detected, Instant closed) {
        jdbc.update(
                "INSERT INTO sequence_gap (gateway_id, kind, from_seq, to_seq, detected_at, closed_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?)",
                gatewayId,
                kind,
                from,
                to,
                utc(detected),
                closed == null ? null : utc(closed));
    }

    private static java.time.OffsetDateTime utc(Instant t) {
        return t.atOffset(ZoneOffset.UTC);
    }
}

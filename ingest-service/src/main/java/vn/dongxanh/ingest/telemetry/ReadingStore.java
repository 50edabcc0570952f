package vn.dongxanh.ingest.telemetry;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import vn.dongxanh.contract.telemetry.Reading;
import vn.dongxanh.ingest.gateway.GatewayFigures;
import vn.dongxanh.ingest.gateway.GatewayStore;
import vn.dongxanh.ingest.gateway.SequenceObservation;
import vn.dongxanh.ingest.gateway.SequenceTracker;
import vn.dongxanh.ingest.gateway.Sighting;
import vn.dongxanh.ingest.irrigation.EventStore;

/**
 * Writes decoded messages in one transaction: first the rows of the gateways involved (locked, in
 * id order), then the dedupe ledger row of each batch with its sequence check, the irrigation events
 * and gateway states, the dead letters, and the readings of the new batches by binary {@code COPY},
 * followed by the {@link ReadingListener}s.
 */
@Component
public class ReadingStore {
    /**
     * Per-message outcomes, in the order given, how many readings were written, what the new batches
     * revealed about their sequences and the gateway states now in force.
     */
    public record Result(
            List<Outcome> outcomes,
            int readingsStored,
            List<SequenceObservation> sequences,
            List<GatewayFigures> states) {
        public Result(List<Outcome> outcomes, int readingsStored) {
            this(outcomes, readingsStored, List.of(), List.of());
        }
    }

    static final String COPY_SQL = "COPY reading (time, series_id, value) FROM STDIN (FORMAT binary)";
    private static final int COPY_BUFFER = 64 * 1024;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final SeriesIds series;
    private final GatewayStore gateways;
    private final SequenceTracker sequences;
    private final EventStore events;
    private final List<ReadingListener> listeners;
    private final int payloadLimit;

    public ReadingStore(
            JdbcTemplate jdbc,
            TransactionTemplate tx,
            SeriesIds series,
            GatewayStore gateways,
            SequenceTracker sequences,
            EventStore events,
            List<ReadingListener> listeners,
            WriterProperties props) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.series = series;
        this.gateways = gateways;
        this.sequences = sequences;
        this.events = events;
        this.listeners = List.copyOf(listeners);
        this.payloadLimit = Math.toIntExact(props.deadLetterPayloadLimit().toBytes());
    }

    /** Stores all items or none. */
    public Result store(List<? extends Decoded> items) {
        var created = new HashMap<SeriesIds.Key, Integer>();
        Result result = tx.execute(status -> {
            created.clear(); // a retried callback starts afresh
            gateways.sighted(sightings(items));
            var outcomes = new ArrayList<Outcome>(items.size());
            var states = new ArrayList<GatewayFigures>();
            var fresh = new ArrayList<Reading>();
            var newBatches = new ArrayList<SequenceTracker.NewBatch>();
            Set<BatchKey> claimed = claim(items);
            for (Decoded item : items) {
                switch (item) {
                    case Decoded.Rejected r -> {
                        deadLetter(r);
                        outcomes.add(Outcome.REJECTED);
                    }
                    case Decoded.Accepted a -> {
                        var b = a.batch();
                        // remove: a second copy of the batch in the same transaction is a duplicate
                        if (claimed.remove(new BatchKey(b.gatewayId(), b.sequence()))) {
                            newBatches.add(new SequenceTracker.NewBatch(
                                    b.gatewayId(), b.sequence(), a.message().receivedAt()));
                            fresh.addAll(b.readings());
                            outcomes.add(Outcome.STORED);
                        } else {
                            outcomes.add(Outcome.DUPLICATE);
                        }
                    }
                    case Decoded.Event e ->
                        outcomes.add(
                                events.insert(
                                                e.cooperativeId(),
                                                e.gatewayId(),
                                                e.event(),
                                                e.message().receivedAt())
                                        ? Outcome.STORED
                                        : Outcome.DUPLICATE);
                    case Decoded.State st -> {
                        states.add(gateways.applyState(
                                st.gatewayId(), st.report(), st.message().receivedAt()));
                        outcomes.add(Outcome.STORED);
                    }
                    case Decoded.Ignored i -> outcomes.add(Outcome.IGNORED);
                }
            }
            List<SequenceObservation> observed = sequences.observe(newBatches);
            if (!fresh.isEmpty()) {
                int[] ids = series.resolve(fresh, created);
                copy(fresh, ids);
                for (ReadingListener l : listeners) l.written(fresh, ids);
            }
            return new Result(List.copyOf(outcomes), fresh.size(), List.copyOf(observed), List.copyOf(states));
        });
        series.remember(created);
        return result;
    }

    /** The gateways the items come from; an offline state does not count as the gateway being seen. */
    private static List<Sighting> sightings(List<? extends Decoded> items) {
        var out = new ArrayList<Sighting>();
        for (Decoded item : items) {
            Instant at = item.message().receivedAt();
            switch (item) {
                case Decoded.Accepted a ->
                    out.add(new Sighting(a.batch().gatewayId(), a.batch().cooperativeId(), at, true));
                case Decoded.Event e -> out.add(new Sighting(e.gatewayId(), e.cooperativeId(), at, true));
                case Decoded.State st ->
                    out.add(new Sighting(
                            st.gatewayId(), st.cooperativeId(), at, st.report().online()));
                case Decoded.Ignored i -> {}
                case Decoded.Rejected r -> {}
            }
        }
        return out;
    }

    private record BatchKey(String gatewayId, long seq) {}

    /**
     * Inserts the uplink batches among {@code items} into the dedupe ledger in one statement; returns
     * those that were not there yet (the others are redeliveries).
     */
    private Set<BatchKey> claim(List<? extends Decoded> items) {
        var batches = new ArrayList<Decoded.Accepted>();
        for (Decoded item : items) if (item instanceof Decoded.Accepted a) batches.add(a);
        var claimed = new HashSet<BatchKey>();
        if (batches.isEmpty()) return claimed;
        int n = batches.size();
        Object[] gateways = new Object[n],
                cooperatives = new Object[n],
                seqs = new Object[n],
                sent = new Object[n],
                received = new Object[n],
                readings = new Object[n];
        for (int i = 0; i < n; i++) {
            var a = batches.get(i);
            var b = a.batch();
            gateways[i] = b.gatewayId();
            cooperatives[i] = b.cooperativeId();
            seqs[i] = b.sequence();
            sent[i] = micros(b.sentAt());
            received[i] = micros(a.message().receivedAt());
            readings[i] = b.readings().size();
        }
        jdbc.query(
                con -> {
                    PreparedStatement ps = con.prepareStatement(
                            "INSERT INTO uplink_batch (gateway_id, cooperative_id, seq, sent_at, received_at, readings)"
                                    + " SELECT g, c, s, timestamptz 'epoch' + t * interval '1 microsecond',"
                                    + " timestamptz 'epoch' + r * interval '1 microsecond', n"
                                    + " FROM unnest(?::text[], ?::text[], ?::int8[], ?::int8[], ?::int8[], ?::int4[])"
                                    + " AS u(g, c, s, t, r, n)"
                                    + " ON CONFLICT (gateway_id, seq) DO NOTHING RETURNING gateway_id, seq");
                    ps.setArray(1, con.createArrayOf("text", gateways));
                    ps.setArray(2, con.createArrayOf("text", cooperatives));
                    ps.setArray(3, con.createArrayOf("int8", seqs));
                    ps.setArray(4, con.createArrayOf("int8", sent));
                    ps.setArray(5, con.createArrayOf("int8", received));
                    ps.setArray(6, con.createArrayOf("int4", readings));
                    return ps;
                },
                rs -> {
                    claimed.add(new BatchKey(rs.getString(1), rs.getLong(2)));
                });
        return claimed;
    }

    private static long micros(Instant t) {
        return ChronoUnit.MICROS.between(Instant.EPOCH, t);
    }

    private void deadLetter(Decoded.Rejected r) {
        byte[] payload = r.message().payload();
        jdbc.update(
                "INSERT INTO rejected_message (received_at, topic, reason, detail, payload, payload_bytes)"
                        + " VALUES (?, ?, ?, ?, ?, ?)",
                r.message().receivedAt().atOffset(ZoneOffset.UTC),
                MessageDecoder.oneLine(r.message().topic()),
                r.reason(),
                r.detail(),
                payload.length <= payloadLimit || r.replayable() ? payload : Arrays.copyOf(payload, payloadLimit),
                payload.length);
    }

    private void copy(List<Reading> readings, int[] ids) {
        Long rows = jdbc.execute((ConnectionCallback<Long>) con -> {
            CopyIn in = con.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY_SQL);
            try {
                var out = new BinaryCopy(in::writeToCopy, COPY_BUFFER);
                for (int i = 0; i < ids.length; i++) {
                    Reading r = readings.get(i);
                    out.row(r.time(), ids[i], r.value());
                }
                out.finish();
                return in.endCopy();
            } catch (SQLException | RuntimeException e) {
                if (in.isActive()) in.cancelCopy();
                throw e;
            }
        });
        if (rows == null || rows != readings.size()) {
            throw new IllegalStateException("COPY wrote " + rows + " rows for " + readings.size() + " readings");
        }
    }
}

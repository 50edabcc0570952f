package vn.dongxanh.ingest.telemetry;

import java.sql.SQLException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import vn.dongxanh.contract.telemetry.Reading;

/**
 * Writes decoded messages in one transaction: the dedupe ledger row of each batch, then the
 * readings of the new batches by binary {@code COPY}, and the dead letters.
 */
@Component
public class ReadingStore {
    /** Per-message outcomes, in the order given, and how many readings were written. */
    public record Result(List<Outcome> outcomes, int readingsStored) {}

    static final String COPY_SQL = "COPY reading (time, series_id, value) FROM STDIN (FORMAT binary)";
    private static final int COPY_BUFFER = 64 * 1024;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final SeriesIds series;
    private final int payloadLimit;

    public ReadingStore(JdbcTemplate jdbc, TransactionTemplate tx, SeriesIds series, WriterProperties props) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.series = series;
        this.payloadLimit = Math.toIntExact(props.deadLetterPayloadLimit().toBytes());
    }

    /** Stores all items or none. */
    public Result store(List<? extends Decoded> items) {
        var created = new HashMap<SeriesIds.Key, Integer>();
        Result result = tx.execute(status -> {
            created.clear(); // a retried callback starts afresh
            var outcomes = new ArrayList<Outcome>(items.size());
            var fresh = new ArrayList<Reading>();
            for (Decoded item : items) {
                switch (item) {
                    case Decoded.Rejected r -> {
                        deadLetter(r);
                        outcomes.add(Outcome.REJECTED);
                    }
                    case Decoded.Accepted a -> {
                        if (claim(a)) {
                            fresh.addAll(a.batch().readings());
                            outcomes.add(Outcome.STORED);
                        } else {
                            outcomes.add(Outcome.DUPLICATE);
                        }
                    }
                }
            }
            if (!fresh.isEmpty()) copy(fresh, series.resolve(fresh, created));
            return new Result(List.copyOf(outcomes), fresh.size());
        });
        series.remember(created);
        return result;
    }

    /** Inserts the batch into the ledger; false when it was there already (a redelivery). */
    private boolean claim(Decoded.Accepted a) {
        var b = a.batch();
        return jdbc.update(
                        "INSERT INTO uplink_batch (gateway_id, cooperative_id, seq, sent_at, received_at, readings)"
                                + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (gateway_id, seq) DO NOTHING",
                        b.gatewayId(),
                        b.cooperativeId(),
                        b.sequence(),
                        b.sentAt().atOffset(ZoneOffset.UTC),
                        a.message().receivedAt().atOffset(ZoneOffset.UTC),
                        b.readings().size())
                == 1;
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

    private void copy(List<Reading> readings, Map<SeriesIds.Key, Integer> ids) {
        Long rows = jdbc.execute((ConnectionCallback<Long>) con -> {
            CopyIn in = con.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY_SQL);
            try {
                var out = new BinaryCopy(in::writeToCopy, COPY_BUFFER);
                for (Reading r : readings) {
                    out.row(r.time(), ids.get(new SeriesIds.Key(r.deviceId(), r.metric())), r.value());
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

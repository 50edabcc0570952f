package vn.dongxanh.bench.ingest;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import org.postgresql.PGConnection;
import org.postgresql.copy.PGCopyOutputStream;

/**
 * Rows {@code (time, series_id, value)} streamed with {@code COPY … FROM STDIN (FORMAT binary)}:
 * the fastest way into a PostgreSQL table, and so the ceiling the service is compared with.
 */
final class BinaryCopy implements AutoCloseable {
    /** Microseconds between the Unix epoch and PostgreSQL's, 2000-01-01. */
    private static final long PG_EPOCH_MICROS = 946_684_800_000_000L;

    private static final byte[] HEADER = {
        'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xff, '\r', '\n', 0, 0, 0, 0, 0, 0, 0, 0, 0
    };

    private final PGCopyOutputStream out;
    private final ByteBuffer buf = ByteBuffer.allocate(1 << 16);
    private long rows;

    BinaryCopy(Connection connection, String table) throws SQLException, IOException {
        out = new PGCopyOutputStream(
                connection.unwrap(PGConnection.class),
                "COPY " + table + " (time, series_id, value) FROM STDIN (FORMAT binary)",
                1 << 16);
        buf.put(HEADER);
    }

    void row(Instant time, int seriesId, double value) throws IOException {
        row(time.getEpochSecond() * 1_000_000L + time.getNano() / 1000, seriesId, value);
    }

    /** {@code unixMicros}: the reading's time in microseconds since 1970. */
    void row(long unixMicros, int seriesId, double value) throws IOException {
        if (buf.remaining() < 38) flush();
        buf.putShort((short) 3);
        buf.putInt(8).putLong(unixMicros - PG_EPOCH_MICROS);
        buf.putInt(4).putInt(seriesId);
        buf.putInt(8).putDouble(value);
        rows++;
    }

    long rows() {
        return rows;
    }

    private void flush() throws IOException {
        out.write(buf.array(), 0, buf.position());
        buf.clear();
    }

    /** Ends the COPY (the trailer) and commits it; returns the rows the server reports. */
    long finish() throws IOException, SQLException {
        if (buf.remaining() < 2) flush();
        buf.putShort((short) -1);
        flush();
        return out.endCopy();
    }

    @Override
    public void close() throws IOException, SQLException {
        if (out.isActive()) out.cancelCopy();
    }
}

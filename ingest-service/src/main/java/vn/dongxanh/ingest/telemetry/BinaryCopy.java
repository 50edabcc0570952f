package vn.dongxanh.ingest.telemetry;

import java.nio.ByteBuffer;
import java.sql.SQLException;
import java.time.Instant;

/**
 * Writes rows of {@code (timestamptz, int4, float8)} in PostgreSQL's binary COPY format: the
 * {@code PGCOPY} header, one tuple per row, and the {@code -1} trailer. Buffers and hands chunks
 * to a sink (the driver's {@code CopyIn}), so a large batch streams instead of piling up.
 */
final class BinaryCopy {
    /** Where encoded chunks go. */
    @FunctionalInterface
    interface Sink {
        void write(byte[] bytes, int offset, int length) throws SQLException;
    }

    static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    /** 2000-01-01T00:00:00Z, PostgreSQL's timestamp epoch, in Unix seconds. */
    static final long PG_EPOCH_SECONDS = 946_684_800L;

    private static final int ROW_BYTES = 2 + (4 + 8) + (4 + 4) + (4 + 8);
    private static final short FIELDS = 3;

    private final ByteBuffer buffer; // big-endian, as COPY wants
    private final Sink sink;

    BinaryCopy(Sink sink, int bufferBytes) {
        this.sink = sink;
        this.buffer = ByteBuffer.allocate(Math.max(bufferBytes, SIGNATURE.length + 8 + ROW_BYTES));
        buffer.put(SIGNATURE).putInt(0).putInt(0); // flags: no OIDs; no header extension
    }

    void row(Instant time, int seriesId, double value) throws SQLException {
        if (buffer.remaining() < ROW_BYTES) flush();
        buffer.putShort(FIELDS);
        buffer.putInt(8).putLong(pgMicros(time));
        buffer.putInt(4).putInt(seriesId);
        buffer.putInt(8).putDouble(value);
    }

    /** Writes the trailer and hands over what is left. */
    void finish() throws SQLException {
        if (buffer.remaining() < 2) flush();
        buffer.putShort((short) -1);
        flush();
    }

    private void flush() throws SQLException {
        if (buffer.position() > 0) {
            sink.write(buffer.array(), 0, buffer.position());
            buffer.clear();
        }
    }

    /** Microseconds since 2000-01-01 UTC, the binary form of {@code timestamptz}. */
    static long pgMicros(Instant t) {
        return Math.addExact(
                Math.multiplyExact(t.getEpochSecond() - PG_EPOCH_SECONDS, 1_000_000L), t.getNano() / 1_000);
    }
}

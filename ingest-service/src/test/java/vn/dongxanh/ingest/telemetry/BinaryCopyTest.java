package vn.dongxanh.ingest.telemetry;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The binary COPY encoding, byte by byte (PostgreSQL reads it back in the intake tests). */
class BinaryCopyTest {
    @Test
    void timestampsAreMicrosecondsSince2000() {
        assertThat(BinaryCopy.pgMicros(Instant.parse("2000-01-01T00:00:00Z"))).isZero();
        assertThat(BinaryCopy.pgMicros(Instant.parse("2000-01-01T00:00:00.001Z")))
                .isEqualTo(1_000);
        assertThat(BinaryCopy.pgMicros(Instant.parse("1999-12-31T23:59:59.999Z")))
                .isEqualTo(-1_000);
        assertThat(BinaryCopy.pgMicros(Instant.parse("2026-11-22T10:00:00.123456Z")))
                .isEqualTo(
                        (Instant.parse("2026-11-22T10:00:00Z").getEpochSecond() - 946_684_800L) * 1_000_000L + 123_456);
    }

    @Test
    void writesHeaderTuplesAndTrailer() throws Exception {
        var out = new ByteArrayOutputStream();
        var copy = new BinaryCopy(out::write, 1024);
        Instant t = Instant.parse("2026-11-22T10:00:00.250Z");
        copy.row(t, 42, -3.5);
        copy.finish();

        ByteBuffer b = ByteBuffer.wrap(out.toByteArray());
        byte[] signature = new byte[11];
        b.get(signature);
        assertThat(signature).isEqualTo(BinaryCopy.SIGNATURE);
        assertThat(b.getInt()).as("flags").isZero();
        assertThat(b.getInt()).as("header extension").isZero();
        assertThat(b.getShort()).as("fields").isEqualTo((short) 3);
        assertThat(b.getInt()).isEqualTo(8);
        assertThat(b.getLong()).isEqualTo(BinaryCopy.pgMicros(t));
        assertThat(b.getInt()).isEqualTo(4);
        assertThat(b.getInt()).isEqualTo(42);
        assertThat(b.getInt()).isEqualTo(8);
        assertThat(b.getDouble()).isEqualTo(-3.5);
        assertThat(b.getShort()).as("trailer").isEqualTo((short) -1);
        assertThat(b.hasRemaining()).isFalse();
    }

    @Test
    void aSmallBufferStreamsTheSameBytesInChunks() throws Exception {
        var whole = new ByteArrayOutputStream();
        var chunked = new ByteArrayOutputStream();
        int[] chunks = {0};
        var big = new BinaryCopy(whole::write, 1 << 16);
        var small = new BinaryCopy(
                (bytes, off, len) -> {
                    chunks[0]++;
                    chunked.write(bytes, off, len);
                },
                1);
        for (int i = 0; i < 100; i++) {
            Instant t = Instant.ofEpochMilli(1_700_000_000_000L + i);
            big.row(t, i, i / 3.0);
            small.row(t, i, i / 3.0);
        }
        big.finish();
        small.finish();

        assertThat(chunks[0]).isGreaterThan(10);
        assertThat(Arrays.equals(chunked.toByteArray(), whole.toByteArray())).isTrue();
        assertThat(whole.size()).isEqualTo(11 + 8 + 100 * 34 + 2);
    }
}

package vn.dongxanh.sim;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import tools.jackson.databind.node.ObjectNode;
import vn.dongxanh.contract.Json;
import vn.dongxanh.contract.telemetry.Reading;

/**
 * Keeps a record of every reading that reached the other side (broker acknowledged the QoS 1
 * publish; CoAP observer acknowledged the notification), for end-to-end tests that compare it
 * with what was stored. One JSON object a line:
 * {@code {"dev":"p01-wl","metric":"water_level","t":1767225600000,"v":3.2}} with {@code t} in
 * epoch milliseconds and {@code v} in the metric's contract unit, exactly as a receiver decodes it.
 */
public interface Recorder extends AutoCloseable {
    void record(List<Reading> readings);

    @Override
    void close();

    static Recorder none() {
        return new Recorder() {
            @Override
            public void record(List<Reading> readings) {}

            @Override
            public void close() {}
        };
    }

    /** Appends to {@code file} (created with its folders if missing), flushing every line. */
    static Recorder toFile(Path file) {
        return new FileRecorder(file);
    }

    /** One JSON line per reading. */
    static String line(Reading r) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("dev", r.deviceId());
        o.put("metric", r.metric().wireName());
        o.put("t", r.time().toEpochMilli());
        o.put("v", r.value());
        return Json.MAPPER.writeValueAsString(o);
    }

    /** The file form of {@link Recorder}. */
    final class FileRecorder implements Recorder {
        private final BufferedWriter out;
        private boolean closed;

        FileRecorder(Path file) {
            try {
                Path parent = file.toAbsolutePath().getParent();
                if (parent != null) Files.createDirectories(parent);
                out = Files.newBufferedWriter(
                        file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open record file " + file, e);
            }
        }

        @Override
        public synchronized void record(List<Reading> readings) {
            if (closed) return;
            try {
                for (Reading r : readings) {
                    out.write(line(r));
                    out.write('\n');
                }
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the record file", e);
            }
        }

        @Override
        public synchronized void close() {
            if (closed) return;
            closed = true;
            try {
                out.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}

package vn.dongxanh.sim.load;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import vn.dongxanh.contract.telemetry.Metric;
import vn.dongxanh.contract.telemetry.Reading;
import vn.dongxanh.contract.uplink.UplinkBatch;
import vn.dongxanh.contract.uplink.UplinkCodec;

/**
 * One gateway's uplink batches, written from pieces of JSON prepared once (envelope, each
 * device's base name, each metric's name and unit, each value's text) so that a publish only
 * copies bytes and formats the sequence number and times: encoding 100,000 readings/s through
 * the JSON tree of the contract's {@link UplinkCodec} would take a core of a 2-core machine away
 * from the broker, the service and the database. The bytes are the codec's own, which
 * {@link #verify} checks against the codec itself.
 *
 * <p>The gateway's readings form one endless sequence, round after round of every device ×
 * metric; a batch carries the next {@code batchReadings} of them. The readings of a round are
 * stamped 1 ms apart, the batch's last round at its sent time, so every reading is in the past
 * when it arrives and a series' readings follow each other in time.
 */
final class UplinkWriter {
    private final int gateway;
    private final String gatewayId;
    private final String cooperativeId;
    private final String topic;
    private final int devices;
    private final List<Metric> metrics;
    private final int series;
    private final int batch;
    private final DeviceTraces traces;
    private final byte[] head;
    private final byte[][] groupHeads;
    private final byte[][] firstNames;
    private final byte[][] names;
    private final byte[][] valueKeys;
    private byte[] buffer;
    private int at;
    private long nextSeq = 1;
    private long nextReading;

    UplinkWriter(LoadConfig config, int gateway, DeviceTraces traces) {
        this.gateway = gateway;
        this.gatewayId = LoadConfig.gatewayId(gateway);
        this.cooperativeId = config.cooperativeId();
        this.topic = config.topic(gateway);
        this.devices = config.devicesPerGateway();
        this.metrics = config.metrics();
        this.series = devices * metrics.size();
        this.batch = config.batchReadings();
        this.traces = traces;
        this.head = ascii("{\"v\":" + UplinkCodec.VERSION + ",\"coop\":\"" + cooperativeId + "\",\"gw\":\"" + gatewayId
                + "\",\"seq\":");
        this.groupHeads = new byte[devices][];
        for (int d = 0; d < devices; d++) {
            groupHeads[d] = ascii("{\"bn\":\"" + LoadConfig.deviceId(gateway, d) + ":\",\"bt\":");
        }
        int m = metrics.size();
        this.firstNames = new byte[m][];
        this.names = new byte[m][];
        this.valueKeys = new byte[m][];
        for (int i = 0; i < m; i++) {
            Metric metric = metrics.get(i);
            firstNames[i] = ascii(",\"n\":\"" + metric.wireName() + "\"");
            names[i] = ascii("{\"n\":\"" + metric.wireName() + "\"");
            valueKeys[i] = ascii(
                    metric.kind() == Metric.Kind.BOOLEAN ? ",\"vb\":" : ",\"u\":\"" + metric.senmlUnit() + "\",\"v\":");
        }
        int longest = 0;
        for (byte[] h : groupHeads) longest = Math.max(longest, h.length);
        int record = 0;
        for (int i = 0; i < m; i++) record = Math.max(record, names[i].length + valueKeys[i].length + 24 + 20);
        this.buffer = new byte[head.length + 64 + devices * (longest + 24) + batch * record + 4];
    }

    String topic() {
        return topic;
    }

    int batchReadings() {
        return batch;
    }

    /** The next batch of this gateway (next sequence number, next readings), sent at {@code sentMillis}. */
    byte[] next(long sentMillis) {
        byte[] out = payload(nextSeq, nextReading, sentMillis);
        nextSeq++;
        nextReading += batch;
        return out;
    }

    /** Sequence number of the last batch {@link #next} wrote; 0 before the first. */
    long lastSequence() {
        return nextSeq - 1;
    }

    /** The batch {@code seq} carrying readings {@code first … first+batch-1} of the gateway's sequence. */
    byte[] payload(long seq, long first, long sentMillis) {
        at = 0;
        put(head);
        putLong(seq);
        put(SENT);
        put(ascii(Instant.ofEpochMilli(sentMillis).toString()));
        put(SENML);
        long lastRound = (first + batch - 1) / series;
        long firstRound = first / series;
        int metricCount = metrics.size();
        int startDevice = (int) (first % series) / metricCount;
        long end = first + batch;
        int written = 0;
        boolean firstRecord = true;
        // as the codec groups them: devices in order of their first reading, each with all its readings
        for (int i = 0; i < devices && written < batch; i++) {
            int d = (startDevice + i) % devices;
            long groupRound = -1;
            for (long r = firstRound; r <= lastRound; r++) {
                for (int m = 0; m < metricCount; m++) {
                    long index = r * series + (long) d * metricCount + m;
                    if (index < first || index >= end) continue;
                    ensure(64);
                    if (!firstRecord) buffer[at++] = ',';
                    firstRecord = false;
                    if (groupRound < 0) {
                        groupRound = r;
                        put(groupHeads[d]);
                        putSeconds(sentMillis - (lastRound - r));
                        put(firstNames[m]);
                    } else {
                        put(names[m]);
                        if (r != groupRound) {
                            put(T);
                            putSeconds(r - groupRound);
                        }
                    }
                    put(valueKeys[m]);
                    put(traces.text(gateway, d * metricCount + m, r));
                    put(CLOSE);
                    written++;
                }
            }
        }
        put(END);
        return Arrays.copyOf(buffer, at);
    }

    /** The readings of that batch, one by one: what a receiver decodes from {@link #payload}. */
    List<Reading> readings(long first, long sentMillis) {
        var out = new ArrayList<Reading>(batch);
        long lastRound = (first + batch - 1) / series;
        for (long index = first; index < first + batch; index++) {
            int s = (int) (index % series);
            long r = index / series;
            int d = s / metrics.size();
            out.add(new Reading(
                    LoadConfig.deviceId(gateway, d),
                    metrics.get(s % metrics.size()),
                    Instant.ofEpochMilli(sentMillis - (lastRound - r)),
                    traces.value(gateway, s, r)));
        }
        return out;
    }

    /**
     * Throws unless batches written here are, byte for byte, what the contract's codec writes for
     * the same readings: a first batch, and one that starts in the middle of a round.
     */
    void verify(UplinkCodec codec) {
        long sent = System.currentTimeMillis();
        for (long first : new long[] {0, series / 2 + 1, 3L * series - 1}) {
            byte[] ours = payload(7, first, sent);
            byte[] theirs = codec.encode(
                    new UplinkBatch(cooperativeId, gatewayId, 7, Instant.ofEpochMilli(sent), readings(first, sent)));
            if (!Arrays.equals(ours, theirs)) {
                throw new IllegalStateException("the load's uplink batch differs from the codec's: "
                        + new String(ours, 0, Math.min(ours.length, 300), StandardCharsets.UTF_8) + " … vs "
                        + new String(theirs, 0, Math.min(theirs.length, 300), StandardCharsets.UTF_8) + " …");
            }
        }
    }

    private static final byte[] SENT = ascii(",\"sent\":\"");
    private static final byte[] SENML = ascii("\",\"senml\":[");
    private static final byte[] T = ascii(",\"t\":");
    private static final byte[] END = ascii("]}");
    private static final byte[] CLOSE = ascii("}");

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private void ensure(int bytes) {
        if (at + bytes > buffer.length) buffer = Arrays.copyOf(buffer, Math.max(2 * buffer.length, at + bytes));
    }

    private void put(byte[] bytes) {
        ensure(bytes.length);
        System.arraycopy(bytes, 0, buffer, at, bytes.length);
        at += bytes.length;
    }

    private void putLong(long v) {
        ensure(20);
        if (v == 0) {
            buffer[at++] = '0';
            return;
        }
        int digits = 0;
        for (long x = v; x > 0; x /= 10) digits++;
        for (int i = at + digits - 1; i >= at; i--) {
            buffer[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        at += digits;
    }

    /** Milliseconds as the codec writes seconds: a plain decimal without trailing zeros. */
    private void putSeconds(long millis) {
        putLong(millis / 1000);
        int frac = (int) (millis % 1000);
        if (frac == 0) return;
        ensure(4);
        buffer[at++] = '.';
        buffer[at++] = (byte) ('0' + frac / 100);
        if (frac % 100 == 0) return;
        buffer[at++] = (byte) ('0' + frac / 10 % 10);
        if (frac % 10 == 0) return;
        buffer[at++] = (byte) ('0' + frac % 10);
    }
}

package vn.dongxanh.bench.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import vn.dongxanh.contract.telemetry.Metric;
import vn.dongxanh.contract.telemetry.Reading;
import vn.dongxanh.contract.telemetry.TelemetryCodec;
import vn.dongxanh.contract.uplink.UplinkBatch;
import vn.dongxanh.contract.uplink.UplinkCodec;

/**
 * One gateway's uplink batch encoded once by the contract's {@link UplinkCodec}, cut around its
 * {@code seq} and {@code sent} fields so that each publish only splices in a fresh sequence number
 * and send time: encoding 100,000 readings/s as JSON would take a core of this 2-core machine
 * away from the broker, the service and PostgreSQL.
 */
final class UplinkTemplate {
    static final List<Metric> METRICS = List.of(Metric.WATER_LEVEL, Metric.SOIL_MOISTURE, Metric.RAIN, Metric.BATTERY);
    private static final long SEQ_MARK = 987_654_321_987_654_321L;
    private static final Instant SENT_MARK = Instant.parse("2099-09-09T09:09:09Z");

    final String topic;
    final int readings;
    private final byte[] head;
    private final byte[] middle;
    private final byte[] tail;

    private UplinkTemplate(String topic, int readings, byte[] head, byte[] middle, byte[] tail) {
        this.topic = topic;
        this.readings = readings;
        this.head = head;
        this.middle = middle;
        this.tail = tail;
    }

    static String deviceId(int device) {
        return "bd%05d".formatted(device);
    }

    /**
     * The batch of gateway {@code gw}: {@code size} readings cycling over its devices
     * {@code firstDevice … firstDevice+devices-1} × {@link #METRICS}, one second apart per round.
     */
    static UplinkTemplate of(String coop, String gw, int firstDevice, int devices, int size, Instant base) {
        var readings = new ArrayList<Reading>(size);
        int series = devices * METRICS.size();
        for (int k = 0; k < size; k++) {
            int s = k % series;
            Metric m = METRICS.get(s % METRICS.size());
            String dev = deviceId(firstDevice + s / METRICS.size());
            double v = switch (m) {
                case WATER_LEVEL -> 3.0 + (k % 11);
                case SOIL_MOISTURE -> 0.25 + (k % 7) / 100.0;
                case RAIN -> (k % 5) * 0.2;
                default -> 80.0 - (k % 3);
            };
            readings.add(new Reading(dev, m, base.plusSeconds(k / series), v));
        }
        byte[] encoded =
                new UplinkCodec(new TelemetryCodec()).encode(new UplinkBatch(coop, gw, SEQ_MARK, SENT_MARK, readings));
        String json = new String(encoded, StandardCharsets.UTF_8);
        String seq = Long.toString(SEQ_MARK);
        String sent = SENT_MARK.toString();
        int a = json.indexOf(seq);
        int b = json.indexOf(sent);
        if (a < 0 || b < a) throw new IllegalStateException("unexpected uplink layout: " + json.substring(0, 120));
        return new UplinkTemplate(
                "dx/v1/coop/" + coop + "/gw/" + gw + "/telemetry",
                size,
                json.substring(0, a).getBytes(StandardCharsets.UTF_8),
                json.substring(a + seq.length(), b).getBytes(StandardCharsets.UTF_8),
                json.substring(b + sent.length()).getBytes(StandardCharsets.UTF_8));
    }

    /** The payload with this sequence number, sent now (milliseconds). */
    byte[] payload(long seq, Instant sent) {
        byte[] s = Long.toString(seq).getBytes(StandardCharsets.US_ASCII);
        byte[] t = sent.truncatedTo(ChronoUnit.MILLIS).toString().getBytes(StandardCharsets.US_ASCII);
        byte[] out = new byte[head.length + s.length + middle.length + t.length + tail.length];
        int at = 0;
        System.arraycopy(head, 0, out, at, head.length);
        at += head.length;
        System.arraycopy(s, 0, out, at, s.length);
        at += s.length;
        System.arraycopy(middle, 0, out, at, middle.length);
        at += middle.length;
        System.arraycopy(t, 0, out, at, t.length);
        at += t.length;
        System.arraycopy(tail, 0, out, at, tail.length);
        return out;
    }

    int bytes() {
        return head.length + middle.length + tail.length + 40;
    }
}

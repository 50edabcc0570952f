package vn.dongxanh.contract.telemetry;

import static vn.dongxanh.contract.senml.SenmlException.Reason.ABSURD_TIME;
import static vn.dongxanh.contract.senml.SenmlException.Reason.INVALID_NAME;
import static vn.dongxanh.contract.senml.SenmlException.Reason.MISSING_TIME;
import static vn.dongxanh.contract.senml.SenmlException.Reason.MISSING_VALUE;
import static vn.dongxanh.contract.senml.SenmlException.Reason.NON_FINITE;
import static vn.dongxanh.contract.senml.SenmlException.Reason.UNKNOWN_METRIC;
import static vn.dongxanh.contract.senml.SenmlException.Reason.UNKNOWN_UNIT;
import static vn.dongxanh.contract.senml.SenmlException.Reason.WRONG_TYPE;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Objects;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import vn.dongxanh.contract.Ids;
import vn.dongxanh.contract.Json;
import vn.dongxanh.contract.senml.SenmlException;
import vn.dongxanh.contract.senml.SenmlPack;
import vn.dongxanh.contract.senml.SenmlRecord;
import vn.dongxanh.contract.senml.SenmlValue;

/**
 * The platform's telemetry in SenML JSON. A record is named {@code {deviceId}:{metric}} (the
 * device id usually as the base name), carries the metric's SenML unit, and a time. Decoding
 * applies the platform's rules on top of RFC 8428 resolution and converts every value into the
 * metric's contract unit; encoding does the reverse. Times travel with millisecond precision.
 */
public final class TelemetryCodec {
    private final Clock clock;
    private final TelemetryLimits limits;

    public TelemetryCodec(Clock clock, TelemetryLimits limits) {
        this.clock = Objects.requireNonNull(clock);
        this.limits = Objects.requireNonNull(limits);
    }

    public TelemetryCodec() {
        this(Clock.systemUTC(), TelemetryLimits.DEFAULTS);
    }

    public TelemetryLimits limits() {
        return limits;
    }

    /** Decodes a SenML pack into readings, or throws {@link SenmlException} saying why not. */
    public List<Reading> decode(byte[] json) {
        Instant now = clock.instant();
        return toReadings(SenmlPack.resolve(json, now, limits.maxBytes(), limits.maxRecords()), now);
    }

    /** Decodes a pack that is already a JSON tree (inside an uplink batch). */
    public List<Reading> decode(JsonNode pack) {
        Instant now = clock.instant();
        return toReadings(SenmlPack.resolve(pack, now, limits.maxRecords()), now);
    }

    private List<Reading> toReadings(List<SenmlRecord> records, Instant now) {
        var readings = new ArrayList<Reading>(records.size());
        for (SenmlRecord rec : records) {
            readings.add(toReading(rec, now));
        }
        return readings;
    }

    private Reading toReading(SenmlRecord rec, Instant now) {
        int i = rec.index();
        String name = rec.name();
        int colon = name.lastIndexOf(':');
        if (colon <= 0 || colon == name.length() - 1) {
            throw new SenmlException(INVALID_NAME, i, "name '" + name + "' is not {deviceId}:{metric}");
        }
        String deviceId = name.substring(0, colon);
        if (!Ids.isValid(deviceId)) {
            throw new SenmlException(INVALID_NAME, i, "device id '" + deviceId + "' in name '" + name + "' is invalid");
        }
        String metricName = name.substring(colon + 1);
        Metric metric = Metric.byWireName(metricName)
                .orElseThrow(() -> new SenmlException(
                        UNKNOWN_METRIC, i, "unknown metric '" + metricName + "' (known: " + knownMetrics() + ")"));
        double value = value(rec, metric, i);
        if (!rec.timeGiven()) {
            throw new SenmlException(MISSING_TIME, i, "record '" + name + "' has no time (bt or t)");
        }
        Instant time = Instant.ofEpochMilli(Math.round(rec.time() * 1000));
        if (time.isBefore(limits.earliest()) || time.isAfter(now.plus(limits.maxFutureSkew()))) {
            throw new SenmlException(
                    ABSURD_TIME,
                    i,
                    "time " + time + " of '" + name + "' is outside [" + limits.earliest() + ", now + "
                            + limits.maxFutureSkew() + "]");
        }
        return new Reading(deviceId, metric, time, value);
    }

    private static double value(SenmlRecord rec, Metric metric, int i) {
        SenmlValue v = rec.value();
        if (v == null) {
            throw new SenmlException(MISSING_VALUE, i, metric.wireName() + " needs a value, not only a sum");
        }
        return switch (metric.kind()) {
            case BOOLEAN -> {
                if (!(v instanceof SenmlValue.Bool(boolean on))) {
                    throw new SenmlException(WRONG_TYPE, i, metric.wireName() + " is boolean: send vb");
                }
                yield on ? 1 : 0;
            }
            case NUMBER -> {
                if (!(v instanceof SenmlValue.Number(double number))) {
                    throw new SenmlException(WRONG_TYPE, i, metric.wireName() + " is numeric: send v");
                }
                if (rec.unit() == null) {
                    throw new SenmlException(
                            UNKNOWN_UNIT, i, metric.wireName() + " has no unit (send '" + metric.senmlUnit() + "')");
                }
                double factor = metric.factorFrom(rec.unit())
                        .orElseThrow(() -> new SenmlException(
                                UNKNOWN_UNIT,
                                i,
                                "unit '" + rec.unit() + "' is not accepted for " + metric.wireName() + " (send '"
                                        + metric.senmlUnit() + "')"));
                double converted = number * factor;
                if (!Double.isFinite(converted)) {
                    throw new SenmlException(
                            NON_FINITE,
                            i,
                            metric.wireName() + " value " + number + " " + rec.unit() + " overflows when converted to "
                                    + metric.contractUnit());
                }
                yield converted;
            }
        };
    }

    private static String knownMetrics() {
        var names = new ArrayList<String>();
        for (Metric m : Metric.values()) names.add(m.wireName());
        return String.join(", ", names);
    }

    /**
     * Encodes readings as a SenML pack: one base name and base time per device. Numbers are
     * written as plain decimals, because RFC 8428 §5 wants a lower-case "e" in exponents and
     * Java's double formatting writes "1.7E9".
     */
    public byte[] encode(List<Reading> readings) {
        return Json.MAPPER.writeValueAsBytes(encodeTree(readings));
    }

    public ArrayNode encodeTree(List<Reading> readings) {
        var byDevice = new LinkedHashMap<String, List<Reading>>();
        for (Reading r : readings) {
            byDevice.computeIfAbsent(r.deviceId(), d -> new ArrayList<>()).add(r);
        }
        ArrayNode pack = Json.MAPPER.createArrayNode();
        byDevice.forEach((device, list) -> {
            long baseMillis = list.getFirst().time().toEpochMilli();
            boolean first = true;
            for (Reading r : list) {
                ObjectNode rec = pack.addObject();
                if (first) {
                    rec.put("bn", device + ":");
                    rec.put("bt", seconds(baseMillis));
                    first = false;
                }
                rec.put("n", r.metric().wireName());
                long offset = r.time().toEpochMilli() - baseMillis;
                if (offset != 0) rec.put("t", seconds(offset));
                if (r.metric().kind() == Metric.Kind.BOOLEAN) {
                    rec.put("vb", r.value() != 0);
                } else {
                    rec.put("u", r.metric().senmlUnit());
                    rec.put(
                            "v",
                            BigDecimal.valueOf(r.metric().toSenml(r.value())).stripTrailingZeros());
                }
            }
        });
        return pack;
    }

    private static BigDecimal seconds(long millis) {
        return BigDecimal.valueOf(millis, 3).stripTrailingZeros();
    }
}

package vn.dongxanh.contract.senml;

import static vn.dongxanh.contract.senml.SenmlException.Reason.AMBIGUOUS_VALUE;
import static vn.dongxanh.contract.senml.SenmlException.Reason.EMPTY_PACK;
import static vn.dongxanh.contract.senml.SenmlException.Reason.INVALID_NAME;
import static vn.dongxanh.contract.senml.SenmlException.Reason.MISSING_NAME;
import static vn.dongxanh.contract.senml.SenmlException.Reason.MISSING_VALUE;
import static vn.dongxanh.contract.senml.SenmlException.Reason.NON_FINITE;
import static vn.dongxanh.contract.senml.SenmlException.Reason.NOT_A_PACK;
import static vn.dongxanh.contract.senml.SenmlException.Reason.NOT_JSON;
import static vn.dongxanh.contract.senml.SenmlException.Reason.PACK_TOO_LARGE;
import static vn.dongxanh.contract.senml.SenmlException.Reason.UNSUPPORTED_VERSION;
import static vn.dongxanh.contract.senml.SenmlException.Reason.WRONG_TYPE;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import vn.dongxanh.contract.Json;

/**
 * Generic SenML JSON (RFC 8428) resolution: base name, time, unit, value and sum applied to
 * every record, relative times turned absolute. Knows nothing of the platform's metrics; see
 * {@code TelemetryCodec} for those rules.
 */
public final class SenmlPack {
    /** The SenML version this parser understands (RFC 8428 §4.4). */
    public static final int VERSION = 10;

    /** Times below 2^28 s are relative to "now" (RFC 8428 §4.5.3). */
    public static final double RELATIVE_TIME_LIMIT = 268_435_456d;

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9:./_-]*");

    private static final Set<String> BASE_FIELDS = Set.of("bn", "bt", "bu", "bv", "bs", "bver");
    private static final Set<String> REGULAR_FIELDS = Set.of("n", "u", "v", "vs", "vb", "vd", "s", "t", "ut");

    private SenmlPack() {}

    /**
     * Parses and resolves a SenML JSON pack.
     *
     * @param json the payload
     * @param now the receiver's clock, used for relative times
     * @param maxBytes payloads larger than this are refused before parsing
     * @param maxRecords packs with more records are refused
     */
    public static List<SenmlRecord> resolve(byte[] json, Instant now, int maxBytes, int maxRecords) {
        if (json.length > maxBytes) {
            throw new SenmlException(PACK_TOO_LARGE, "pack is " + json.length + " bytes, limit " + maxBytes);
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new SenmlException(NOT_JSON, "payload is not JSON: " + e.getOriginalMessage());
        }
        return resolve(root, now, maxRecords);
    }

    /**
     * Resolves an already parsed pack (used when a pack is embedded in another document). A record
     * holding only base fields (RFC 8428 §5.1.7 opens with one) sets base values for the records
     * after it and resolves to no record of its own.
     */
    public static List<SenmlRecord> resolve(JsonNode root, Instant now, int maxRecords) {
        if (root == null || !root.isArray()) {
            throw new SenmlException(NOT_A_PACK, "a SenML pack is a JSON array of records");
        }
        if (root.isEmpty()) {
            throw new SenmlException(EMPTY_PACK, "pack has no records");
        }
        if (root.size() > maxRecords) {
            throw new SenmlException(PACK_TOO_LARGE, "pack has " + root.size() + " records, limit " + maxRecords);
        }
        double nowSeconds = now.getEpochSecond() + now.getNano() / 1e9;
        var base = new Base();
        var out = new ArrayList<SenmlRecord>(root.size());
        for (int i = 0; i < root.size(); i++) {
            JsonNode rec = root.get(i);
            if (!rec.isObject()) {
                throw new SenmlException(WRONG_TYPE, i, "record is not a JSON object");
            }
            SenmlRecord resolved = resolveRecord(rec, i, base, nowSeconds);
            if (resolved != null) out.add(resolved);
        }
        if (out.isEmpty()) {
            throw new SenmlException(EMPTY_PACK, "pack has only base fields, no record with a value or a sum");
        }
        return List.copyOf(out);
    }

    /** Base values carry over from record to record until a later record changes them. */
    private static final class Base {
        String name = "";
        double time = 0;
        boolean timeGiven;
        String unit;
        double value = 0;
        double sum = 0;
        boolean sumGiven;
    }

    private static boolean onlyBaseFields(JsonNode rec) {
        boolean anyBase = false;
        for (String key : rec.propertyNames()) {
            if (REGULAR_FIELDS.contains(key)) return false;
            anyBase |= BASE_FIELDS.contains(key);
        }
        return anyBase;
    }

    /** Returns the resolved record, or null for a record that only sets base values. */
    private static SenmlRecord resolveRecord(JsonNode rec, int i, Base base, double nowSeconds) {
        for (Map.Entry<String, JsonNode> field : rec.properties()) {
            String key = field.getKey();
            if (key.endsWith("_")) {
                throw new SenmlException(WRONG_TYPE, i, "must-understand field '" + key + "' is not supported");
            }
        }
        if (rec.has("bver")) {
            long ver = integer(rec, "bver", i);
            if (ver > VERSION) {
                throw new SenmlException(UNSUPPORTED_VERSION, i, "SenML version " + ver + " is newer than " + VERSION);
            }
        }
        if (rec.has("bn")) base.name = text(rec, "bn", i);
        if (rec.has("bt")) {
            base.time = number(rec, "bt", i);
            base.timeGiven = true;
        }
        if (rec.has("bu")) base.unit = text(rec, "bu", i);
        if (rec.has("bv")) base.value = number(rec, "bv", i);
        if (rec.has("bs")) {
            base.sum = number(rec, "bs", i);
            base.sumGiven = true;
        }
        if (onlyBaseFields(rec)) {
            return null;
        }

        String name = base.name + (rec.has("n") ? text(rec, "n", i) : "");
        if (name.isEmpty()) {
            throw new SenmlException(MISSING_NAME, i, "record has no name (neither bn nor n)");
        }
        if (!NAME.matcher(name).matches()) {
            throw new SenmlException(
                    INVALID_NAME, i, "name '" + name + "' has characters outside A-Z a-z 0-9 - : . / _");
        }
        String unit = rec.has("u") ? text(rec, "u", i) : base.unit;

        int valueFields = 0;
        SenmlValue value = null;
        if (rec.has("v")) {
            valueFields++;
            value = new SenmlValue.Number(finite(base.value + number(rec, "v", i), "v", i));
        }
        if (rec.has("vb")) {
            valueFields++;
            JsonNode vb = rec.get("vb");
            if (!vb.isBoolean()) throw new SenmlException(WRONG_TYPE, i, "vb must be true or false");
            value = new SenmlValue.Bool(vb.booleanValue());
        }
        if (rec.has("vs")) {
            valueFields++;
            value = new SenmlValue.Text(text(rec, "vs", i));
        }
        if (rec.has("vd")) {
            valueFields++;
            value = new SenmlValue.Data(text(rec, "vd", i));
        }
        if (valueFields > 1) {
            throw new SenmlException(AMBIGUOUS_VALUE, i, "record has more than one of v, vb, vs, vd");
        }
        // RFC 8428 §4.5.4: a missing Sum or Base Sum counts as zero; with neither there is no sum.
        Double sum = rec.has("s") || base.sumGiven
                ? finite(base.sum + (rec.has("s") ? number(rec, "s", i) : 0), "s", i)
                : null;
        if (value == null && sum == null) {
            throw new SenmlException(MISSING_VALUE, i, "record '" + name + "' has no value (v, vb, vs, vd) or sum");
        }

        boolean timeGiven = base.timeGiven || rec.has("t");
        double time = finite(base.time + (rec.has("t") ? number(rec, "t", i) : 0), "t", i);
        if (time < RELATIVE_TIME_LIMIT) {
            time = nowSeconds + time;
        }
        return new SenmlRecord(name, unit, value, sum, time, timeGiven, i);
    }

    private static double number(JsonNode rec, String field, int i) {
        JsonNode n = rec.get(field);
        if (!n.isNumber()) {
            throw new SenmlException(WRONG_TYPE, i, field + " must be a number, got " + n.getNodeType());
        }
        return finite(n.doubleValue(), field, i);
    }

    private static double finite(double d, String field, int i) {
        if (!Double.isFinite(d)) {
            throw new SenmlException(NON_FINITE, i, field + " must be a finite number (NaN and Infinity are refused)");
        }
        return d;
    }

    private static long integer(JsonNode rec, String field, int i) {
        JsonNode n = rec.get(field);
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            throw new SenmlException(WRONG_TYPE, i, field + " must be an integer, got " + n);
        }
        return n.longValue();
    }

    private static String text(JsonNode rec, String field, int i) {
        JsonNode n = rec.get(field);
        if (!n.isString()) {
            throw new SenmlException(WRONG_TYPE, i, field + " must be a string, got " + n.getNodeType());
        }
        return n.stringValue();
    }
}

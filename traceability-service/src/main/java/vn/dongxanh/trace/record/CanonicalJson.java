package vn.dongxanh.trace.record;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import org.erdtman.jcs.JsonCanonicalizer;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * The canonical form of a record (RFC 8785, JSON Canonicalization Scheme) and its ledger leaf
 * (format 2, {@link LeafFormat}). Anyone can recompute both from the JSON alone.
 *
 * <p>RFC 8785 writes every number as an IEEE 754 double would print, so an integer beyond ±2^53 or
 * a decimal with more digits than a double holds would be changed silently, and the anchored
 * record would say something other than what was sent. Such numbers are refused here; quantities
 * and amounts travel as decimal strings instead.
 */
public final class CanonicalJson {
    /** 2^53: every integer up to this magnitude is exactly an IEEE double. */
    static final BigInteger EXACT_INTEGER_LIMIT = BigInteger.ONE.shiftLeft(53);

    private static final BigDecimal EXACT_INTEGER_LIMIT_DECIMAL = new BigDecimal(EXACT_INTEGER_LIMIT);

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private CanonicalJson() {}

    /**
     * The RFC 8785 form of {@code json}.
     *
     * @throws InexactNumber when a number in it would not survive canonicalisation exactly
     */
    public static String canonicalize(String json) {
        requireExactNumbers(json);
        try {
            return new JsonCanonicalizer(json).getEncodedString();
        } catch (IOException e) {
            throw new UncheckedIOException("not canonicalizable JSON", e);
        }
    }

    /** The current-format leaf of the canonical form of {@code json} (canonicalized here first). */
    public static Bytes32 leaf(String json) {
        return leafOfCanonical(canonicalize(json));
    }

    /** The current-format leaf of JSON already in canonical form (not canonicalized again). */
    public static Bytes32 leafOfCanonical(String canonicalJson) {
        return LeafFormat.CURRENT.leafOf(canonicalJson);
    }

    /**
     * Refuses a number that RFC 8785 would change: an integer beyond ±2^53, or a non-integer whose
     * shortest double form (what the canonical JSON prints) is not the same decimal value.
     */
    public static void requireExactNumbers(String json) {
        try (JsonParser p = JSON.createParser(json)) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t != JsonToken.VALUE_NUMBER_INT && t != JsonToken.VALUE_NUMBER_FLOAT) continue;
                String text = p.getString();
                BigDecimal value = p.getDecimalValue();
                if (!survives(value)) {
                    throw new InexactNumber(
                            p.streamReadContext().pathAsPointer().toString(), text);
                }
            }
        }
    }

    static boolean survives(BigDecimal value) {
        boolean integral = value.signum() == 0 || value.stripTrailingZeros().scale() <= 0;
        if (integral) {
            // compared as decimals: 1e999999999 must not be expanded into a BigInteger
            return value.abs().compareTo(EXACT_INTEGER_LIMIT_DECIMAL) <= 0;
        }
        double d = value.doubleValue();
        // Double.toString is the shortest decimal that reads back as d (JDK 19+), as RFC 8785 prints it
        return Double.isFinite(d) && new BigDecimal(Double.toString(d)).compareTo(value) == 0;
    }

    /**
     * A number in a record that canonical JSON would change; {@code pointer} (RFC 6901) says where.
     * Callers that take a record from a request answer 400 naming the field.
     */
    public static final class InexactNumber extends IllegalArgumentException {
        private final String pointer;

        InexactNumber(String pointer, String number) {
            super("the number " + abbreviate(number) + " at " + pointer
                    + " would not survive RFC 8785 canonicalisation exactly (integers beyond ±2^53 and"
                    + " decimals with more digits than an IEEE double holds are changed): send it as a decimal string");
            this.pointer = pointer;
        }

        public String pointer() {
            return pointer;
        }

        private static String abbreviate(String number) {
            return number.length() <= 40 ? number : number.substring(0, 37) + "...";
        }
    }
}

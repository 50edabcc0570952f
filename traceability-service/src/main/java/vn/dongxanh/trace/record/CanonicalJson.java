package vn.dongxanh.trace.record;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.erdtman.jcs.JsonCanonicalizer;
import org.web3j.crypto.Hash;

/**
 * The canonical form of a record (RFC 8785, JSON Canonicalization Scheme) and its ledger leaf,
 * keccak256 of the canonical form's UTF-8 bytes. Anyone can recompute both from the JSON alone.
 */
public final class CanonicalJson {
    private CanonicalJson() {}

    public static String canonicalize(String json) {
        try {
            return new JsonCanonicalizer(json).getEncodedString();
        } catch (IOException e) {
            throw new UncheckedIOException("not canonicalizable JSON", e);
        }
    }

    /** keccak256 of the canonical form of {@code json} (canonicalized here first). */
    public static Bytes32 leaf(String json) {
        return leafOfCanonical(canonicalize(json));
    }

    /** keccak256 of JSON already in canonical form (not canonicalized again). */
    public static Bytes32 leafOfCanonical(String canonicalJson) {
        return new Bytes32(Hash.sha3(canonicalJson.getBytes(StandardCharsets.UTF_8)));
    }
}

package vn.dongxanh.trace.record;

import java.nio.charset.StandardCharsets;
import org.web3j.crypto.Hash;

/**
 * How a record's Merkle leaf is made from its canonical JSON, stored per record ({@code
 * record.leaf_format}) because records anchored before format 2 keep the leaves the chain holds.
 * The record hash is keccak256 of the canonical JSON's UTF-8 bytes in both. docs/record-format.md.
 */
public enum LeafFormat {
    /**
     * Format 1 (records stored before migration V10): the leaf is the record hash itself. A leaf is
     * then 32 bytes like an inner node, so a bare proof check cannot tell the two apart.
     */
    RECORD_HASH(1),
    /**
     * Format 2: the leaf is keccak256 of the record hash (32 bytes hashed once more, as OpenZeppelin's
     * StandardMerkleTree hashes its leaves twice). An inner node is keccak256 of 64 bytes, so no
     * inner node is the leaf of anything, and the contract's {@code verify} hashes the leaf itself.
     */
    DOUBLE_HASH(2);

    /** The format of records stored now. */
    public static final LeafFormat CURRENT = DOUBLE_HASH;

    private final int code;

    LeafFormat(int code) {
        this.code = code;
    }

    /** The number stored in {@code record.leaf_format} and served as {@code leafFormat}. */
    public int code() {
        return code;
    }

    public static LeafFormat of(int code) {
        for (LeafFormat f : values()) {
            if (f.code == code) return f;
        }
        throw new IllegalArgumentException("unknown leaf format " + code);
    }

    /** keccak256 of the UTF-8 bytes of JSON already in canonical form, hashed as given. */
    public static Bytes32 recordHash(String canonicalJson) {
        return new Bytes32(Hash.sha3(canonicalJson.getBytes(StandardCharsets.UTF_8)));
    }

    /** The leaf of a record hash in this format. */
    public Bytes32 leafOfHash(Bytes32 recordHash) {
        return this == RECORD_HASH ? recordHash : new Bytes32(Hash.sha3(recordHash.bytes()));
    }

    /** The leaf of canonical JSON in this format (the bytes as given, not canonicalized again). */
    public Bytes32 leafOf(String canonicalJson) {
        return leafOfHash(recordHash(canonicalJson));
    }
}

package vn.dongxanh.bench.ledger;

import java.util.Arrays;
import java.util.HexFormat;

/** A 32-byte value (a keccak256 hash, a Merkle node), ordered as Solidity orders two bytes32. */
record Leaf(byte[] bytes) implements Comparable<Leaf> {
    Leaf {
        if (bytes.length != 32) throw new IllegalArgumentException("expected 32 bytes, got " + bytes.length);
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    String hex() {
        return "0x" + HexFormat.of().formatHex(bytes);
    }

    @Override
    public int compareTo(Leaf other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Leaf other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }
}

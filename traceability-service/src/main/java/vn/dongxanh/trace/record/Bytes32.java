package vn.dongxanh.trace.record;

import java.util.Arrays;
import java.util.HexFormat;

/** A 32-byte value (a keccak256 hash, a Merkle node) written as 0x-prefixed lowercase hex. */
public record Bytes32(byte[] bytes) implements Comparable<Bytes32> {
    private static final HexFormat HEX = HexFormat.of();

    public Bytes32 {
        if (bytes.length != 32) {
            throw new IllegalArgumentException("expected 32 bytes, got " + bytes.length);
        }
        bytes = bytes.clone();
    }

    public static Bytes32 of(String hex) {
        String digits = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
        if (digits.length() != 64) {
            throw new IllegalArgumentException("expected 64 hex digits: " + hex);
        }
        return new Bytes32(HEX.parseHex(digits));
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    public String hex() {
        return "0x" + HEX.formatHex(bytes);
    }

    /** Unsigned comparison, the order Solidity's {@code a < b} gives two bytes32. */
    @Override
    public int compareTo(Bytes32 other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Bytes32 other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}

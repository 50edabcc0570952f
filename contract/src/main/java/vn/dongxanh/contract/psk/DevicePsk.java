package vn.dongxanh.contract.psk;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;
import vn.dongxanh.contract.Ids;

/**
 * A CoAP device's DTLS pre-shared key: the identity it presents in the handshake and the secret
 * both ends hold. Never printed: {@link #toString()} leaves the key out.
 *
 * @param deviceId the device (its SenML base name)
 * @param identity the PSK identity sent in clear in the handshake; printable ASCII, no spaces
 * @param key the secret, {@value #MIN_KEY_BYTES}..{@value #MAX_KEY_BYTES} bytes
 */
public record DevicePsk(String deviceId, String identity, byte[] key) {
    public static final int MIN_KEY_BYTES = 16;
    public static final int MAX_KEY_BYTES = 64;
    /** Length of a generated key: 256 bits. */
    public static final int GENERATED_KEY_BYTES = 32;

    private static final Pattern IDENTITY = Pattern.compile("[\\x21-\\x7e]{1,128}");

    public DevicePsk {
        Ids.require("device", deviceId);
        Objects.requireNonNull(identity, "identity");
        if (!IDENTITY.matcher(identity).matches()) {
            throw new IllegalArgumentException(
                    "PSK identity '" + identity + "' is invalid: use 1-128 printable ASCII characters without spaces");
        }
        Objects.requireNonNull(key, "key");
        if (key.length < MIN_KEY_BYTES || key.length > MAX_KEY_BYTES) {
            throw new IllegalArgumentException("the key of device " + deviceId + " has " + key.length + " bytes; use "
                    + MIN_KEY_BYTES + " to " + MAX_KEY_BYTES + " random bytes (32 recommended)");
        }
        key = key.clone();
    }

    /** A fresh random key; the identity is the device id. */
    public static DevicePsk generate(String deviceId, SecureRandom random) {
        byte[] key = new byte[GENERATED_KEY_BYTES];
        random.nextBytes(key);
        return new DevicePsk(deviceId, deviceId, key);
    }

    @Override
    public byte[] key() {
        return key.clone();
    }

    /** The key as lower-case hex, as it is written in the credentials file. */
    public String keyHex() {
        return HexFormat.of().formatHex(key);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DevicePsk other
                && deviceId.equals(other.deviceId)
                && identity.equals(other.identity)
                && MessageDigest.isEqual(key, other.key);
    }

    @Override
    public int hashCode() {
        return Objects.hash(deviceId, identity);
    }

    @Override
    public String toString() {
        return "DevicePsk[device=" + deviceId + ", identity=" + identity + ", key=(" + key.length + " bytes)]";
    }
}

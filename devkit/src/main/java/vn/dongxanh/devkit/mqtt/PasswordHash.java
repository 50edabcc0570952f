package vn.dongxanh.devkit.mqtt;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Password hashes in Mosquitto's own format ({@code $7$iterations$salt$hash}: PBKDF2 with
 * HMAC-SHA512, base64 salt and 64-byte hash), computed with the JDK's PBKDF2WithHmacSHA512. One
 * format for both brokers: Mosquitto reads it from its {@code password_file}, the embedded HiveMQ
 * checks it here. Plain passwords never enter the file a broker reads.
 */
public final class PasswordHash {
    /** Mosquitto 2.0's mosquitto_passwd uses 101; more costs each CONNECT a little and a guesser much more. */
    public static final int ITERATIONS = 10_000;

    private static final String PREFIX = "$7$";
    private static final int SALT_BYTES = 12;
    private static final int HASH_BYTES = 64;
    private static final SecureRandom RANDOM = new SecureRandom();

    private PasswordHash() {}

    public static String hash(String password) {
        return hash(password, ITERATIONS);
    }

    public static String hash(String password, int iterations) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        var b64 = Base64.getEncoder();
        return PREFIX + iterations + "$" + b64.encodeToString(salt) + "$"
                + b64.encodeToString(pbkdf2(password, salt, iterations));
    }

    /** True when {@code password} matches {@code encoded}; false for any malformed hash. */
    public static boolean verify(String password, String encoded) {
        if (password == null || encoded == null || !encoded.startsWith(PREFIX)) return false;
        String[] parts = encoded.substring(PREFIX.length()).split("\\$", -1);
        if (parts.length != 3) return false;
        try {
            int iterations = Integer.parseInt(parts[0]);
            if (iterations < 1 || iterations > 10_000_000) return false;
            byte[] salt = Base64.getDecoder().decode(parts[1]);
            byte[] expected = Base64.getDecoder().decode(parts[2]);
            if (expected.length != HASH_BYTES) return false;
            return MessageDigest.isEqual(expected, pbkdf2(password, salt, iterations));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static byte[] pbkdf2(String password, byte[] salt, int iterations) {
        var spec = new PBEKeySpec(password.toCharArray(), salt, iterations, HASH_BYTES * 8);
        try {
            // PBEKeySpec takes chars; the JDK's PBKDF2 feeds the password to HMAC as UTF-8, as Mosquitto does
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA512")
                    .generateSecret(spec)
                    .getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA512 is not available in this JDK", e);
        } finally {
            spec.clearPassword();
        }
    }
}

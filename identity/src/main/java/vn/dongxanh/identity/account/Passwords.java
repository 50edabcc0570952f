package vn.dongxanh.identity.account;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.DelegatingPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Password and client-secret hashing. Stored values carry their scheme as a prefix
 * ({@code {argon2@SpringSecurity_v5_8}…}, {@code {bcrypt}…}); new ones are hashed with the
 * configured scheme, and values already stored in another scheme keep working.
 */
public final class Passwords {
    private static final String ARGON2 = "argon2@SpringSecurity_v5_8";
    private static final Pattern BCRYPT = Pattern.compile("^\\$2[aby]?\\$\\d\\d\\$[./0-9A-Za-z]{53}$");
    private static final Pattern ARGON2_HASH = Pattern.compile("^\\$argon2(id|i|d)\\$.+");

    private Passwords() {}

    /** @param scheme {@code argon2} or {@code bcrypt} */
    public static PasswordEncoder encoder(String scheme) {
        Map<String, PasswordEncoder> encoders = new HashMap<>();
        encoders.put("bcrypt", new BCryptPasswordEncoder());
        encoders.put(ARGON2, Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8());
        encoders.put("argon2", Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8());
        String id = switch (scheme) {
            case "argon2" -> ARGON2;
            case "bcrypt" -> "bcrypt";
            default ->
                throw new IllegalArgumentException(
                        "dx.identity.password-encoding must be argon2 or bcrypt, not '" + scheme + "'");
        };
        DelegatingPasswordEncoder delegating = new DelegatingPasswordEncoder(id, encoders);
        return new PasswordEncoder() {
            @Override
            public String encode(CharSequence raw) {
                return delegating.encode(raw);
            }

            @Override
            public boolean matches(CharSequence raw, String encoded) {
                return delegating.matches(raw, encoded);
            }

            // the seed file owns the passwords: nothing is re-hashed behind its back
            @Override
            public boolean upgradeEncoding(String encoded) {
                return false;
            }
        };
    }

    /** True when the value names a hashing scheme ({@code {bcrypt}…}, {@code {argon2}…}) rather than a plain password. */
    public static boolean looksEncoded(String value) {
        return value.startsWith("{bcrypt}") || value.startsWith("{argon2");
    }

    /** Why an encoded value cannot be stored, or null when it can. */
    public static String problemWithEncoded(String value) {
        if (value.startsWith("{bcrypt}")) {
            return BCRYPT.matcher(value.substring(8)).matches() ? null : "is not a bcrypt hash ({bcrypt}$2a$10$…)";
        }
        for (String id : new String[] {"{" + ARGON2 + "}", "{argon2}"}) {
            if (value.startsWith(id)) {
                return ARGON2_HASH.matcher(value.substring(id.length())).matches()
                        ? null
                        : "is not an Argon2 hash ({argon2}$argon2id$…)";
            }
        }
        return "names an unknown hashing scheme (use {bcrypt} or {argon2})";
    }
}

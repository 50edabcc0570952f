package vn.dongxanh.identity.key;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The provider's signing keys, kept in a JWK set file (docs/identity.md "The signing key file").
 * The first RSA private key of the file signs; every key of the file is published in the JWKS, so
 * a new key can be put first while the old one stays until the tokens it signed have expired.
 * When the file is absent a 2048-bit RSA key is generated and written owner-only (rw-------).
 * Key material is never logged: only the path and the key ids.
 */
public final class SigningKeys {
    private static final Logger log = LoggerFactory.getLogger(SigningKeys.class);
    public static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final RSAKey signing;
    private final JWKSet all;

    private SigningKeys(RSAKey signing, JWKSet all) {
        this.signing = signing;
        this.all = all;
    }

    /** Reads the key file, or generates and writes it when it does not exist. */
    public static SigningKeys loadOrCreate(Path file) {
        Path path = file.toAbsolutePath();
        if (Files.exists(path)) {
            SigningKeys keys = read(path);
            warnIfReadableByOthers(path);
            log.info("signing keys read from {} (key ids {}, {} signs)", path, keys.keyIds(), keys.signing.getKeyID());
            return keys;
        }
        SigningKeys keys = generate();
        write(path, keys.all);
        log.info("signing key generated into {} (owner-only; key id {})", path, keys.signing.getKeyID());
        return keys;
    }

    /** The private key that signs new tokens. */
    public RSAKey signingKey() {
        return signing;
    }

    /** Every key of the file (private parts included; the JWKS endpoint publishes the public parts). */
    public JWKSet all() {
        return all;
    }

    public List<String> keyIds() {
        return all.getKeys().stream().map(JWK::getKeyID).toList();
    }

    static SigningKeys read(Path path) {
        JWKSet set;
        try {
            set = JWKSet.parse(Files.readString(path, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("signing key file " + path + " cannot be read: " + e.getMessage(), e);
        } catch (ParseException e) {
            // the parser's message may quote the file; say where, not what
            throw new IllegalStateException(
                    "signing key file " + path + " is not a JWK set (JSON with a \"keys\" array)");
        }
        for (JWK key : set.getKeys()) {
            if (key.getKeyID() == null || key.getKeyID().isBlank()) {
                throw new IllegalStateException("signing key file " + path + ": every key needs a \"kid\"");
            }
        }
        RSAKey signing = set.getKeys().stream()
                .filter(k -> k instanceof RSAKey && k.isPrivate())
                .map(RSAKey.class::cast)
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(
                        "signing key file " + path + " holds no RSA private key (an RSA JWK with \"d\")"));
        return new SigningKeys(signing, set);
    }

    static SigningKeys generate() {
        try {
            RSAKey key = new RSAKeyGenerator(2048)
                    .keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256)
                    .keyIDFromThumbprint(true)
                    .generate();
            return new SigningKeys(key, new JWKSet(key));
        } catch (JOSEException e) {
            throw new IllegalStateException("RSA key generation failed: " + e.getMessage(), e);
        }
    }

    /** Written to a temporary owner-only file first, then moved into place: never readable by others, never half written. */
    private static void write(Path path, JWKSet set) {
        try {
            Path dir = path.getParent();
            Files.createDirectories(dir);
            boolean posix = Files.getFileStore(dir).supportsFileAttributeView("posix");
            FileAttribute<?>[] attrs = posix
                    ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
                    : new FileAttribute<?>[0];
            Path tmp = Files.createTempFile(dir, ".identity-signing-key", ".tmp", attrs);
            try {
                Files.writeString(tmp, set.toString(false), StandardCharsets.UTF_8);
                try {
                    Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, path);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
            if (!posix) {
                log.warn(
                        "{}: this file system has no POSIX permissions; restrict access to the signing key file by hand",
                        path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("signing key file " + path + " cannot be written: " + e.getMessage(), e);
        }
    }

    private static void warnIfReadableByOthers(Path path) {
        try {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(path);
            if (!OWNER_ONLY.containsAll(perms)) {
                log.warn(
                        "signing key file {} is {}: anyone who can read it can sign tokens; make it rw------- (chmod 600)",
                        path,
                        PosixFilePermissions.toString(perms));
            }
        } catch (UnsupportedOperationException | IOException e) {
            // no POSIX view: nothing to check
        }
    }
}

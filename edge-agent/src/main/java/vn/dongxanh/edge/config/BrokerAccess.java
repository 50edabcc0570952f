package vn.dongxanh.edge.config;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Properties;
import java.util.Set;

/**
 * How the gateway proves who it is to one broker, and whom it trusts: a credentials file
 * (user name and password, kept out of the main YAML), the CA certificate(s) a TLS broker's
 * certificate must chain to, and optionally a client certificate (a PKCS#12 keystore whose
 * password is in the credentials file). All optional: without them the link is anonymous, as
 * a broker that allows it may be.
 *
 * <p>Credentials file (Java properties; must not be readable by group or others):
 *
 * <pre>username=gw-gw-01
 * password=…
 * keystore-password=…   (only with a client keystore)</pre>
 */
public record BrokerAccess(Path credentialsFile, Path tlsCa, Path clientKeystore) {
    public static final BrokerAccess NONE = new BrokerAccess(null, null, null);

    /** The user name and password (either may be null), and the keystore's password. */
    public record Credentials(String username, String password, String keystorePassword) {
        @Override
        public String toString() {
            return "Credentials[username=" + username + ", password=(hidden)]";
        }
    }

    /** Checks the files for a link to {@code brokerUrl}; {@code prefix} is "field" or "cloud". */
    void check(String prefix, String brokerUrl) {
        if (credentialsFile != null) {
            String field = prefix + "-credentials-file";
            requireFile(field, credentialsFile);
            try {
                Set<PosixFilePermission> perms = Files.getPosixFilePermissions(credentialsFile);
                if (perms.stream()
                        .anyMatch(EnumSet.of(
                                PosixFilePermission.GROUP_READ,
                                PosixFilePermission.OTHERS_READ,
                                PosixFilePermission.GROUP_WRITE,
                                PosixFilePermission.OTHERS_WRITE)::contains)) {
                    throw new ConfigException(
                            field,
                            "is " + credentialsFile + ", readable or writable by other users",
                            "make it private: chmod 600 " + credentialsFile);
                }
            } catch (UnsupportedOperationException | IOException e) {
                // not a POSIX file system: nothing to check
            }
            var c = credentials();
            if (c.username() == null || c.username().isBlank()) {
                throw new ConfigException(field, "has no 'username='", "write username=… and password=… lines");
            }
            if (clientKeystore != null && c.keystorePassword() == null) {
                throw new ConfigException(
                        field, "has no 'keystore-password='", "add the password of " + clientKeystore);
            }
        } else if (clientKeystore != null) {
            throw new ConfigException(
                    prefix + "-client-keystore",
                    "is set without " + prefix + "-credentials-file",
                    "put keystore-password=… in a credentials file");
        }
        boolean tls = brokerUrl.startsWith("ssl://");
        if (tlsCa != null) {
            requireFile(prefix + "-tls-ca", tlsCa);
            if (!tls) {
                throw new ConfigException(
                        prefix + "-tls-ca", "is set but " + prefix + "-broker is " + brokerUrl, "use an ssl:// URL");
            }
        }
        if (clientKeystore != null) {
            requireFile(prefix + "-client-keystore", clientKeystore);
            if (!tls) {
                throw new ConfigException(
                        prefix + "-client-keystore",
                        "is set but " + prefix + "-broker is " + brokerUrl,
                        "use an ssl:// URL");
            }
        }
    }

    /** Reads the credentials file now (a changed password is picked up at the next connection). */
    public Credentials credentials() {
        if (credentialsFile == null) return new Credentials(null, null, null);
        var p = new Properties();
        try {
            p.load(new StringReader(Files.readString(credentialsFile)));
        } catch (IOException e) {
            throw new ConfigException(
                    "credentials file", credentialsFile + " could not be read: " + e.getMessage(), "check it");
        }
        return new Credentials(
                p.getProperty("username"), p.getProperty("password"), p.getProperty("keystore-password"));
    }

    private static void requireFile(String field, Path file) {
        if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
            throw new ConfigException(field, "is " + file + ", which is not a readable file", "give an existing file");
        }
    }
}

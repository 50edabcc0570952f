package vn.dongxanh.contract.psk;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The CoAP credentials file: one device a line, {@code DEVICE-ID IDENTITY KEY-HEX}, separated by
 * spaces or tabs; {@code #} starts a comment. The simulator (device side) and the edge agent
 * (gateway side) read the same format; {@code docs/security-coap.md} describes it. Written with
 * owner-only permissions (rw-------), since it holds secrets.
 *
 * <pre>
 * # device   identity   key (hex, 16-64 bytes)
 * p06-sm     p06-sm     5f0c…e1
 * </pre>
 */
public final class PskFile {
    /** rw------- */
    public static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private static final String HEADER = """
            # Đồng Xanh CoAP DTLS pre-shared keys (docs/security-coap.md). Keep secret: owner-only.
            # device-id  psk-identity  key-hex
            """;

    private PskFile() {}

    /**
     * Reads a credentials file, keyed by device id in file order.
     *
     * @throws IllegalArgumentException naming the file, the line and the fix
     * @throws IOException when the file cannot be read
     */
    public static Map<String, DevicePsk> read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    /** Parses the text of a credentials file; {@code source} names it in errors. */
    public static Map<String, DevicePsk> parse(String text, String source) {
        var out = new LinkedHashMap<String, DevicePsk>();
        var identities = new LinkedHashMap<String, String>();
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int hash = line.indexOf('#');
            if (hash >= 0) line = line.substring(0, hash);
            line = line.strip();
            if (line.isEmpty()) continue;
            String at = source + " line " + (i + 1);
            String[] parts = line.split("[ \\t]+");
            if (parts.length != 3) {
                throw new IllegalArgumentException(
                        at + " has " + parts.length + " fields; write DEVICE-ID IDENTITY KEY-HEX on one line");
            }
            byte[] key;
            try {
                key = HexFormat.of().parseHex(parts[2]);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(at + ": the key is not hex (" + e.getMessage()
                        + "); write the key as hex digits, e.g. 32 bytes" + " = 64 digits from 'openssl rand -hex 32'");
            }
            DevicePsk psk;
            try {
                psk = new DevicePsk(parts[0], parts[1], key);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(at + ": " + e.getMessage());
            }
            if (out.putIfAbsent(psk.deviceId(), psk) != null) {
                throw new IllegalArgumentException(
                        at + " repeats device " + psk.deviceId() + "; give each device one line");
            }
            String other = identities.putIfAbsent(psk.identity(), psk.deviceId());
            if (other != null) {
                throw new IllegalArgumentException(at + " gives device " + psk.deviceId() + " the identity of device "
                        + other + "; give each device its own identity");
            }
        }
        return out;
    }

    /** The text {@link #write} stores. */
    public static String format(Collection<DevicePsk> keys) {
        var text = new StringBuilder(HEADER);
        for (DevicePsk k : keys) {
            text.append(k.deviceId())
                    .append(' ')
                    .append(k.identity())
                    .append(' ')
                    .append(k.keyHex())
                    .append('\n');
        }
        return text.toString();
    }

    /**
     * Writes the file with owner-only permissions. The text goes to a new owner-only file beside
     * it first and is then moved into place, so the secret is never readable by others, not even
     * for a moment, and a crash leaves the old file whole.
     */
    public static void write(Path file, Collection<DevicePsk> keys) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path tmp = posix()
                ? Files.createTempFile(dir, ".coap-psk", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                : Files.createTempFile(dir, ".coap-psk", ".tmp");
        try {
            Files.writeString(tmp, format(keys), StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * The keys of these devices from {@code file}, creating the file or adding fresh random keys
     * for devices it lacks; keys already there are kept, so a device keeps its key across runs.
     * A file others could read is narrowed to owner-only.
     */
    public static Map<String, DevicePsk> ensure(Path file, Collection<String> deviceIds, SecureRandom random)
            throws IOException {
        Map<String, DevicePsk> keys = Files.exists(file) ? read(file) : new LinkedHashMap<>();
        boolean changed = !Files.exists(file);
        for (String id : deviceIds) {
            if (!keys.containsKey(id)) {
                keys.put(id, DevicePsk.generate(id, random));
                changed = true;
            }
        }
        if (changed) {
            write(file, keys.values());
        } else if (posix() && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY)) {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
        return keys;
    }

    private static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}

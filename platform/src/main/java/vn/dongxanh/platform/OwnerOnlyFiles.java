package vn.dongxanh.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Secrets of a run (passwords, keys) are written readable by their owner only: the file is
 * created with rw------- before a byte is written, its folder with rwx------.
 */
final class OwnerOnlyFiles {
    private OwnerOnlyFiles() {}

    static Path directory(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        return dir;
    }

    static void write(Path file, String content) throws IOException {
        directory(file.toAbsolutePath().getParent());
        Path partial = file.resolveSibling(file.getFileName() + ".partial");
        Files.deleteIfExists(partial);
        Files.createFile(partial, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(partial, content, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        // a crash mid-write leaves the old file or none, never half a secret
        Files.move(
                partial,
                file,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}

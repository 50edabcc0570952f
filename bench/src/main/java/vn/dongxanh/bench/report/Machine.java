package vn.dongxanh.bench.report;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * Where and when figures were measured. The machines are shared and noisy, so the load average
 * at the start is recorded too.
 *
 * @param disk the device and file system of the folder the benchmark wrote to
 */
public record Machine(
        Instant at, String host, int cpus, String cpuModel, String memory, String jdk, String disk, String load) {

    /** Describes this machine now; {@code workDir} is the folder whose disk the figures depend on. */
    public static Machine probe(Path workDir) {
        return new Machine(
                Instant.now().truncatedTo(ChronoUnit.SECONDS),
                readHost(),
                Runtime.getRuntime().availableProcessors(),
                readCpuModel(),
                readMemory(),
                System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version"),
                readDisk(workDir),
                readLoad());
    }

    /** One line for RESULTS.md and the console. */
    public String line() {
        return "%s on `%s`: %d × %s, %s RAM, JDK %s, disk %s, load average %s"
                .formatted(at, host, cpus, cpuModel, memory, jdk, disk, load);
    }

    private static String readHost() {
        try {
            return Files.readString(Path.of("/etc/hostname")).strip();
        } catch (IOException e) {
            try {
                return InetAddress.getLocalHost().getHostName();
            } catch (IOException e2) {
                return "unknown";
            }
        }
    }

    private static String readCpuModel() {
        return procLine("/proc/cpuinfo", "model name")
                .map(l -> l.substring(l.indexOf(':') + 1).strip())
                .orElse("unknown CPU");
    }

    private static String readMemory() {
        return procLine("/proc/meminfo", "MemTotal")
                .map(l -> {
                    long kib = Long.parseLong(l.replaceAll("[^0-9]", ""));
                    return String.format(Locale.ROOT, "%.1f GiB", kib / 1024.0 / 1024.0);
                })
                .orElse("unknown");
    }

    private static String readDisk(Path dir) {
        try {
            var store = Files.getFileStore(dir);
            String device = store.name();
            String rotational = "";
            if (device.startsWith("/dev/")) {
                String name = device.substring(5);
                if (!Files.isDirectory(Path.of("/sys/block", name))) name = name.replaceAll("p?[0-9]+$", "");
                Path flag = Path.of("/sys/block", name, "queue/rotational");
                if (Files.isReadable(flag)) {
                    rotational = Files.readString(flag).strip().equals("1") ? ", reports rotational" : ", SSD";
                }
            }
            return "%s (%s%s) for %s".formatted(device, store.type(), rotational, dir);
        } catch (IOException e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private static String readLoad() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static java.util.Optional<String> procLine(String file, String prefix) {
        try (var lines = Files.lines(Path.of(file))) {
            return lines.filter(l -> l.startsWith(prefix)).findFirst();
        } catch (IOException e) {
            return java.util.Optional.empty();
        }
    }
}

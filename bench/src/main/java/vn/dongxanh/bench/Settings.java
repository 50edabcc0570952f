package vn.dongxanh.bench;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Sizes and paths of the benchmarks, from system properties ({@code -Dbench.…}, which bench/run
 * passes through), each with the default used for RESULTS.md.
 */
public final class Settings {
    private Settings() {}

    public static int integer(String key, int dflt) {
        String v = System.getProperty(key);
        if (v == null || v.isBlank()) return dflt;
        try {
            return Integer.parseInt(v.strip().replace("_", ""));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("-D" + key + "=" + v + " is not a whole number");
        }
    }

    /** A duration in seconds. */
    public static Duration seconds(String key, int dfltSeconds) {
        return Duration.ofSeconds(integer(key, dfltSeconds));
    }

    public static String text(String key, String dflt) {
        String v = System.getProperty(key);
        return v == null || v.isBlank() ? dflt : v.strip();
    }

    /** The repository root (bench/run passes it); edge-agent and firmware-sim jars are found from here. */
    public static Path repo() {
        return Path.of(text("bench.repo", ".")).toAbsolutePath().normalize();
    }

    /** Where temporary outboxes and logs go; its disk is the one the outbox figures describe. */
    public static Path workBase() {
        return Path.of(text("bench.dir", System.getProperty("java.io.tmpdir")));
    }
}

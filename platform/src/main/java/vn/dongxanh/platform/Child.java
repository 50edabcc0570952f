package vn.dongxanh.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One part of the platform running as its own process, its output in a log file. */
final class Child implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Path log;

    private Child(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    static Child start(String name, Path jar, List<String> args, Map<String, String> env, Path logDir)
            throws IOException {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build first with ./mvnw -DskipTests package");
        }
        var command = new ArrayList<String>();
        command.add(javaBinary());
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(args);
        Path log = logDir.resolve(name + ".log");
        var pb = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        return new Child(name, pb.start(), log);
    }

    /** The java of the JVM running the platform: it is 21+ since this code runs on it. */
    private static String javaBinary() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    String name() {
        return name;
    }

    Path log() {
        return log;
    }

    boolean alive() {
        return process.isAlive();
    }

    /** Last lines of the log, for an error message when the child dies. */
    String tail(int lines) {
        try {
            var all = Files.readAllLines(log);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    @Override
    public void close() {
        process.destroy(); // SIGTERM: each part shuts down cleanly on it
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}

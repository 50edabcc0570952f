package vn.dongxanh.bench.footprint;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A Java program started as a child process, measured from outside as an operator would: its
 * output goes to a log file, its start ends at the first line containing a given text, memory
 * comes from /proc and from {@code jcmd}.
 */
final class ChildJvm implements AutoCloseable {
    private final String name;
    private final Process process;
    private final long spawnedAt;
    private final AtomicLong readyAt = new AtomicLong();
    private final AtomicLong errorLines = new AtomicLong();
    private final CountDownLatch ready = new CountDownLatch(1);
    private final Path log;

    private ChildJvm(String name, Process process, long spawnedAt, Path log) {
        this.name = name;
        this.process = process;
        this.spawnedAt = spawnedAt;
        this.log = log;
    }

    /** The {@code java} of the running JDK, so every child runs on the same JVM as the others. */
    static Path java() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /**
     * Starts {@code java args…}; stdout and stderr go to {@code log}, and the first line
     * containing {@code readyText} marks the end of the start.
     */
    static ChildJvm start(String name, List<String> args, Path log, String readyText) throws IOException {
        var command = new ArrayList<String>();
        command.add(java().toString());
        command.addAll(args);
        var builder = new ProcessBuilder(command).redirectErrorStream(true);
        long spawnedAt = System.nanoTime();
        Process process = builder.start();
        var child = new ChildJvm(name, process, spawnedAt, log);
        Thread.ofPlatform().daemon(true).name(name + "-output").start(() -> child.pump(readyText));
        return child;
    }

    private void pump(String readyText) {
        try (var in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
                var out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (ready.getCount() > 0 && line.contains(readyText)) {
                    readyAt.set(System.nanoTime());
                    ready.countDown();
                }
                if (line.contains(" ERROR ")) errorLines.incrementAndGet();
                out.println(line);
                out.flush();
            }
        } catch (IOException e) {
            // the process ended; what it wrote so far is in the log
        }
    }

    /** Waits for the ready line; returns the time from spawn to it. */
    Duration awaitReady(Duration timeout) throws InterruptedException {
        if (!ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(
                    name + " did not start within " + timeout + " (alive: " + process.isAlive() + "); see " + log);
        }
        return Duration.ofNanos(readyAt.get() - spawnedAt);
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    long errorLines() {
        return errorLines.get();
    }

    Path log() {
        return log;
    }

    /** A field of /proc/PID/status in kB (VmRSS, VmHWM) or as a count (Threads). */
    long status(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid()), "status"))) {
            if (line.startsWith(field + ":")) {
                return Long.parseLong(line.substring(field.length() + 1).replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException(field + " not in /proc/" + pid() + "/status");
    }

    /** Runs a full GC in the child, then reads the heap it still uses. */
    HeapInfo heapAfterGc() throws IOException, InterruptedException {
        Jcmd.run(pid(), "GC.run");
        return HeapInfo.parse(Jcmd.run(pid(), "GC.heap_info"));
    }

    /** SIGTERM, so the program's shutdown hook runs; killed if it has not ended in 20 s. */
    @Override
    public void close() throws InterruptedException {
        if (!process.isAlive()) return;
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }
}

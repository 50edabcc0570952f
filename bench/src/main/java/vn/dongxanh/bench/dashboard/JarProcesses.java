package vn.dongxanh.bench.dashboard;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The platform's services the dashboard benchmark runs against, each from its packaged jar as its
 * own process (as ./dx run and the web module's browser test start them), its output in a log file.
 * Each jar is copied first: a rebuild of the jar under a running JVM breaks its class loading.
 */
public final class JarProcesses implements AutoCloseable {
    private final List<Process> started = new ArrayList<>();
    private final List<Path> copies = new ArrayList<>();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final Path repo;
    private final Path work;

    public JarProcesses(Path repo, Path work) {
        this.repo = repo;
        this.work = work;
    }

    /** Starts {@code module/target/module.jar} with {@code env} and waits until its health answers UP. */
    public void start(String module, int port, Map<String, String> env) throws Exception {
        Path jar = repo.resolve(module + "/target/" + module + ".jar");
        if (!Files.isRegularFile(jar))
            throw new IllegalStateException(
                    jar + " is missing: ./mvnw -B -q -DskipTests package -pl " + module + " -am");
        Path copy = work.resolve(module + ".jar");
        Files.copy(jar, copy, StandardCopyOption.REPLACE_EXISTING);
        copies.add(copy);
        Path log = work.resolve(module + ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var pb = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-jar", copy.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().putAll(env);
        Process p = pb.start();
        started.add(p);
        var health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                .timeout(Duration.ofSeconds(2))
                .build();
        long deadline = System.nanoTime() + Duration.ofSeconds(240).toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) throw new IllegalStateException(module + " stopped while starting; see " + log);
            try {
                var r = http.send(health, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("\"UP\"")) return;
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(300);
        }
        throw new IllegalStateException(module + " did not become healthy in 240 s; see " + log);
    }

    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            Process p = started.get(i);
            p.destroy(); // SIGTERM: graceful shutdown
            try {
                if (!p.waitFor(20, TimeUnit.SECONDS)) p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        // the logs stay for reading; the jar copies (tens of MB each) go
        for (Path copy : copies) {
            try {
                Files.deleteIfExists(copy);
            } catch (IOException e) {
                System.err.println("  could not delete " + copy + ": " + e.getMessage());
            }
        }
    }
}

package vn.dongxanh.bench.ingest;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The packaged ingest-service.jar as a child process on a fresh database and the machine's
 * broker, with an HTTP client for its API (each call with a bearer token) and for its actuator on
 * the loopback management port (no token there). Its output goes to a log file.
 */
final class IngestProcess implements AutoCloseable {
    private static final Pattern VALUE = Pattern.compile("\"value\"\\s*:\\s*([-0-9.Ee+]+)");

    private final Process process;
    private final String base;
    private final String management;
    private final Path log;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private IngestProcess(Process process, String base, String management, Path log) {
        this.process = process;
        this.base = base;
        this.management = management;
        this.log = log;
    }

    /**
     * Starts the jar with {@code env} added to ours (which must set {@code DX_INGEST_PORT} to
     * {@code port} and {@code DX_INGEST_MANAGEMENT_PORT} to {@code managementPort}) and waits until
     * the API port's public /actuator/health answers UP.
     */
    static IngestProcess start(
            Path jar, List<String> jvmFlags, Map<String, String> env, int port, int managementPort, Path log)
            throws IOException, InterruptedException {
        var command = new ArrayList<String>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmFlags);
        command.add("-jar");
        command.add(jar.toString());
        var builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        var p = new IngestProcess(
                builder.start(), "http://127.0.0.1:" + port, "http://127.0.0.1:" + managementPort, log);
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline) {
            if (!p.process.isAlive()
                    || p.logLines("APPLICATION FAILED TO START") > 0
                    || p.logLines("Exception in thread \"main\"") > 0) {
                p.close();
                throw new IOException("ingest-service failed to start; see " + log);
            }
            try {
                var r = p.send(HttpRequest.newBuilder(URI.create(p.base + "/actuator/health")), null);
                if (r.statusCode() == 200 && r.body().contains("\"UP\"")) return p;
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        p.close();
        throw new IOException("ingest-service not healthy within 180 s; see " + log);
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    /** A GET of the API with {@code token} as its bearer token. */
    HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET(), token);
    }

    /** A POST of JSON to the API with {@code token} as its bearer token. */
    HttpResponse<String> post(String path, String json, String token) throws IOException, InterruptedException {
        return send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json)),
                token);
    }

    /** A GET of the management port (actuator: metrics, prometheus), which takes no token. */
    HttpResponse<String> management(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(management + path)).GET(), null);
    }

    private HttpResponse<String> send(HttpRequest.Builder request, String token)
            throws IOException, InterruptedException {
        request.timeout(Duration.ofSeconds(30));
        if (token != null) request.header("Authorization", "Bearer " + token);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The first measurement of an actuator metric, e.g. {@code jvm.memory.used?tag=area:heap}. */
    double metric(String nameAndQuery) throws IOException, InterruptedException {
        var r = management("/actuator/metrics/" + nameAndQuery);
        if (r.statusCode() == 404) return 0; // a counter not yet incremented is not registered yet
        if (r.statusCode() != 200) throw new IOException("metric " + nameAndQuery + ": HTTP " + r.statusCode());
        Matcher m = VALUE.matcher(r.body());
        if (!m.find()) throw new IOException("metric " + nameAndQuery + ": no value in " + r.body());
        return Double.parseDouble(m.group(1));
    }

    /** Lines of the log containing {@code word}, counted (e.g. ERROR). */
    long logLines(String word) {
        try (var lines = Files.lines(log)) {
            return lines.filter(l -> l.contains(word)).count();
        } catch (IOException | java.io.UncheckedIOException e) {
            return -1;
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy(); // SIGTERM: graceful shutdown
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
        }
    }
}

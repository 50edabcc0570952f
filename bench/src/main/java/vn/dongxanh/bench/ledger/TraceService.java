package vn.dongxanh.bench.ledger;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import vn.dongxanh.devkit.FreePorts;

/**
 * The packaged traceability-service.jar as a child process on a free port of 127.0.0.1, in ledger
 * mode {@code local} (it starts its own anvil), with a generated department password.
 */
final class TraceService implements AutoCloseable {
    static final String USER = "department";

    private final Process process;
    private final Path log;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String auth;
    final String base;

    private TraceService(Process process, Path log, String base, String password) {
        this.process = process;
        this.log = log;
        this.base = base;
        this.auth =
                "Basic " + Base64.getEncoder().encodeToString((USER + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static Path jar(Path repo) {
        Path jar = repo.resolve("traceability-service/target/traceability-service.jar");
        if (!Files.isReadable(jar))
            throw new IllegalStateException(jar + " is missing: build traceability-service first");
        return jar;
    }

    /** Starts it and waits until its health is UP and its ledger has a contract. */
    static TraceService start(Path repo, Map<String, String> env, Path workDir, Duration timeout) throws Exception {
        int port = FreePorts.tcp();
        String password = java.util.UUID.randomUUID().toString();
        String java = ProcessHandle.current().info().command().orElse("java");
        Path log = workDir.resolve("traceability-service.log");
        var pb = new ProcessBuilder(List.of(
                        java,
                        "--enable-native-access=ALL-UNNAMED",
                        "-jar",
                        jar(repo).toString()))
                // anvil is looked up from the working directory (node_modules of the module)
                .directory(repo.resolve("traceability-service").toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().putAll(env);
        pb.environment().put("DX_TRACE_PORT", Integer.toString(port));
        pb.environment().put("DX_TRACE_ADDRESS", "127.0.0.1");
        pb.environment().put("DX_TRACE_LEDGER_DIR", workDir.resolve("ledger").toString());
        pb.environment().put("DX_TRACE_DEPARTMENT_PASSWORD", password);
        var service = new TraceService(pb.start(), log, "http://127.0.0.1:" + port, password);
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                if (!service.process.isAlive())
                    throw new IllegalStateException("the service exited: " + service.tail());
                if (System.nanoTime() > deadline)
                    throw new IllegalStateException("the service did not start: " + service.tail());
                try {
                    var ledger = service.get("/api/ledger");
                    if (ledger.statusCode() == 200 && ledger.body().matches("(?s).*\"contract\"\\s*:\\s*\"0x.*")) {
                        return service;
                    }
                } catch (IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(250);
            }
        } catch (Exception e) {
            service.close();
            throw e;
        }
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .timeout(Duration.ofSeconds(30))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .timeout(Duration.ofSeconds(120))
                        .header("Content-Type", "application/json")
                        .header("Authorization", auth)
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The last lines of its log, for error messages. */
    String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    long countLogLines(String marker) {
        try (var lines = Files.lines(log)) {
            return lines.filter(l -> l.contains(marker)).count();
        } catch (IOException e) {
            return -1;
        }
    }

    /** SIGTERM (graceful: it stops its anvil), then anything of its own still alive is killed. */
    @Override
    public void close() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS))
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        for (ProcessHandle child : children) {
            if (child.isAlive()) child.destroyForcibly();
        }
    }
}

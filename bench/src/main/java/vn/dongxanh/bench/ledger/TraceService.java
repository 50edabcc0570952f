package vn.dongxanh.bench.ledger;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import vn.dongxanh.devkit.FreePorts;

/**
 * The packaged traceability-service.jar as a child process on a free port of 127.0.0.1, in ledger
 * mode {@code local} (it starts its own anvil). Its API takes bearer tokens of the issuer named by
 * {@code DX_TRACE_OIDC_ISSUER_URI} in the environment it is given; each call here carries one.
 */
public final class TraceService implements AutoCloseable {
    private final Process process;
    private final Path log;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    public final String base;

    private TraceService(Process process, Path log, String base) {
        this.process = process;
        this.log = log;
        this.base = base;
    }

    static Path jar(Path repo) {
        Path jar = repo.resolve("traceability-service/target/traceability-service.jar");
        if (!Files.isReadable(jar))
            throw new IllegalStateException(jar + " is missing: build traceability-service first");
        return jar;
    }

    /** Starts it and waits until its health is UP and its ledger has a contract. */
    public static TraceService start(Path repo, Map<String, String> env, Path workDir, Duration timeout)
            throws Exception {
        int port = FreePorts.tcp();
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
        // its default public URL is local http, refused unless allowed (labels are not printed here)
        pb.environment().put("DX_TRACE_ALLOW_HTTP_PUBLIC_URL", "true");
        var service = new TraceService(pb.start(), log, "http://127.0.0.1:" + port);
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                if (!service.process.isAlive())
                    throw new IllegalStateException("the service exited: " + service.tail());
                if (System.nanoTime() > deadline)
                    throw new IllegalStateException("the service did not start: " + service.tail());
                try {
                    // public (no token), rate limited per client: 429 only delays the next try
                    var ledger = service.get("/api/ledger", null);
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

    /** A GET with {@code token} as its bearer token, or none when null. */
    public HttpResponse<String> get(String path, String token) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(Duration.ofSeconds(30))
                .GET();
        if (token != null) request.header("Authorization", "Bearer " + token);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A POST of JSON with {@code token} as its bearer token. */
    public HttpResponse<String> post(String path, String json, String token) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(URI.create(base + path))
                        .timeout(Duration.ofSeconds(120))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + token)
                        .POST(HttpRequest.BodyPublishers.ofString(json))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** The last lines of its log, for error messages. */
    public String tail() {
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

package vn.dongxanh.trace.ledger.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local anvil chain run as a child process on 127.0.0.1 (the binary ships inside the npm package
 * {@code @foundry-rs/anvil-linux-amd64}, installed by the build). Its output is discarded on purpose:
 * anvil prints the private keys of its dev accounts at start, and keys must never reach a log.
 */
public final class AnvilProcess implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AnvilProcess.class);

    /** Where the build's {@code npm ci} puts the binary, relative to the module directory. */
    public static final List<String> DEFAULT_LOCATIONS = List.of(
            "node_modules/.bin/anvil",
            "node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil",
            "traceability-service/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil",
            "../traceability-service/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil");

    private final Process process;
    private final int port;
    private final Options options;

    /** How to start anvil; {@code stateFile} (optional) keeps the chain across restarts. */
    public record Options(
            Path binary,
            int port,
            Optional<Path> stateFile,
            Optional<Duration> blockTime,
            Optional<String> mnemonic,
            long chainId,
            Duration startTimeout) {}

    private AnvilProcess(Process process, Options options) {
        this.process = process;
        this.port = options.port();
        this.options = options;
    }

    /** The first existing file among the configured path and the default locations. */
    public static Path locate(Optional<String> configured) {
        List<String> candidates = new ArrayList<>();
        configured.filter(s -> !s.isBlank()).ifPresent(candidates::add);
        candidates.addAll(DEFAULT_LOCATIONS);
        for (String candidate : candidates) {
            Path path = Path.of(candidate).toAbsolutePath();
            if (Files.isExecutable(path)) {
                return path;
            }
        }
        throw new IllegalStateException("no anvil binary found (looked at " + candidates
                + "); run `npm ci` in traceability-service or set dx.trace.ledger.local.anvil-binary");
    }

    /** Starts anvil and waits until its JSON-RPC answers. */
    public static AnvilProcess start(Options options) {
        List<String> command = new ArrayList<>(List.of(
                options.binary().toString(),
                "--host",
                "127.0.0.1",
                "--port",
                Integer.toString(options.port()),
                "--chain-id",
                Long.toString(options.chainId())));
        options.stateFile().ifPresent(state -> command.addAll(List.of("--state", state.toString())));
        options.blockTime().ifPresent(bt -> command.addAll(List.of("--block-time", Long.toString(bt.toSeconds()))));
        options.mnemonic().ifPresent(m -> command.addAll(List.of("--mnemonic", m)));
        try {
            Process process = new ProcessBuilder(command)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            AnvilProcess anvil = new AnvilProcess(process, options);
            anvil.awaitReady(options.startTimeout());
            log.info("anvil started at {} (chain id {})", anvil.rpcUrl(), options.chainId());
            return anvil;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start anvil " + options.binary(), e);
        }
    }

    public String rpcUrl() {
        return "http://127.0.0.1:" + port;
    }

    public Options options() {
        return options;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    private void awaitReady(Duration timeout) {
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(rpcUrl()))
                .header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(2))
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"eth_chainId\",\"params\":[]}"))
                .build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("anvil exited with " + process.exitValue() + " while starting");
            }
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("result")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for anvil", e);
            }
            sleep(100);
        }
        close();
        throw new IllegalStateException("anvil did not answer on " + rpcUrl() + " within " + timeout);
    }

    /** Stops anvil with SIGTERM (so it writes its state file), forcibly after a grace period. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                log.warn("anvil did not stop within 15 s; killing it");
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

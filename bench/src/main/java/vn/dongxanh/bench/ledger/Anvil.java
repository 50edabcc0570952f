package vn.dongxanh.bench.ledger;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.http.HttpService;
import vn.dongxanh.devkit.FreePorts;

/** A throw-away anvil chain on 127.0.0.1 (the binary the traceability build installs), one block per transaction. */
final class Anvil implements AutoCloseable {
    /** Dev account #0 of anvil's default mnemonic: public, used on local chains only. */
    static final String DEV_KEY = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";

    private final Process process;
    private final Web3j web3j;
    final String url;

    private Anvil(Process process, String url) {
        this.process = process;
        this.url = url;
        this.web3j = Web3j.build(new HttpService(url));
    }

    static Path binary(Path repo) {
        Path bin = repo.resolve("traceability-service/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil");
        if (!Files.isExecutable(bin)) {
            throw new IllegalStateException(
                    bin + " is missing: build traceability-service first (its npm ci installs anvil)");
        }
        return bin;
    }

    static Anvil start(Path repo, Path log) throws IOException, InterruptedException {
        int port = FreePorts.tcp();
        Process p = new ProcessBuilder(
                        List.of(binary(repo).toString(), "--host", "127.0.0.1", "--port", Integer.toString(port)))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        var anvil = new Anvil(p, "http://127.0.0.1:" + port);
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            try {
                anvil.web3j.ethChainId().send();
                return anvil;
            } catch (IOException e) {
                if (!p.isAlive() || System.nanoTime() > deadline) {
                    anvil.close();
                    throw new IOException("anvil did not answer on " + anvil.url + "; see " + log, e);
                }
                Thread.sleep(100);
            }
        }
    }

    Web3j web3j() {
        return web3j;
    }

    @Override
    public void close() {
        web3j.shutdown();
        process.destroy();
        try {
            if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}

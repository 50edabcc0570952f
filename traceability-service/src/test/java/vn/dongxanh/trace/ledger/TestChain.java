package vn.dongxanh.trace.ledger;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.web3j.crypto.Credentials;
import org.web3j.protocol.Web3j;
import org.web3j.protocol.core.Request;
import org.web3j.protocol.core.Response;
import org.web3j.protocol.http.HttpService;
import org.web3j.tx.RawTransactionManager;
import org.web3j.tx.response.PollingTransactionReceiptProcessor;
import vn.dongxanh.devkit.FreePorts;
import vn.dongxanh.trace.ledger.local.AnvilProcess;

/**
 * A real anvil chain for a test, on a free loopback port, with its state in a temp file so it
 * can be stopped and started again on the same port without losing blocks.
 */
public final class TestChain implements AutoCloseable {
    /** anvil's default mnemonic: its ten dev accounts are well known and hold test ether only. */
    public static final String MNEMONIC = "test test test test test test test test test test test junk";

    public static final long CHAIN_ID = 31337;

    private final AnvilProcess.Options options;
    private final Path stateDir;
    private AnvilProcess anvil;
    private Web3j web3j;

    private TestChain(AnvilProcess.Options options, Path stateDir) {
        this.options = options;
        this.stateDir = stateDir;
        this.anvil = AnvilProcess.start(options);
        this.web3j = Web3j.build(new HttpService(anvil.rpcUrl()));
    }

    public static TestChain start() {
        try {
            Path stateDir = Files.createTempDirectory("dx-anvil-");
            var options = new AnvilProcess.Options(
                    AnvilProcess.locate(Optional.empty()),
                    FreePorts.tcp(),
                    Optional.of(stateDir.resolve("state.json")),
                    Optional.empty(),
                    Optional.of(MNEMONIC),
                    CHAIN_ID,
                    Duration.ofSeconds(30));
            return new TestChain(options, stateDir);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public String rpcUrl() {
        return anvil.rpcUrl();
    }

    public Web3j web3j() {
        return web3j;
    }

    public Credentials account(int index) {
        return DevAccounts.account(MNEMONIC, index);
    }

    /** Signs with the account and polls for receipts every 50 ms (web3j's default is 15 s). */
    public RawTransactionManager transactions(Credentials who) {
        return new RawTransactionManager(web3j, who, CHAIN_ID, new PollingTransactionReceiptProcessor(web3j, 50, 400));
    }

    /** Stops the chain (its state file is written on the way out). */
    public void stop() {
        anvil.close();
    }

    /** Starts it again on the same port from the state file: blocks and contracts survive, the mempool does not. */
    public void startAgain() {
        anvil = AnvilProcess.start(options);
    }

    /** Mines blocks (anvil_mine), e.g. to reach a confirmation depth. */
    public void mine(int blocks) throws IOException {
        new Request<>("anvil_mine", List.of(BigInteger.valueOf(blocks)), new HttpService(rpcUrl()), Response.class)
                .send();
    }

    /**
     * Replaces the newest {@code depth} blocks with empty ones at the same heights (anvil_reorg):
     * their transactions are gone from the chain and from the mempool, as after a real reorg.
     */
    public void reorg(int depth) throws IOException {
        Response<?> r = new Request<>(
                        "anvil_reorg", List.of(depth, List.of()), new HttpService(rpcUrl()), Response.class)
                .send();
        if (r.hasError()) {
            throw new IOException(r.getError().getMessage());
        }
    }

    /** Turns automatic mining on or off (evm_setAutomine): off keeps sent transactions in the mempool. */
    public void automine(boolean on) throws IOException {
        Response<?> r = new Request<>("evm_setAutomine", List.of(on), new HttpService(rpcUrl()), Response.class).send();
        if (r.hasError()) {
            throw new IOException(r.getError().getMessage());
        }
    }

    @Override
    public void close() {
        web3j.shutdown();
        anvil.close();
        try (var files = Files.walk(stateDir)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp dir left behind is harmless
        }
    }
}

package vn.dongxanh.trace;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.springframework.test.context.DynamicPropertyRegistry;
import vn.dongxanh.devkit.LocalServices;
import vn.dongxanh.trace.ledger.TestChain;

/** Points a test's service at its own database and chain, with a keystore written for the test. */
public final class TestProperties {
    public static final String KEYSTORE_PASSWORD = "test-only-keystore-password";

    private TestProperties() {}

    /** The service on the test's own database and chain, taking the test users' tokens. */
    public static void service(DynamicPropertyRegistry registry, LocalServices.TestDatabase db, TestChain chain) {
        database(registry, db);
        ledger(registry, chain);
        issuer(registry);
    }

    /**
     * The service's OpenID Connect provider is the tests' {@link TestTokens} issuer, reached by its
     * issuer URI (discovery, then JWKS) as in production; the public rate limit is set high, since
     * a test makes many requests from one address (its own test checks the limit).
     */
    public static void issuer(DynamicPropertyRegistry registry) {
        registry.add(
                "dx.trace.security.oidc.issuer-uri", () -> TestTokens.issuer().issuerUri());
        registry.add("dx.trace.security.rate-limit.requests-per-minute", () -> "1000000");
        registry.add("dx.trace.security.rate-limit.burst", () -> "100000");
        // a test's service is reached on loopback: its http public URL is accepted (production's is refused)
        registry.add("dx.trace.allow-http-public-url", () -> "true");
    }

    /**
     * After the test class: the context's connection pool is closed before its database is
     * dropped (nothing may write to a vanished database), then the chain is stopped.
     */
    public static void release(DataSource dataSource, LocalServices.TestDatabase db, TestChain chain) throws Exception {
        if (dataSource instanceof AutoCloseable pool) pool.close();
        db.close();
        chain.close();
    }

    public static void database(DynamicPropertyRegistry registry, LocalServices.TestDatabase db) {
        registry.add("spring.datasource.url", db::jdbcUrl);
        registry.add("spring.datasource.username", db::user);
        registry.add("spring.datasource.password", db::password);
    }

    /** RPC mode on the test chain, fast polling, a dev keystore generated on first use. */
    public static void ledger(DynamicPropertyRegistry registry, TestChain chain) {
        Path dir = tempDir();
        registry.add("dx.trace.ledger.mode", () -> "rpc");
        registry.add("dx.trace.ledger.rpc-url", chain::rpcUrl);
        registry.add("dx.trace.ledger.poll-interval", () -> "200ms");
        registry.add(
                "dx.trace.ledger.keystore.file",
                () -> dir.resolve("keystore.json").toString());
        registry.add("dx.trace.ledger.keystore.password", () -> KEYSTORE_PASSWORD);
        registry.add("dx.trace.ledger.keystore.generate-dev-key", () -> "true");
    }

    static void deleteTree(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder())
                    .forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp dir left behind is harmless
        }
    }

    public static Path tempDir() {
        try {
            Path dir = Files.createTempDirectory("dx-trace-test-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}

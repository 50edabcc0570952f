package vn.dongxanh.identity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import vn.dongxanh.devkit.FreePorts;
import vn.dongxanh.devkit.LocalServices;

/**
 * The provider started for a test as it starts in production ({@code IdentityApplication}), on a
 * free loopback port, its own database and key file; the issuer is the default one,
 * {@code http://127.0.0.1:<port>}.
 */
final class Provider implements AutoCloseable {
    final ConfigurableApplicationContext context;
    final int port;

    private Provider(ConfigurableApplicationContext context, int port) {
        this.context = context;
        this.port = port;
    }

    static Provider start(LocalServices.TestDatabase db, Path keyFile, Path seedFile, String... extra) {
        int port = FreePorts.tcp();
        List<String> args = new ArrayList<>(List.of(
                "--server.port=" + port,
                "--spring.datasource.url=" + db.jdbcUrl(),
                "--spring.datasource.username=" + db.user(),
                "--spring.datasource.password=" + db.password(),
                "--dx.identity.signing-key-file=" + keyFile,
                "--dx.identity.seed-file=" + (seedFile == null ? "" : seedFile.toString())));
        args.addAll(List.of(extra));
        ConfigurableApplicationContext context =
                new SpringApplicationBuilder(IdentityApplication.class).run(args.toArray(String[]::new));
        return new Provider(context, port);
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        context.close();
    }

    static Path testSeed() {
        try {
            Path dir = tempDir();
            Path seed = dir.resolve("seed.yaml");
            try (var in = Provider.class.getResourceAsStream("/test-seed.yaml")) {
                Files.copy(in, seed);
            }
            return seed;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path tempDir() {
        try {
            Path dir = Files.createTempDirectory("dx-identity-test-");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path dir) {
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temp dir left behind is harmless
        }
    }
}

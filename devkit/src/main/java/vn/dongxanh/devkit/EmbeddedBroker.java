package vn.dongxanh.devkit;

import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * An in-process MQTT 5 broker (HiveMQ CE embedded) on 127.0.0.1. It has shared subscriptions,
 * which the ingest service relies on. Its folders live in a temp dir removed on close.
 */
public final class EmbeddedBroker implements AutoCloseable {
    private final EmbeddedHiveMQ hivemq;
    private final Path home;
    private final int port;

    private EmbeddedBroker(EmbeddedHiveMQ hivemq, Path home, int port) {
        this.hivemq = hivemq;
        this.home = home;
        this.port = port;
    }

    /** Starts a broker on the given port (0 = pick a free one). */
    public static EmbeddedBroker start(int port) {
        int p = port == 0 ? FreePorts.tcp() : port;
        try {
            Path home = Files.createTempDirectory("dx-hivemq-");
            Path conf = Files.createDirectories(home.resolve("conf"));
            Files.writeString(conf.resolve("config.xml"), """
                    <?xml version="1.0"?>
                    <hivemq>
                      <listeners>
                        <tcp-listener>
                          <port>%d</port>
                          <bind-address>127.0.0.1</bind-address>
                        </tcp-listener>
                      </listeners>
                      <mqtt>
                        <!-- a gateway that restarts must find everything its devices sent meanwhile -->
                        <queued-messages>
                          <max-queue-size>1000000</max-queue-size>
                        </queued-messages>
                      </mqtt>
                      <anonymous-usage-statistics>
                        <enabled>false</enabled>
                      </anonymous-usage-statistics>
                    </hivemq>
                    """.formatted(p));
            EmbeddedHiveMQ hivemq = EmbeddedHiveMQ.builder()
                    .withConfigurationFolder(conf)
                    .withDataFolder(Files.createDirectories(home.resolve("data")))
                    .withExtensionsFolder(Files.createDirectories(home.resolve("extensions")))
                    .build();
            hivemq.start().join();
            return new EmbeddedBroker(hivemq, home, p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    @Override
    public void close() {
        try {
            hivemq.stop().join();
            hivemq.close();
        } catch (Exception e) {
            // stopping is best effort; the temp folder goes anyway
        } finally {
            deleteTree(home);
        }
    }

    static void deleteTree(Path root) {
        if (!Files.exists(root)) return;
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // temp files; nothing else to do
        }
    }
}

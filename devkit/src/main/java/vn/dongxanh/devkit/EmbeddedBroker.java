package vn.dongxanh.devkit;

import com.hivemq.embedded.EmbeddedExtension;
import com.hivemq.embedded.EmbeddedHiveMQ;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import vn.dongxanh.devkit.mqtt.BrokerAuth;
import vn.dongxanh.devkit.mqtt.HiveMqSecurity;

/**
 * An in-process MQTT 5 broker (HiveMQ CE embedded) on 127.0.0.1. It has shared subscriptions,
 * which the ingest service relies on. Its folders live in a temp dir removed on close.
 *
 * <p>{@link #start(int)} is open to anyone (tests that need no security); {@link #startSecured}
 * refuses anonymous clients and confines each principal to its topics (docs/security-mqtt.md), on a
 * plain listener and optionally a TLS one.
 */
public final class EmbeddedBroker implements AutoCloseable {
    private final EmbeddedHiveMQ hivemq;
    private final Path home;
    private final int port;
    private final int tlsPort;

    private EmbeddedBroker(EmbeddedHiveMQ hivemq, Path home, int port, int tlsPort) {
        this.hivemq = hivemq;
        this.home = home;
        this.port = port;
        this.tlsPort = tlsPort;
    }

    /** A TLS listener: its port (0 = a free one) and the server's PKCS#12 keystore. */
    public record Tls(int port, Path keystore, String keystorePassword) {}

    /** Starts an open broker on the given port (0 = pick a free one): anyone may do anything. */
    public static EmbeddedBroker start(int port) {
        return start(port, null, null);
    }

    /**
     * Starts a broker that lets in only the principals of {@code auth}, each confined to its
     * rules, on a plain listener ({@code port}, 0 = free) and, when {@code tls} is given, a TLS one.
     */
    public static EmbeddedBroker startSecured(int port, BrokerAuth auth, Tls tls) {
        java.util.Objects.requireNonNull(auth, "auth");
        return start(port, auth, tls);
    }

    private static EmbeddedBroker start(int port, BrokerAuth auth, Tls tls) {
        int p = port == 0 ? FreePorts.tcp() : port;
        int tp = tls == null ? 0 : tls.port() == 0 ? FreePorts.tcp() : tls.port();
        try {
            // a temp dir is created rwx------: the keystore password in config.xml stays private
            Path home = Files.createTempDirectory("dx-hivemq-");
            Path conf = Files.createDirectories(home.resolve("conf"));
            String tlsListener = tls == null
                    ? ""
                    : """
                        <tls-tcp-listener>
                          <port>%d</port>
                          <bind-address>127.0.0.1</bind-address>
                          <tls>
                            <keystore>
                              <path>%s</path>
                              <password>%s</password>
                              <private-key-password>%s</private-key-password>
                            </keystore>
                            <client-authentication-mode>NONE</client-authentication-mode>
                          </tls>
                        </tls-tcp-listener>
                    """.formatted(
                                    tp,
                                    xml(tls.keystore().toAbsolutePath().toString()),
                                    xml(tls.keystorePassword()),
                                    xml(tls.keystorePassword()));
            Files.writeString(conf.resolve("config.xml"), """
                    <?xml version="1.0"?>
                    <hivemq>
                      <listeners>
                        <tcp-listener>
                          <port>%d</port>
                          <bind-address>127.0.0.1</bind-address>
                        </tcp-listener>
                    %s  </listeners>
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
                    """.formatted(p, tlsListener));
            var builder = EmbeddedHiveMQ.builder()
                    .withConfigurationFolder(conf)
                    .withDataFolder(Files.createDirectories(home.resolve("data")))
                    .withExtensionsFolder(Files.createDirectories(home.resolve("extensions")));
            if (auth != null) {
                builder.withEmbeddedExtension(EmbeddedExtension.builder()
                        .withId("dx-security")
                        .withName("Đồng Xanh broker security")
                        .withVersion("1")
                        .withPriority(1000)
                        .withStartPriority(1000)
                        .withExtensionMain(new HiveMqSecurity(auth))
                        .build());
            }
            EmbeddedHiveMQ hivemq = builder.build();
            hivemq.start().join();
            return new EmbeddedBroker(hivemq, home, p, tp);
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

    /** The TLS listener's URL ({@code ssl://127.0.0.1:port}); only for a broker started with TLS. */
    public String tlsUrl() {
        if (tlsPort == 0) throw new IllegalStateException("this broker has no TLS listener");
        return "ssl://127.0.0.1:" + tlsPort;
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
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

    /** Removes a folder and everything in it; best effort. */
    public static void deleteTree(Path root) {
        if (!Files.exists(root)) return;
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // temp files; nothing else to do
        }
    }
}

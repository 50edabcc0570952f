package vn.dongxanh.devkit.mqtt;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import vn.dongxanh.devkit.FreePorts;

/**
 * A private Mosquitto (the machine's {@code mosquitto} binary) secured by a {@link BrokerAuth}:
 * its own password file, ACL and configuration in a temp folder, listening on free loopback ports,
 * stopped (and the folder removed) on close. Tests use it to prove the generated files work in
 * the real broker.
 */
public final class MosquittoProcess implements AutoCloseable {
    private final Process process;
    private final Path home;
    private final int port;
    private final int tlsPort;

    private MosquittoProcess(Process process, Path home, int port, int tlsPort) {
        this.process = process;
        this.home = home;
        this.port = port;
        this.tlsPort = tlsPort;
    }

    /** True when a {@code mosquitto} binary is on the PATH or in /usr/sbin. */
    public static boolean available() {
        return binary() != null;
    }

    /** Starts Mosquitto with {@code auth}; with {@code tls} (may be null) also a TLS listener. */
    public static MosquittoProcess start(BrokerAuth auth, LocalCertificates tls) {
        try {
            Path home = OwnerOnly.directory(Files.createTempDirectory("dx-mosquitto-"));
            Path passwords = home.resolve("password_file");
            Path acl = home.resolve("acl_file");
            OwnerOnly.write(passwords, MosquittoFiles.passwordFile(auth));
            OwnerOnly.write(acl, MosquittoFiles.aclFile(auth));
            return start(home, passwords, acl, tls);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Starts Mosquitto on the given {@code password_file} and {@code acl_file} (e.g. the ones
     * {@link BrokerAuthTool} wrote), read where they are, so that {@link #reload()} picks up a
     * regeneration.
     */
    public static MosquittoProcess start(Path passwords, Path acl) {
        try {
            return start(OwnerOnly.directory(Files.createTempDirectory("dx-mosquitto-")), passwords, acl, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MosquittoProcess start(Path home, Path passwords, Path acl, LocalCertificates tls) {
        String binary = binary();
        if (binary == null) throw new IllegalStateException("no mosquitto binary on this machine");
        try {
            int port = FreePorts.tcp();
            int tlsPort = tls == null ? 0 : FreePorts.tcp();
            String conf = MosquittoFiles.config(
                    port,
                    passwords,
                    acl,
                    home.resolve("mosquitto.log"),
                    home.resolve("mosquitto.pid"),
                    tls == null
                            ? null
                            : new MosquittoFiles.TlsListener(tlsPort, tls.serverCertificate(), tls.serverKey()));
            // Started as root, Mosquitto drops to user 'mosquitto', who could not read these
            // owner-only files; in a test we stay the user who owns them.
            if ("root".equals(System.getProperty("user.name"))) conf += "user root\n";
            Path confFile = home.resolve("mosquitto.conf");
            OwnerOnly.write(confFile, conf);
            Process p = new ProcessBuilder(binary, "-c", confFile.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(home.resolve("mosquitto.out").toFile())
                    .start();
            var m = new MosquittoProcess(p, home, port, tlsPort);
            m.awaitListening(Duration.ofSeconds(10));
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitListening(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                String log = log();
                close();
                throw new IllegalStateException("mosquitto stopped at start: " + log);
            }
            if (FreePorts.listening(port) && (tlsPort == 0 || FreePorts.listening(tlsPort))) return;
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        close();
        throw new IllegalStateException("mosquitto did not listen within " + timeout);
    }

    /**
     * Sends SIGHUP, as an operator does after regenerating the files: Mosquitto reloads its
     * configuration, password file and ACL without dropping connected clients.
     */
    public void reload() {
        try {
            Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(process.pid()))
                    .redirectErrorStream(true)
                    .start();
            if (!kill.waitFor(5, java.util.concurrent.TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -HUP " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reloading mosquitto", e);
        }
    }

    public String url() {
        return "tcp://127.0.0.1:" + port;
    }

    public String tlsUrl() {
        if (tlsPort == 0) throw new IllegalStateException("this Mosquitto has no TLS listener");
        return "ssl://127.0.0.1:" + tlsPort;
    }

    /** Mosquitto's own log and console output, for a failing test's message. */
    public String log() {
        var out = new StringBuilder();
        for (String name : new String[] {"mosquitto.log", "mosquitto.out"}) {
            try {
                Path f = home.resolve(name);
                if (Files.exists(f)) out.append(Files.readString(f));
            } catch (IOException e) {
                out.append("(").append(name).append(": ").append(e.getMessage()).append(")");
            }
        }
        return out.toString();
    }

    private static String binary() {
        for (String dir : (System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/usr/local/sbin").split(":")) {
            if (dir.isEmpty()) continue;
            Path candidate = Path.of(dir, "mosquitto");
            if (Files.isExecutable(candidate)) return candidate.toString();
        }
        return null;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        vn.dongxanh.devkit.EmbeddedBroker.deleteTree(home);
    }
}

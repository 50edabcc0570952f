package vn.dongxanh.devkit.mqtt;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Mosquitto's {@code password_file} and {@code acl_file} made from a {@link BrokerAuth}: the same
 * principals, hashes and rules the embedded broker enforces. A publish rule becomes
 * {@code topic write}, a subscribe rule {@code topic read}; Mosquitto checks a shared
 * subscription against the filter after {@code $share/{group}/} and delivers by the read rule of
 * the topic, so a {@code $share/g/F} rule is written as a read rule on {@code F}.
 */
public final class MosquittoFiles {
    private MosquittoFiles() {}

    public static String passwordFile(BrokerAuth auth) {
        var out = new StringBuilder();
        for (Principal p : auth.principals().values()) {
            out.append(p.username()).append(':').append(p.passwordHash()).append('\n');
        }
        return out.toString();
    }

    public static String aclFile(BrokerAuth auth) {
        var out = new StringBuilder(
                "# generated from broker-auth.json; anything not listed is denied (docs/security-mqtt.md)\n");
        for (Principal p : auth.principals().values()) {
            out.append("\nuser ").append(p.username()).append('\n');
            for (String f : p.publish()) out.append("topic write ").append(f).append('\n');
            for (String f : readRules(p.subscribe()))
                out.append("topic read ").append(f).append('\n');
        }
        return out.toString();
    }

    private static List<String> readRules(List<String> subscribe) {
        var rules = new LinkedHashSet<String>();
        for (String f : subscribe) rules.add(withoutShare(f));
        return new ArrayList<>(rules);
    }

    /** {@code $share/{group}/F} → {@code F}; other filters unchanged. */
    static String withoutShare(String filter) {
        if (!filter.startsWith("$share/")) return filter;
        int slash = filter.indexOf('/', "$share/".length());
        return slash < 0 ? filter : filter.substring(slash + 1);
    }

    /**
     * A minimal {@code mosquitto.conf} for these files: no anonymous clients, a plain listener on
     * loopback and, when {@code tls} is given, a TLS listener with the server certificate.
     */
    public static String config(
            int port, Path passwordFile, Path aclFile, Path logFile, Path pidFile, TlsListener tls) {
        var c = new StringBuilder();
        c.append("per_listener_settings false\n");
        c.append("allow_anonymous false\n");
        c.append("password_file ").append(passwordFile.toAbsolutePath()).append('\n');
        c.append("acl_file ").append(aclFile.toAbsolutePath()).append('\n');
        c.append("persistence false\n");
        // log_dest stdout is block-buffered when redirected; a file is written line by line
        c.append("log_dest file ").append(logFile.toAbsolutePath()).append('\n');
        c.append("log_type error\nlog_type warning\nlog_type notice\nlog_type information\n");
        c.append("pid_file ").append(pidFile.toAbsolutePath()).append('\n');
        if (port > 0) c.append("listener ").append(port).append(" 127.0.0.1\n");
        if (tls != null) {
            c.append("listener ").append(tls.port()).append(" 127.0.0.1\n");
            c.append("certfile ").append(tls.certificate().toAbsolutePath()).append('\n');
            c.append("keyfile ").append(tls.privateKey().toAbsolutePath()).append('\n');
        }
        return c.toString();
    }

    /** A TLS listener: the server certificate (PEM, chain) and its key (PEM). */
    public record TlsListener(int port, Path certificate, Path privateKey) {}
}

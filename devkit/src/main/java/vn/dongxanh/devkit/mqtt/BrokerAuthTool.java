package vn.dongxanh.devkit.mqtt;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes (or updates) the broker credentials of a field for a real broker: {@code broker-auth.json},
 * a credentials file per client, the devices' passwords, Mosquitto's {@code password_file} and
 * {@code acl_file}, and with {@code --certificates} a local CA and server certificate. Run again
 * with more gateways or devices, it keeps every existing password. docs/security-mqtt.md tells
 * how each broker uses the files.
 *
 * <pre>java -cp platform/target/platform.jar vn.dongxanh.devkit.mqtt.BrokerAuthTool \
 *     --out /etc/dongxanh/mqtt --gateway htx-a:gw-01:p01-wl,p01-valve [--gateway …] [--certificates]</pre>
 */
public final class BrokerAuthTool {
    static final String USAGE = """
            usage: BrokerAuthTool --out DIR --gateway COOP:GATEWAY[:DEVICE,DEVICE…] [--gateway …]
                                  [--share-group G] [--ack-group G] [--certificates]
              --out DIR         folder of the secrets (created rwx------; files rw-------)
              --gateway SPEC    a gateway of a cooperative and the devices on its field broker (repeatable)
              --share-group G   ingest-service's telemetry share group [ingest]
              --ack-group G     ingest-service's command-answer share group [ingest-acks]
              --certificates    also make a CA and a server certificate for 127.0.0.1/localhost in DIR/tls
            """;

    private BrokerAuthTool() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        Path dir = null;
        var gateways = new ArrayList<AccessPlan.Gateway>();
        String share = AccessPlan.DEFAULT_SHARE_GROUP;
        String acks = AccessPlan.DEFAULT_ACK_GROUP;
        boolean certificates = false;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--out" -> dir = Path.of(value(args, ++i, "--out"));
                    case "--gateway" -> gateways.add(gateway(value(args, ++i, "--gateway")));
                    case "--share-group" -> share = value(args, ++i, "--share-group");
                    case "--ack-group" -> acks = value(args, ++i, "--ack-group");
                    case "--certificates" -> certificates = true;
                    case "--help", "-h" -> {
                        out.print(USAGE);
                        return 0;
                    }
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (dir == null) throw new IllegalArgumentException("--out is required");
            var secrets = BrokerSecrets.ensure(dir, new AccessPlan(gateways, share, acks));
            Path mosquitto = OwnerOnly.directory(dir.resolve("mosquitto"));
            OwnerOnly.write(mosquitto.resolve("password_file"), MosquittoFiles.passwordFile(secrets.auth()));
            OwnerOnly.write(mosquitto.resolve("acl_file"), MosquittoFiles.aclFile(secrets.auth()));
            if (certificates) LocalCertificates.ensure(dir.resolve("tls"));
            out.println(secrets.users().size() + " principals in " + secrets.authFile() + "; client credentials in "
                    + dir.resolve("clients") + "; Mosquitto files in " + mosquitto);
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("BrokerAuthTool: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) throw new IllegalArgumentException(option + " needs a value");
        return args[i];
    }

    private static AccessPlan.Gateway gateway(String spec) {
        String[] parts = spec.split(":", -1);
        if (parts.length < 2 || parts.length > 3) {
            throw new IllegalArgumentException("--gateway is COOP:GATEWAY[:DEVICE,DEVICE…], got '" + spec + "'");
        }
        List<String> devices = parts.length == 3 && !parts[2].isBlank() ? List.of(parts[2].split(",")) : List.of();
        return new AccessPlan.Gateway(parts[0], parts[1], devices);
    }
}

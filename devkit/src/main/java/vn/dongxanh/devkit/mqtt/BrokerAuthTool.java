package vn.dongxanh.devkit.mqtt;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Makes (or updates) the broker credentials of a field for a real broker: {@code broker-auth.json},
 * a credentials file per client, the devices' passwords, Mosquitto's {@code password_file} and
 * {@code acl_file}, and with {@code --certificates} a local CA and server certificate. The gateways
 * and devices come from ingest-service's registry ({@code --from-ingest}, with a service or
 * department token) and/or from {@code --gateway} options. Run again with more gateways or devices,
 * it keeps every existing password. docs/security-mqtt.md tells how each broker uses the files.
 *
 * <pre>java -cp platform/target/platform.jar vn.dongxanh.devkit.mqtt.BrokerAuthTool \
 *     --out /etc/dongxanh/mqtt --from-ingest https://ingest.example --token-file token.txt
 * java -cp platform/target/platform.jar vn.dongxanh.devkit.mqtt.BrokerAuthTool \
 *     --out /etc/dongxanh/mqtt --gateway htx-a:gw-01:p01-wl,p01-valve [--gateway …] [--certificates]</pre>
 */
public final class BrokerAuthTool {
    static final String USAGE = """
            usage: BrokerAuthTool --out DIR (--from-ingest URL --token-file FILE | --gateway COOP:GATEWAY[:DEVICE,…])…
                                  [--share-group G] [--ack-group G] [--certificates]
              --out DIR         folder of the secrets (created rwx------; files rw-------)
              --from-ingest URL ingest-service's API: its registry's gateways and devices
                                (GET URL/api/broker/access-plan)
              --token-file FILE an access token for it (client credentials of a SERVICE client, or a
                                DEPARTMENT_OFFICER's), the file holding the token alone
              --gateway SPEC    a gateway of a cooperative and the devices on its field broker (repeatable)
              --share-group G   ingest-service's telemetry share group [ingest]
              --ack-group G     ingest-service's command-answer share group [ingest-acks]
              --certificates    also make a CA and a server certificate for 127.0.0.1/localhost in DIR/tls
            """;

    private BrokerAuthTool() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the tool; 0 done, 1 ingest-service could not give the plan, 2 bad arguments. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Path dir = null;
        var gateways = new ArrayList<AccessPlan.Gateway>();
        String share = AccessPlan.DEFAULT_SHARE_GROUP;
        String acks = AccessPlan.DEFAULT_ACK_GROUP;
        boolean certificates = false;
        String ingest = null;
        Path tokenFile = null;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--out" -> dir = Path.of(value(args, ++i, "--out"));
                    case "--gateway" -> gateways.add(gateway(value(args, ++i, "--gateway")));
                    case "--from-ingest" -> ingest = value(args, ++i, "--from-ingest");
                    case "--token-file" -> tokenFile = Path.of(value(args, ++i, "--token-file"));
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
            if ((ingest == null) != (tokenFile == null)) {
                throw new IllegalArgumentException("--from-ingest and --token-file go together");
            }
            if (ingest != null) {
                var plan = IngestAccessPlan.fetch(URI.create(ingest), tokenFile);
                gateways.addAll(plan);
                out.println(plan.size() + " gateways from " + ingest + "'s registry");
            }
            if (gateways.isEmpty()) throw new IllegalArgumentException("no gateway: give --from-ingest or --gateway");
            var secrets = BrokerSecrets.ensure(dir, new AccessPlan(merged(gateways), share, acks));
            Path mosquitto = OwnerOnly.directory(dir.resolve("mosquitto"));
            OwnerOnly.write(mosquitto.resolve("password_file"), MosquittoFiles.passwordFile(secrets.auth()));
            OwnerOnly.write(mosquitto.resolve("acl_file"), MosquittoFiles.aclFile(secrets.auth()));
            if (certificates) LocalCertificates.ensure(dir.resolve("tls"));
            out.println(secrets.users().size() + " principals in " + secrets.authFile() + "; client credentials in "
                    + dir.resolve("clients") + "; Mosquitto files in " + mosquitto);
            out.println("existing passwords were kept. A running Mosquitto reads the new files on SIGHUP:"
                    + " kill -HUP $(cat /run/mosquitto/mosquitto.pid)  (or: systemctl reload mosquitto)");
            return 0;
        } catch (IngestAccessPlan.Unavailable e) {
            err.println("BrokerAuthTool: " + e.getMessage());
            return 1;
        } catch (IllegalArgumentException e) {
            err.println("BrokerAuthTool: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
    }

    /** One entry per gateway id: its devices from every source; one id in two cooperatives is refused. */
    private static List<AccessPlan.Gateway> merged(List<AccessPlan.Gateway> gateways) {
        var byId = new LinkedHashMap<String, AccessPlan.Gateway>();
        for (AccessPlan.Gateway g : gateways) {
            AccessPlan.Gateway seen = byId.get(g.gatewayId());
            if (seen == null) {
                byId.put(g.gatewayId(), g);
            } else if (!seen.cooperativeId().equals(g.cooperativeId())) {
                throw new IllegalArgumentException("gateway " + g.gatewayId() + " is given for cooperatives "
                        + seen.cooperativeId() + " and " + g.cooperativeId());
            } else {
                var devices = new LinkedHashSet<>(seen.deviceIds());
                devices.addAll(g.deviceIds());
                byId.put(g.gatewayId(), new AccessPlan.Gateway(g.cooperativeId(), g.gatewayId(), List.copyOf(devices)));
            }
        }
        return List.copyOf(byId.values());
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

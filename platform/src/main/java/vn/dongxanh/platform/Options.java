package vn.dongxanh.platform;

import java.nio.file.Path;
import java.util.Map;

/**
 * What the one-command platform runs. Empty URLs mean "start an embedded one". Every option
 * can be given as a flag or an environment variable (documented in the README).
 */
public record Options(
        String mqttUrl,
        String ingestDbUrl,
        String traceDbUrl,
        String dbUser,
        String dbPassword,
        int ingestPort,
        int tracePort,
        int identityPort,
        String oidcIssuer,
        int plots,
        double speed,
        String interval,
        Path workDir,
        Path home) {

    static final String USAGE = """
            usage: ./dx run [options]     (or java -jar platform/target/platform.jar [options])
              --mqtt-url URL       MQTT 5 broker for field and cloud        env DX_MQTT_URL     default: embedded HiveMQ on a free port
              --ingest-db-url URL  JDBC URL of ingest-service's database    env DX_INGEST_DB_URL default: embedded PostgreSQL 17
              --trace-db-url URL   JDBC URL of traceability's database      env DX_TRACE_DB_URL  default: embedded PostgreSQL 17
              --db-user NAME       user for those databases                 env DX_DB_USER       default: postgres
              --db-password PW     password for those databases             env DX_DB_PASSWORD   default: (none)
              --ingest-port N      HTTP port of ingest-service              env DX_INGEST_PORT   default: 8081, or a free one
              --trace-port N       HTTP port of traceability-service        env DX_TRACE_PORT    default: 8082, or a free one
              --identity-port N    HTTP port of the identity provider       env DX_IDENTITY_PORT default: 8083, or a free one
              --oidc-issuer URL    another OpenID Connect provider's issuer env DX_OIDC_ISSUER   default: the embedded identity provider
              --plots N            simulated plots (rice and vegetables)    env DX_PLOTS         default: 6
              --speed X            field time per real time in the simulator env DX_SPEED       default: 60
              --interval D         device reporting interval (e.g. 5s)      env DX_INTERVAL      default: 5s
              --work-dir DIR       logs, outbox and configuration of a run  env DX_WORK_DIR      default: ./.dx-run
            """;

    static Options parse(String[] args, Map<String, String> env, Path home) {
        var values = new java.util.HashMap<String, String>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) throw new UsageException(null);
            if (!a.startsWith("--") || i + 1 >= args.length) throw new UsageException("unexpected argument " + a);
            values.put(a.substring(2), args[++i]);
        }
        java.util.function.BiFunction<String, String, String> get =
                (flag, envName) -> values.containsKey(flag) ? values.remove(flag) : env.get(envName);
        var o = new Options(
                blankToNull(get.apply("mqtt-url", "DX_MQTT_URL")),
                blankToNull(get.apply("ingest-db-url", "DX_INGEST_DB_URL")),
                blankToNull(get.apply("trace-db-url", "DX_TRACE_DB_URL")),
                orDefault(get.apply("db-user", "DX_DB_USER"), "postgres"),
                orDefault(get.apply("db-password", "DX_DB_PASSWORD"), ""),
                integer("ingest-port", orDefault(get.apply("ingest-port", "DX_INGEST_PORT"), "8081")),
                integer("trace-port", orDefault(get.apply("trace-port", "DX_TRACE_PORT"), "8082")),
                integer("identity-port", orDefault(get.apply("identity-port", "DX_IDENTITY_PORT"), "8083")),
                blankToNull(get.apply("oidc-issuer", "DX_OIDC_ISSUER")),
                integer("plots", orDefault(get.apply("plots", "DX_PLOTS"), "6")),
                decimal("speed", orDefault(get.apply("speed", "DX_SPEED"), "60")),
                orDefault(get.apply("interval", "DX_INTERVAL"), "5s"),
                Path.of(orDefault(get.apply("work-dir", "DX_WORK_DIR"), ".dx-run"))
                        .toAbsolutePath(),
                home);
        if (!values.isEmpty())
            throw new UsageException(
                    "unknown option --" + values.keySet().iterator().next());
        if (o.plots < 1 || o.plots > 5000) throw new UsageException("--plots must be 1..5000");
        if (o.speed <= 0) throw new UsageException("--speed must be positive");
        return o;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static String orDefault(String s, String d) {
        return s == null || s.isBlank() ? d : s;
    }

    private static int integer(String name, String v) {
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a whole number, got " + v);
        }
    }

    private static double decimal(String name, String v) {
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a number, got " + v);
        }
    }

    /** Bad command line: the message says what; null means help was asked for. */
    static final class UsageException extends RuntimeException {
        UsageException(String message) {
            super(message);
        }
    }
}

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
        int cooperatives,
        int plots,
        double speed,
        String interval,
        boolean seed,
        int historyDays,
        java.time.Duration historyStep,
        int generatedPlots,
        int webPort,
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
              --cooperatives N     cooperatives of the province, a gateway each env DX_COOPERATIVES default: 3
              --plots N            simulated plots (rice and vegetables), all env DX_PLOTS       default: 24
              --speed X            field time per real time in the simulator env DX_SPEED       default: 60
              --interval D         device reporting interval (e.g. 5s)      env DX_INTERVAL      default: 5s
              --no-seed            no province records in traceability, no history env DX_SEED=false
              --history-days N     days of telemetry history seeded per plot env DX_HISTORY_DAYS  default: 3 (0: none)
              --history-step D     a reading of each device every D        env DX_HISTORY_STEP  default: 15m
              --generated-plots N  plots of the generated province with planted irregularities env DX_GENERATED_PLOTS default: 100 (0: none)
              --web-port N         HTTP port of the web face (its URL)     env DX_WEB_PORT      default: 8080
              --work-dir DIR       logs, outbox and configuration of a run  env DX_WORK_DIR      default: ./.dx-run
            """;

    static Options parse(String[] args, Map<String, String> env, Path home) {
        var values = new java.util.HashMap<String, String>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) throw new UsageException(null);
            if (a.equals("--no-seed")) {
                values.put("seed", "false");
                continue;
            }
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
                integer("cooperatives", orDefault(get.apply("cooperatives", "DX_COOPERATIVES"), "3")),
                integer("plots", orDefault(get.apply("plots", "DX_PLOTS"), "24")),
                decimal("speed", orDefault(get.apply("speed", "DX_SPEED"), "60")),
                orDefault(get.apply("interval", "DX_INTERVAL"), "5s"),
                bool("DX_SEED (or --no-seed)", orDefault(get.apply("seed", "DX_SEED"), "true")),
                integer("history-days", orDefault(get.apply("history-days", "DX_HISTORY_DAYS"), "3")),
                duration("history-step", orDefault(get.apply("history-step", "DX_HISTORY_STEP"), "15m")),
                integer("generated-plots", orDefault(get.apply("generated-plots", "DX_GENERATED_PLOTS"), "100")),
                integer("web-port", orDefault(get.apply("web-port", "DX_WEB_PORT"), "8080")),
                Path.of(orDefault(get.apply("work-dir", "DX_WORK_DIR"), ".dx-run"))
                        .toAbsolutePath(),
                home);
        if (!values.isEmpty())
            throw new UsageException(
                    "unknown option --" + values.keySet().iterator().next());
        if (o.plots < 1 || o.plots > 5000) throw new UsageException("--plots must be 1..5000");
        if (o.cooperatives < 1 || o.cooperatives > 99) throw new UsageException("--cooperatives must be 1..99");
        if (o.plots < o.cooperatives) {
            throw new UsageException("--plots must be at least --cooperatives (a plot per cooperative)");
        }
        if (o.historyDays < 0 || o.historyDays > 60) throw new UsageException("--history-days must be 0..60");
        if (o.historyStep.compareTo(java.time.Duration.ofMinutes(1)) < 0) {
            throw new UsageException("--history-step must be 1m or longer");
        }
        if (o.speed <= 0) throw new UsageException("--speed must be positive");
        if (o.generatedPlots != 0 && (o.generatedPlots < 60 || o.generatedPlots > 4000)) {
            // fewer plots leave too few codes for one of each planted irregularity
            throw new UsageException("--generated-plots must be 0 (none) or 60..4000");
        }
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

    private static boolean bool(String name, String v) {
        return switch (v.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "1" -> true;
            case "false", "no", "0" -> false;
            default -> throw new UsageException(name + " must be true or false, got " + v);
        };
    }

    /** A duration as 90s, 15m, 2h or 1d. */
    private static java.time.Duration duration(String name, String v) {
        var m = java.util.regex.Pattern.compile("(\\d+)([smhd])").matcher(v.trim());
        if (!m.matches()) throw new UsageException("--" + name + " must be like 90s, 15m, 2h or 1d, got " + v);
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> java.time.Duration.ofSeconds(n);
            case "m" -> java.time.Duration.ofMinutes(n);
            case "h" -> java.time.Duration.ofHours(n);
            default -> java.time.Duration.ofDays(n);
        };
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

package vn.dongxanh.platform;

import java.io.IOException;
import java.io.PrintStream;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vn.dongxanh.contract.psk.PskFile;
import vn.dongxanh.devkit.EmbeddedBroker;
import vn.dongxanh.devkit.EmbeddedDatabase;
import vn.dongxanh.devkit.FreePorts;
import vn.dongxanh.devkit.mqtt.OwnerOnly;

/**
 * The whole platform on one machine: an embedded MQTT 5 broker and PostgreSQL unless URLs are
 * given, then ingest-service, traceability-service, an edge agent and the simulator, each as
 * its own process exactly as they would run apart. Parts talk only over MQTT and HTTP.
 */
public final class Platform implements AutoCloseable {
    private static final String COAP_HOST = "127.0.0.1";
    private static final Pattern STORED =
            Pattern.compile("(?m)^dx_ingest_readings_stored_total(?:\\{[^}]*})? ([0-9.eE+]+)");

    private final Options options;
    private final List<AutoCloseable> started = new ArrayList<>();
    private boolean closed;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private String mqttUrl;
    /** The cloud side's URL (TLS on the embedded broker; the same as {@link #mqttUrl} on a given one). */
    private String cloudMqttUrl;
    /** Credentials and certificates of the embedded broker; null with a given broker. */
    private RunSecrets secrets;

    private int ingestPort;
    /** ingest-service's management port (metrics, API docs): loopback, a free one. */
    private int ingestManagementPort;

    private int tracePort;
    /** The web face's port: {@code --web-port} unless taken. */
    private int webPort;
    /** The local chain's JSON-RPC URL when this run starts one (anvil), else null. */
    private String chainRpcUrl;

    private String issuer;
    private IdentitySeed seed;
    /** The generated province with its planted irregularities; null when none is seeded. */
    private vn.dongxanh.devkit.province.SeededProvince generated;
    /** The first seeded batch's buyer page; null when nothing was seeded. */
    private String buyerPage;

    private Platform(Options options) {
        this.options = options;
    }

    /** Starts every part and returns once the services answer and the field is running. */
    public static Platform start(Options options, PrintStream out) throws Exception {
        var p = new Platform(options);
        try {
            p.startAll(out);
            return p;
        } catch (Exception | Error e) {
            p.close();
            throw e;
        }
    }

    private void startAll(PrintStream out) throws Exception {
        Path logs = Files.createDirectories(options.workDir().resolve("logs"));
        mqttUrl = options.mqttUrl();
        cloudMqttUrl = mqttUrl;
        // one plan told to the broker's credentials, the simulator (which grows the plots) and the agents (which
        // irrigate them, a gateway per cooperative)
        var plan = ProvincePlan.of(
                options.cooperatives(), options.plots(), options.speed(), LocalDate.now(FieldPlan.ZONE));
        // the generated province beside it (its records only: no field runs there), unless not seeding
        generated = options.seed() ? GeneratedProvince.plan(options.generatedPlots(), plan.today()) : null;
        if (mqttUrl == null) {
            secrets = RunSecrets.ensure(options.workDir(), plan);
            out.println("starting the embedded MQTT 5 broker (HiveMQ CE), secured: every part logs in…");
            var broker = EmbeddedBroker.startSecured(
                    0,
                    secrets.broker().auth(),
                    new EmbeddedBroker.Tls(
                            0, secrets.tls().keystore(), secrets.tls().keystorePassword()));
            keep(broker);
            // field side (devices, the agent's field link) on loopback TCP; cloud side over TLS
            mqttUrl = broker.url();
            cloudMqttUrl = broker.tlsUrl();
        }
        String ingestDb = options.ingestDbUrl();
        String traceDb = options.traceDbUrl();
        boolean embeddedIdentity = options.oidcIssuer() == null;
        String identityDb = null;
        if (ingestDb == null || traceDb == null || embeddedIdentity) {
            out.println("starting the embedded PostgreSQL 17…");
            // stopped by close(), last but the broker: its own exit hook would stop it under the running services
            var db = EmbeddedDatabase.start(0, false);
            keep(db);
            if (ingestDb == null) ingestDb = db.createDatabase("dx_ingest");
            if (traceDb == null) traceDb = db.createDatabase("dx_trace");
            if (embeddedIdentity) identityDb = db.createDatabase("dx_identity");
        }
        Path secretsDir = OwnerOnly.directory(options.workDir().resolve("secrets"));
        Child identity = null;
        int identityPort = 0;
        if (embeddedIdentity) {
            var cooperatives = new ArrayList<>(plan.cooperativeIds());
            if (generated != null) {
                generated.organisations().cooperatives().forEach(c -> cooperatives.add(c.id()));
            }
            seed = IdentitySeed.loadOrCreate(secretsDir, cooperatives);
            identityPort = portOr(options.identityPort());
            issuer = "http://127.0.0.1:" + identityPort;
            out.println("starting the identity provider…");
            identity = child(
                    "identity",
                    options.home().resolve("identity/target/identity.jar"),
                    List.of(),
                    Map.of(
                            "DX_IDENTITY_PORT",
                            Integer.toString(identityPort),
                            "DX_IDENTITY_ISSUER",
                            issuer,
                            "DX_IDENTITY_DB_URL",
                            identityDb,
                            "DX_IDENTITY_DB_USER",
                            "postgres",
                            "DX_IDENTITY_DB_PASSWORD",
                            "",
                            "DX_IDENTITY_SIGNING_KEY_FILE",
                            secretsDir.resolve("identity-signing-key.json").toString(),
                            "DX_IDENTITY_SEED_FILE",
                            seed.file().toString()),
                    logs);
        } else {
            issuer = options.oidcIssuer();
        }
        ingestPort = portOr(options.ingestPort());
        ingestManagementPort = portOr(0);
        tracePort = portOr(options.tracePort());
        // chosen now: traceability-service prints the web's origin in QR codes and sends browsers there
        int wantedWeb = options.webPort();
        webPort = portOr(wantedWeb);
        if (webPort != wantedWeb) {
            out.println("port " + wantedWeb + " is taken: the web face listens on " + webPort);
        }
        Path home = options.home();

        out.println("starting ingest-service and traceability-service…");
        var ingestEnv = new java.util.HashMap<>(Map.of(
                "DX_INGEST_PORT", Integer.toString(ingestPort),
                "DX_MQTT_URL", cloudMqttUrl,
                "DX_INGEST_DB_URL", ingestDb,
                "DX_INGEST_DB_USER", options.dbUser(),
                "DX_INGEST_DB_PASSWORD", options.dbPassword()));
        ingestEnv.put("DX_INGEST_MANAGEMENT_PORT", Integer.toString(ingestManagementPort));
        ingestEnv.put("DX_INGEST_OIDC_ISSUER_URI", issuer);
        if (secrets != null) ingestEnv.putAll(secrets.ingestEnvironment());
        var ingest = child(
                "ingest-service", home.resolve("ingest-service/target/ingest-service.jar"), List.of(), ingestEnv, logs);
        var traceEnv = new java.util.HashMap<>(Map.of(
                "DX_TRACE_PORT",
                Integer.toString(tracePort),
                // the local chain: anvil as installed by the build's npm ci
                "DX_TRACE_ANVIL_BINARY",
                home.resolve("traceability-service/node_modules/@foundry-rs/anvil-linux-amd64/bin/anvil")
                        .toString(),
                "DX_TRACE_DB_URL",
                traceDb,
                "DX_TRACE_DB_USER",
                options.dbUser(),
                "DX_TRACE_DB_PASSWORD",
                options.dbPassword(),
                // the diary pulls irrigation summaries from this platform's ingest-service
                "DX_TRACE_INGEST_URL",
                ingestUrl(),
                "DX_TRACE_OIDC_ISSUER_URI",
                issuer,
                // its own client credentials for reading ingest-service (from the
                // environment when another provider is used)
                "DX_TRACE_INGEST_CLIENT_ID",
                IdentitySeed.TRACE_CLIENT,
                "DX_TRACE_INGEST_CLIENT_SECRET",
                seed != null
                        ? seed.clientSecrets().get(IdentitySeed.TRACE_CLIENT)
                        : System.getenv().getOrDefault("DX_TRACE_INGEST_CLIENT_SECRET", "")));
        // buyers arrive at the web (docs/web.md, "The buyer page"): the QR codes name its origin, a
        // browser at the resolver is sent to its page, and the client addresses it passes on are believed
        traceEnv.put("DX_TRACE_PUBLIC_URL", publicUrl());
        // a local run's labels carry this machine's http address: allowed here only (main warns)
        traceEnv.put("DX_TRACE_ALLOW_HTTP_PUBLIC_URL", "true");
        traceEnv.put("DX_TRACE_BUYER_PAGE_URL", publicUrl());
        traceEnv.put("DX_TRACE_TRUSTED_PROXIES", "127.0.0.1");
        // the seeded demo province lies where its plots are, not in the service's default province
        traceEnv.putAll(ProvinceSeed.provinceBox(plan, generated));
        // the local chain's port chosen here, so the buyer page's own script can read roots from it (its
        // JSON-RPC is then the page's public endpoint); another chain's public endpoint is the user's to give
        // in DX_WEB_BUYER_CHAIN_RPC_URL
        if ("local".equalsIgnoreCase(System.getenv().getOrDefault("DX_TRACE_LEDGER_MODE", "local"))) {
            int anvilPort = portOr(Integer.parseInt(System.getenv().getOrDefault("DX_TRACE_ANVIL_PORT", "0")));
            traceEnv.put("DX_TRACE_ANVIL_PORT", Integer.toString(anvilPort));
            chainRpcUrl = "http://127.0.0.1:" + anvilPort;
        }
        var trace = child(
                "traceability-service",
                home.resolve("traceability-service/target/traceability-service.jar"),
                List.of(),
                traceEnv,
                logs);
        if (identity != null) awaitHealthy(identity, identityPort);
        awaitHealthy(ingest, ingestPort);
        awaitHealthy(trace, tracePort);
        if (seed != null) seedProvince(plan, out);
        startWeb(home, logs, out);
        Files.writeString(
                options.workDir().resolve("run.properties"),
                "# where this run's parts listen (read by ./dx token)\nissuer=" + issuer + "\ningest=" + ingestUrl()
                        + "\ntrace=" + traceUrl() + "\n");

        out.println("starting " + plan.cooperatives().size() + " edge agents (a gateway per cooperative) and "
                + options.plots() + " simulated plots…");
        // CoAP devices: a DTLS key each, made on the first start and kept in the run's folder
        Path coapKeys = coapKeys(options.workDir(), plan.coapDeviceIds());
        int coapPort = plan.coapDeviceIds().isEmpty()
                ? 0
                : freeUdpPorts(plan.coapDeviceIds().size());
        var edges = new ArrayList<Child>();
        for (FieldPlan field : plan.fields()) {
            Path edgeConfig = options.workDir().resolve("edge-agent-" + field.gateway() + ".yaml");
            Files.writeString(
                    edgeConfig,
                    field.edgeConfig(
                                    mqttUrl,
                                    cloudMqttUrl,
                                    options.workDir().resolve("edge-outbox-" + field.gateway() + ".db"),
                                    COAP_HOST,
                                    plan.coapPortOf(field, coapPort),
                                    coapKeys)
                            + (secrets == null ? "" : secrets.edgeConfig(cloudMqttUrl, field.gateway())));
            edges.add(child(
                    "edge-agent-" + field.gateway(),
                    home.resolve("edge-agent/target/edge-agent.jar"),
                    List.of("--config", edgeConfig.toString()),
                    Map.of(),
                    logs));
        }
        for (Child edge : edges) awaitLogLine(edge, "running");
        if (!plan.coapDeviceIds().isEmpty()) {
            out.println("plots " + plan.simulatorCoapPlots() + " speak CoAP over DTLS (coaps://" + COAP_HOST + ":"
                    + coapPort + "…), a pre-shared key per device in " + coapKeys);
        }
        child(
                "firmware-sim",
                home.resolve("firmware-sim/target/firmware-sim.jar"),
                simulatorArgs(plan, coapPort, coapKeys),
                Map.of(),
                logs);
    }

    /**
     * The web face (docs/web.md), once the identity provider answers: it reads the provider's
     * discovery document when it starts. It signs people in as the seed's {@code web} client.
     */
    private void startWeb(Path home, Path logs, PrintStream out) throws Exception {
        out.println("starting the web face…");
        var env = new java.util.HashMap<String, String>();
        env.put("DX_WEB_PORT", Integer.toString(webPort));
        env.put("DX_WEB_ISSUER", issuer);
        env.put("DX_WEB_CLIENT_ID", IdentitySeed.WEB_CLIENT);
        env.put(
                "DX_WEB_CLIENT_SECRET",
                seed != null
                        ? seed.clientSecrets().get(IdentitySeed.WEB_CLIENT)
                        : System.getenv().getOrDefault("DX_WEB_CLIENT_SECRET", ""));
        env.put("DX_WEB_INGEST_URL", ingestUrl());
        env.put("DX_WEB_TRACE_URL", traceUrl());
        if (chainRpcUrl != null && System.getenv("DX_WEB_BUYER_CHAIN_RPC_URL") == null) {
            env.put("DX_WEB_BUYER_CHAIN_RPC_URL", chainRpcUrl);
        }
        awaitHealthy(child("web", home.resolve("web/target/web.jar"), List.of(), env, logs), webPort);
    }

    /**
     * The run's CoAP keys file ({@code secrets/coap-psk.txt} under the work folder, owner-only):
     * created on the first start, reused later; devices new to this run get a key added.
     */
    static Path coapKeys(Path workDir, List<String> coapDeviceIds) throws IOException {
        Path secrets = OwnerOnly.directory(workDir.resolve("secrets"));
        Path file = secrets.resolve("coap-psk.txt");
        PskFile.ensure(file, coapDeviceIds, new SecureRandom());
        return file;
    }

    /** The first of {@code count} consecutive UDP ports free on the CoAP host now. */
    private static int freeUdpPorts(int count) {
        for (int attempt = 0; attempt < 100; attempt++) {
            int first = FreePorts.udp();
            if (first + count > 65535) continue;
            var held = new ArrayList<DatagramSocket>();
            try {
                for (int p = first; p < first + count; p++) {
                    held.add(new DatagramSocket(new InetSocketAddress(COAP_HOST, p)));
                }
                return first;
            } catch (IOException taken) {
                // try another range
            } finally {
                held.forEach(DatagramSocket::close);
            }
        }
        throw new IllegalStateException("found no " + count + " consecutive free UDP ports for the CoAP devices");
    }

    /**
     * The run's cooperatives, plots and devices in ingest's registry, by the people of the seed;
     * then, unless {@code --no-seed}, the province's records in traceability and the telemetry
     * history (before the edge agents start: docs in {@link HistorySeed}).
     */
    private void seedProvince(ProvincePlan plan, PrintStream out) throws Exception {
        var people = new SeedPeople(seed, issuer);
        long started = System.nanoTime();
        new RegistrySeed(ingestUrl()).apply(plan, people, options.seed());
        if (!options.seed()) return;
        out.println("seeding the province: codes, certificates, batches…");
        buyerPage = new ProvinceSeed(traceUrl(), publicUrl()).apply(plan, people);
        if (generated != null) GeneratedProvince.write(generated, traceUrl(), people, out);
        long records = System.nanoTime();
        out.printf("  registry and traceability records: %.1f s%n", (records - started) / 1e9);
        if (options.historyDays() > 0) {
            out.println("seeding " + options.historyDays() + " days of telemetry history through the gateways…");
            new HistorySeed()
                    .publish(
                            plan.fields(),
                            java.time.Instant.now(),
                            options.historyDays(),
                            options.historyStep(),
                            cloudMqttUrl,
                            secrets == null ? null : secrets.tls().ca(),
                            secrets == null ? null : secrets::gatewayCredentials,
                            ingestManagementUrl());
            out.printf("  telemetry history: %.1f s%n", (System.nanoTime() - records) / 1e9);
        }
        out.printf("province seeded in %.1f s%n", (System.nanoTime() - started) / 1e9);
    }

    private List<String> simulatorArgs(ProvincePlan plan, int coapPort, Path coapKeys) {
        var args = new ArrayList<>(List.of(
                "--broker", mqttUrl,
                "--plots", plan.simulatorPlots(),
                "--speed", Double.toString(options.speed()),
                "--interval", options.interval()));
        if (secrets != null) {
            args.add("--credentials");
            args.add(secrets.broker().deviceCredentialsFile().toString());
        }
        if (!plan.coapDeviceIds().isEmpty()) {
            args.addAll(List.of(
                    "--coap-plots", plan.simulatorCoapPlots(),
                    "--coap-host", COAP_HOST,
                    "--coap-port", Integer.toString(coapPort),
                    "--coap-psk", coapKeys.toString()));
        }
        return args;
    }

    private synchronized Child child(String name, Path jar, List<String> args, Map<String, String> env, Path logs)
            throws IOException {
        if (closed) throw new IllegalStateException("stopped while starting");
        var c = Child.start(name, jar, args, env, logs);
        started.add(c);
        return c;
    }

    /** Keeps a started part to stop on {@link #close()}; a part started after close is stopped at once. */
    private synchronized void keep(AutoCloseable part) throws Exception {
        if (closed) {
            part.close();
            throw new IllegalStateException("stopped while starting");
        }
        started.add(part);
    }

    private void awaitHealthy(Child child, int port) throws InterruptedException {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                .timeout(Duration.ofSeconds(2))
                .build();
        long deadline = System.nanoTime() + Duration.ofSeconds(180).toNanos();
        while (System.nanoTime() < deadline) {
            if (!child.alive()) {
                throw new IllegalStateException(child.name() + " stopped while starting; last lines of " + child.log()
                        + ":\n" + child.tail(30));
            }
            try {
                var response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"UP\"")) return;
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException(child.name() + " did not become healthy in 180 s; see " + child.log());
    }

    /** Waits for a part without HTTP to say it runs; fails with its last lines if it dies. */
    private static void awaitLogLine(Child child, String text) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            if (!child.alive()) {
                throw new IllegalStateException(child.name() + " stopped while starting; last lines of " + child.log()
                        + ":\n" + child.tail(30));
            }
            if (child.tail(200).contains(text)) return;
            Thread.sleep(200);
        }
        throw new IllegalStateException(child.name() + " did not start in 60 s; see " + child.log());
    }

    private static int portOr(int preferred) {
        if (preferred == 0) return FreePorts.tcp();
        try (var s = new ServerSocket(preferred, 1, InetAddress.getLoopbackAddress())) {
            return preferred;
        } catch (IOException taken) {
            return FreePorts.tcp();
        }
    }

    public String mqttUrl() {
        return mqttUrl;
    }

    /** Where the cloud side connects (ssl:// on the embedded broker). */
    public String cloudMqttUrl() {
        return cloudMqttUrl;
    }

    /** The run's MQTT credentials and certificates; empty with a broker given by URL. */
    public Optional<RunSecrets> secrets() {
        return Optional.ofNullable(secrets);
    }

    public String ingestUrl() {
        return "http://127.0.0.1:" + ingestPort;
    }

    /** The OpenID Connect issuer the services trust. */
    public String issuer() {
        return issuer;
    }

    /** The people and clients of the embedded identity provider; empty with another provider. */
    public Optional<IdentitySeed> identitySeed() {
        return Optional.ofNullable(seed);
    }

    /** ingest-service's management port: actuator, Prometheus metrics, API docs (no token, loopback only). */
    public String ingestManagementUrl() {
        return "http://127.0.0.1:" + ingestManagementPort;
    }

    /** The buyer page of one published batch of the seeded province: its GS1 Digital Link URI, on the web. */
    public Optional<String> buyerPage() {
        return Optional.ofNullable(buyerPage);
    }

    public String traceUrl() {
        return "http://127.0.0.1:" + tracePort;
    }

    /** The web face, where people sign in. */
    public String webUrl() {
        return "http://127.0.0.1:" + webPort + "/";
    }

    /** Where buyers arrive (the web's origin, no trailing slash): the host of the QR codes' URIs. */
    public String publicUrl() {
        return "http://127.0.0.1:" + webPort;
    }

    /** Readings stored so far, read from ingest-service's Prometheus endpoint. */
    public Optional<Long> readingsStored() {
        try {
            var body = http.send(
                            HttpRequest.newBuilder(URI.create(ingestManagementUrl() + "/actuator/prometheus"))
                                    .timeout(Duration.ofSeconds(2))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
            Matcher m = STORED.matcher(body);
            return m.find() ? Optional.of((long) Double.parseDouble(m.group(1))) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /**
     * Stops in reverse order: simulator and agents first, services, then database and broker.
     * Once closed (Ctrl-C while starting), nothing more starts.
     */
    @Override
    public synchronized void close() {
        closed = true;
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                System.err.println("stopping " + started.get(i) + ": " + e.getMessage());
            }
        }
        started.clear();
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args, System.getenv(), home());
        } catch (Options.UsageException e) {
            var stream = e.getMessage() == null ? System.out : System.err;
            if (e.getMessage() != null) stream.println("platform: " + e.getMessage());
            stream.print(Options.USAGE);
            System.exit(e.getMessage() == null ? 0 : 2);
            return;
        }
        var out = System.out;
        var platform = new Platform(options);
        var stop = new CountDownLatch(1);
        // before anything starts: Ctrl-C or SIGTERM while starting or seeding stops what has started
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out.println("stopping…");
            platform.close();
            stop.countDown();
        }));
        try {
            platform.startAll(out);
        } catch (Exception e) {
            System.err.println("platform: " + e.getMessage());
            platform.close();
            System.exit(1);
            return;
        }
        out.printf(
                """

                Đồng Xanh is running. Open %8$s and sign in (sign-ins below).
                The APIs take a Bearer token: ./dx token NAME.
                  readings API    %1$s/api/series?device=p01-wl&metric=water_level
                  API docs        %6$s/actuator/swagger-ui (loopback only)
                  metrics         %6$s/actuator/prometheus (loopback only)
                  valve commands  POST %1$s/api/commands
                  traceability    %2$s/swagger-ui/index.html (signed in)
                  identity        %7$s
                  MQTT broker     %3$s
                  MQTT secrets    %5$s
                  logs            %4$s
                Stop with Ctrl-C.

                """,
                platform.ingestUrl(),
                platform.traceUrl(),
                platform.mqttUrl()
                        + (platform.cloudMqttUrl().equals(platform.mqttUrl())
                                ? ""
                                : " (field side), " + platform.cloudMqttUrl() + " (cloud side, TLS)"),
                options.workDir().resolve("logs"),
                platform.secrets()
                        .map(s -> s.dir() + " (owner-only; docs/security-mqtt.md)")
                        .orElse("(the given broker's own)"),
                platform.ingestManagementUrl(),
                platform.issuer(),
                platform.webUrl());
        printSignIns(platform, options, out);
        platform.buyerPage().ifPresent(url -> out.printf("A batch's buyer page (its QR code's link): %s%n%n", url));
        out.print(localLabelWarning(platform.publicUrl()));
        while (!stop.await(15, java.util.concurrent.TimeUnit.SECONDS)) {
            platform.readingsStored().ifPresent(n -> out.println("readings stored so far: " + n));
        }
    }

    /**
     * The warning that this run's QR codes and labels carry a local address (the web's loopback
     * http origin): fine on this machine, useless on a printed package. Production sets
     * traceability-service's DX_TRACE_PUBLIC_URL to its https address, and the service refuses
     * http there (docs/labels.md, "The public URL").
     */
    static String localLabelWarning(String publicUrl) {
        return "WARNING: QR codes and labels printed in this run carry " + publicUrl
                + ", a local http address: a phone elsewhere cannot open it. Do not print them for packages;"
                + " production sets DX_TRACE_PUBLIC_URL to its https address.\n\n";
    }

    /**
     * The sign-in names and passwords, printed on the first start only (they are never logged);
     * later starts say where they are kept.
     */
    private static void printSignIns(Platform platform, Options options, PrintStream out) {
        var seed = platform.identitySeed();
        if (seed.isEmpty()) {
            out.println("Sign in through " + platform.issuer() + " (the services trust that provider).\n");
            return;
        }
        Path file = options.workDir().relativize(seed.get().file().toAbsolutePath());
        if (!seed.get().created()) {
            out.printf(
                    "Sign in at %s with the names and passwords printed on the first start (kept in %s, owner-only).%n"
                            + "A token for the APIs: ./dx token NAME%n%n",
                    platform.webUrl(), options.workDir().getFileName().resolve(file));
            return;
        }
        out.printf(
                "Sign in at %s — names and passwords (shown this once; kept in %s, owner-only):%n",
                platform.webUrl(), options.workDir().getFileName().resolve(file));
        for (var p : seed.get().signIns()) {
            out.printf("  %-22s %-18s %s of %s%n", p.username(), p.password(), p.role(), p.organisation());
        }
        out.printf("Identity provider %s. A token for the APIs: ./dx token NAME%n%n", platform.issuer());
    }

    /** The repository root: two levels above platform/target/platform.jar, or -Ddx.home. */
    static Path home() {
        String explicit = System.getProperty("dx.home");
        if (explicit != null) return Path.of(explicit).toAbsolutePath();
        try {
            Path jar = Path.of(Platform.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
            return jar.getParent().getParent().getParent();
        } catch (Exception e) {
            return Path.of("").toAbsolutePath();
        }
    }
}

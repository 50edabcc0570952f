package vn.dongxanh.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import vn.dongxanh.contract.Json;
import vn.dongxanh.contract.identity.PlatformRole;
import vn.dongxanh.contract.identity.TokenClaims;
import vn.dongxanh.devkit.mqtt.OwnerOnly;

/**
 * The people and service clients of a run, for the embedded identity provider's seed file
 * (docs/identity.md): per demo cooperative a manager and a field operator, one department
 * officer, one certification body, and the client credentials of traceability-service and of the
 * web face. Generated with random passwords on the first start and kept (owner-only) under the
 * run's folder, so later starts reuse them; {@link #created()} tells the launcher to print the
 * sign-in names and passwords, which happens that once.
 */
record IdentitySeed(Path file, List<SignIn> signIns, Map<String, String> clientSecrets, boolean created) {

    static final String DEPARTMENT = "so-nnptnt";
    static final String CERTIFICATION_BODY = "cb-vietgap";
    static final String TRACE_CLIENT = "traceability-service";
    static final String WEB_CLIENT = "web";
    /** Where the web face takes its sign-ins back (the web module's OAuth2 client callback). */
    static final String WEB_REDIRECT = "http://127.0.0.1:8080/login/oauth2/code/dx";
    /** Where the identity provider sends people back after signing out of the web face. */
    static final String WEB_SIGNED_OUT = "http://127.0.0.1:8080/";

    /** A person who can sign in, with the role and organisation they act in. */
    record SignIn(String username, String password, PlatformRole role, String organisation) {}

    /** The seed a run wrote under {@code secrets}, if it wrote one. */
    static java.util.Optional<IdentitySeed> load(Path secrets) throws IOException {
        Path file = secrets.resolve("identity-seed.json");
        return Files.exists(file) ? java.util.Optional.of(read(file)) : java.util.Optional.empty();
    }

    /** The seed under {@code secrets}: read back when it exists, else generated and written. */
    static IdentitySeed loadOrCreate(Path secrets, List<String> cooperatives) throws IOException {
        Path file = secrets.resolve("identity-seed.json");
        if (Files.exists(file)) {
            var kept = read(file);
            // a province grown since the first start: its new cooperatives' people are added, the others kept
            var missing = cooperatives.stream()
                    .filter(c -> kept.signIns().stream()
                            .noneMatch(p -> p.organisation().equals(c)))
                    .toList();
            if (missing.isEmpty()) return kept;
            var people = new ArrayList<>(kept.signIns());
            for (String coop : missing) people.addAll(cooperativePeople(coop));
            var grown = new IdentitySeed(file, List.copyOf(people), kept.clientSecrets(), true);
            OwnerOnly.write(file, grown.json());
            return grown;
        }
        var seed = generate(file, cooperatives);
        OwnerOnly.directory(secrets);
        OwnerOnly.write(file, seed.json());
        return seed;
    }

    private static IdentitySeed generate(Path file, List<String> cooperatives) {
        List<SignIn> people = new ArrayList<>();
        for (String coop : cooperatives) people.addAll(cooperativePeople(coop));
        people.add(new SignIn("department", password(), PlatformRole.DEPARTMENT_OFFICER, DEPARTMENT));
        people.add(new SignIn("certifier", password(), PlatformRole.CERTIFICATION_BODY, CERTIFICATION_BODY));
        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put(TRACE_CLIENT, password() + password());
        secrets.put(WEB_CLIENT, password() + password());
        return new IdentitySeed(file, List.copyOf(people), secrets, true);
    }

    /** A cooperative's manager and field operator. */
    private static List<SignIn> cooperativePeople(String coop) {
        return List.of(
                new SignIn(coop + "-manager", password(), PlatformRole.COOP_MANAGER, coop),
                new SignIn(coop + "-operator", password(), PlatformRole.COOP_OPERATOR, coop));
    }

    private static IdentitySeed read(Path file) throws IOException {
        JsonNode root = Json.MAPPER.readTree(Files.readString(file));
        List<SignIn> people = new ArrayList<>();
        for (JsonNode u : root.path("users")) {
            people.add(new SignIn(
                    u.path("username").asString(),
                    u.path("password").asString(),
                    PlatformRole.valueOf(u.path("roles").path(0).asString()),
                    u.path("organisation").asString()));
        }
        Map<String, String> secrets = new LinkedHashMap<>();
        for (JsonNode c : root.path("clients")) {
            secrets.put(c.path("id").asString(), c.path("secret").asString());
        }
        return new IdentitySeed(file, List.copyOf(people), secrets, false);
    }

    /** The seed file's content: organisations, users and clients (docs/identity.md). */
    String json() {
        var root = Json.MAPPER.createObjectNode();
        var orgs = root.putArray("organisations");
        signIns.stream()
                .map(SignIn::organisation)
                .distinct()
                .forEach(id -> orgs.addObject()
                        .put("id", id)
                        .put("name", organisationName(id))
                        .put("kind", organisationKind(id)));
        var users = root.putArray("users");
        for (SignIn p : signIns) {
            var u = users.addObject()
                    .put("username", p.username())
                    .put("password", p.password())
                    .put("name", p.username())
                    .put("organisation", p.organisation());
            u.putArray("roles").add(p.role().claimValue());
        }
        var clients = root.putArray("clients");
        var trace = clients.addObject().put("id", TRACE_CLIENT).put("secret", clientSecrets.get(TRACE_CLIENT));
        trace.putArray("grants").add("client_credentials");
        trace.putArray("roles").add(PlatformRole.SERVICE.claimValue());
        trace.putArray("audience").add(TokenClaims.INGEST_AUDIENCE);
        var web = clients.addObject().put("id", WEB_CLIENT).put("secret", clientSecrets.get(WEB_CLIENT));
        web.putArray("grants").add("authorization_code").add("refresh_token");
        web.put("pkce", true);
        web.putArray("redirect-uris").add(WEB_REDIRECT);
        web.putArray("post-logout-redirect-uris").add(WEB_SIGNED_OUT);
        web.putArray("audience").add(TokenClaims.INGEST_AUDIENCE).add(TokenClaims.TRACE_AUDIENCE);
        return root.toPrettyString();
    }

    private static String organisationKind(String id) {
        if (id.equals(DEPARTMENT)) return "DEPARTMENT";
        if (id.equals(CERTIFICATION_BODY)) return "CERTIFICATION_BODY";
        return "COOPERATIVE";
    }

    private static String organisationName(String id) {
        if (id.equals(DEPARTMENT)) return "Sở Nông nghiệp và Môi trường (demo)";
        if (id.equals(CERTIFICATION_BODY)) return "Tổ chức chứng nhận VietGAP (demo)";
        return ProvincePlan.nameOf(id) + " (demo)";
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    // no look-alike characters (0/O, 1/l/I): people read these off a terminal and type them
    private static final char[] ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789".toCharArray();

    /** 16 characters of a 32-letter alphabet: 80 bits. */
    static String password() {
        var s = new StringBuilder(16);
        for (int i = 0; i < 16; i++) s.append(ALPHABET[RANDOM.nextInt(ALPHABET.length)]);
        return s.toString();
    }
}

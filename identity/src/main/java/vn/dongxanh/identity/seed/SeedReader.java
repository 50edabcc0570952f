package vn.dongxanh.identity.seed;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import vn.dongxanh.contract.identity.PlatformRole;
import vn.dongxanh.identity.account.OrganisationKind;
import vn.dongxanh.identity.account.Passwords;

/**
 * Reads a seed file (YAML, or JSON, which YAML reads too) and checks every entry before anything
 * is written: an invalid file stops the start with a message naming the entry and the field.
 * Unknown fields are refused too, so a misspelt {@code redirect_uri} cannot pass unnoticed.
 */
public final class SeedReader {
    static final Pattern ORGANISATION_ID = Pattern.compile("^[a-z0-9][a-z0-9_-]{0,62}$");
    static final Pattern USERNAME = Pattern.compile("^[a-z0-9][a-z0-9._@-]{0,99}$");
    static final Pattern CLIENT_ID = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$");
    static final Pattern SCOPE = Pattern.compile("^[\\x21\\x23-\\x5B\\x5D-\\x7E]{1,100}$");
    static final int MIN_PASSWORD = 8;
    static final int MIN_SECRET = 16;
    static final Set<String> GRANTS = Set.of("authorization_code", "refresh_token", "client_credentials");

    private final String source;
    private final Function<String, Optional<OrganisationKind>> storedOrganisations;

    /**
     * @param source how to name the file in messages
     * @param storedOrganisations organisations already in the database, for users and clients
     *     of organisations the seed does not list
     */
    public SeedReader(String source, Function<String, Optional<OrganisationKind>> storedOrganisations) {
        this.source = source;
        this.storedOrganisations = storedOrganisations;
    }

    public static Seed read(Path file, Function<String, Optional<OrganisationKind>> storedOrganisations) {
        if (!Files.isRegularFile(file)) {
            throw new SeedException("seed file " + file + " (DX_IDENTITY_SEED_FILE) does not exist");
        }
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return new SeedReader("seed file " + file, storedOrganisations).read(in);
        } catch (IOException e) {
            throw new SeedException("seed file " + file + " cannot be read: " + e.getMessage());
        }
    }

    public Seed read(Reader in) {
        Object doc;
        try {
            doc = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
        } catch (YAMLException e) {
            throw new SeedException(source + " is not valid YAML or JSON: " + e.getMessage());
        }
        if (doc == null) {
            return new Seed(List.of(), List.of(), List.of());
        }
        Entry top = new Entry(source, "the top level", doc);
        top.only("organisations", "users", "clients");
        Map<String, OrganisationKind> organisations = new HashMap<>();
        List<Seed.Organisation> orgs = new ArrayList<>();
        for (Entry e : top.entries("organisations", "id")) {
            Seed.Organisation o = organisation(e);
            if (organisations.put(o.id(), o.kind()) != null) {
                throw e.invalid("id", "organisation '" + o.id() + "' is listed twice");
            }
            orgs.add(o);
        }
        Set<String> usernames = new HashSet<>();
        List<Seed.User> users = new ArrayList<>();
        for (Entry e : top.entries("users", "username")) {
            Seed.User u = user(e, organisations);
            if (!usernames.add(u.username())) {
                throw e.invalid("username", "user '" + u.username() + "' is listed twice");
            }
            users.add(u);
        }
        Set<String> clientIds = new HashSet<>();
        List<Seed.Client> clients = new ArrayList<>();
        for (Entry e : top.entries("clients", "id")) {
            Seed.Client c = client(e, organisations);
            if (!clientIds.add(c.id())) {
                throw e.invalid("id", "client '" + c.id() + "' is listed twice");
            }
            clients.add(c);
        }
        return new Seed(orgs, users, clients);
    }

    private Seed.Organisation organisation(Entry e) {
        e.only("id", "name", "kind");
        String id = e.matching(
                "id", ORGANISATION_ID, "1–63 characters of a-z, 0-9, '-' and '_', starting with a letter or digit");
        String name = e.text("name", 200);
        OrganisationKind kind = e.oneOf("kind", OrganisationKind.class);
        return new Seed.Organisation(id, name, kind);
    }

    private Seed.User user(Entry e, Map<String, OrganisationKind> organisations) {
        e.only("username", "password", "name", "organisation", "roles", "enabled");
        String username = e.matching(
                "username",
                USERNAME,
                "1–100 characters of a-z, 0-9, '.', '_', '@' and '-' (lower case), starting with a letter or digit");
        String password = secret(e, "password", MIN_PASSWORD);
        String name = e.text("name", 200);
        String organisation = e.string("organisation");
        OrganisationKind kind = organisationKind(e, "organisation", organisation, organisations);
        List<PlatformRole> roles = e.roles("roles");
        if (roles.isEmpty()) {
            throw e.invalid("roles", "a user needs at least one role");
        }
        for (PlatformRole r : roles) {
            if (r == PlatformRole.SERVICE) {
                throw e.invalid("roles", "SERVICE is for service clients, not people");
            }
            if (!kind.allows(r)) {
                throw e.invalid(
                        "roles", "role " + r + " does not fit organisation '" + organisation + "' of kind " + kind);
            }
        }
        boolean enabled = e.bool("enabled", true);
        return new Seed.User(username, password, name, organisation, roles, enabled);
    }

    private Seed.Client client(Entry e, Map<String, OrganisationKind> organisations) {
        e.only(
                "id",
                "name",
                "secret",
                "grants",
                "roles",
                "organisation",
                "audience",
                "redirect-uris",
                "post-logout-redirect-uris",
                "scopes",
                "pkce");
        String id = e.matching("id", CLIENT_ID, "1–100 characters of A-Z, a-z, 0-9, '.', '_' and '-'");
        String name = e.has("name") ? e.text("name", 200) : id;
        Object rawSecret = e.raw("secret");
        String secret = rawSecret == null || "none".equals(rawSecret) ? null : secret(e, "secret", MIN_SECRET);
        Set<String> grants = new LinkedHashSet<>(e.strings("grants"));
        if (grants.isEmpty()) {
            throw e.invalid("grants", "a client needs at least one grant (" + String.join(", ", GRANTS) + ")");
        }
        for (String g : grants) {
            if (!GRANTS.contains(g)) {
                throw e.invalid("grants", "'" + g + "' is not one of " + String.join(", ", GRANTS));
            }
        }
        if (grants.contains("refresh_token") && !grants.contains("authorization_code")) {
            throw e.invalid("grants", "refresh_token only goes with authorization_code");
        }
        boolean pkce = e.bool("pkce", true);
        if (secret == null) {
            if (grants.contains("client_credentials")) {
                throw e.invalid("secret", "client_credentials needs a secret: a public client cannot keep one");
            }
            if (!pkce) {
                throw e.invalid("pkce", "a public client (no secret) must use PKCE");
            }
        }
        List<PlatformRole> roles = e.roles("roles");
        String organisation = e.has("organisation") ? e.string("organisation") : null;
        if (organisation != null) {
            organisationKind(e, "organisation", organisation, organisations);
        }
        if (organisation == null && roles.stream().anyMatch(r -> r != PlatformRole.SERVICE)) {
            throw e.invalid("organisation", "roles other than SERVICE act for an organisation: name it");
        }
        List<String> audience = e.strings("audience");
        if (audience.isEmpty()) {
            throw e.invalid("audience", "name the services its tokens are for (e.g. [ingest-service])");
        }
        List<String> redirects = uris(e, "redirect-uris");
        if (grants.contains("authorization_code") && redirects.isEmpty()) {
            throw e.invalid("redirect-uris", "authorization_code needs at least one redirect URI");
        }
        List<String> postLogout = uris(e, "post-logout-redirect-uris");
        List<String> scopes = e.has("scopes")
                ? e.strings("scopes")
                : grants.contains("authorization_code") ? List.of("openid", "profile") : List.of();
        for (String s : scopes) {
            if (!SCOPE.matcher(s).matches()) {
                throw e.invalid("scopes", "'" + s + "' is not a valid scope name");
            }
        }
        return new Seed.Client(
                id, name, secret, grants, roles, organisation, audience, redirects, postLogout, scopes, pkce);
    }

    private static String secret(Entry e, String field, int minLength) {
        String value = e.string(field);
        if (value.startsWith("{")) {
            if (!Passwords.looksEncoded(value)) {
                throw e.invalid(field, "starts with '{' but " + Passwords.problemWithEncoded(value));
            }
            String problem = Passwords.problemWithEncoded(value);
            if (problem != null) {
                throw e.invalid(field, problem);
            }
            return value;
        }
        if (value.length() < minLength) {
            throw e.invalid(field, "a plain value needs at least " + minLength + " characters");
        }
        return value;
    }

    private OrganisationKind organisationKind(
            Entry e, String field, String id, Map<String, OrganisationKind> organisations) {
        OrganisationKind kind = organisations.get(id);
        if (kind == null) {
            kind = storedOrganisations.apply(id).orElse(null);
        }
        if (kind == null) {
            throw e.invalid(field, "organisation '" + id + "' is neither in the seed nor in the database");
        }
        return kind;
    }

    private static List<String> uris(Entry e, String field) {
        List<String> uris = e.strings(field);
        for (String u : uris) {
            URI uri;
            try {
                uri = new URI(u);
            } catch (URISyntaxException ex) {
                throw e.invalid(field, "'" + u + "' is not a URI");
            }
            if (!uri.isAbsolute() || uri.getFragment() != null) {
                throw e.invalid(field, "'" + u + "' must be an absolute URI without a fragment");
            }
            if ("localhost".equalsIgnoreCase(uri.getHost())) {
                throw e.invalid(field, "'" + u + "': use 127.0.0.1, not localhost (OAuth 2.1 loopback rule)");
            }
        }
        return uris;
    }

    /** One mapping of the file, named for messages ("users[2] (an)"). */
    private record Entry(String source, String name, Object node) {

        Map<?, ?> map() {
            if (node instanceof Map<?, ?> m) {
                return m;
            }
            throw new SeedException(source + ": " + name + " must be a mapping of fields");
        }

        SeedException invalid(String field, String why) {
            return new SeedException(source + ": " + name + ", field '" + field + "': " + why);
        }

        void only(String... fields) {
            Set<String> allowed = Set.of(fields);
            for (Object k : map().keySet()) {
                if (!allowed.contains(String.valueOf(k))) {
                    throw new SeedException(source + ": " + name + ": unknown field '" + k + "' (known: "
                            + String.join(", ", fields) + ")");
                }
            }
        }

        boolean has(String field) {
            return map().get(field) != null;
        }

        Object raw(String field) {
            return map().get(field);
        }

        List<Entry> entries(String field, String nameField) {
            Object list = map().get(field);
            if (list == null) {
                return List.of();
            }
            if (!(list instanceof List<?> items)) {
                throw invalid(field, "must be a list");
            }
            List<Entry> out = new ArrayList<>();
            for (int i = 0; i < items.size(); i++) {
                Object item = items.get(i);
                String label = field + "[" + i + "]";
                if (item instanceof Map<?, ?> m && m.get(nameField) instanceof String n) {
                    label += " (" + nameField + " '" + n + "')";
                }
                out.add(new Entry(source, label, item));
            }
            return out;
        }

        String string(String field) {
            Object v = map().get(field);
            if (v == null) {
                throw invalid(field, "is missing");
            }
            if (!(v instanceof String s)) {
                throw invalid(field, "must be a string (quote it)");
            }
            if (s.isBlank()) {
                throw invalid(field, "is empty");
            }
            return s;
        }

        String text(String field, int max) {
            String s = string(field).strip();
            if (s.length() > max) {
                throw invalid(field, "is longer than " + max + " characters");
            }
            return s;
        }

        String matching(String field, Pattern pattern, String rule) {
            String s = string(field);
            if (!pattern.matcher(s).matches()) {
                throw invalid(field, "'" + s + "' is not valid: " + rule);
            }
            return s;
        }

        <E extends Enum<E>> E oneOf(String field, Class<E> type) {
            String s = string(field);
            try {
                return Enum.valueOf(type, s.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw invalid(field, "'" + s + "' is not one of " + List.of(type.getEnumConstants()));
            }
        }

        boolean bool(String field, boolean fallback) {
            Object v = map().get(field);
            if (v == null) {
                return fallback;
            }
            if (v instanceof Boolean b) {
                return b;
            }
            throw invalid(field, "must be true or false");
        }

        List<String> strings(String field) {
            Object v = map().get(field);
            if (v == null) {
                return List.of();
            }
            if (!(v instanceof List<?> items)) {
                throw invalid(field, "must be a list, e.g. [a, b]");
            }
            List<String> out = new ArrayList<>();
            for (Object item : items) {
                if (!(item instanceof String s) || s.isBlank()) {
                    throw invalid(field, "every item must be a non-empty string, not " + item);
                }
                out.add(s.trim());
            }
            return out;
        }

        List<PlatformRole> roles(String field) {
            List<PlatformRole> roles = new ArrayList<>();
            for (String s : strings(field)) {
                PlatformRole role = PlatformRole.fromClaim(s)
                        .orElseThrow(() ->
                                invalid(field, "'" + s + "' is not a platform role " + List.of(PlatformRole.values())));
                if (!roles.contains(role)) {
                    roles.add(role);
                }
            }
            return roles;
        }
    }
}

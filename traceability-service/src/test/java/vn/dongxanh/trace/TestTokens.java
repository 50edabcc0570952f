package vn.dongxanh.trace;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import vn.dongxanh.contract.identity.PlatformRole;
import vn.dongxanh.contract.identity.TokenClaims;
import vn.dongxanh.devkit.TokenIssuer;

/**
 * The tests' OpenID Connect provider (devkit's {@link TokenIssuer}, one per test JVM; every test
 * service points its issuer URI at it — the production path: discovery, JWKS) and the users the
 * tests call by name. A user name maps to a token of one role for one organisation:
 *
 * <ul>
 *   <li>{@code dept} — DEPARTMENT_OFFICER of {@code so-nnmt}
 *   <li>{@code htx-a}, {@code htx-b} — COOP_MANAGER of {@code htx-a}, {@code htx-b}
 *   <li>{@code op-a}, {@code op-b} — COOP_OPERATOR of {@code htx-a}, {@code htx-b}
 *   <li>{@code cb}, {@code cb-2} — CERTIFICATION_BODY of {@code cb-1}, {@code cb-2}
 *   <li>{@code service} — SERVICE, no organisation
 *   <li>{@code ROLE@org} — that role for that organisation (e.g. {@code COOP_MANAGER@htx-c})
 * </ul>
 *
 * Others can be added with {@link #user(String, PlatformRole, String)}.
 */
public final class TestTokens {
    private static final TokenIssuer ISSUER = start();
    private static final Map<String, User> USERS = new ConcurrentHashMap<>();

    /** A test user: its token's role and organisation. */
    public record User(PlatformRole role, String organisation) {}

    static {
        user("dept", PlatformRole.DEPARTMENT_OFFICER, "so-nnmt");
        user("htx-a", PlatformRole.COOP_MANAGER, "htx-a");
        user("htx-b", PlatformRole.COOP_MANAGER, "htx-b");
        user("op-a", PlatformRole.COOP_OPERATOR, "htx-a");
        user("op-b", PlatformRole.COOP_OPERATOR, "htx-b");
        user("cb", PlatformRole.CERTIFICATION_BODY, "cb-1");
        user("cb-2", PlatformRole.CERTIFICATION_BODY, "cb-2");
        user("service", PlatformRole.SERVICE, null);
    }

    private TestTokens() {}

    private static TokenIssuer start() {
        TokenIssuer issuer = TokenIssuer.start();
        Runtime.getRuntime().addShutdownHook(new Thread(issuer::close));
        return issuer;
    }

    public static TokenIssuer issuer() {
        return ISSUER;
    }

    /** Adds (or replaces) a named test user. */
    public static void user(String name, PlatformRole role, String organisation) {
        USERS.put(name, new User(role, organisation));
    }

    /** A fresh signed token for the named user (its subject is the name). */
    public static String token(String name) {
        User user = USERS.get(name);
        if (user == null && name.contains("@")) {
            String[] parts = name.split("@", 2);
            user = new User(PlatformRole.valueOf(parts[0]), parts[1]);
        }
        if (user == null) {
            throw new IllegalArgumentException("no test user " + name + "; known: " + USERS.keySet());
        }
        TokenIssuer.Token token = ISSUER.token(name).roles(user.role()).audience(TokenClaims.TRACE_AUDIENCE);
        if (user.organisation() != null) token.organisation(user.organisation());
        return token.sign();
    }
}

package vn.dongxanh.identity;

import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A plain HTTP client acting as a browser and as an OAuth client: a cookie jar, redirects followed
 * by hand (so each step can be checked), the sign-in form posted with its CSRF token.
 */
final class Browser {
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private static final SecureRandom RANDOM = new SecureRandom();

    final String base;
    private final HttpClient http;

    Browser(String base) {
        this.base = base;
        this.http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    HttpResponse<String> get(String url, String accept) {
        return send(HttpRequest.newBuilder(resolve(url))
                .header("Accept", accept)
                .GET()
                .build());
    }

    HttpResponse<String> postForm(String url, Map<String, String> form, String basicAuth) {
        HttpRequest.Builder b = HttpRequest.newBuilder(resolve(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form)));
        if (basicAuth != null) {
            b.header("Authorization", basicAuth);
        }
        return send(b.build());
    }

    static String basic(String id, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((id + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    /** The result of signing in through the authorization endpoint: a code, or where the browser stopped. */
    record SignIn(Optional<String> code, String verifier, String stoppedAt) {}

    /**
     * Authorization code + PKCE from the start: /oauth2/authorize sends the browser to /login, the
     * form is posted, and the provider redirects back to the client's redirect URI with a code.
     */
    SignIn signIn(String clientId, String redirectUri, String username, String password) {
        String verifier = randomUrlSafe(32);
        String state = randomUrlSafe(16);
        String authorize = base + "/oauth2/authorize?"
                + encode(ordered(
                        "response_type",
                        "code",
                        "client_id",
                        clientId,
                        "redirect_uri",
                        redirectUri,
                        "scope",
                        "openid profile",
                        "state",
                        state,
                        "code_challenge",
                        challenge(verifier),
                        "code_challenge_method",
                        "S256"));
        HttpResponse<String> r = get(authorize, "text/html");
        expectRedirect(r, "/login");
        HttpResponse<String> page = get(location(r), "text/html");
        if (page.statusCode() != 200) {
            throw new AssertionError("sign-in page: " + page.statusCode());
        }
        Matcher csrf = CSRF.matcher(page.body());
        if (!csrf.find()) {
            throw new AssertionError("no CSRF token in the sign-in page");
        }
        r = postForm(
                base + "/login", ordered("username", username, "password", password, "_csrf", csrf.group(1)), null);
        // after the form: back to the authorization endpoint, which redirects to the client
        for (int i = 0; i < 5 && r.statusCode() == 302; i++) {
            String next = location(r);
            if (next.startsWith(redirectUri)) {
                Map<String, String> q = query(URI.create(next));
                if (!state.equals(q.get("state"))) {
                    throw new AssertionError("state not returned: " + next);
                }
                return new SignIn(Optional.ofNullable(q.get("code")), verifier, next);
            }
            if (next.contains("/login?error")) {
                return new SignIn(Optional.empty(), verifier, next);
            }
            r = get(next, "text/html");
        }
        return new SignIn(
                Optional.empty(), verifier, r.statusCode() + " " + r.headers().firstValue("Location"));
    }

    /** Exchanges a code at the token endpoint: the public client authenticates by its verifier only. */
    JsonNode exchange(String clientId, String secret, String redirectUri, SignIn signIn) {
        Map<String, String> form = ordered(
                "grant_type",
                "authorization_code",
                "code",
                signIn.code().orElseThrow(),
                "redirect_uri",
                redirectUri,
                "code_verifier",
                signIn.verifier());
        if (secret == null) {
            form.put("client_id", clientId);
        }
        HttpResponse<String> r =
                postForm(base + "/oauth2/token", form, secret == null ? null : basic(clientId, secret));
        if (r.statusCode() != 200) {
            throw new AssertionError("token endpoint: " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
    }

    /** Verifies a JWT's signature against the provider's published JWKS, by its key id. */
    SignedJWT verified(String jwt) {
        try {
            SignedJWT signed = SignedJWT.parse(jwt);
            JWKSet keys =
                    JWKSet.parse(get(base + "/oauth2/jwks", "application/json").body());
            RSAKey key = (RSAKey) keys.getKeyByKeyId(signed.getHeader().getKeyID());
            if (key == null) {
                throw new AssertionError("kid " + signed.getHeader().getKeyID() + " not in the JWKS");
            }
            if (key.isPrivate()) {
                throw new AssertionError("the JWKS publishes a private key");
            }
            JWSVerifier verifier = new RSASSAVerifier(key);
            if (!signed.verify(verifier)) {
                throw new AssertionError("signature does not verify");
            }
            return signed;
        } catch (java.text.ParseException | com.nimbusds.jose.JOSEException e) {
            throw new AssertionError(e);
        }
    }

    static String location(HttpResponse<?> r) {
        return r.headers()
                .firstValue("Location")
                .orElseThrow(() -> new AssertionError("no Location: " + r.statusCode()));
    }

    private static void expectRedirect(HttpResponse<String> r, String pathPart) {
        if (r.statusCode() != 302 || !location(r).contains(pathPart)) {
            throw new AssertionError("expected a redirect to " + pathPart + ", got " + r.statusCode() + " "
                    + r.headers().firstValue("Location").orElse("") + " " + r.body());
        }
    }

    private URI resolve(String url) {
        return URI.create(base).resolve(url);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Map<String, String> ordered(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> q = new LinkedHashMap<>();
        if (uri.getRawQuery() == null) {
            return q;
        }
        for (String part : uri.getRawQuery().split("&")) {
            int eq = part.indexOf('=');
            q.put(
                    URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8),
                    eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return q;
    }

    private static String randomUrlSafe(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static String challenge(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

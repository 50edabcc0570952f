package vn.dongxanh.platform;

import java.io.IOException;
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
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import vn.dongxanh.contract.Json;

/**
 * Signs a person in at the identity provider the way a browser does — authorization code with
 * PKCE through the provider's login form — and returns their access token. Used by
 * {@code ./dx token} (a token for scripts and curl after {@code ./dx run}) and by the platform's
 * end-to-end tests. It never sees more than the provider shows a browser.
 */
final class SignIn {
    private static final Pattern CSRF =
            Pattern.compile("name=\"_csrf\"[^>]*?value=\"([^\"]+)\"|value=\"([^\"]+)\"[^>]*?name=\"_csrf\"");

    private final URI issuer;
    private final String clientId;
    private final String clientSecret;
    private final String redirectUri;

    SignIn(URI issuer, String clientId, String clientSecret, String redirectUri) {
        this.issuer = issuer;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.redirectUri = redirectUri;
    }

    /** Refused sign-in: wrong password, unknown or disabled user, or a provider that said no. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message);
        }
    }

    /** The access token of {@code username} for this client. */
    String accessToken(String username, String password) throws IOException, InterruptedException, Refused {
        HttpClient http = HttpClient.newBuilder()
                .cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        String verifier = random(32);
        String state = random(16);
        URI authorize = URI.create(base() + "/oauth2/authorize?"
                + form(Map.of(
                        "response_type",
                        "code",
                        "client_id",
                        clientId,
                        "redirect_uri",
                        redirectUri,
                        "scope",
                        "openid",
                        "state",
                        state,
                        "code_challenge",
                        challenge(verifier),
                        "code_challenge_method",
                        "S256")));
        // the provider sends a browser (Accept: text/html) to its login form
        HttpResponse<String> r = get(http, authorize);
        URI login = follow(http, r, authorize);
        HttpResponse<String> page = get(http, login);
        Matcher m = CSRF.matcher(page.body());
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("username", username);
        fields.put("password", password);
        if (m.find()) fields.put("_csrf", m.group(1) != null ? m.group(1) : m.group(2));
        HttpResponse<String> posted = http.send(
                HttpRequest.newBuilder(login)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Accept", "text/html")
                        .POST(HttpRequest.BodyPublishers.ofString(form(fields)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        URI next = location(posted, login);
        // back to /oauth2/authorize, which now redirects to the client with the code
        for (int hops = 0; hops < 5 && next != null && !next.toString().startsWith(redirectUri); hops++) {
            if (next.getPath().endsWith("/login")
                    && next.getQuery() != null
                    && next.getQuery().contains("error")) {
                throw new Refused("the identity provider refused the sign-in of " + username);
            }
            next = location(get(http, next), next);
        }
        if (next == null || !next.toString().startsWith(redirectUri)) {
            throw new Refused("the identity provider did not return an authorization code for " + username);
        }
        Map<String, String> query = query(next.getRawQuery());
        if (!state.equals(query.get("state")) || query.get("code") == null) {
            throw new Refused("the identity provider answered " + query);
        }
        String basic = Base64.getEncoder()
                .encodeToString((URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":"
                                + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8))
                        .getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> token = http.send(
                HttpRequest.newBuilder(URI.create(base() + "/oauth2/token"))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .header("Authorization", "Basic " + basic)
                        .POST(HttpRequest.BodyPublishers.ofString(form(Map.of(
                                "grant_type",
                                "authorization_code",
                                "code",
                                query.get("code"),
                                "redirect_uri",
                                redirectUri,
                                "code_verifier",
                                verifier))))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (token.statusCode() != 200) {
            throw new Refused("the token endpoint answered " + token.statusCode() + ": " + token.body());
        }
        JsonNode body = Json.MAPPER.readTree(token.body());
        return body.path("access_token").asString();
    }

    private String base() {
        String s = issuer.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    private static HttpResponse<String> get(HttpClient http, URI uri) throws IOException, InterruptedException {
        return http.send(
                HttpRequest.newBuilder(uri).header("Accept", "text/html").GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static URI follow(HttpClient http, HttpResponse<String> r, URI from) throws Refused {
        URI next = location(r, from);
        if (next == null) {
            throw new Refused("the identity provider answered " + r.statusCode() + " at " + from);
        }
        return next;
    }

    private static URI location(HttpResponse<String> r, URI from) {
        if (r.statusCode() / 100 != 3) return null;
        return r.headers().firstValue("Location").map(from::resolve).orElse(null);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new LinkedHashMap<>();
        if (raw == null) return q;
        for (String pair : raw.split("&")) {
            String[] kv = pair.split("=", 2);
            q.put(
                    URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return q;
    }

    private static String form(Map<String, String> fields) {
        var s = new StringBuilder();
        fields.forEach((k, v) -> {
            if (!s.isEmpty()) s.append('&');
            s.append(URLEncoder.encode(k, StandardCharsets.UTF_8))
                    .append('=')
                    .append(URLEncoder.encode(v, StandardCharsets.UTF_8));
        });
        return s.toString();
    }

    private static final SecureRandom RANDOM = new SecureRandom();

    private static String random(int bytes) {
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

package vn.dongxanh.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jwt.JWTClaimsSet;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import vn.dongxanh.devkit.LocalServices;

/**
 * The provider as the services and the web faces meet it: discovery and JWKS, a service's
 * client-credentials token, a person signing in with authorization code + PKCE through /login,
 * refused sign-ins, and what is stored.
 */
class ProviderTest {
    private static final String WEB_REDIRECT = "http://127.0.0.1:9/signed-in";
    private static final String CONSOLE_REDIRECT = "http://127.0.0.1:9/console/signed-in";
    private static final String TRACE_SECRET = "trace-test-secret-0123456789";
    private static final String CONSOLE_SECRET = "console-test-secret-0123456789";

    private static LocalServices.TestDatabase db;
    private static Provider provider;
    private static Browser browser;

    @BeforeAll
    static void start() {
        db = LocalServices.freshDatabase("identity_provider");
        Path dir = Provider.tempDir();
        provider =
                Provider.start(db, dir.resolve("key.json"), Provider.testSeed(), "--dx.identity.login.max-failures=3");
        browser = new Browser(provider.base());
    }

    @AfterAll
    static void stop() {
        if (provider != null) {
            provider.close();
        }
        db.close();
    }

    @Test
    void discoveryNamesTheConfiguredIssuerAndTheKeysAreServed() {
        HttpResponse<String> r = browser.get("/.well-known/openid-configuration", "application/json");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode discovery = Browser.JSON.readTree(r.body());
        assertThat(discovery.get("issuer").asString()).isEqualTo(provider.base());
        assertThat(discovery.get("jwks_uri").asString()).isEqualTo(provider.base() + "/oauth2/jwks");
        assertThat(discovery.get("userinfo_endpoint").asString()).isEqualTo(provider.base() + "/userinfo");
        assertThat(discovery.get("code_challenge_methods_supported").toString()).contains("S256");

        JsonNode jwks = Browser.JSON.readTree(
                browser.get("/oauth2/jwks", "application/json").body());
        assertThat(jwks.get("keys")).hasSize(1);
        JsonNode key = jwks.get("keys").get(0);
        assertThat(key.get("kty").asString()).isEqualTo("RSA");
        assertThat(key.get("kid").asString()).isNotBlank();
        assertThat(key.has("d")).as("private exponent published").isFalse();
    }

    @Test
    void aServiceClientGetsASignedTokenWithRoleServiceAndItsAudience() throws Exception {
        HttpResponse<String> r = browser.postForm(
                "/oauth2/token",
                Browser.ordered("grant_type", "client_credentials"),
                Browser.basic("traceability-service", TRACE_SECRET));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        String token = Browser.JSON.readTree(r.body()).get("access_token").asString();

        var jwt = browser.verified(token);
        assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("RS256");
        assertThat(jwt.getHeader().getKeyID()).isNotBlank();
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo(provider.base());
        assertThat(claims.getSubject()).isEqualTo("traceability-service");
        assertThat(claims.getAudience()).containsExactly("ingest-service");
        assertThat(claims.getStringListClaim("roles")).containsExactly("SERVICE");
        assertThat(claims.getClaim("org")).isNull();
    }

    @Test
    void aWrongClientSecretIsRefused() {
        HttpResponse<String> r = browser.postForm(
                "/oauth2/token",
                Browser.ordered("grant_type", "client_credentials"),
                Browser.basic("traceability-service", "not-the-secret-0123456789"));
        assertThat(r.statusCode()).isEqualTo(401);
        assertThat(r.body()).contains("invalid_client");
    }

    @Test
    void aPersonSignsInWithCodeAndPkceAndTheTokenCarriesOrganisationRolesAndBothAudiences() throws Exception {
        Browser own = new Browser(provider.base());
        Browser.SignIn signIn = own.signIn("web", WEB_REDIRECT, "an", "an-test-password");
        assertThat(signIn.code()).as(signIn.stoppedAt()).isPresent();

        JsonNode tokens = own.exchange("web", null, WEB_REDIRECT, signIn);
        JWTClaimsSet access =
                own.verified(tokens.get("access_token").asString()).getJWTClaimsSet();
        assertThat(access.getIssuer()).isEqualTo(provider.base());
        assertThat(access.getSubject()).isEqualTo("an");
        assertThat(access.getAudience()).containsExactlyInAnyOrder("ingest-service", "traceability-service");
        assertThat(access.getStringClaim("org")).isEqualTo("htx-tinh-phong");
        assertThat(access.getStringListClaim("roles")).containsExactly("COOP_MANAGER");
        assertThat(access.getClaims()).doesNotContainKey("name");
        assertThat(tokens.get("access_token").asString()).doesNotContain("Nguy");
        // a public client gets no refresh token
        assertThat(tokens.has("refresh_token")).isFalse();

        JWTClaimsSet id = own.verified(tokens.get("id_token").asString()).getJWTClaimsSet();
        assertThat(id.getAudience()).containsExactly("web");
        assertThat(id.getStringClaim("name")).isEqualTo("Nguyễn Văn An");
        assertThat(id.getStringClaim("org")).isEqualTo("htx-tinh-phong");

        // a code is used once
        HttpResponse<String> again = own.postForm(
                "/oauth2/token",
                Browser.ordered(
                        "grant_type",
                        "authorization_code",
                        "code",
                        signIn.code().get(),
                        "redirect_uri",
                        WEB_REDIRECT,
                        "code_verifier",
                        signIn.verifier(),
                        "client_id",
                        "web"),
                null);
        assertThat(again.statusCode()).isEqualTo(400);
    }

    @Test
    void userinfoAnswersWithTheAccessToken() {
        Browser own = new Browser(provider.base());
        JsonNode tokens = own.exchange(
                "web", null, WEB_REDIRECT, own.signIn("web", WEB_REDIRECT, "cuong", "cuong-test-password"));
        HttpResponse<String> r =
                send(own, "/userinfo", tokens.get("access_token").asString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode info = Browser.JSON.readTree(r.body());
        assertThat(info.get("sub").asString()).isEqualTo("cuong");
        assertThat(info.get("name").asString()).isEqualTo("Lê Văn Cường");
    }

    @Test
    void aConfidentialClientRefreshesAndTheRefreshTokenIsRotated() throws Exception {
        Browser own = new Browser(provider.base());
        Browser.SignIn signIn = own.signIn("console", CONSOLE_REDIRECT, "cuong", "cuong-test-password");
        JsonNode tokens = own.exchange("console", CONSOLE_SECRET, CONSOLE_REDIRECT, signIn);
        String refresh = tokens.get("refresh_token").asString();

        HttpResponse<String> r = own.postForm(
                "/oauth2/token",
                Browser.ordered("grant_type", "refresh_token", "refresh_token", refresh),
                Browser.basic("console", CONSOLE_SECRET));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode renewed = Browser.JSON.readTree(r.body());
        JWTClaimsSet access =
                own.verified(renewed.get("access_token").asString()).getJWTClaimsSet();
        assertThat(access.getStringClaim("org")).isEqualTo("so-nnmt-dong-thap");
        assertThat(access.getStringListClaim("roles")).containsExactly("DEPARTMENT_OFFICER");
        assertThat(renewed.get("refresh_token").asString()).isNotEqualTo(refresh);

        HttpResponse<String> reused = own.postForm(
                "/oauth2/token",
                Browser.ordered("grant_type", "refresh_token", "refresh_token", refresh),
                Browser.basic("console", CONSOLE_SECRET));
        assertThat(reused.statusCode()).isEqualTo(400);
    }

    @Test
    void aWrongPasswordDoesNotSignIn() {
        Browser own = new Browser(provider.base());
        Browser.SignIn signIn = own.signIn("web", WEB_REDIRECT, "an", "not-an-s-password");
        assertThat(signIn.code()).isEmpty();
        assertThat(signIn.stoppedAt()).contains("/login?error");
        HttpResponse<String> page = own.get(signIn.stoppedAt(), "text/html");
        assertThat(page.body()).contains("role=\"alert\"");
    }

    @Test
    void aDisabledUserCannotSignIn() {
        Browser own = new Browser(provider.base());
        Browser.SignIn signIn = own.signIn("web", WEB_REDIRECT, "binh", "binh-test-password");
        assertThat(signIn.code()).isEmpty();
        assertThat(signIn.stoppedAt()).contains("/login?error");
    }

    @Test
    void afterTooManyWrongPasswordsEvenTheRightOneIsRefused() {
        Browser own = new Browser(provider.base());
        for (int i = 0; i < 3; i++) {
            assertThat(own.signIn("web", WEB_REDIRECT, "dung", "wrong-password-" + i)
                            .code())
                    .isEmpty();
        }
        Browser.SignIn locked = own.signIn("web", WEB_REDIRECT, "dung", "dung-test-password");
        assertThat(locked.code()).isEmpty();
        HttpResponse<String> page = own.get(locked.stoppedAt(), "text/html");
        assertThat(page.body()).contains("Đăng nhập sai quá nhiều lần");
    }

    @Test
    void theSignInPageIsPlainHtmlUnderAStrictPolicy() {
        HttpResponse<String> r = browser.get("/login", "text/html");
        assertThat(r.statusCode()).isEqualTo(200);
        String csp = r.headers().firstValue("Content-Security-Policy").orElse("");
        assertThat(csp)
                .contains("script-src 'self'")
                .contains("style-src 'self'")
                .contains("frame-ancestors 'none'");
        assertThat(r.body()).doesNotContain("<script").doesNotContain("<style").doesNotContain("style=");
        assertThat(r.body()).contains("<label for=\"username\">").contains("<label for=\"password\">");
        assertThat(r.body()).contains("lang=\"vi\"").contains("Đăng nhập");

        HttpResponse<String> english = send(browser, "/login", null, "en-GB,en;q=0.8");
        assertThat(english.body()).contains("lang=\"en\"").contains("Sign in");
        assertThat(browser.get("/css/signin.css", "text/css").statusCode()).isEqualTo(200);
    }

    @Test
    void errorsAreProblemDetailsNotHtmlPages() {
        HttpResponse<String> r = browser.get(
                "/oauth2/authorize?response_type=code&client_id=nobody&redirect_uri=http://127.0.0.1:9/x", "text/html");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(r.body()).doesNotContain("<html");

        // a program that is not signed in gets 401 problem details; a browser the sign-in page
        HttpResponse<String> program = browser.get("/anything", "application/json");
        assertThat(program.statusCode()).isEqualTo(401);
        assertThat(program.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        HttpResponse<String> page = browser.get("/anything", "text/html");
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(Browser.location(page)).endsWith("/login");
    }

    @Test
    void onlyHealthOfTheActuatorIsPublic() {
        assertThat(browser.get("/actuator/health", "application/json").statusCode())
                .isEqualTo(200);
        for (String path : List.of("/actuator", "/actuator/env", "/actuator/beans", "/actuator/prometheus")) {
            assertThat(browser.get(path, "application/json").statusCode())
                    .as(path)
                    .isNotEqualTo(200);
        }
    }

    @Test
    void passwordsAndSecretsAreStoredAsHashes() {
        JdbcTemplate jdbc = provider.context.getBean(JdbcTemplate.class);
        String hash = jdbc.queryForObject("select password_hash from users where username = 'an'", String.class);
        assertThat(hash).startsWith("{argon2@SpringSecurity_v5_8}$argon2id$").doesNotContain("an-test-password");
        List<Map<String, Object>> clients = jdbc.queryForList(
                "select client_id, client_secret from oauth2_registered_client where client_secret is not null");
        assertThat(clients).hasSize(2);
        assertThat(clients)
                .allSatisfy(c -> assertThat((String) c.get("client_secret"))
                        .startsWith("{argon2")
                        .doesNotContain("test-secret"));
    }

    @Test
    void authorizationsWhoseTokensAllExpiredArePurged() {
        JdbcTemplate jdbc = provider.context.getBean(JdbcTemplate.class);
        for (int i = 0; i < 2; i++) {
            HttpResponse<String> r = browser.postForm(
                    "/oauth2/token",
                    Browser.ordered("grant_type", "client_credentials"),
                    Browser.basic("traceability-service", TRACE_SECRET));
            assertThat(r.statusCode()).isEqualTo(200);
        }
        String old = jdbc.queryForObject(
                "select id from oauth2_authorization where principal_name = 'traceability-service' limit 1",
                String.class);
        jdbc.update(
                "update oauth2_authorization set access_token_issued_at = now() - interval '3 hours',"
                        + " access_token_expires_at = now() - interval '2 hours' where id = ?",
                old);
        int before = jdbc.queryForObject("select count(*) from oauth2_authorization", Integer.class);

        int deleted = provider.context
                .getBean(vn.dongxanh.identity.token.ExpiredAuthorizations.class)
                .purge();

        assertThat(deleted).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from oauth2_authorization where id = ?", Integer.class, old))
                .isZero();
        assertThat(jdbc.queryForObject("select count(*) from oauth2_authorization", Integer.class))
                .isEqualTo(before - 1);
    }

    private static HttpResponse<String> send(Browser b, String path, String bearer) {
        return send(b, path, bearer, null);
    }

    private static HttpResponse<String> send(Browser b, String path, String bearer, String language) {
        try {
            var req = java.net.http.HttpRequest.newBuilder(java.net.URI.create(b.base + path))
                    .header("Accept", bearer == null ? "text/html" : "application/json");
            if (bearer != null) {
                req.header("Authorization", "Bearer " + bearer);
            }
            if (language != null) {
                req.header("Accept-Language", language);
            }
            return java.net.http.HttpClient.newHttpClient()
                    .send(req.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}

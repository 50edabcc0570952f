package vn.dongxanh.trace.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.dongxanh.devkit.LocalServices;
import vn.dongxanh.trace.TestHttp;
import vn.dongxanh.trace.TestProperties;

/**
 * OpenID Connect: Bearer JWTs signed with an RSA key whose public half is served as a JWK set by
 * a real HTTP endpoint; roles and organisation come from the token's claims. Local users keep
 * working beside it.
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"dx.trace.ledger.mode=off", "dx.trace.security.oidc.audience=dx-trace"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class OidcJwtTest {
    private static final LocalServices.TestDatabase DB = LocalServices.freshDatabase("trace_oidc");
    private static final RSAKey KEY = rsa("dx-test-key");
    private static final RSAKey STRANGER = rsa("dx-test-key"); // same kid, other key: a forged token
    private static final AtomicInteger JWKS_REQUESTS = new AtomicInteger();
    private static final HttpServer JWKS = jwks();
    private static final String ISSUER = "http://127.0.0.1:" + JWKS.getAddress().getPort() + "/realms/dx";
    private static final String CODE = "VN-51-0031";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static boolean prepared;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestProperties.database(registry, DB);
        TestHttp.users(registry);
        registry.add("dx.trace.security.oidc.issuer-uri", () -> ISSUER);
        registry.add("dx.trace.security.oidc.jwk-set-uri", () -> ISSUER + "/jwks");
    }

    @AfterAll
    static void cleanUp(@Autowired DataSource dataSource) throws Exception {
        if (dataSource instanceof AutoCloseable pool) pool.close();
        DB.close();
        JWKS.stop(0);
    }

    @LocalServerPort
    int port;

    private static RSAKey rsa(String kid) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            return new RSAKey.Builder((RSAPublicKey) pair.getPublic())
                    .privateKey((RSAPrivateKey) pair.getPrivate())
                    .keyID(kid)
                    .build();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The provider's JWK set endpoint: the public key only. */
    private static HttpServer jwks() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            byte[] body = new JWKSet(KEY.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            server.createContext("/realms/dx/jwks", exchange -> {
                JWKS_REQUESTS.incrementAndGet();
                exchange.getResponseHeaders().add("Content-Type", "application/jwk-set+json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            byte[] discovery = ("{\"issuer\":\"" + issuer(server) + "\",\"jwks_uri\":\"" + issuer(server) + "/jwks\"}")
                    .getBytes(StandardCharsets.UTF_8);
            server.createContext("/realms/dx/.well-known/openid-configuration", exchange -> {
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, discovery.length);
                exchange.getResponseBody().write(discovery);
                exchange.close();
            });
            server.start();
            return server;
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String issuer(HttpServer server) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/realms/dx";
    }

    private static String token(RSAKey signer, Map<String, Object> claims, Instant expires) {
        try {
            JWTClaimsSet.Builder set = new JWTClaimsSet.Builder()
                    .issuer(ISSUER)
                    .audience("dx-trace")
                    .issueTime(Date.from(Instant.now().minusSeconds(5)))
                    .expirationTime(Date.from(expires));
            claims.forEach(set::claim);
            SignedJWT jwt = new SignedJWT(
                    new JWSHeader.Builder(JWSAlgorithm.RS256)
                            .keyID(signer.getKeyID())
                            .type(JOSEObjectType.JWT)
                            .build(),
                    set.build());
            jwt.sign(new RSASSASigner(signer));
            return jwt.serialize();
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String token(Map<String, Object> claims) {
        return token(KEY, claims, Instant.now().plusSeconds(600));
    }

    private static final String DEPARTMENT =
            token(Map.of("sub", "can-bo-so", "roles", List.of("DEPARTMENT"), "org", "so-nnmt"));
    private static final String COOPERATIVE =
            token(Map.of("sub", "xa-vien-a", "roles", List.of("offline_access", "COOPERATIVE"), "org", "htx-a"));

    private record Answer(int status, String body, String wwwAuthenticate) {}

    private Answer call(String method, String path, Object body, String bearer) {
        var spec = RestClient.create().method(HttpMethod.valueOf(method)).uri("http://127.0.0.1:" + port + path);
        if (bearer != null) {
            spec = spec.header("Authorization", "Bearer " + bearer);
        }
        if (body != null) {
            spec = spec.contentType(MediaType.APPLICATION_JSON).body(JSON.writeValueAsString(body));
        }
        return spec.exchange((request, response) -> new Answer(
                response.getStatusCode().value(),
                new String(response.getBody().readAllBytes(), StandardCharsets.UTF_8),
                response.getHeaders().getFirst("WWW-Authenticate")));
    }

    private Answer status(String to, String bearer) {
        return call(
                "POST", "/api/codes/" + CODE + "/status", Map.of("status", to, "reason", "inspection " + to), bearer);
    }

    @BeforeEach
    void prepare() {
        if (prepared) {
            return;
        }
        Answer org = call(
                "POST",
                "/api/organisations",
                Map.of("id", "htx-a", "kind", "COOPERATIVE", "name", "HTX A"),
                DEPARTMENT);
        assertThat(org.status()).as(org.body()).isEqualTo(201);
        Answer plot = call(
                "POST",
                "/api/plots",
                Map.of(
                        "id",
                        "lua-jwt",
                        "name",
                        "Ruộng JWT",
                        "crop",
                        "rice",
                        "geometry",
                        TestHttp.square(108.85, 14.95, 120)),
                COOPERATIVE);
        assertThat(plot.status()).as(plot.body()).isEqualTo(201);
        assertThat(JSON.readTree(plot.body()).get("organisationId").stringValue())
                .as("the organisation comes from the token's org claim")
                .isEqualTo("htx-a");
        Answer applied = call(
                "POST", "/api/codes", Map.of("code", CODE, "crop", "rice", "plotIds", List.of("lua-jwt")), COOPERATIVE);
        assertThat(applied.status()).as(applied.body()).isEqualTo(201);
        prepared = true;
    }

    @Test
    void aDepartmentTokenChangesACodeStatusACooperativeTokenMayNot() {
        Answer refused = status("UNDER_INSPECTION", COOPERATIVE);
        assertThat(refused.status()).as(refused.body()).isEqualTo(403);

        Answer changed = status("UNDER_INSPECTION", DEPARTMENT);
        assertThat(changed.status()).as(changed.body()).isEqualTo(200);
        JsonNode code = JSON.readTree(changed.body());
        assertThat(code.get("status").stringValue()).isEqualTo("UNDER_INSPECTION");
        JsonNode last = code.get("history").get(code.get("history").size() - 1);
        assertThat(last.get("actor").stringValue())
                .as("the change is recorded under the token's subject")
                .isEqualTo("can-bo-so");
        assertThat(JWKS_REQUESTS.get())
                .as("keys fetched from the JWK set endpoint")
                .isPositive();
    }

    @Test
    void badTokensAreUnauthorised() {
        Answer forged = status(
                "REJECTED",
                token(
                        STRANGER,
                        Map.of("sub", "x", "roles", "DEPARTMENT"),
                        Instant.now().plusSeconds(600)));
        assertThat(forged.status()).as("signed by another key").isEqualTo(401);
        assertThat(forged.wwwAuthenticate()).contains("Bearer").contains("invalid_token");

        Answer expired = status(
                "REJECTED",
                token(
                        KEY,
                        Map.of("sub", "x", "roles", "DEPARTMENT"),
                        Instant.now().minusSeconds(600)));
        assertThat(expired.status()).as("expired").isEqualTo(401);

        String tampered = DEPARTMENT.substring(0, DEPARTMENT.length() - 4) + "AAAA";
        assertThat(status("REJECTED", tampered).status())
                .as("signature altered")
                .isEqualTo(401);

        Answer otherAudience =
                status("REJECTED", token(Map.of("sub", "x", "roles", "DEPARTMENT", "aud", "another-app")));
        assertThat(otherAudience.status()).as("audience of another application").isEqualTo(401);

        Answer twoRoles = status(
                "REJECTED", token(Map.of("sub", "x", "roles", List.of("DEPARTMENT", "COOPERATIVE"), "org", "htx-a")));
        assertThat(twoRoles.status()).as("a user acts in one role").isEqualTo(401);

        Answer noRole = status("REJECTED", token(Map.of("sub", "x", "roles", List.of("offline_access"))));
        assertThat(noRole.status()).as("valid token, no platform role").isEqualTo(403);

        assertThat(JSON.readTree(call("GET", "/api/codes/" + CODE, null, null).body())
                        .get("status")
                        .stringValue())
                .as("none of them changed the code")
                .isIn("APPLIED", "UNDER_INSPECTION");
    }

    @Test
    void localUsersStillSignInBesideTokens() {
        TestHttp http = new TestHttp(port);
        assertThat(http.post(
                                "/api/organisations",
                                Map.of("id", "htx-local", "kind", "COOPERATIVE", "name", "HTX local"),
                                "dept")
                        .status())
                .isEqualTo(201);
        assertThat(http.post(
                                "/api/organisations",
                                Map.of("id", "htx-nobody", "kind", "COOPERATIVE", "name", "HTX"),
                                "htx-a")
                        .status())
                .isEqualTo(403);
        assertThat(http.get("/api/codes/" + CODE).status())
                .as("reads stay public")
                .isEqualTo(200);
    }

    @Test
    void withOnlyAnIssuerTheKeysAreDiscoveredAtTheFirstTokenNotAtStartUp() throws Exception {
        var oidc = new SecurityProperties.Oidc(ISSUER, null, "dx-trace", null, null, null, null);
        var decoder = OidcActors.decoder(oidc);
        var token = (OidcActors.Token) new OidcActors(oidc).convert(decoder.decode(COOPERATIVE));
        assertThat(token.actor()).contains(new Actor("xa-vien-a", Role.COOPERATIVE, java.util.Optional.of("htx-a")));
        assertThat(token.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_COOPERATIVE");

        // a provider that is down does not stop the service from starting; its tokens fail
        int closed;
        try (var socket = new java.net.ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        var down = new SecurityProperties.Oidc(
                "http://127.0.0.1:" + closed + "/realms/dx", null, null, null, null, null, null);
        var lazy = OidcActors.decoder(down);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> lazy.decode(COOPERATIVE))
                .isInstanceOf(org.springframework.security.oauth2.jwt.JwtDecoderInitializationException.class);
    }
}

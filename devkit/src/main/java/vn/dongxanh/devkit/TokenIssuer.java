package vn.dongxanh.devkit;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import vn.dongxanh.contract.identity.PlatformRole;
import vn.dongxanh.contract.identity.TokenClaims;

/**
 * A stand-in OpenID Connect issuer for tests: discovery, a JWK set and a client-credentials token
 * endpoint served over HTTP on a free loopback port, and RS256 access tokens minted with the
 * platform's claims ({@link TokenClaims}). The services under test reach it exactly as they reach
 * a real provider (issuer URI, discovery, JWKS), so the code path is the production one; the
 * identity module's own tests cover the real provider. It also mints the tokens a service must
 * refuse: unsigned ({@code alg: none}), signed by another key, tampered, expired, wrong issuer or
 * audience.
 */
public final class TokenIssuer implements AutoCloseable {
    private final HttpServer server;
    private final String issuer;
    private final RSAKey key;
    private final RSAKey stranger;
    private final Map<String, Client> clients = new ConcurrentHashMap<>();

    /** A client allowed the client-credentials grant at {@link #tokenUri()}. */
    public record Client(
            String id, String secret, String organisation, List<PlatformRole> roles, List<String> audience) {}

    private TokenIssuer(HttpServer server, RSAKey key, RSAKey stranger) {
        this.server = server;
        this.key = key;
        this.stranger = stranger;
        this.issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/issuer";
    }

    /** Starts an issuer on a free loopback port with a fresh signing key. */
    public static TokenIssuer start() {
        try {
            String kid = "dx-test-" + UUID.randomUUID();
            RSAKey key = new RSAKeyGenerator(2048).keyID(kid).generate();
            RSAKey stranger = new RSAKeyGenerator(2048).keyID(kid).generate(); // same kid: a forgery
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
            TokenIssuer issuer = new TokenIssuer(server, key, stranger);
            server.createContext("/issuer", issuer::serve);
            server.start();
            return issuer;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The issuer URI: {@code iss} of every token, and the base of discovery. */
    public String issuerUri() {
        return issuer;
    }

    public String jwkSetUri() {
        return issuer + "/jwks";
    }

    public String tokenUri() {
        return issuer + "/token";
    }

    /** Registers a client for the client-credentials grant. */
    public TokenIssuer client(Client client) {
        clients.put(client.id(), client);
        return this;
    }

    /** A token for a person or service, to be shaped and then {@link Token#sign() signed}. */
    public Token token(String subject) {
        return new Token(subject);
    }

    /** A signed token for a person acting for {@code organisation} in {@code role}, for {@code audience}. */
    public String tokenFor(String subject, String organisation, PlatformRole role, String audience) {
        return token(subject)
                .organisation(organisation)
                .roles(role)
                .audience(audience)
                .sign();
    }

    /** A token being shaped; every setter returns it. */
    public final class Token {
        private final JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder();
        private Instant issuedAt = Instant.now();
        private Duration ttl = Duration.ofMinutes(10);
        private Instant expiresAt;

        private Token(String subject) {
            claims.subject(subject).issuer(issuer).jwtID(UUID.randomUUID().toString());
        }

        public Token organisation(String organisation) {
            claims.claim(TokenClaims.ORGANISATION, organisation);
            return this;
        }

        public Token roles(PlatformRole... roles) {
            claims.claim(
                    TokenClaims.ROLES,
                    Arrays.stream(roles).map(PlatformRole::claimValue).toList());
            return this;
        }

        public Token audience(String... audience) {
            claims.audience(List.of(audience));
            return this;
        }

        public Token issuer(String otherIssuer) {
            claims.issuer(otherIssuer);
            return this;
        }

        public Token claim(String name, Object value) {
            claims.claim(name, value);
            return this;
        }

        public Token expiresIn(Duration ttl) {
            this.ttl = ttl;
            return this;
        }

        /** Issued and expired in the past ({@code at} is the expiry). */
        public Token expiredAt(Instant at) {
            this.issuedAt = at.minus(Duration.ofMinutes(10));
            this.expiresAt = at;
            return this;
        }

        private JWTClaimsSet build() {
            Instant exp = expiresAt != null ? expiresAt : issuedAt.plus(ttl);
            return claims.issueTime(Date.from(issuedAt))
                    .notBeforeTime(Date.from(issuedAt))
                    .expirationTime(Date.from(exp))
                    .build();
        }

        /** Signed with the issuer's key: what a service must accept (if the claims are right). */
        public String sign() {
            return signWith(key);
        }

        /** Signed with another key under the same key id: a forgery. */
        public String signByStranger() {
            return signWith(stranger);
        }

        /** {@code alg: none}, no signature. */
        public String unsigned() {
            return new PlainJWT(build()).serialize();
        }

        /** Signed by the issuer, then the payload changed (here: the organisation claim). */
        public String tampered(String organisation) {
            String[] parts = sign().split("\\.");
            Map<String, Object> payload = new HashMap<>(build().toJSONObject());
            payload.put(TokenClaims.ORGANISATION, organisation);
            String json = com.nimbusds.jose.util.JSONObjectUtils.toJSONString(payload);
            return parts[0] + "." + Base64URL.encode(json.getBytes(StandardCharsets.UTF_8)) + "." + parts[2];
        }

        private String signWith(RSAKey signer) {
            try {
                SignedJWT jwt = new SignedJWT(
                        new JWSHeader.Builder(JWSAlgorithm.RS256)
                                .keyID(signer.getKeyID())
                                .type(JOSEObjectType.JWT)
                                .build(),
                        build());
                jwt.sign(new RSASSASigner(signer));
                return jwt.serialize();
            } catch (JOSEException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath().substring("/issuer".length());
            switch (path) {
                case "/.well-known/openid-configuration", "/.well-known/oauth-authorization-server" ->
                    json(
                            exchange,
                            200,
                            com.nimbusds.jose.util.JSONObjectUtils.toJSONString(Map.of(
                                    "issuer", issuer,
                                    "jwks_uri", jwkSetUri(),
                                    "token_endpoint", tokenUri(),
                                    "subject_types_supported", List.of("public"),
                                    "id_token_signing_alg_values_supported", List.of("RS256"),
                                    "grant_types_supported", List.of("client_credentials"))));
                case "/jwks" -> json(exchange, 200, new JWKSet(key.toPublicJWK()).toString());
                case "/token" -> token(exchange);
                default -> json(exchange, 404, "{\"error\":\"not_found\"}");
            }
        }
    }

    /** The client-credentials grant, client authenticated by HTTP Basic or form parameters. */
    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> form = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String id = form.get("client_id");
        String secret = form.get("client_secret");
        String basic = exchange.getRequestHeaders().getFirst("Authorization");
        if (basic != null && basic.startsWith("Basic ")) {
            String[] pair =
                    new String(Base64.getDecoder().decode(basic.substring(6)), StandardCharsets.UTF_8).split(":", 2);
            id = URLDecoder.decode(pair[0], StandardCharsets.UTF_8);
            secret = pair.length > 1 ? URLDecoder.decode(pair[1], StandardCharsets.UTF_8) : "";
        }
        Client client = id == null ? null : clients.get(id);
        if (!"client_credentials".equals(form.get("grant_type"))) {
            json(exchange, 400, "{\"error\":\"unsupported_grant_type\"}");
            return;
        }
        if (client == null || !client.secret().equals(secret)) {
            json(exchange, 401, "{\"error\":\"invalid_client\"}");
            return;
        }
        Token token = token(client.id()).roles(client.roles().toArray(PlatformRole[]::new));
        if (client.organisation() != null) {
            token.organisation(client.organisation());
        }
        token.audience(client.audience().toArray(String[]::new));
        long ttl = token.ttl.toSeconds();
        json(
                exchange,
                200,
                "{\"access_token\":\"" + token.sign() + "\",\"token_type\":\"Bearer\",\"expires_in\":" + ttl + "}");
    }

    private static Map<String, String> form(String body) {
        Map<String, String> form = new HashMap<>();
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) continue;
            String[] kv = pair.split("=", 2);
            form.put(
                    URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
        }
        return form;
    }

    private static void json(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** For tests that list what they minted. */
    public List<String> clientIds() {
        return new ArrayList<>(clients.keySet());
    }
}

package vn.dongxanh.devkit;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.SignedJWT;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import vn.dongxanh.contract.identity.PlatformRole;

class TokenIssuerTest {
    private final HttpClient http = HttpClient.newHttpClient();

    private String get(String uri) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(uri)).build(), HttpResponse.BodyHandlers.ofString())
                .body();
    }

    @Test
    void tokensVerifyAgainstTheServedKeysAndForgeriesDoNot() throws Exception {
        try (TokenIssuer issuer = TokenIssuer.start()) {
            assertThat(get(issuer.issuerUri() + "/.well-known/openid-configuration"))
                    .contains("\"issuer\":\"" + issuer.issuerUri() + "\"");
            RSAKey key =
                    (RSAKey) JWKSet.parse(get(issuer.jwkSetUri())).getKeys().getFirst();
            RSASSAVerifier verifier = new RSASSAVerifier(key);

            SignedJWT good =
                    SignedJWT.parse(issuer.tokenFor("u1", "htx-a", PlatformRole.COOP_MANAGER, "ingest-service"));
            assertThat(good.verify(verifier)).isTrue();
            assertThat(good.getJWTClaimsSet().getStringClaim("org")).isEqualTo("htx-a");
            assertThat(good.getJWTClaimsSet().getStringListClaim("roles")).containsExactly("COOP_MANAGER");

            assertThat(SignedJWT.parse(issuer.token("u1").signByStranger()).verify(verifier))
                    .isFalse();
            assertThat(SignedJWT.parse(issuer.token("u1").organisation("htx-a").tampered("htx-b"))
                            .verify(verifier))
                    .isFalse();
            String header = issuer.token("u1").unsigned().split("\\.")[0];
            assertThat(new String(Base64.getUrlDecoder().decode(header))).contains("\"none\"");
        }
    }

    @Test
    void clientCredentialsGrantForRegisteredClientsOnly() throws Exception {
        try (TokenIssuer issuer = TokenIssuer.start()) {
            issuer.client(new TokenIssuer.Client(
                    "trace",
                    "s3cret",
                    null,
                    java.util.List.of(PlatformRole.SERVICE),
                    java.util.List.of("ingest-service")));
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(issuer.tokenUri()))
                    .header("Content-Type", "application/x-www-form-urlencoded");
            var ok = http.send(
                    request.POST(HttpRequest.BodyPublishers.ofString(
                                    "grant_type=client_credentials&client_id=trace&client_secret=s3cret"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(ok.statusCode()).isEqualTo(200);
            assertThat(ok.body()).contains("access_token");
            var refused = http.send(
                    request.POST(HttpRequest.BodyPublishers.ofString(
                                    "grant_type=client_credentials&client_id=trace&client_secret=wrong"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(401);
        }
    }
}

package vn.dongxanh.trace.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.jwt.JwtDecoderInitializationException;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import vn.dongxanh.contract.identity.PlatformRole;
import vn.dongxanh.contract.identity.TokenClaims;
import vn.dongxanh.devkit.TokenIssuer;

/**
 * The decoder against a real provider (devkit's issuer over HTTP): the keys are discovered from
 * the issuer at the first token, not at start-up, so a provider that is down does not stop the
 * service; expiry is checked with the configured small clock skew. The refusals of forged tokens
 * through the running service are in {@code AccessMatrixTest}.
 */
class OidcJwtTest {
    private static final TokenIssuer ISSUER = TokenIssuer.start();

    @AfterAll
    static void stop() {
        ISSUER.close();
    }

    private static SecurityProperties.Oidc oidc(String issuer, Duration skew) {
        return new SecurityProperties.Oidc(issuer, null, null, null, null, null, null, skew);
    }

    @Test
    void withOnlyAnIssuerTheKeysAreDiscoveredAtTheFirstToken() {
        var oidc = oidc(ISSUER.issuerUri(), null);
        String token = ISSUER.tokenFor("xa-vien-a", "htx-a", PlatformRole.COOP_MANAGER, TokenClaims.TRACE_AUDIENCE);
        var converted = (OidcActors.Token)
                new OidcActors(oidc).convert(OidcActors.decoder(oidc).decode(token));
        assertThat(converted.actor()).isEqualTo(Actor.of("xa-vien-a", PlatformRole.COOP_MANAGER, "htx-a"));
        assertThat(converted.getAuthorities()).extracting(Object::toString).containsExactly("ROLE_COOP_MANAGER");
    }

    @Test
    void aProviderThatIsDownDoesNotStopTheServiceItsTokensFail() throws Exception {
        int closed;
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = socket.getLocalPort();
        }
        var lazy = OidcActors.decoder(oidc("http://127.0.0.1:" + closed + "/issuer", null));
        String token = ISSUER.tokenFor("x", "htx-a", PlatformRole.COOP_MANAGER, TokenClaims.TRACE_AUDIENCE);
        assertThatThrownBy(() -> lazy.decode(token)).isInstanceOf(JwtDecoderInitializationException.class);
    }

    @Test
    void expiryIsCheckedWithTheConfiguredClockSkew() {
        var decoder = OidcActors.decoder(oidc(ISSUER.issuerUri(), Duration.ofSeconds(30)));
        String tenSecondsAgo = ISSUER.token("x")
                .organisation("htx-a")
                .roles(PlatformRole.COOP_MANAGER)
                .audience(TokenClaims.TRACE_AUDIENCE)
                .expiredAt(Instant.now().minusSeconds(10))
                .sign();
        String aMinuteAgo = ISSUER.token("x")
                .organisation("htx-a")
                .roles(PlatformRole.COOP_MANAGER)
                .audience(TokenClaims.TRACE_AUDIENCE)
                .expiredAt(Instant.now().minusSeconds(60))
                .sign();
        assertThat(decoder.decode(tenSecondsAgo).getSubject())
                .as("within the 30 s skew")
                .isEqualTo("x");
        assertThatThrownBy(() -> decoder.decode(aMinuteAgo))
                .as("past the skew (Spring's default of 60 s would still take it)")
                .isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("expired");
    }
}

package vn.dongxanh.trace.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import vn.dongxanh.contract.identity.PlatformRole;
import vn.dongxanh.devkit.FreePorts;
import vn.dongxanh.devkit.TokenIssuer;
import vn.dongxanh.trace.web.Refusal;

/** The service's own client credentials against a real (stand-in) OpenID Connect issuer over HTTP. */
class IngestCredentialsTest {
    private static final TokenIssuer ISSUER = TokenIssuer.start()
            .client(new TokenIssuer.Client(
                    "traceability-service",
                    "right-secret",
                    null,
                    List.of(PlatformRole.SERVICE),
                    List.of("ingest-service")));

    @AfterAll
    static void stop() {
        ISSUER.close();
    }

    private static IngestProperties props(String secret, String tokenUri, String issuerUri) {
        return new IngestProperties(
                URI.create("http://127.0.0.1:" + FreePorts.tcp()),
                Duration.ofSeconds(1),
                Duration.ofSeconds(2),
                false,
                new IngestProperties.Client(null, secret, tokenUri, issuerUri, null));
    }

    @Test
    void aTokenIsDiscoveredFetchedAndReusedUntilNearItsExpiry() {
        var credentials = new IngestCredentials(props("right-secret", null, ISSUER.issuerUri()));
        String first = credentials.bearer().orElseThrow();
        assertThat(first.split("\\.")).hasSize(3);
        assertThat(credentials.bearer()).contains(first);
    }

    @Test
    void anUnreachableTokenEndpointIsA503NamingIt() {
        String nowhere = "http://127.0.0.1:" + FreePorts.tcp() + "/token";
        var credentials = new IngestCredentials(props("right-secret", nowhere, null));
        assertThatThrownBy(credentials::bearer).isInstanceOfSatisfying(Refusal.class, r -> {
            assertThat(r.getStatusCode().value()).isEqualTo(503);
            assertThat(r.rule()).isEqualTo("ingest-unavailable");
            assertThat(r.getReason())
                    .contains("could not get traceability-service's token")
                    .contains(nowhere);
        });
        // and the season summary client says the same, before asking ingest anything
        var client = new IngestClient(props("right-secret", nowhere, null), credentials);
        assertThatThrownBy(() -> client.seasonSummary("p-1", LocalDate.of(2026, 1, 1), LocalDate.of(2026, 2, 1)))
                .isInstanceOfSatisfying(
                        Refusal.class,
                        r -> assertThat(r.getStatusCode().value()).isEqualTo(503));
    }

    @Test
    void anIssuerThatIsDownAtStartIsOnlyNeededAtTheFirstCall() {
        String down = "http://127.0.0.1:" + FreePorts.tcp() + "/issuer";
        var credentials = new IngestCredentials(props("right-secret", null, down)); // starts
        assertThatThrownBy(credentials::bearer).isInstanceOfSatisfying(Refusal.class, r -> {
            assertThat(r.getStatusCode().value()).isEqualTo(503);
            assertThat(r.getReason()).contains("issuer " + down);
        });
    }

    @Test
    void aWrongSecretIsA503SayingTheProviderRefusedIt() {
        var credentials = new IngestCredentials(props("wrong-secret", ISSUER.tokenUri(), null));
        assertThatThrownBy(credentials::bearer)
                .isInstanceOfSatisfying(
                        Refusal.class,
                        r -> assertThat(r.getReason())
                                .contains(ISSUER.tokenUri())
                                .contains("invalid_client"));
    }

    @Test
    void withoutASecretNoTokenIsSent() {
        assertThat(new IngestCredentials(props("", null, null)).bearer()).isEmpty();
    }
}

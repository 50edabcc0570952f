package vn.dongxanh.web.buyer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Whose address is passed on to traceability-service for its per-client rate limit. */
class ClientAddressTest {
    private final ClientAddress clients = new ClientAddress(List.of("127.0.0.1", "10.0.0.5"));

    @Test
    void aForwardedHeaderIsBelievedOnlyFromATrustedProxy() {
        assertThat(clients.of("203.0.113.7", null)).isEqualTo("203.0.113.7");
        assertThat(clients.of("203.0.113.7", "198.51.100.1"))
                .as("a client naming someone else is still itself")
                .isEqualTo("203.0.113.7");
        assertThat(clients.of("127.0.0.1", "198.51.100.1")).isEqualTo("198.51.100.1");
        assertThat(clients.of("127.0.0.1", "6.6.6.6, 198.51.100.1, 10.0.0.5"))
                .as("the right-most address no trusted proxy wrote")
                .isEqualTo("198.51.100.1");
        assertThat(clients.of("127.0.0.1", " ")).isEqualTo("127.0.0.1");
        assertThat(clients.of("127.0.0.1", "10.0.0.5")).isEqualTo("127.0.0.1");
    }
}

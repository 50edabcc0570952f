package vn.dongxanh.trace.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vn.dongxanh.devkit.LocalServices;
import vn.dongxanh.trace.TestProperties;
import vn.dongxanh.trace.TestTokens;

/**
 * The public surface's per-client limit: a burst, then 429 problem+json with Retry-After; the
 * client is the peer unless a trusted proxy names it in X-Forwarded-For (here the test itself,
 * on 127.0.0.1, is configured as that proxy, so each forwarded address has its own bucket).
 */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"dx.trace.ledger.mode=off"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class RateLimitTest {
    private static final LocalServices.TestDatabase DB = LocalServices.freshDatabase("trace_rate");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        TestProperties.database(registry, DB);
        TestProperties.issuer(registry);
        registry.add("dx.trace.security.rate-limit.requests-per-minute", () -> "6");
        registry.add("dx.trace.security.rate-limit.burst", () -> "3");
        registry.add("dx.trace.security.rate-limit.trusted-proxies", () -> "127.0.0.1");
    }

    @AfterAll
    static void cleanUp(@Autowired DataSource dataSource) throws Exception {
        if (dataSource instanceof AutoCloseable pool) pool.close();
        DB.close();
    }

    @LocalServerPort
    int port;

    private HttpResponse<String> get(String path, String forwardedFor, String user) throws Exception {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path));
        if (forwardedFor != null) request.header("X-Forwarded-For", forwardedFor);
        if (user != null) request.header("Authorization", "Bearer " + TestTokens.token(user));
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aClientPastItsBurstGets429WithRetryAfterOthersDoNot() throws Exception {
        String client = "203.0.113.7";
        for (int i = 0; i < 3; i++) {
            assertThat(get("/api/ledger", client, null).statusCode())
                    .as("request " + (i + 1))
                    .isEqualTo(200);
        }
        HttpResponse<String> limited = get("/api/ledger", client, null);
        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
        long retryAfter =
                Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).as("one token every 10 s").isBetween(1L, 11L);
        JsonNode problem = JSON.readTree(limited.body());
        assertThat(problem.get("rule").stringValue()).isEqualTo("too-many-requests");
        assertThat(problem.get("status").intValue()).isEqualTo(429);
        assertThat(problem.get("detail").stringValue()).contains(client);

        assertThat(get("/api/ledger", "203.0.113.8", null).statusCode())
                .as("another client has its own bucket")
                .isEqualTo(200);
        assertThat(get("/api/ledger", "198.51.100.1, " + client, null).statusCode())
                .as("what the client wrote left of the proxy's entry proves nothing")
                .isEqualTo(429);
        assertThat(get("/actuator/health", client, null).statusCode())
                .as("health is not rate limited")
                .isEqualTo(200);
        assertThat(get("/api/audit", client, "dept").statusCode())
                .as("endpoints behind a token are not the public surface")
                .isEqualTo(200);
    }

    @Test
    void xForwardedForIsIgnoredUnlessThePeerIsATrustedProxy() {
        var untrusted = new PublicRateLimit(new SecurityProperties.RateLimit(60, 3, List.of(), 0));
        var request = new MockHttpServletRequest("GET", "/api/ledger");
        request.setRemoteAddr("192.0.2.10");
        request.addHeader("X-Forwarded-For", "203.0.113.9");
        assertThat(untrusted.client(request)).isEqualTo("192.0.2.10");
        var trusting = new PublicRateLimit(new SecurityProperties.RateLimit(60, 3, List.of("192.0.2.10"), 0));
        assertThat(trusting.client(request)).isEqualTo("203.0.113.9");
    }
}

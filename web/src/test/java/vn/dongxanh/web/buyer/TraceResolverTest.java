package vn.dongxanh.web.buyer;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import vn.dongxanh.web.WebProperties;

/**
 * The story client against a real HTTP server answering as traceability-service would: the wire
 * shape read into {@link Story} (fields it does not know ignored), the client's address passed on,
 * and the statuses the page turns into its own (404, 429 with Retry-After).
 */
class TraceResolverTest {
    private HttpServer server;

    private TraceResolver resolver(int status, String body, String retryAfter, AtomicReference<String> forwardedFor)
            throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/lots/", exchange -> {
            forwardedFor.set(exchange.getRequestHeaders().getFirst("X-Forwarded-For"));
            boolean story = exchange.getRequestURI().getPath().equals("/api/lots/08931234567897/L-PAGE-1/story");
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            if (retryAfter != null) exchange.getResponseHeaders().add("Retry-After", retryAfter);
            exchange.sendResponseHeaders(story ? status : 404, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
        var web = new WebProperties(
                URI.create("http://127.0.0.1:1"),
                URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
                ZoneId.of("Asia/Ho_Chi_Minh"),
                Duration.ofSeconds(5),
                List.of("vi", "en"),
                Duration.ofHours(24),
                "15m",
                "default-src 'self'",
                Duration.ofMinutes(30));
        return new TraceResolver(web);
    }

    @AfterEach
    void stop() {
        if (server != null) server.stop(0);
    }

    @Test
    void theStoryIsReadAsSentWithTheClientNamed() throws Exception {
        var fixture = new StoryFixture();
        fixture.add(
                "product",
                1,
                "product",
                StoryFixture.GTIN,
                "ANCHORED",
                true,
                StoryFixture.body().put("name", "Gạo").put("crop", "rice"));
        fixture.add(
                "cooperative",
                3,
                "organisation",
                "htx-a",
                "ANCHORED",
                true,
                StoryFixture.body().put("name", "HTX A"));
        fixture.add(
                "harvest",
                2,
                "batch",
                "x",
                "AWAITING_ANCHORING",
                true,
                StoryFixture.body().put("quantityKg", "1200"));
        fixture.differs("harvest", 2, "quantityKg", "1200", "50000");
        var forwarded = new AtomicReference<String>();
        var told = resolver(200, fixture.json(), null, forwarded)
                .story(StoryFixture.GTIN, StoryFixture.LOT, "203.0.113.7");
        assertThat(told.status()).isEqualTo(200);
        assertThat(forwarded.get()).isEqualTo("203.0.113.7");
        Story story = told.story();
        assertThat(story.gtin()).isEqualTo(StoryFixture.GTIN);
        assertThat(story.ledger().chainId()).isEqualTo(31337L);
        assertThat(story.ledger().contract()).isEqualTo(StoryFixture.CONTRACT);
        assertThat(story.sections()).extracting(Story.Section::name).containsExactlyElementsOf(Story.SECTIONS);
        var product = story.section("product").records().getFirst();
        assertThat(product.state()).isEqualTo(Story.ANCHORED);
        assertThat(product.leafFormat()).isEqualTo(2);
        assertThat(product.blockNumber()).isEqualTo(StoryFixture.BLOCK);
        // two anchored records: each one's proof is the other's leaf
        assertThat(product.proof())
                .containsExactly(
                        story.section("cooperative").records().getFirst().leaf());
        assertThat(product.latest()).isTrue();
        assertThat(product.recordedAt()).isNotNull();
        assertThat(product.content()).contains("\"name\":\"Gạo\"");
        var harvest = story.section("harvest").records().getFirst();
        assertThat(harvest.root()).isNull();
        assertThat(harvest.blockNumber()).isNull();
        assertThat(story.differs()).singleElement().satisfies(d -> {
            assertThat(d.section()).isEqualTo("harvest");
            assertThat(d.recordId()).isEqualTo(2L);
            assertThat(d.current()).isEqualTo("50000");
        });
    }

    @Test
    void aRefusalKeepsItsStatusAndRetryAfter() throws Exception {
        var told = resolver(429, "{\"status\":429}", "30", new AtomicReference<>())
                .story(StoryFixture.GTIN, StoryFixture.LOT, "203.0.113.7");
        assertThat(told.status()).isEqualTo(429);
        assertThat(told.story()).isNull();
        assertThat(told.retryAfter()).isEqualTo("30");
        stop();
        var missing = resolver(404, "{\"status\":404}", null, new AtomicReference<>())
                .story(StoryFixture.GTIN, StoryFixture.LOT, "203.0.113.7");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.story()).isNull();
    }
}

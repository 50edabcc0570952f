package vn.dongxanh.web.live;

import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import vn.dongxanh.contract.Json;
import vn.dongxanh.contract.dashboard.PlotState;
import vn.dongxanh.web.WebProperties;
import vn.dongxanh.web.map.MapState;
import vn.dongxanh.web.overview.Overview;
import vn.dongxanh.web.page.NotYours;
import vn.dongxanh.web.page.Pages;
import vn.dongxanh.web.page.Texts;
import vn.dongxanh.web.signin.SignedIn;

/**
 * The overview, live: relays ingest-service's stream of the user's cooperative
 * ({@code /api/cooperatives/{coop}/stream}, called with the user's token) to the browser as
 * server-sent events on this origin. Each {@code plot} event goes on as the plot's card, rendered
 * here with the page's template in the reader's language, so the browser only swaps it in.
 * The browser never talks to ingest-service.
 */
@RestController
class LiveRelay {
    private static final Logger log = LoggerFactory.getLogger(LiveRelay.class);

    private final OAuth2AuthorizedClientManager clients;
    private final TemplateEngine templates;
    private final Pages pages;
    private final WebProperties web;
    private final HttpClient http;

    LiveRelay(OAuth2AuthorizedClientManager clients, TemplateEngine templates, Pages pages, WebProperties web) {
        this.clients = clients;
        this.templates = templates;
        this.pages = pages;
        this.web = web;
        this.http = HttpClient.newBuilder().connectTimeout(web.apiTimeout()).build();
    }

    @GetMapping(path = "/live", produces = "text/event-stream")
    SseEmitter live(
            HttpServletRequest request,
            HttpServletResponse response,
            Authentication authentication,
            @RequestParam(required = false) String plot) {
        SignedIn user = SignedIn.of(authentication);
        if (!user.cooperative()) throw new NotYours("live stream");
        // the token and the language are taken now, on the request's thread
        var authorized = clients.authorize(OAuth2AuthorizeRequest.withClientRegistrationId("dx")
                .principal(authentication)
                .attribute(HttpServletRequest.class.getName(), request)
                .attribute(HttpServletResponse.class.getName(), response)
                .build());
        if (authorized == null) throw new NotYours("live stream without a token");
        String token = authorized.getAccessToken().getTokenValue();
        Texts t = pages.texts(request);
        var emitter = new SseEmitter(web.liveTimeout().toMillis());
        var upstream = new AtomicReference<InputStream>();
        Runnable closeUpstream = () -> {
            InputStream in = upstream.getAndSet(null);
            if (in != null) {
                try {
                    in.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        };
        emitter.onCompletion(closeUpstream);
        emitter.onTimeout(closeUpstream);
        emitter.onError(e -> closeUpstream.run());
        Thread.ofVirtual()
                .name("live-" + user.organisation())
                .start(() -> relay(user.organisation(), plot, token, t, emitter, upstream));
        return emitter;
    }

    private void relay(
            String coop,
            String plot,
            String token,
            Texts t,
            SseEmitter emitter,
            AtomicReference<InputStream> upstream) {
        var request = HttpRequest.newBuilder(URI.create(web.ingestUrl() + "/api/cooperatives/" + coop + "/stream"))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "text/event-stream")
                .GET()
                .build();
        try {
            var answer = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (answer.statusCode() != 200) {
                answer.body().close();
                log.warn("ingest-service refused the stream of {}: {}", coop, answer.statusCode());
                emitter.complete(); // the browser's EventSource tries again later
                return;
            }
            upstream.set(answer.body());
            var lines = new BufferedReader(new InputStreamReader(answer.body(), StandardCharsets.UTF_8));
            String event = null;
            var data = new StringBuilder();
            for (String line; (line = lines.readLine()) != null; ) {
                if (line.isEmpty()) {
                    if (event != null) {
                        if (plot == null) forward(event, data.toString(), t, emitter);
                        else forwardPlot(plot, event, data.toString(), emitter);
                    }
                    event = null;
                    data.setLength(0);
                } else if (line.startsWith("event:")) {
                    event = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    if (!data.isEmpty()) data.append('\n');
                    data.append(line.substring(5).stripLeading());
                }
                // comments (heartbeats) and ids: nothing to relay
            }
            emitter.complete();
        } catch (IOException e) {
            // the browser went away (upstream closed by us) or ingest did: either way this relay ends,
            // and a browser still there reconnects
            log.debug("the stream of {} ended: {}", coop, e.toString());
            emitter.complete();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            emitter.complete();
        } catch (RuntimeException e) {
            log.warn("relaying the stream of {} failed", coop, e);
            emitter.complete();
        }
    }

    /**
     * A plot's page ({@code /live?plot=…}): only that plot's events, as {@code plot-now} carrying its
     * measurement ({@code t} epoch seconds, {@code v}, {@code stale}); the page appends it to its
     * chart and fetches its "now" list from the server, in the reader's language.
     */
    private static void forwardPlot(String plot, String event, String json, SseEmitter emitter) throws IOException {
        if (!event.equals("plot")) return;
        PlotState state = Json.MAPPER.readValue(json, PlotState.class);
        if (!state.plotId().equals(plot)) return;
        var now = new java.util.LinkedHashMap<String, Object>();
        now.put("plot", state.plotId());
        var m = state.measurement();
        if (m != null) {
            now.put("metric", m.metric().wireName());
            now.put("t", m.observedAt().getEpochSecond());
            now.put("v", m.value());
            now.put("stale", m.stale());
        }
        emitter.send(SseEmitter.event().name("plot-now").data(Json.MAPPER.writeValueAsString(now)));
    }

    /** A plot event becomes the plot's card; the other events are not shown by the overview yet. */
    private void forward(String event, String json, Texts t, SseEmitter emitter) throws IOException {
        if (!event.equals("plot")) return;
        PlotState state = Json.MAPPER.readValue(json, PlotState.class);
        Instant now = Instant.now();
        var html = new StringOutput();
        templates.render("plotcard.jte", Map.of("t", t, "p", Overview.PlotRow.of(state, now), "now", now), html);
        // one data line: the card's markup does not need its line breaks
        emitter.send(SseEmitter.event().name("plot").data(html.toString().replace('\n', ' ')));
        // the map's colour of the plot, from the same state (thresholds included)
        emitter.send(SseEmitter.event()
                .name("plot-state")
                .data(Json.MAPPER.writeValueAsString(Map.of(
                        "plot", state.plotId(), "state", MapState.of(state).wireName()))));
    }
}

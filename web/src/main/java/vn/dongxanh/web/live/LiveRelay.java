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
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import tools.jackson.databind.JsonNode;
import vn.dongxanh.contract.Json;
import vn.dongxanh.contract.dashboard.AlarmChange;
import vn.dongxanh.contract.dashboard.CommandChange;
import vn.dongxanh.contract.dashboard.PlotState;
import vn.dongxanh.web.WebProperties;
import vn.dongxanh.web.ingest.IngestApi;
import vn.dongxanh.web.map.MapState;
import vn.dongxanh.web.overview.Overview;
import vn.dongxanh.web.page.NotYours;
import vn.dongxanh.web.page.Pages;
import vn.dongxanh.web.page.Texts;
import vn.dongxanh.web.signin.ServiceClients;
import vn.dongxanh.web.signin.SignedIn;
import vn.dongxanh.web.valve.ValveApi;
import vn.dongxanh.web.valve.ValveProperties;

/**
 * The pages, live: relays ingest-service's stream of the user's cooperative
 * ({@code /api/cooperatives/{coop}/stream}, called with the user's token) to the browser as
 * server-sent events on this origin. Each {@code plot} event goes on as the plot's card, rendered
 * here with the page's template in the reader's language, so the browser only swaps it in; each
 * {@code alarm} event as the alarm's row of the alarms page and, when it was just raised, a notice
 * the browser may show ({@code alarm-notice}, JSON); each {@code command} event as the valve
 * page's state of that command. The browser never talks to ingest-service.
 */
@RestController
class LiveRelay {
    private static final Logger log = LoggerFactory.getLogger(LiveRelay.class);

    private final ServiceClients clients;
    private final TemplateEngine templates;
    private final Pages pages;
    private final WebProperties web;
    private final HttpClient http;
    private final AlarmRows alarmRows;
    private final ValveProperties valve;

    LiveRelay(ServiceClients clients, TemplateEngine templates, Pages pages, WebProperties web, ValveProperties valve) {
        this.clients = clients;
        this.templates = templates;
        this.pages = pages;
        this.web = web;
        this.http = HttpClient.newBuilder().connectTimeout(web.apiTimeout()).build();
        this.alarmRows = new AlarmRows(templates);
        this.valve = valve;
    }

    /**
     * One browser's relay: its cooperative, the user's token, who reads (language, whether the alarm
     * rows offer acknowledgement, the CSRF field of their forms) and the plots' names as the stream
     * told them (an alarm names its plot by id); {@code plot} set for a plot's page, which gets only
     * that plot's {@code plot-now} events.
     */
    private record Connection(
            String coop, String token, AlarmRows.Reader reader, Map<String, String> plotNames, String plot) {}

    @GetMapping(path = "/live", produces = "text/event-stream")
    SseEmitter live(
            HttpServletRequest request,
            HttpServletResponse response,
            Authentication authentication,
            @RequestParam(required = false) String plot) {
        SignedIn user = SignedIn.of(authentication);
        if (!user.cooperative()) throw new NotYours("live stream");
        // the token and the language are taken now, on the request's thread
        String token = clients.accessToken(authentication, request, response);
        if (token == null) throw new NotYours("live stream without a token");
        Texts t = pages.texts(request);
        var csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        var reader = new AlarmRows.Reader(
                t,
                user.cooperative(),
                csrf == null ? null : csrf.getParameterName(),
                csrf == null ? null : csrf.getToken());
        var connection = new Connection(user.organisation(), token, reader, new HashMap<>(), plot);
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
        Thread.ofVirtual().name("live-" + user.organisation()).start(() -> relay(connection, emitter, upstream));
        return emitter;
    }

    private void relay(Connection c, SseEmitter emitter, AtomicReference<InputStream> upstream) {
        String coop = c.coop();
        var request = HttpRequest.newBuilder(URI.create(web.ingestUrl() + "/api/cooperatives/" + coop + "/stream"))
                .header("Authorization", "Bearer " + c.token())
                .header("Accept", "text/event-stream")
                .GET()
                .build();
        try {
            var answer = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            if (answer.statusCode() != 200) {
                answer.body().close();
                log.warn("ingest-service refused the stream of {}: {}", coop, answer.statusCode());
                end(emitter); // the browser's EventSource tries again later
                return;
            }
            upstream.set(answer.body());
            var lines = new BufferedReader(new InputStreamReader(answer.body(), StandardCharsets.UTF_8));
            String event = null;
            var data = new StringBuilder();
            for (String line; (line = lines.readLine()) != null; ) {
                if (line.isEmpty()) {
                    if (event != null) {
                        if (c.plot() == null) forward(event, data.toString(), c, emitter);
                        else forwardPlot(c.plot(), event, data.toString(), emitter);
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
            end(emitter);
        } catch (IOException e) {
            // the browser went away (upstream closed by us) or ingest did: either way this relay ends,
            // and a browser still there reconnects
            log.debug("the stream of {} ended: {}", coop, e.toString());
            end(emitter);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            end(emitter);
        } catch (RuntimeException e) {
            log.warn("relaying the stream of {} failed", coop, e);
            end(emitter);
        }
    }

    /**
     * Ends the browser's side; when the browser has already gone, the container has ended the async
     * request itself and refuses a second ending from this thread, which is no failure.
     */
    private static void end(SseEmitter emitter) {
        try {
            emitter.complete();
        } catch (IllegalStateException alreadyEnded) {
            log.debug("the browser's stream had already ended: {}", alreadyEnded.getMessage());
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

    /** Plot, alarm and command events are shown; gateway events are not yet. */
    private void forward(String event, String json, Connection c, SseEmitter emitter) throws IOException {
        switch (event) {
            case "plot" -> plot(Json.MAPPER.readValue(json, PlotState.class), c, emitter);
            case "alarm" -> alarm(Json.MAPPER.readValue(json, AlarmChange.class), c, emitter);
            case "command" -> command(Json.MAPPER.readValue(json, CommandChange.class), c, emitter);
            default -> {}
        }
    }

    /** A plot event becomes the plot's card, and the map's colour of the plot. */
    private void plot(PlotState state, Connection c, SseEmitter emitter) throws IOException {
        c.plotNames().put(state.plotId(), state.name());
        Instant now = Instant.now();
        var html = new StringOutput();
        templates.render(
                "plotcard.jte", Map.of("t", c.reader().t(), "p", Overview.PlotRow.of(state, now), "now", now), html);
        // one data line: the card's markup does not need its line breaks
        emitter.send(SseEmitter.event().name("plot").data(html.toString().replace('\n', ' ')));
        // the map's colour of the plot, from the same state (thresholds included)
        emitter.send(SseEmitter.event()
                .name("plot-state")
                .data(Json.MAPPER.writeValueAsString(Map.of(
                        "plot", state.plotId(), "state", MapState.of(state).wireName()))));
    }

    /** An alarm event becomes its row of the alarms page, and a notice when it was just raised. */
    private void alarm(AlarmChange change, Connection c, SseEmitter emitter) throws IOException {
        String plotName = change.plotId() == null ? null : c.plotNames().getOrDefault(change.plotId(), change.plotId());
        String note = change.acknowledgedAt() == null ? null : note(change.alarmId(), c.token());
        emitter.send(SseEmitter.event().name("alarm").data(alarmRows.row(c.reader(), change, plotName, note)));
        var notice = AlarmRows.notice(c.reader().t(), change, plotName);
        if (notice.isPresent()) {
            emitter.send(SseEmitter.event().name("alarm-notice").data(Json.MAPPER.writeValueAsString(notice.get())));
        }
    }

    /**
     * A command event becomes the command's state as the valve page shows it while following it
     * (the page's own fragment), so the page learns the gateway's answer as soon as ingest has it;
     * the page's polling stays as the fallback.
     */
    private void command(CommandChange change, Connection c, SseEmitter emitter) throws IOException {
        if (change.plotId() == null) return;
        var command = new ValveApi.Command(
                change.commandId(),
                null,
                change.deviceId(),
                change.action(),
                0,
                null,
                null,
                change.state().name(),
                change.reason(),
                change.at(),
                null);
        var plot = new IngestApi.Plot(
                change.plotId(), c.coop(), c.plotNames().getOrDefault(change.plotId(), change.plotId()), null, 0);
        var html = new StringOutput();
        templates.render(
                "valve/state.jte",
                Map.of(
                        "t",
                        c.reader().t(),
                        "plot",
                        plot,
                        "c",
                        command,
                        "pollSeconds",
                        valve.pollEvery().toSeconds()),
                html);
        emitter.send(
                SseEmitter.event().name("command").data(html.toString().strip().replace('\n', ' ')));
    }

    /**
     * The acknowledgement's note, which the stream does not carry: asked of ingest with the token the
     * stream was opened with; null (the row shows no note) when ingest does not tell, e.g. once that
     * token has expired.
     */
    private String note(long alarmId, String token) {
        var request = HttpRequest.newBuilder(URI.create(web.ingestUrl() + "/api/alarms/" + alarmId))
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .timeout(web.apiTimeout())
                .GET()
                .build();
        try {
            var answer = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) return null;
            JsonNode note = Json.MAPPER.readTree(answer.body()).get("acknowledgeNote");
            return note != null && note.isString() ? note.stringValue() : null;
        } catch (IOException | RuntimeException e) {
            log.debug("the note of alarm {} was not read: {}", alarmId, e.toString());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}

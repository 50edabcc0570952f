package vn.dongxanh.trace.ingest;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.function.BiFunction;
import org.springframework.web.util.UriComponentsBuilder;
import vn.dongxanh.contract.irrigation.PlotActivity;
import vn.dongxanh.contract.irrigation.PlotActivityCodec;

/**
 * ingest-service's plot activity ({@code GET /api/plot-activity}), stood in for by a local HTTP
 * server answering what the contract's codec writes: the test says what the plots did over the
 * days asked, and can take the stand-in down (503, as ingest answers when its database is). The
 * real answer is ingest's own test's (IrrigationApiTest).
 */
public final class IngestStandIn implements AutoCloseable {
    private final HttpServer server;
    private volatile boolean down;

    private IngestStandIn(HttpServer server) {
        this.server = server;
    }

    /** Listening on 127.0.0.1:{@code port}, answering {@code activity(from, to)}. */
    public static IngestStandIn start(int port, BiFunction<LocalDate, LocalDate, PlotActivity> activity) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("the stand-in for ingest could not listen on port " + port, e);
        }
        IngestStandIn standIn = new IngestStandIn(server);
        server.createContext("/api/plot-activity", exchange -> {
            byte[] body;
            int status;
            if (standIn.down) {
                status = 503;
                body = "{\"title\":\"Service Unavailable\",\"status\":503,\"detail\":\"database down\"}"
                        .getBytes(StandardCharsets.UTF_8);
            } else {
                var q = UriComponentsBuilder.fromUri(exchange.getRequestURI())
                        .build()
                        .getQueryParams();
                status = 200;
                body = PlotActivityCodec.encode(
                        activity.apply(LocalDate.parse(q.getFirst("from")), LocalDate.parse(q.getFirst("to"))));
            }
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        return standIn;
    }

    /** Down: every answer a 503 naming its database; up again: the activity as before. */
    public void down(boolean down) {
        this.down = down;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}

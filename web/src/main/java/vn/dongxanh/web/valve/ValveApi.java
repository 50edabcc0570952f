package vn.dongxanh.web.valve;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import vn.dongxanh.web.ingest.IngestHttp;

/** ingest-service's command, device, gateway and irrigation-event API, as valve control uses it. */
@Component
public class ValveApi {
    private final IngestHttp ingest;

    ValveApi(IngestHttp ingest) {
        this.ingest = ingest;
    }

    public record Device(String id, String cooperative, String plot, String kind) {}

    public record Gateway(String id, Boolean online, Instant lastSeen) {}

    /** A command as ingest keeps it; {@code sentBy} is the sender's token subject, never a name. */
    public record Command(
            String id,
            String gateway,
            String device,
            String action,
            long runSeconds,
            Instant issuedAt,
            Instant deadline,
            String state,
            String reason,
            Instant updatedAt,
            String sentBy) {}

    /** A decision the gateway made by itself (AWD start/stop, rain skip, safety stop). */
    public record Decision(
            String id,
            String gateway,
            String valve,
            String kind,
            String reason,
            String detail,
            Map<String, Double> readings,
            long runS,
            Instant at) {}

    /**
     * An override or schedule of the plot's valve as ingest keeps it; {@code phase} is ingest's
     * reading of it at the time of the answer (WAITING, NOT_APPLIED, ACTIVE, UPCOMING, DUE, ENDED,
     * REPLACED) and {@code endsAt} when it ends or ended.
     */
    public record Instruction(
            String id,
            String kind,
            String gateway,
            String hold,
            Instant until,
            Instant start,
            Long runSeconds,
            Instant expires,
            String state,
            String reason,
            Instant issuedAt,
            Instant answeredAt,
            String phase,
            Instant endsAt,
            String sentBy) {}

    public record NewOverride(String hold, String until, Long durationSeconds) {}

    public record NewSchedule(String start, Long runSeconds) {}

    public record NewCommand(
            String cooperative, String gateway, String device, String action, Long runSeconds, Long ttlSeconds) {}

    List<Device> valves(String plot) {
        var all = ingest.client()
                .get()
                .uri(b -> b.path("/api/devices").queryParam("plot", plot).build())
                .retrieve()
                .body(Device[].class);
        return List.of(all).stream().filter(d -> "valve".equals(d.kind())).toList();
    }

    List<Gateway> gateways(String cooperative) {
        return List.of(ingest.client()
                .get()
                .uri(b -> b.path("/api/gateways")
                        .queryParam("cooperative", cooperative)
                        .build())
                .retrieve()
                .body(Gateway[].class));
    }

    List<Command> recent(String device, int limit) {
        return List.of(ingest.client()
                .get()
                .uri(b -> b.path("/api/commands")
                        .queryParam("device", device)
                        .queryParam("limit", limit)
                        .build())
                .retrieve()
                .body(Command[].class));
    }

    Command command(String id) {
        return ingest.client().get().uri("/api/commands/{id}", id).retrieve().body(Command.class);
    }

    Command send(NewCommand command) {
        return ingest.client()
                .post()
                .uri("/api/commands")
                .contentType(MediaType.APPLICATION_JSON)
                .body(command)
                .retrieve()
                .body(Command.class);
    }

    /** The plot's overrides ({@code overrides}) or schedules ({@code schedules}), newest first. */
    List<Instruction> instructions(String plot, String kind, int limit) {
        return List.of(ingest.client()
                .get()
                .uri(b -> b.path("/api/plots/{plot}/" + kind)
                        .queryParam("limit", limit)
                        .build(plot))
                .retrieve()
                .body(Instruction[].class));
    }

    Instruction sendOverride(String plot, NewOverride override) {
        return ingest.client()
                .post()
                .uri("/api/plots/{plot}/overrides", plot)
                .contentType(MediaType.APPLICATION_JSON)
                .body(override)
                .retrieve()
                .body(Instruction.class);
    }

    Instruction sendSchedule(String plot, NewSchedule schedule) {
        return ingest.client()
                .post()
                .uri("/api/plots/{plot}/schedules", plot)
                .contentType(MediaType.APPLICATION_JSON)
                .body(schedule)
                .retrieve()
                .body(Instruction.class);
    }

    /** The gateway's decisions about the plot since {@code from}, newest first. */
    List<Decision> decisions(String plot, Instant from) {
        var oldestFirst = List.of(ingest.client()
                .get()
                .uri(b -> b.path("/api/plots/{plot}/irrigation-events")
                        .queryParam("from", from.toString())
                        .build(plot))
                .retrieve()
                .body(Decision[].class));
        return oldestFirst.reversed();
    }
}

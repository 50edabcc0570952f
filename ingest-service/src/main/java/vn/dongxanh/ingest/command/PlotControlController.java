package vn.dongxanh.ingest.command;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.dongxanh.contract.command.GatewayRequest;
import vn.dongxanh.contract.identity.PlatformRole;
import vn.dongxanh.ingest.api.ApiException;
import vn.dongxanh.ingest.api.Params;
import vn.dongxanh.ingest.registry.Device;
import vn.dongxanh.ingest.registry.DeviceKind;
import vn.dongxanh.ingest.registry.DeviceStore;
import vn.dongxanh.ingest.registry.Plot;
import vn.dongxanh.ingest.registry.PlotStore;
import vn.dongxanh.ingest.security.Access;
import vn.dongxanh.ingest.security.Caller;

/**
 * Overrides and schedules of a plot's valve. They go to the gateway the plot's devices are behind
 * (the registry's {@code gateway} of its valve, else of another of its devices), which keeps them
 * in its irrigation control and answers like a command: each has a state from that answer.
 */
@RestController
@Tag(name = "valve control", description = "Overrides and schedules of a plot's valve, applied by its gateway")
@ConditionalOnProperty(prefix = "dx.ingest.commands", name = "enabled", matchIfMissing = true)
class PlotControlController {
    private static final int DEFAULT_LIMIT = 20;
    private static final int MAX_LIMIT = 200;

    private final PlotStore plots;
    private final DeviceStore devices;
    private final InstructionStore store;
    private final CommandLink link;
    private final CommandProperties commands;
    private final PlotControlProperties props;
    private final Clock clock;

    PlotControlController(
            PlotStore plots,
            DeviceStore devices,
            InstructionStore store,
            CommandLink link,
            CommandProperties commands,
            PlotControlProperties props,
            Clock clock) {
        this.plots = plots;
        this.devices = devices;
        this.store = store;
        this.link = link;
        this.commands = commands;
        this.props = props;
        this.clock = clock;
    }

    /**
     * @param hold OPEN, CLOSED, or AUTO (back to automatic control: ends the override in force)
     * @param until when the override ends (an instant); or give {@code durationSeconds}
     * @param durationSeconds how long from now the override lasts, instead of {@code until}
     */
    record NewOverride(String hold, String until, Long durationSeconds) {}

    /**
     * @param start when to water (an instant)
     * @param runSeconds for how long
     * @param expires void if not started by then; default start + dx.ingest.plot-control.start-window
     */
    record NewSchedule(String start, Long runSeconds, String expires) {}

    @PostMapping("/api/plots/{plot}/overrides")
    @Operation(
            summary = "Hold a plot's valve open or closed until a time, or hand it back to automatic control",
            description = "Only the cooperative's own COOP_MANAGER or COOP_OPERATOR. Sent to the plot's gateway (the"
                    + " registry's gateway of its devices); 202 with the override and its state, which follows the"
                    + " gateway's answer. A new override replaces the one in force; AUTO ends it now.")
    @ApiResponse(responseCode = "202", description = "stored and sent; see state")
    @ApiResponse(responseCode = "400", description = "invalid hold, time or duration, or beyond the limits")
    @ApiResponse(responseCode = "404", description = "plot not registered")
    @ApiResponse(responseCode = "409", description = "no gateway known for the plot's devices")
    ResponseEntity<ValveInstruction> override(
            @PathVariable String plot, @RequestBody(required = false) NewOverride body) {
        Plot p = plot(plot);
        Caller caller = Access.actFor(p.cooperative(), PlatformRole.COOP_MANAGER, PlatformRole.COOP_OPERATOR);
        if (body == null) throw ApiException.badRequest("a JSON body is required");
        GatewayRequest.Override.State hold;
        try {
            hold = GatewayRequest.Override.State.valueOf(String.valueOf(body.hold()));
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("hold must be OPEN, CLOSED or AUTO");
        }
        Instant now = clock.instant();
        Instant until;
        if (hold == GatewayRequest.Override.State.AUTO) {
            if (body.until() != null || body.durationSeconds() != null) {
                throw ApiException.badRequest("AUTO ends the override now: give neither until nor durationSeconds");
            }
            until = now;
        } else {
            if ((body.until() == null) == (body.durationSeconds() == null)) {
                throw ApiException.badRequest("give either until or durationSeconds");
            }
            if (body.durationSeconds() != null
                    && (body.durationSeconds() < 1
                            || body.durationSeconds() > props.maxOverride().toSeconds())) {
                throw ApiException.badRequest("durationSeconds must be between 1 and "
                        + props.maxOverride().toSeconds() + ", got " + body.durationSeconds());
            }
            until = body.until() != null ? instant("until", body.until()) : now.plusSeconds(body.durationSeconds());
            if (!until.isAfter(now)) throw ApiException.badRequest("until " + until + " is not in the future");
            Duration limit = hold == GatewayRequest.Override.State.OPEN ? props.maxOpenOverride() : props.maxOverride();
            if (Duration.between(now, until).compareTo(limit) > 0) {
                throw ApiException.badRequest("an override " + hold + " may last at most " + limit.toSeconds()
                        + " s from now; until " + until + " is later");
            }
        }
        var override = new Pending(ValveInstruction.OVERRIDE, hold.name(), until, null, null, null);
        return storeAndSend(p, caller, now, override, id -> new GatewayRequest.Override(id, p.id(), hold, until));
    }

    @PostMapping("/api/plots/{plot}/schedules")
    @Operation(
            summary = "Water a plot at a time for a run time",
            description = "Only the cooperative's own COOP_MANAGER or COOP_OPERATOR. Sent to the plot's gateway, which"
                    + " keeps it and opens the valve at its start (unless an override holds the valve or rain makes"
                    + " it skip); void if not started by expires. Gateways cannot cancel a schedule once applied.")
    @ApiResponse(responseCode = "202", description = "stored and sent; see state")
    @ApiResponse(responseCode = "400", description = "invalid or out-of-bounds start, run time or expiry")
    @ApiResponse(responseCode = "404", description = "plot not registered")
    @ApiResponse(responseCode = "409", description = "no gateway known for the plot's devices")
    ResponseEntity<ValveInstruction> schedule(
            @PathVariable String plot, @RequestBody(required = false) NewSchedule body) {
        Plot p = plot(plot);
        Caller caller = Access.actFor(p.cooperative(), PlatformRole.COOP_MANAGER, PlatformRole.COOP_OPERATOR);
        if (body == null) throw ApiException.badRequest("a JSON body is required");
        if (body.start() == null) throw ApiException.badRequest("start is required");
        if (body.runSeconds() == null) throw ApiException.badRequest("runSeconds is required");
        Instant now = clock.instant();
        Instant start = instant("start", body.start());
        if (start.isBefore(now.minus(props.pastStart()))) {
            throw ApiException.badRequest("start " + start + " is in the past");
        }
        if (start.isAfter(now.plus(props.horizon()))) {
            throw ApiException.badRequest(
                    "start " + start + " is more than " + props.horizon().toSeconds() + " s ahead");
        }
        long run = body.runSeconds();
        if (run < 1 || run > props.maxRunTime().toSeconds()) {
            throw ApiException.badRequest(
                    "runSeconds must be between 1 and " + props.maxRunTime().toSeconds() + ", got " + run);
        }
        Instant expires = body.expires() == null ? start.plus(props.startWindow()) : instant("expires", body.expires());
        if (!expires.isAfter(start)) throw ApiException.badRequest("expires " + expires + " is not after start");
        if (expires.isAfter(start.plus(props.horizon()))) {
            throw ApiException.badRequest(
                    "expires " + expires + " is more than " + props.horizon().toSeconds() + " s after start");
        }
        var schedule = new Pending(ValveInstruction.SCHEDULE, null, null, start, run, expires);
        return storeAndSend(
                p,
                caller,
                now,
                schedule,
                id -> new GatewayRequest.Schedule(id, p.id(), start, Duration.ofSeconds(run), expires));
    }

    /** What an override ({@code hold}, {@code until}) or a schedule (the rest) asks, before it is sent. */
    private record Pending(String kind, String hold, Instant until, Instant start, Long runSeconds, Instant expires) {}

    /**
     * Stores the instruction PENDING (its deadline the commands' default), sends it to the plot's
     * gateway through the command link and answers 202 with it as stored.
     */
    private ResponseEntity<ValveInstruction> storeAndSend(
            Plot p,
            Caller caller,
            Instant now,
            Pending asked,
            java.util.function.Function<String, GatewayRequest> request) {
        String gateway = gatewayOf(p);
        String id = UUID.randomUUID().toString();
        var row = new ValveInstruction(
                id,
                asked.kind(),
                p.cooperative(),
                gateway,
                p.id(),
                asked.hold(),
                asked.until(),
                asked.start(),
                asked.runSeconds(),
                asked.expires(),
                CommandState.PENDING,
                "",
                now,
                now.plus(commands.defaultTtl()),
                null,
                null,
                null,
                null,
                caller.subject(),
                caller.organisation());
        store.insert(row);
        link.send(p.cooperative(), gateway, request.apply(id));
        String list = asked.kind().equals(ValveInstruction.OVERRIDE) ? "overrides" : "schedules";
        return ResponseEntity.accepted()
                .location(URI.create("/api/plots/" + p.id() + "/" + list + "/" + id))
                .body(store.find(id).orElse(row).at(now));
    }

    @GetMapping("/api/plots/{plot}/overrides")
    @Operation(summary = "A plot's overrides, newest first, each with its state and phase (ACTIVE until when…)")
    List<ValveInstruction> overrides(@PathVariable String plot, @RequestParam(required = false) Integer limit) {
        return list(plot, ValveInstruction.OVERRIDE, limit);
    }

    @GetMapping("/api/plots/{plot}/schedules")
    @Operation(summary = "A plot's schedules, newest first, each with its state and phase (UPCOMING, DUE…)")
    List<ValveInstruction> schedules(@PathVariable String plot, @RequestParam(required = false) Integer limit) {
        return list(plot, ValveInstruction.SCHEDULE, limit);
    }

    @GetMapping("/api/plots/{plot}/overrides/{id}")
    @Operation(summary = "One override and its state")
    ValveInstruction oneOverride(@PathVariable String plot, @PathVariable String id) {
        return one(plot, ValveInstruction.OVERRIDE, id);
    }

    @GetMapping("/api/plots/{plot}/schedules/{id}")
    @Operation(summary = "One schedule and its state")
    ValveInstruction oneSchedule(@PathVariable String plot, @PathVariable String id) {
        return one(plot, ValveInstruction.SCHEDULE, id);
    }

    private List<ValveInstruction> list(String plot, String kind, Integer limit) {
        Plot p = plot(plot);
        Instant now = clock.instant();
        return store.list(p.id(), kind, Params.limit(limit, DEFAULT_LIMIT, MAX_LIMIT)).stream()
                .map(i -> i.at(now))
                .toList();
    }

    private ValveInstruction one(String plot, String kind, String id) {
        Plot p = plot(plot);
        return store.find(id)
                .filter(i -> i.plot().equals(p.id()) && i.kind().equals(kind))
                .map(i -> i.at(clock.instant()))
                .orElseThrow(() -> ApiException.notFound(kind.toLowerCase(java.util.Locale.ROOT) + " '" + id
                        + "' of plot '" + p.id() + "' does not exist"));
    }

    /** The plot's gateway: its valve's, else that of another of its devices. */
    private String gatewayOf(Plot p) {
        return devices.list(p.cooperative(), p.id()).stream()
                .filter(d -> d.gateway() != null)
                .min(Comparator.comparing(
                                (Device d) -> !DeviceKind.VALVE.wireName().equals(d.kind()))
                        .thenComparing(Device::id))
                .map(Device::gateway)
                .orElseThrow(() -> ApiException.conflict("no gateway is known for plot '" + p.id()
                        + "': register its valve (or another of its devices) with the gateway it is behind"));
    }

    private Plot plot(String id) {
        Plot p = plots.find(Params.id("plot", id)).orElseThrow(() -> notFound(id));
        return Access.visible(p, p.cooperative(), () -> notFound(id));
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("plot '" + id + "' is not registered");
    }

    private static Instant instant(String name, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(name + " '" + value + "' is not an instant such as 2026-05-01T06:00:00Z");
        }
    }
}

package vn.dongxanh.ingest.command;

import io.swagger.v3.oas.annotations.Operation;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import vn.dongxanh.contract.Ids;
import vn.dongxanh.contract.command.GatewayRequest;
import vn.dongxanh.contract.command.ValveCommand;
import vn.dongxanh.contract.identity.PlatformRole;
import vn.dongxanh.ingest.api.ApiException;
import vn.dongxanh.ingest.registry.DeviceStore;
import vn.dongxanh.ingest.security.Access;
import vn.dongxanh.ingest.security.Caller;

/**
 * Valve and pump commands: the cooperative asks, the gateway checks them against its own safety
 * limits and answers, the device applies them. Each command's state is kept and can be read.
 */
@RestController
@RequestMapping("/api/commands")
@ConditionalOnProperty(prefix = "dx.ingest.commands", name = "enabled", matchIfMissing = true)
class CommandController {
    private final CommandStore store;
    private final CommandLink link;
    private final CommandProperties props;
    private final DeviceStore devices;
    private final Clock clock;

    CommandController(CommandStore store, CommandLink link, CommandProperties props, DeviceStore devices, Clock clock) {
        this.store = store;
        this.devices = devices;
        this.link = link;
        this.props = props;
        this.clock = clock;
    }

    /**
     * @param runSeconds for OPEN: the longest the valve may stay open (the device closes it then)
     * @param ttlSeconds how long the command may take to reach the device; void afterwards
     */
    record NewCommand(
            String cooperative, String gateway, String device, String action, Long runSeconds, Long ttlSeconds) {}

    @PostMapping
    @Operation(
            summary = "Send a valve or pump command to a gateway; 202 with the command's id and state",
            description = "Only the cooperative's own COOP_MANAGER or COOP_OPERATOR, for a device registered to"
                    + " that cooperative; the command records who sent it.")
    ResponseEntity<IssuedCommand> send(@RequestBody NewCommand body) {
        if (body == null) throw new BadCommand("a JSON body is required");
        String coop = id("cooperative", body.cooperative());
        Caller caller = Access.actFor(coop, PlatformRole.COOP_MANAGER, PlatformRole.COOP_OPERATOR);
        String gateway = id("gateway", body.gateway());
        String device = id("device", body.device());
        // a device of another cooperative is answered as one not registered
        if (devices.find(device).filter(d -> d.cooperative().equals(coop)).isEmpty()) {
            throw new BadCommand("device '" + device + "' is not registered to cooperative '" + coop + "'");
        }
        ValveCommand.Action action;
        try {
            action = ValveCommand.Action.valueOf(String.valueOf(body.action()));
        } catch (IllegalArgumentException e) {
            throw new BadCommand("action must be OPEN or CLOSE");
        }
        Duration run = Duration.ofSeconds(body.runSeconds() == null ? 0 : body.runSeconds());
        if (action == ValveCommand.Action.OPEN && (run.isZero() || run.isNegative())) {
            throw new BadCommand("OPEN needs runSeconds > 0: the longest the valve may stay open");
        }
        if (run.compareTo(props.maxRunTime()) > 0) {
            throw new BadCommand("runSeconds " + run.toSeconds() + " exceeds the limit "
                    + props.maxRunTime().toSeconds());
        }
        Duration ttl = body.ttlSeconds() == null ? props.defaultTtl() : Duration.ofSeconds(body.ttlSeconds());
        if (ttl.isZero() || ttl.isNegative() || ttl.compareTo(props.maxTtl()) > 0) {
            throw new BadCommand(
                    "ttlSeconds must be between 1 and " + props.maxTtl().toSeconds());
        }
        Instant now = clock.instant();
        String id = UUID.randomUUID().toString();
        var command = new ValveCommand(
                id, device, action, action == ValveCommand.Action.OPEN ? run : Duration.ZERO, now, now.plus(ttl));
        var issued = new IssuedCommand(
                id,
                coop,
                gateway,
                device,
                action.name(),
                command.runTime().toSeconds(),
                now,
                command.deadline(),
                CommandState.PENDING,
                "",
                now,
                caller.subject(),
                caller.organisation());
        store.insert(issued);
        link.send(coop, gateway, new GatewayRequest.Valve(id, command));
        return ResponseEntity.accepted()
                .location(URI.create("/api/commands/" + id))
                .body(store.find(id).orElse(issued));
    }

    @GetMapping("/{id}")
    @Operation(summary = "A command and its state: PENDING, SENT, APPLIED, REFUSED, EXPIRED or TIMED_OUT")
    IssuedCommand get(@PathVariable String id) {
        IssuedCommand c = store.find(id).orElseThrow(() -> notFound(id));
        return Access.visible(c, c.cooperative(), () -> notFound(id));
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("command '" + id + "' does not exist");
    }

    @GetMapping
    @Operation(summary = "Recent commands, newest first, optionally of one gateway or device")
    List<IssuedCommand> recent(
            @RequestParam(required = false) String gateway,
            @RequestParam(required = false) String device,
            @RequestParam(defaultValue = "100") int limit) {
        if (limit < 1 || limit > 1000) throw new BadCommand("limit must be 1..1000");
        Access.Scope scope = Access.scope(null);
        return store.recent(scope.cooperative(), gateway, device, limit);
    }

    private static String id(String kind, String value) {
        try {
            return Ids.require(kind, value);
        } catch (IllegalArgumentException e) {
            throw new BadCommand(e.getMessage());
        }
    }

    static final class BadCommand extends RuntimeException {
        BadCommand(String message) {
            super(message);
        }
    }

    @ExceptionHandler
    ProblemDetail bad(BadCommand e) {
        var p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        p.setTitle("Invalid command");
        return p;
    }
}

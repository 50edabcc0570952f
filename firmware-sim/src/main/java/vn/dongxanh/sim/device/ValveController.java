package vn.dongxanh.sim.device;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import vn.dongxanh.contract.Json;
import vn.dongxanh.contract.command.CommandAck;
import vn.dongxanh.contract.command.CommandCodec;
import vn.dongxanh.contract.command.ValveCommand;
import vn.dongxanh.sim.SimClock;
import vn.dongxanh.sim.field.PlotModel;
import vn.dongxanh.sim.field.PlotState;

/**
 * A valve controller that obeys {@link ValveCommand}s. Every command is answered:
 * a command id seen before is DUPLICATE and not applied again; one past its deadline (wall
 * clock) is EXPIRED; one for another device or with a run time above the device's maximum is
 * REFUSED; otherwise OPEN opens the valve for its run time and CLOSE closes it (APPLIED).
 *
 * <p>The run time is field time: the valve's own timer closes it after the run time has passed
 * in the field (at speed 1 that is the same as wall time), whatever happens to the link — the
 * device-side safety of DESIGN.md.
 */
public final class ValveController extends SimDevice {
    private static final Logger log = LoggerFactory.getLogger(ValveController.class);

    private final ValveParameters params;
    private final ScheduledExecutorService timers;
    private final Map<String, CommandAck.Result> seen;
    private volatile Runnable onStateChange = () -> {};
    private ScheduledFuture<?> autoClose;
    private long generation;

    public ValveController(
            PlotModel plot,
            SimClock clock,
            SensorParameters sensors,
            ValveParameters params,
            ScheduledExecutorService timers,
            RandomGenerator random) {
        super(DeviceKind.VALVE, plot, clock, sensors, random);
        this.params = params;
        this.timers = Objects.requireNonNull(timers);
        int capacity = params.rememberedCommands();
        this.seen = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, CommandAck.Result> eldest) {
                return size() > capacity;
            }
        };
    }

    /** Called (on a timer or command thread) whenever the valve opens or closes. */
    public void onStateChange(Runnable listener) {
        this.onStateChange = Objects.requireNonNull(listener);
    }

    @Override
    protected double measure(PlotState state) {
        return state.valveOpen() ? 1 : 0;
    }

    /** Whether the valve is open now. */
    public boolean isOpen() {
        return plot.syncTo(clock.fieldNow()).valveOpen();
    }

    /** Field time at which the open valve closes by itself; empty when closed. */
    public Optional<Instant> closesAtFieldTime() {
        plot.syncTo(clock.fieldNow());
        return Optional.ofNullable(plot.valveCloseAt());
    }

    /**
     * Handles a command's JSON. Undecodable commands that still name an id are REFUSED with the
     * reason; without an id there is no one to answer, so the result is empty.
     */
    public Optional<CommandAck> handle(byte[] json) {
        ValveCommand command;
        try {
            command = CommandCodec.decodeCommand(json);
        } catch (IllegalArgumentException e) {
            Optional<String> commandId = commandIdOf(json);
            log.warn(
                    "{}: refused an undecodable command{}: {}",
                    id(),
                    commandId.map(c -> " " + c).orElse(""),
                    e.getMessage());
            return commandId.map(
                    c -> new CommandAck(c, id(), CommandAck.Result.REFUSED, e.getMessage(), isOpen(), clock.wallNow()));
        }
        return Optional.of(handle(command));
    }

    /** Applies a command (at most once per command id) and says what happened. */
    public CommandAck handle(ValveCommand c) {
        CommandAck ack;
        boolean changed = false;
        synchronized (this) {
            Instant wallNow = clock.wallNow();
            CommandAck.Result earlier = seen.get(c.commandId());
            if (earlier != null) {
                ack = ack(c, CommandAck.Result.DUPLICATE, "command already handled (" + earlier + ")", wallNow);
            } else if (!c.deviceId().equals(id())) {
                ack = ack(
                        c,
                        CommandAck.Result.REFUSED,
                        "command is for device " + c.deviceId() + ", not " + id(),
                        wallNow);
            } else if (wallNow.isAfter(c.deadline())) {
                ack = ack(
                        c,
                        CommandAck.Result.EXPIRED,
                        "deadline " + c.deadline() + " passed before it arrived",
                        wallNow);
            } else if (c.action() == ValveCommand.Action.OPEN && c.runTime().compareTo(params.maxRunTime()) > 0) {
                ack = ack(
                        c,
                        CommandAck.Result.REFUSED,
                        "run time " + c.runTime() + " exceeds the device maximum " + params.maxRunTime(),
                        wallNow);
            } else {
                changed = apply(c);
                ack = ack(c, CommandAck.Result.APPLIED, "", wallNow);
            }
            if (earlier == null) seen.put(c.commandId(), ack.result());
        }
        log.info(
                "{}: {} {} → {}{}",
                id(),
                c.action(),
                c.commandId(),
                ack.result(),
                ack.reason().isEmpty() ? "" : " (" + ack.reason() + ")");
        if (changed) onStateChange.run();
        return ack;
    }

    private boolean apply(ValveCommand c) {
        Instant fieldNow = clock.fieldNow();
        boolean wasOpen = plot.syncTo(fieldNow).valveOpen();
        cancelTimer();
        if (c.action() == ValveCommand.Action.CLOSE) {
            plot.closeValve(fieldNow);
            return wasOpen;
        }
        plot.openValve(fieldNow, fieldNow.plus(c.runTime()));
        long mine = generation;
        Duration realDelay = clock.toReal(c.runTime());
        autoClose = timers.schedule(() -> runTimeEnded(mine), realDelay.toNanos(), TimeUnit.NANOSECONDS);
        return true;
    }

    private void runTimeEnded(long armedGeneration) {
        synchronized (this) {
            if (armedGeneration != generation) return;
            // The plot closes the valve at the exact field time; make sure it is closed now even
            // if the timer fired a hair before the field clock reached that time.
            plot.closeValve(clock.fieldNow());
            autoClose = null;
        }
        log.info("{}: run time ended, valve closed", id());
        onStateChange.run();
    }

    private void cancelTimer() {
        generation++;
        if (autoClose != null) {
            autoClose.cancel(false);
            autoClose = null;
        }
    }

    /** Stops the run timer (the simulation is closing). The valve keeps its state. */
    public synchronized void stop() {
        cancelTimer();
    }

    private CommandAck ack(ValveCommand c, CommandAck.Result result, String reason, Instant at) {
        return new CommandAck(
                c.commandId(),
                id(),
                result,
                reason,
                plot.syncTo(clock.fieldNow()).valveOpen(),
                at);
    }

    private static Optional<String> commandIdOf(byte[] json) {
        try {
            JsonNode node = Json.MAPPER.readTree(json);
            JsonNode commandId = node == null ? null : node.get("id");
            if (commandId != null
                    && commandId.isString()
                    && !commandId.stringValue().isEmpty()) {
                return Optional.of(commandId.stringValue());
            }
        } catch (RuntimeException e) {
            // Not JSON at all: nothing to answer.
        }
        return Optional.empty();
    }
}

package vn.dongxanh.edge.irrigation;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.dongxanh.contract.command.CommandAck;
import vn.dongxanh.contract.command.GatewayAck;
import vn.dongxanh.contract.command.GatewayRequest;
import vn.dongxanh.contract.command.ValveCommand;
import vn.dongxanh.contract.event.IrrigationEvent;
import vn.dongxanh.contract.telemetry.Metric;
import vn.dongxanh.contract.telemetry.Reading;
import vn.dongxanh.edge.config.ControlSettings;
import vn.dongxanh.edge.config.PlotSpec;

/**
 * Irrigation control of every plot on the gateway, on one thread: readings, device acks, cloud
 * requests and a clock tick all arrive as tasks on one queue, so plot state needs no locks and
 * a decision follows a reading within milliseconds.
 *
 * <p>Safety holds whatever the rule says: a valve whose governing sensor is silent or
 * implausible is closed; no valve stays open beyond its maximum run time (the device enforces
 * the same run time on its own); no more valves open at once than the supply can feed; a pump
 * runs only while a valve it feeds is open; after a start nothing is opened until the valve's
 * actual state has been read back.
 */
public final class IrrigationControl implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(IrrigationControl.class);
    private static final Duration REQUEST_MEMORY = Duration.ofDays(7);

    /** Sends a command to a field device; false when it could not be sent now. */
    public interface Actuator {
        boolean send(ValveCommand command);
    }

    /** Where the control's side effects go: events up to the cloud, answers to cloud requests. */
    public interface Reports {
        void event(IrrigationEvent event);

        void answer(GatewayAck ack);
    }

    /** A command waiting for its device's ack. */
    private record Pending(
            ValveCommand command, PlotState plot, boolean pump, int attempts, Instant retryAt, String requestId) {}

    private final Clock clock;
    private final Actuator actuator;
    private final Reports reports;
    private final Predicate<GatewayRequest> firstSighting;
    private final Function<String, ControlSettings> controlChange;
    private volatile ControlSettings control;
    private final Map<String, PlotState> plots = new LinkedHashMap<>();
    private final Map<String, PlotState> byDevice = new HashMap<>();
    private final Map<String, Pending> pending = new LinkedHashMap<>();
    private final LinkedBlockingQueue<Runnable> tasks = new LinkedBlockingQueue<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile int valvesOpen;

    /**
     * @param firstSighting true the first time a cloud request's id is seen (durable; remembered at
     *     least until the request's deadline, so a replay is refused as a duplicate or as expired)
     * @param controlChange merges a {@code control:} JSON object into the current settings, or
     *     throws saying why it is invalid
     */
    public IrrigationControl(
            List<PlotSpec> plotSpecs,
            ControlSettings control,
            Clock clock,
            Actuator actuator,
            Reports reports,
            Predicate<GatewayRequest> firstSighting,
            Function<String, ControlSettings> controlChange) {
        this.clock = clock;
        this.actuator = actuator;
        this.reports = reports;
        this.firstSighting = firstSighting;
        this.controlChange = controlChange;
        this.control = control;
        for (PlotSpec spec : plotSpecs) {
            var plot = new PlotState(
                    spec,
                    Plots.policy(spec, control),
                    Plots.rainRules(spec, control),
                    control.maxRunTime(spec),
                    new GoverningSensor(Plots.plausibility(spec, control), clock.instant()),
                    clock.instant());
            plots.put(spec.id(), plot);
            for (String device : new String[] {
                spec.waterLevel(), spec.soilMoisture(), spec.rain(), spec.flow(), spec.valve(), spec.pump()
            }) {
                if (device != null) byDevice.put(device, plot);
            }
        }
        this.thread =
                Thread.ofPlatform().name("irrigation-control").daemon(true).start(this::loop);
    }

    // ---- inputs, from any thread ----

    /** Readings as they arrive from devices (before they are stored). */
    public void observe(List<Reading> readings) {
        if (readings.stream().anyMatch(r -> byDevice.containsKey(r.deviceId()))) {
            tasks.add(() -> readings.forEach(this::onReading));
        }
    }

    public void onDeviceAck(CommandAck ack) {
        tasks.add(() -> handleAck(ack));
    }

    public void onRequest(GatewayRequest request) {
        tasks.add(() -> handleRequest(request));
    }

    /** Valves open now (for health reports). */
    public int valvesOpen() {
        return valvesOpen;
    }

    // ---- the control thread ----

    private void loop() {
        Instant nextTick = clock.instant();
        while (running) {
            try {
                Runnable task = tasks.poll(200, TimeUnit.MILLISECONDS);
                if (task != null) task.run();
                if (!clock.instant().isBefore(nextTick)) {
                    tick();
                    nextTick = clock.instant().plusSeconds(1);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.error("irrigation control: {}", e.toString(), e);
            }
        }
    }

    private void onReading(Reading r) {
        PlotState plot = byDevice.get(r.deviceId());
        if (plot == null) return;
        PlotSpec spec = plot.spec;
        if (r.deviceId().equals(spec.governingSensor())
                && (r.metric() == Metric.WATER_LEVEL || r.metric() == Metric.SOIL_MOISTURE)) {
            plot.sensor.record(r.time(), r.value());
            plot.latest.put(r.metric().wireName(), r.value());
            evaluate(plot);
        } else if (r.deviceId().equals(spec.rain()) && r.metric() == Metric.RAIN) {
            plot.rain.record(r.time(), r.value());
        } else if (r.deviceId().equals(spec.flow()) && r.metric() == Metric.FLOW) {
            plot.latest.put(Metric.FLOW.wireName(), r.value());
        } else if (r.deviceId().equals(spec.valve()) && r.metric() == Metric.VALVE) {
            valveReported(plot, r.value() == 1, r.time());
        } else if (r.deviceId().equals(spec.pump()) && r.metric() == Metric.PUMP) {
            plot.pumpOn = r.value() == 1;
        }
    }

    /** The valve's own report is the truth; it also tells when the device closed by itself. */
    private void valveReported(PlotState plot, boolean open, Instant at) {
        boolean wasUnknown = plot.valve == PlotState.Valve.UNKNOWN;
        if (plot.valve == PlotState.Valve.OPENING && !open) return; // our order is on its way
        if (plot.valve == PlotState.Valve.CLOSING && open) return;
        if (plot.valve == PlotState.Valve.OPEN && !open) {
            // we did not order this: the device ended its run time by itself (or a person closed it)
            plot.lastClosedAt = at;
            report(
                    plot,
                    IrrigationEvent.Kind.STOP,
                    Decision.Reason.RUN_TIME_LIMIT,
                    "the valve reports closed: its run time ended on the device",
                    Duration.ZERO);
            if (plot.pumpOn && plot.spec.pump() != null) {
                // a pump never runs against a closed valve
                dispatch(
                        ValveCommand.close(
                                newId(),
                                plot.spec.pump(),
                                clock.instant(),
                                control.commands().deadline()),
                        plot,
                        true,
                        null);
                plot.pumpOn = false;
            }
        }
        if (open && plot.openedAt == null) plot.openedAt = at;
        if (!open) plot.openedAt = null;
        plot.valve = open ? PlotState.Valve.OPEN : PlotState.Valve.CLOSED;
        countOpen();
        if (wasUnknown) {
            log.info("plot {}: valve {} read back {}", plot.spec.id(), plot.spec.valve(), open ? "open" : "closed");
            evaluate(plot);
        }
    }

    private void tick() {
        Instant now = clock.instant();
        for (PlotState plot : plots.values()) evaluate(plot);
        for (Pending p : new ArrayList<>(pending.values())) {
            if (now.isBefore(p.retryAt())) continue;
            pending.remove(p.command().commandId());
            if (p.attempts() >= control.commands().attempts()
                    || !now.isBefore(p.command().deadline())) {
                unanswered(p);
            } else {
                actuator.send(p.command()); // same id: the device applies it at most once
                pending.put(
                        p.command().commandId(),
                        new Pending(
                                p.command(),
                                p.plot(),
                                p.pump(),
                                p.attempts() + 1,
                                now.plus(control.commands().ackTimeout()),
                                p.requestId()));
            }
        }
    }

    private void unanswered(Pending p) {
        PlotState plot = p.plot();
        String device = p.command().deviceId();
        if (!p.pump()) {
            // We do not know what the valve did: let its next report tell us.
            plot.valve = PlotState.Valve.UNKNOWN;
            countOpen();
        }
        alarm(
                plot,
                "DEVICE_UNRESPONSIVE",
                device + " did not acknowledge command " + p.command().commandId() + " after " + p.attempts()
                        + " attempts");
        if (p.requestId() != null) answer(p.requestId(), GatewayAck.Result.REFUSED, device + " did not answer");
    }

    private void evaluate(PlotState plot) {
        Instant now = clock.instant();
        if (plot.valve == PlotState.Valve.UNKNOWN) {
            // read back the valve first; if it never reports, people must know
            if (now.isAfter(plot.watchedSince.plus(plot.sensor.limits().silentAfter()))
                    && plot.lastReported != Decision.Reason.VALVE_UNKNOWN) {
                alarm(
                        plot,
                        Decision.Reason.VALVE_UNKNOWN.name(),
                        plot.spec.valve() + " has not reported its state since " + plot.watchedSince);
                plot.lastReported = Decision.Reason.VALVE_UNKNOWN;
            }
            return;
        }
        boolean open = plot.valve.open();
        if (open && plot.openedAt != null && !now.isBefore(plot.openedAt.plus(plot.maxRunTime))) {
            close(
                    plot,
                    Decision.Reason.RUN_TIME_LIMIT,
                    "open since " + plot.openedAt + ", limit " + plot.maxRunTime,
                    true);
            return;
        }
        if (plot.override != null) {
            if (!now.isBefore(plot.override.until())) {
                plot.override = null;
                report(
                        plot,
                        IrrigationEvent.Kind.SKIP,
                        Decision.Reason.OVERRIDE_EXPIRED,
                        "back to automatic control",
                        Duration.ZERO);
                plot.lastReported = null;
            } else {
                switch (plot.override.state()) {
                    case OPEN -> {
                        if (!open)
                            open(
                                    plot,
                                    Duration.between(now, plot.override.until()),
                                    Decision.Reason.OVERRIDE,
                                    "held open by the cooperative",
                                    null);
                    }
                    case CLOSED -> {
                        if (open) close(plot, Decision.Reason.OVERRIDE, "held closed by the cooperative", false);
                    }
                    case AUTO -> plot.override = null;
                }
                if (plot.override != null) return;
            }
        }
        if (plot.running != null) {
            if (!now.isBefore(plot.running.endsAt())) {
                plot.running = null;
                if (open) close(plot, Decision.Reason.SCHEDULE, "scheduled watering done", false);
            }
            return;
        }
        var due = plot.schedules.stream().filter(s -> !now.isBefore(s.start())).findFirst();
        if (due.isPresent()) {
            var s = due.get();
            plot.schedules.remove(s);
            if (!now.isBefore(s.expires())) {
                report(
                        plot,
                        IrrigationEvent.Kind.SKIP,
                        Decision.Reason.SCHEDULE,
                        "schedule " + s.requestId() + " expired",
                        Duration.ZERO);
            } else if (plot.rainRules.skip(plot.rain, now)) {
                report(
                        plot,
                        IrrigationEvent.Kind.SKIP,
                        Decision.Reason.RAIN_SKIP,
                        "schedule " + s.requestId() + " skipped: rain",
                        Duration.ZERO);
            } else if (open(plot, s.runTime(), Decision.Reason.SCHEDULE, "schedule " + s.requestId(), null)) {
                plot.running = new PlotState.RunningSchedule(s.requestId(), now.plus(s.runTime()));
            }
            return;
        }
        var inputs = new PlotInputs(
                now,
                LocalDate.ofInstant(now, control.zone()),
                plot.sensor.health(now, open, plot.rain.mmWithin(Duration.ofHours(1), now) > 0),
                open,
                plot.lastClosedAt,
                plot.rainRules.skip(plot.rain, now),
                plot.rainRules.stop(plot.rain, now));
        switch (plot.policy.decide(inputs)) {
            case Decision.Open o -> {
                if (plot.valve != PlotState.Valve.OPENING) open(plot, o.runTime(), o.reason(), o.detail(), null);
            }
            case Decision.Close c -> {
                if (plot.valve != PlotState.Valve.CLOSING) {
                    boolean safety = c.reason() == Decision.Reason.SENSOR_SILENT
                            || c.reason() == Decision.Reason.SENSOR_IMPLAUSIBLE;
                    close(plot, c.reason(), c.detail(), safety);
                }
            }
            case Decision.Hold h -> {
                boolean notable = h.reason() == Decision.Reason.RAIN_SKIP
                        || h.reason() == Decision.Reason.MIN_INTERVAL
                        || h.reason() == Decision.Reason.SENSOR_SILENT
                        || h.reason() == Decision.Reason.SENSOR_IMPLAUSIBLE;
                if (notable && h.reason() != plot.lastReported) {
                    var kind = h.reason() == Decision.Reason.SENSOR_SILENT
                                    || h.reason() == Decision.Reason.SENSOR_IMPLAUSIBLE
                            ? IrrigationEvent.Kind.ALARM
                            : IrrigationEvent.Kind.SKIP;
                    report(plot, kind, h.reason(), h.detail(), Duration.ZERO);
                }
                if (!notable) plot.lastReported = null;
            }
        }
    }

    /** Orders a valve open, within its run-time limit and the supply's capacity. */
    private boolean open(PlotState plot, Duration wanted, Decision.Reason reason, String detail, String requestId) {
        if (valvesOpen >= control.supply().maxOpenValves()) {
            if (plot.lastReported != Decision.Reason.SUPPLY_LIMIT) {
                report(
                        plot,
                        IrrigationEvent.Kind.SKIP,
                        Decision.Reason.SUPPLY_LIMIT,
                        detail + "; " + valvesOpen + " valves already open (limit "
                                + control.supply().maxOpenValves() + ")",
                        Duration.ZERO);
            }
            return false;
        }
        Duration runTime = wanted.compareTo(plot.maxRunTime) < 0 ? wanted : plot.maxRunTime;
        Instant now = clock.instant();
        var command = ValveCommand.open(
                newId(),
                plot.spec.valve(),
                roundUp(runTime),
                now,
                control.commands().deadline());
        dispatch(command, plot, false, requestId);
        plot.valve = PlotState.Valve.OPENING;
        plot.openedAt = now;
        countOpen();
        report(plot, IrrigationEvent.Kind.START, reason, detail, command.runTime());
        return true;
    }

    private void close(PlotState plot, Decision.Reason reason, String detail, boolean alarm) {
        Instant now = clock.instant();
        if (plot.spec.pump() != null && plot.pumpOn) {
            // the pump stops before its valve closes, never the other way round
            dispatch(
                    ValveCommand.close(
                            newId(), plot.spec.pump(), now, control.commands().deadline()),
                    plot,
                    true,
                    null);
            plot.pumpOn = false;
        }
        dispatch(
                ValveCommand.close(
                        newId(), plot.spec.valve(), now, control.commands().deadline()),
                plot,
                false,
                null);
        plot.valve = PlotState.Valve.CLOSING;
        plot.lastClosedAt = now;
        plot.openedAt = null;
        countOpen();
        report(plot, alarm ? IrrigationEvent.Kind.ALARM : IrrigationEvent.Kind.STOP, reason, detail, Duration.ZERO);
    }

    private void dispatch(ValveCommand command, PlotState plot, boolean pump, String requestId) {
        actuator.send(command);
        pending.put(
                command.commandId(),
                new Pending(
                        command,
                        plot,
                        pump,
                        1,
                        clock.instant().plus(control.commands().ackTimeout()),
                        requestId));
    }

    private void handleAck(CommandAck ack) {
        Pending p = pending.remove(ack.commandId());
        PlotState plot = p != null ? p.plot() : byDevice.get(ack.deviceId());
        if (plot == null) return;
        boolean pump = p != null ? p.pump() : ack.deviceId().equals(plot.spec.pump());
        switch (ack.result()) {
            case APPLIED, DUPLICATE -> {
                if (pump) {
                    plot.pumpOn = ack.valveOpen();
                } else {
                    plot.valve = ack.valveOpen() ? PlotState.Valve.OPEN : PlotState.Valve.CLOSED;
                    if (ack.valveOpen() && plot.spec.pump() != null && !plot.pumpOn && p != null) {
                        // the valve is open: now its pump may start, for the same run time
                        dispatch(
                                ValveCommand.open(
                                        newId(),
                                        plot.spec.pump(),
                                        p.command().runTime(),
                                        clock.instant(),
                                        control.commands().deadline()),
                                plot,
                                true,
                                null);
                        plot.pumpOn = true;
                    }
                }
                if (p != null && p.requestId() != null) answer(p.requestId(), GatewayAck.Result.APPLIED, "");
            }
            case REFUSED, EXPIRED -> {
                if (!pump) plot.valve = ack.valveOpen() ? PlotState.Valve.OPEN : PlotState.Valve.CLOSED;
                alarm(
                        plot,
                        "COMMAND_" + ack.result(),
                        ack.deviceId() + " answered " + ack.result() + ": " + ack.reason());
                if (p != null && p.requestId() != null) {
                    answer(
                            p.requestId(),
                            ack.result() == CommandAck.Result.EXPIRED
                                    ? GatewayAck.Result.EXPIRED
                                    : GatewayAck.Result.REFUSED,
                            ack.reason());
                }
            }
        }
        countOpen();
    }

    // ---- requests from the cloud ----

    private void handleRequest(GatewayRequest request) {
        if (!firstSighting.test(request)) {
            answer(request.requestId(), GatewayAck.Result.DUPLICATE, "already received");
            return;
        }
        Instant now = clock.instant();
        switch (request) {
            case GatewayRequest.Valve v -> valveRequest(v, now);
            case GatewayRequest.Override o -> {
                PlotState plot = plots.get(o.plotId());
                if (plot == null) {
                    answer(o.requestId(), GatewayAck.Result.REFUSED, "unknown plot " + o.plotId());
                } else if (!o.until().isAfter(now) && o.state() != GatewayRequest.Override.State.AUTO) {
                    answer(o.requestId(), GatewayAck.Result.EXPIRED, "override ended at " + o.until());
                } else if (o.state() == GatewayRequest.Override.State.OPEN
                        && Duration.between(now, o.until()).compareTo(plot.maxRunTime) > 0) {
                    answer(
                            o.requestId(),
                            GatewayAck.Result.REFUSED,
                            "an open override may last at most " + plot.maxRunTime + " (the valve's maximum run time)");
                } else {
                    plot.override = o.state() == GatewayRequest.Override.State.AUTO
                            ? null
                            : new PlotState.ActiveOverride(o.state(), o.until());
                    plot.lastReported = null;
                    answer(o.requestId(), GatewayAck.Result.APPLIED, "");
                    evaluate(plot);
                }
            }
            case GatewayRequest.Schedule s -> {
                PlotState plot = plots.get(s.plotId());
                if (plot == null) {
                    answer(s.requestId(), GatewayAck.Result.REFUSED, "unknown plot " + s.plotId());
                } else if (!s.expires().isAfter(now)) {
                    answer(s.requestId(), GatewayAck.Result.EXPIRED, "schedule expired at " + s.expires());
                } else if (s.runTime().compareTo(plot.maxRunTime) > 0) {
                    answer(
                            s.requestId(),
                            GatewayAck.Result.REFUSED,
                            "run time " + s.runTime() + " exceeds the limit " + plot.maxRunTime);
                } else {
                    plot.schedules.add(s);
                    plot.schedules.sort(java.util.Comparator.comparing(GatewayRequest.Schedule::start));
                    answer(s.requestId(), GatewayAck.Result.APPLIED, "");
                }
            }
            case GatewayRequest.ControlChange c -> {
                try {
                    applyControl(controlChange.apply(c.controlJson()));
                    answer(c.requestId(), GatewayAck.Result.APPLIED, "");
                } catch (RuntimeException e) {
                    answer(c.requestId(), GatewayAck.Result.REFUSED, e.getMessage());
                }
            }
        }
    }

    private void valveRequest(GatewayRequest.Valve v, Instant now) {
        ValveCommand c = v.command();
        PlotState plot = byDevice.get(c.deviceId());
        boolean isValve = plot != null && c.deviceId().equals(plot.spec.valve());
        boolean isPump = plot != null && c.deviceId().equals(plot.spec.pump());
        if (!isValve && !isPump) {
            answer(v.requestId(), GatewayAck.Result.REFUSED, "unknown valve or pump " + c.deviceId());
            return;
        }
        if (!now.isBefore(c.deadline())) {
            answer(v.requestId(), GatewayAck.Result.EXPIRED, "deadline " + c.deadline() + " passed");
            return;
        }
        if (c.action() == ValveCommand.Action.OPEN) {
            if (c.runTime().compareTo(plot.maxRunTime) > 0) {
                answer(
                        v.requestId(),
                        GatewayAck.Result.REFUSED,
                        "run time " + c.runTime() + " exceeds the limit " + plot.maxRunTime + " of " + c.deviceId());
                return;
            }
            if (isPump && !plot.valve.open()) {
                answer(
                        v.requestId(),
                        GatewayAck.Result.REFUSED,
                        "pump " + c.deviceId() + " may run only while valve " + plot.spec.valve() + " is open");
                return;
            }
            if (isValve && !plot.valve.open() && valvesOpen >= control.supply().maxOpenValves()) {
                answer(v.requestId(), GatewayAck.Result.REFUSED, valvesOpen + " valves are open, the supply limit");
                return;
            }
        }
        if (isValve) {
            // A manual order from the cooperative: hold it as an override so automation does not undo it.
            plot.override = c.action() == ValveCommand.Action.OPEN
                    ? new PlotState.ActiveOverride(GatewayRequest.Override.State.OPEN, now.plus(c.runTime()))
                    : null;
            if (c.action() == ValveCommand.Action.OPEN) {
                plot.valve = PlotState.Valve.OPENING;
                plot.openedAt = now;
                report(
                        plot,
                        IrrigationEvent.Kind.START,
                        Decision.Reason.OVERRIDE,
                        "opened by the cooperative",
                        c.runTime());
            } else {
                if (plot.pumpOn && plot.spec.pump() != null) {
                    dispatch(
                            ValveCommand.close(
                                    newId(),
                                    plot.spec.pump(),
                                    now,
                                    control.commands().deadline()),
                            plot,
                            true,
                            null);
                    plot.pumpOn = false;
                }
                plot.valve = PlotState.Valve.CLOSING;
                plot.lastClosedAt = now;
                plot.openedAt = null;
                report(
                        plot,
                        IrrigationEvent.Kind.STOP,
                        Decision.Reason.OVERRIDE,
                        "closed by the cooperative",
                        Duration.ZERO);
            }
            countOpen();
        }
        dispatch(c, plot, isPump, v.requestId());
    }

    private void applyControl(ControlSettings next) {
        this.control = next;
        for (PlotState plot : plots.values()) {
            plot.policy = Plots.policy(plot.spec, next);
            plot.rainRules = Plots.rainRules(plot.spec, next);
            plot.maxRunTime = next.maxRunTime(plot.spec);
        }
        log.info("control settings changed by the cloud");
    }

    // ---- reports ----

    private void alarm(PlotState plot, String reason, String detail) {
        log.warn("plot {}: {} — {}", plot.spec.id(), reason, detail);
        emit(plot, IrrigationEvent.Kind.ALARM, reason, detail, Duration.ZERO);
    }

    private void report(
            PlotState plot, IrrigationEvent.Kind kind, Decision.Reason reason, String detail, Duration runTime) {
        if (kind == null) return;
        plot.lastReported = reason;
        log.info("plot {}: {} {} — {}", plot.spec.id(), kind, reason, detail);
        emit(plot, kind, reason.name(), detail, runTime);
    }

    private void emit(PlotState plot, IrrigationEvent.Kind kind, String reason, String detail, Duration runTime) {
        Instant now = clock.instant();
        var readings = new LinkedHashMap<>(plot.latest);
        readings.put("rain_1h", plot.rain.mmWithin(Duration.ofHours(1), now));
        readings.put("rain_24h", plot.rain.mmWithin(Duration.ofHours(24), now));
        reports.event(new IrrigationEvent(
                newId(),
                plot.spec.id(),
                plot.spec.valve(),
                kind,
                reason,
                detail,
                readings,
                runTime,
                now,
                plot.policy.control(LocalDate.ofInstant(now, control.zone()))));
    }

    private void answer(String requestId, GatewayAck.Result result, String reason) {
        reports.answer(new GatewayAck(requestId, result, reason, clock.instant()));
    }

    private void countOpen() {
        valvesOpen = (int) plots.values().stream().filter(p -> p.valve.open()).count();
    }

    private static Duration roundUp(Duration d) {
        long s = d.toSeconds() + (d.toNanosPart() > 0 ? 1 : 0);
        return Duration.ofSeconds(Math.max(1, s));
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(2_000);
    }
}

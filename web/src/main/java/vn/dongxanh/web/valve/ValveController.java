package vn.dongxanh.web.valve;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.client.RestClientException;
import org.springframework.web.servlet.ModelAndView;
import vn.dongxanh.contract.identity.PlatformRole;
import vn.dongxanh.web.WebProperties;
import vn.dongxanh.web.ingest.IngestApi;
import vn.dongxanh.web.ingest.IngestHttp;
import vn.dongxanh.web.overview.Overview;
import vn.dongxanh.web.page.NotYours;
import vn.dongxanh.web.page.Pages;
import vn.dongxanh.web.page.Texts;
import vn.dongxanh.web.signin.SignedIn;

/**
 * Valve control of one plot: open for a run time or close, confirmed on a second page, then the
 * command followed until its gateway answers (htmx polls its state); the plot's recent commands
 * and the decisions its gateway made by itself (asked again when the live stream tells of a
 * change); overrides (hold open or closed until a time, or back to automatic) and schedules
 * (water at a time), confirmed the same way and listed with their state and expiry. Only a manager or operator of the plot's
 * cooperative sees the controls (ingest's rule for {@code POST /api/commands}); others are told
 * they may not, and a post from them is refused here before ingest refuses it too.
 */
@Controller
class ValveController {
    private static final Logger log = LoggerFactory.getLogger(ValveController.class);
    private static final Set<PlatformRole> COMMANDERS = Set.of(PlatformRole.COOP_MANAGER, PlatformRole.COOP_OPERATOR);
    private static final Set<String> ACTIONS = Set.of("OPEN", "CLOSE");
    private static final Set<String> HOLDS = Set.of("OPEN", "CLOSED", "AUTO");

    private final IngestApi ingest;
    private final ValveApi valves;
    private final Pages pages;
    private final ValveProperties props;
    private final ZoneId zone;
    private final Clock clock = Clock.systemUTC();

    ValveController(IngestApi ingest, ValveApi valves, Pages pages, ValveProperties props, WebProperties web) {
        this.ingest = ingest;
        this.valves = valves;
        this.pages = pages;
        this.props = props;
        this.zone = web.zone();
    }

    @GetMapping("/plots/{id}/valve")
    ModelAndView page(
            @PathVariable String id,
            @RequestParam(required = false) String command,
            HttpServletRequest request,
            Authentication auth) {
        IngestApi.Plot plot = own(id);
        return view(request, auth, plot, null, null, null, command, HttpStatus.OK);
    }

    /** The confirmation step: what will be sent, and one button to send it. */
    @PostMapping("/plots/{id}/valve/confirm")
    ModelAndView confirm(
            @PathVariable String id,
            @RequestParam(defaultValue = "") String device,
            @RequestParam(defaultValue = "") String gateway,
            @RequestParam(defaultValue = "") String action,
            @RequestParam(defaultValue = "") String runMinutes,
            HttpServletRequest request,
            Authentication auth) {
        IngestApi.Plot plot = own(id);
        if (!mayCommand(auth, plot)) return refused(request);
        var form = new ValveView.Form(device, gateway, action, runMinutes);
        String invalid = check(form);
        if (invalid != null) return view(request, auth, plot, form, null, invalid, null, HttpStatus.BAD_REQUEST);
        return confirmation("valve/confirm", request, plot, form, "minutes", runMinutesOf(form));
    }

    /** Sends the confirmed command to ingest with the user's token; back to the page following it. */
    @PostMapping("/plots/{id}/valve/commands")
    ModelAndView send(
            @PathVariable String id,
            @RequestParam(defaultValue = "") String device,
            @RequestParam(defaultValue = "") String gateway,
            @RequestParam(defaultValue = "") String action,
            @RequestParam(defaultValue = "") String runMinutes,
            HttpServletRequest request,
            Authentication auth) {
        IngestApi.Plot plot = own(id);
        if (!mayCommand(auth, plot)) return refused(request);
        var form = new ValveView.Form(device, gateway, action, runMinutes);
        String invalid = check(form);
        if (invalid != null) return view(request, auth, plot, form, null, invalid, null, HttpStatus.BAD_REQUEST);
        long minutes = runMinutesOf(form);
        return sendOrShowRefusal(
                plot,
                "a valve command",
                () -> "?command="
                        + valves.send(new ValveApi.NewCommand(
                                        plot.cooperative(),
                                        gateway,
                                        device,
                                        action,
                                        action.equals("OPEN") ? minutes * 60 : null,
                                        props.commandTtl().toSeconds()))
                                .id()
                        + "#watch",
                problem -> view(request, auth, plot, form, problem, problem.messageKey(), null, status(problem)));
    }

    /** One command's state, for htmx to swap in; it stops polling once the gateway has answered. */
    @GetMapping("/plots/{id}/valve/commands/{command}")
    ModelAndView state(@PathVariable String id, @PathVariable String command, HttpServletRequest request) {
        IngestApi.Plot plot = own(id);
        ValveApi.Command c;
        try {
            c = valves.command(command);
        } catch (org.springframework.web.client.HttpClientErrorException.NotFound e) {
            throw new NotYours("command " + command); // another cooperative's, or none: ingest does not say
        }
        if (c == null || valves.valves(plot.id()).stream().noneMatch(v -> v.id().equals(c.device()))) {
            throw new NotYours("command " + command);
        }
        return new ModelAndView(
                "valve/state",
                Map.of(
                        "t",
                        pages.texts(request),
                        "plot",
                        plot,
                        "c",
                        c,
                        "pollSeconds",
                        props.pollEvery().toSeconds()));
    }

    // ---- overrides and schedules ----

    /** The confirmation of an override: what will be held until when, or back to automatic. */
    @PostMapping("/plots/{id}/valve/override/confirm")
    ModelAndView confirmOverride(
            @PathVariable String id,
            @RequestParam(defaultValue = "") String hold,
            @RequestParam(defaultValue = "for") String mode,
            @RequestParam(defaultValue = "") String minutes,
            @RequestParam(defaultValue = "") String until,
            HttpServletRequest request,
            Authentication auth) {
        IngestApi.Plot plot = own(id);
        if (!mayCommand(auth, plot)) return refused(request);
        var form = new ValveView.OverrideForm(hold, mode, minutes, until);
        String invalid = check(form);
        if (invalid != null) return invalid(request, auth, plot, form, null, invalid);
        Texts t = pages.texts(request);
        String what = hold.equals("AUTO")
                ? t.get("valve.confirm.override.AUTO", plot.name())
                : t.get("valve.confirm.override." + hold, plot.name(), t.dateTime(untilOf(form)));
        return confirmation("valve/confirm-override", request, plot, form, "what", what);
    }

    @PostMapping("/plots/{id}/valve/overrides")
    ModelAndView sendOverride(
            @PathVariable String id,
            @RequestParam(defaultValue = "") String hold,
            @RequestParam(defaultValue = "for") String mode,
            @RequestParam(defaultValue = "") String minutes,
            @RequestParam(defaultValue = "") String until,
            HttpServletRequest request,
            Authentication auth) {
        IngestApi.Plot plot = own(id);
        if (!mayCommand(auth, plot)) return refused(request);
        var form = new ValveView.OverrideForm(hold, mode, minutes, until);
        String invalid = check(form);
        if (invalid != null) return invalid(request, auth, plot, form, null, invalid);
        ValveApi.NewOverride body;
        if (hold.equals("AUTO")) {
            body = new ValveApi.NewOverride(hold, null, null);
        } else if (mode.equals("for")) {
            body = new ValveApi.NewOverride(hold, null, number(minutes) * 60);
        } else {
            body = new ValveApi.NewOverride(hold, untilOf(form).toString(), null);
        }
        return sendOrShowRefusal(
                plot,
                "an override",
                () -> "?instruction=" + valves.sendOverride(plot.id(), body).id() + "#instructions",
                problem -> view(
                        request, auth, plot, null, form, null, problem, problem.messageKey(), null, status(problem)));
    }

    /** The confirmation of a schedule: when, for how long. */
    @PostMapping("/plots/{id}/valve/schedule/confirm")
    ModelAndView confirmSchedule(
            @PathVariable String id,
            @RequestParam(defaultValue = "") String start,
            @RequestParam(defaultValue = "") String runMinutes,
            HttpServletRequest request,
            Authentication auth) {
        IngestApi.Plot plot = own(id);
        if (!mayCommand(auth, plot)) return refused(request);
        var form = new ValveView.ScheduleForm(start, runMinutes);
        String invalid = check(form);
        if (invalid != null) return invalid(request, auth, plot, null, form, invalid);
        Texts t = pages.texts(request);
        String what = t.get("valve.confirm.schedule", plot.name(), t.dateTime(local(start)), number(runMinutes));
        return confirmation("valve/confirm-schedule", request, plot, form, "what", what);
    }

    @PostMapping("/plots/{id}/valve/schedules")
    ModelAndView sendSchedule(
            @PathVariable String id,
            @RequestParam(defaultValue = "") String start,
            @RequestParam(defaultValue = "") String runMinutes,
            HttpServletRequest request,
            Authentication auth) {
        IngestApi.Plot plot = own(id);
        if (!mayCommand(auth, plot)) return refused(request);
        var form = new ValveView.ScheduleForm(start, runMinutes);
        String invalid = check(form);
        if (invalid != null) return invalid(request, auth, plot, null, form, invalid);
        var body = new ValveApi.NewSchedule(local(start).toString(), number(runMinutes) * 60);
        return sendOrShowRefusal(
                plot,
                "a schedule",
                () -> "?instruction=" + valves.sendSchedule(plot.id(), body).id() + "#instructions",
                problem -> view(
                        request, auth, plot, null, null, form, problem, problem.messageKey(), null, status(problem)));
    }

    /** A confirmation step: the plot, the form to send again, and what it will do ({@code key}). */
    private ModelAndView confirmation(
            String view, HttpServletRequest request, IngestApi.Plot plot, Object form, String key, Object value) {
        return new ModelAndView(
                view,
                Map.of(
                        "page",
                        pages.page(request, "valve.confirm.title", plot.name()),
                        "plot",
                        plot,
                        "form",
                        form,
                        key,
                        value));
    }

    /**
     * Sends to ingest with the user's token and goes back to the valve page at what was sent ({@code
     * send} answers the page's query and anchor); ingest's refusal is shown on the page instead.
     */
    private ModelAndView sendOrShowRefusal(
            IngestApi.Plot plot,
            String what,
            java.util.function.Supplier<String> send,
            java.util.function.Function<IngestHttp.Problem, ModelAndView> refusal) {
        try {
            return new ModelAndView("redirect:/plots/" + plot.id() + "/valve" + send.get());
        } catch (RestClientException e) {
            var problem = IngestHttp.Problem.of(e);
            log.info("ingest refused {} of plot {}: {} {}", what, plot.id(), problem.status(), problem.detail());
            return refusal.apply(problem);
        }
    }

    /** The overrides and schedules, for htmx to swap in: "ends in …" kept true, answers shown. */
    @GetMapping("/plots/{id}/valve/instructions")
    ModelAndView instructionList(@PathVariable String id, HttpServletRequest request) {
        IngestApi.Plot plot = own(id);
        return new ModelAndView(
                "valve/instructions", Map.of("t", pages.texts(request), "plot", plot, "i", instructions(plot)));
    }

    /** The gateway's decisions, for htmx to swap in when the stream tells of a change. */
    @GetMapping("/plots/{id}/valve/decisions")
    ModelAndView decisionList(@PathVariable String id, HttpServletRequest request) {
        IngestApi.Plot plot = own(id);
        return new ModelAndView(
                "valve/decisions",
                Map.of(
                        "t",
                        pages.texts(request),
                        "plot",
                        plot,
                        "decisions",
                        valves.decisions(plot.id(), clock.instant().minus(props.decisionsWindow()))));
    }

    private Instructions instructions(IngestApi.Plot plot) {
        var overrides = valves.instructions(plot.id(), "overrides", props.recentInstructions());
        var schedules = valves.instructions(plot.id(), "schedules", props.recentInstructions());
        var list = new Instructions(overrides, schedules, clock.instant(), 0);
        long refresh = list.waiting()
                ? props.pollEvery().toSeconds()
                : props.instructionsRefresh().toSeconds();
        return new Instructions(overrides, schedules, list.now(), Math.max(1, refresh));
    }

    private ModelAndView invalid(
            HttpServletRequest request,
            Authentication auth,
            IngestApi.Plot plot,
            ValveView.OverrideForm override,
            ValveView.ScheduleForm schedule,
            String key) {
        return view(request, auth, plot, null, override, schedule, null, key, null, HttpStatus.BAD_REQUEST);
    }

    /** Why the override form cannot be sent (a bundle key), or null when it can. */
    private String check(ValveView.OverrideForm form) {
        if (!HOLDS.contains(form.hold())) return "valve.invalid.hold";
        if (form.hold().equals("AUTO")) return null;
        long max = (form.hold().equals("OPEN") ? props.maxOpenOverride() : props.maxOverride()).toMinutes();
        if (form.mode().equals("for")) {
            long minutes = number(form.minutes());
            return minutes < 1 || minutes > max ? "valve.invalid.override-minutes" : null;
        }
        if (!form.mode().equals("until")) return "valve.invalid.hold";
        Instant until = untilOf(form);
        Instant now = clock.instant();
        if (until == null || !until.isAfter(now) || until.isAfter(now.plus(Duration.ofMinutes(max)))) {
            return "valve.invalid.override-until";
        }
        return null;
    }

    /** Why the schedule form cannot be sent (a bundle key), or null when it can. */
    private String check(ValveView.ScheduleForm form) {
        Instant start = local(form.start());
        if (start == null || start.isBefore(clock.instant().minus(Duration.ofMinutes(1)))) {
            return "valve.invalid.start";
        }
        long minutes = number(form.runMinutes());
        if (minutes < 1 || minutes > props.maxRunTime().toMinutes()) return "valve.invalid.run-time";
        return null;
    }

    /** When an override form's hold ends: minutes from now, or its local date-time. */
    private Instant untilOf(ValveView.OverrideForm form) {
        return form.mode().equals("for")
                ? clock.instant().plus(Duration.ofMinutes(number(form.minutes())))
                : local(form.until());
    }

    /** A form's local date-time ({@code 2026-12-03T18:00}) in the platform's zone; null when it is none. */
    private Instant local(String value) {
        try {
            return LocalDateTime.parse(value.strip()).atZone(zone).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static long number(String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private ModelAndView view(
            HttpServletRequest request,
            Authentication auth,
            IngestApi.Plot plot,
            ValveView.Form sent,
            IngestHttp.Problem problem,
            String problemKey,
            String watchId,
            HttpStatus status) {
        return view(request, auth, plot, sent, null, null, problem, problemKey, watchId, status);
    }

    private ModelAndView view(
            HttpServletRequest request,
            Authentication auth,
            IngestApi.Plot plot,
            ValveView.Form sent,
            ValveView.OverrideForm overrideSent,
            ValveView.ScheduleForm scheduleSent,
            IngestHttp.Problem problem,
            String problemKey,
            String watchId,
            HttpStatus status) {
        SignedIn user = SignedIn.of(auth);
        Instant now = clock.instant();
        Instructions instructions = Instructions.NONE;
        Overview.PlotRow card = null;
        boolean may = mayCommand(auth, plot);
        List<ValveApi.Device> devices = List.of();
        List<ValveApi.Gateway> gateways = List.of();
        List<ValveView.CommandRow> commands = new ArrayList<>();
        List<ValveApi.Decision> decisions = List.of();
        ValveApi.Command watch = null;
        boolean unavailable = false;
        try {
            devices = valves.valves(plot.id());
            gateways = valves.gateways(plot.cooperative());
            decisions = valves.decisions(plot.id(), clock.instant().minus(props.decisionsWindow()));
            for (var d : devices) {
                for (var c : valves.recent(d.id(), props.recentCommands())) {
                    commands.add(new ValveView.CommandRow(c, user.subject().equals(c.sentBy())));
                }
            }
            commands.sort((a, b) -> b.command().issuedAt().compareTo(a.command().issuedAt()));
            if (commands.size() > props.recentCommands()) commands = commands.subList(0, props.recentCommands());
            instructions = instructions(plot);
            // the live card needs the stream, which only a cooperative's users have (/live)
            if (user.cooperative()) {
                card = ingest.overview(plot.cooperative()).plots().stream()
                        .filter(p -> p.plotId().equals(plot.id()))
                        .findFirst()
                        .map(p -> Overview.PlotRow.of(p, now))
                        .orElse(null);
            }
            if (watchId != null) {
                watch = commands.stream()
                        .map(ValveView.CommandRow::command)
                        .filter(c -> c.id().equals(watchId))
                        .findFirst()
                        .orElse(null);
            }
        } catch (RestClientException e) {
            log.warn("ingest-service did not answer for the valve page of {}: {}", plot.id(), e.toString());
            unavailable = true;
        }
        String gateway = decisions.stream()
                .map(ValveApi.Decision::gateway)
                .findFirst()
                .orElse(gateways.isEmpty() ? null : gateways.getFirst().id());
        var form = sent != null
                ? sent
                : new ValveView.Form(
                        devices.isEmpty() ? "" : devices.getFirst().id(),
                        gateway == null ? "" : gateway,
                        "OPEN",
                        Long.toString(props.defaultRunTime().toMinutes()));
        var view = new ValveView(
                plot,
                devices,
                gateways,
                gateway,
                may,
                form,
                problem,
                problemKey,
                watch,
                commands,
                decisions,
                unavailable,
                props.maxRunTime().toMinutes(),
                props.pollEvery().toSeconds(),
                card,
                now,
                instructions,
                overrideSent != null
                        ? overrideSent
                        : new ValveView.OverrideForm(
                                "CLOSED",
                                "for",
                                Long.toString(props.defaultRunTime().toMinutes()),
                                ""),
                scheduleSent != null
                        ? scheduleSent
                        : new ValveView.ScheduleForm(
                                "", Long.toString(props.defaultRunTime().toMinutes())),
                props.maxOverride().toMinutes(),
                props.maxOpenOverride().toMinutes());
        var mav = new ModelAndView(
                "valve/page", Map.of("page", pages.page(request, "valve.title", plot.name()), "v", view));
        mav.setStatus(status);
        return mav;
    }

    /** Why the form cannot be sent (a bundle key), or null when it can. */
    private String check(ValveView.Form form) {
        if (!ACTIONS.contains(form.action())) return "valve.invalid.action";
        if (form.device().isBlank()) return "valve.invalid.device";
        if (form.gateway().isBlank()) return "valve.invalid.gateway";
        if (form.action().equals("CLOSE")) return null;
        long minutes = runMinutesOf(form);
        if (minutes < 1 || minutes > props.maxRunTime().toMinutes()) return "valve.invalid.run-time";
        return null;
    }

    private static long runMinutesOf(ValveView.Form form) {
        try {
            return Long.parseLong(form.runMinutes().strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static HttpStatus status(IngestHttp.Problem problem) {
        HttpStatus s = HttpStatus.resolve(problem.status());
        return s != null && s.is4xxClientError() ? s : HttpStatus.SERVICE_UNAVAILABLE;
    }

    private ModelAndView refused(HttpServletRequest request) {
        var mav = new ModelAndView(
                "refused", Map.of("page", pages.page(request, "refused.title"), "message", "valve.refused"));
        mav.setStatus(HttpStatus.FORBIDDEN);
        return mav;
    }

    /** ingest's rule: a manager or operator acting for the plot's own cooperative. */
    static boolean mayCommand(Authentication auth, IngestApi.Plot plot) {
        SignedIn user = SignedIn.of(auth);
        return plot.cooperative().equals(user.organisation())
                && user.roles().stream().anyMatch(COMMANDERS::contains);
    }

    /** The plot if it is one the user may see (ingest lists only those), else 403. */
    private IngestApi.Plot own(String id) {
        return ingest.plots().stream()
                .filter(p -> p.id().equals(id))
                .findFirst()
                .orElseThrow(() -> new NotYours("plot " + id));
    }
}

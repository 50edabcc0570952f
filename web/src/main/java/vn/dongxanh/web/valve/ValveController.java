package vn.dongxanh.web.valve;

import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
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
import vn.dongxanh.web.ingest.IngestApi;
import vn.dongxanh.web.ingest.IngestHttp;
import vn.dongxanh.web.page.NotYours;
import vn.dongxanh.web.page.Pages;
import vn.dongxanh.web.signin.SignedIn;

/**
 * Valve control of one plot: open for a run time or close, confirmed on a second page, then the
 * command followed until its gateway answers (htmx polls its state); the plot's recent commands
 * and the decisions its gateway made by itself. Only a manager or operator of the plot's
 * cooperative sees the controls (ingest's rule for {@code POST /api/commands}); others are told
 * they may not, and a post from them is refused here before ingest refuses it too.
 */
@Controller
class ValveController {
    private static final Logger log = LoggerFactory.getLogger(ValveController.class);
    private static final Set<PlatformRole> COMMANDERS = Set.of(PlatformRole.COOP_MANAGER, PlatformRole.COOP_OPERATOR);
    private static final Set<String> ACTIONS = Set.of("OPEN", "CLOSE");

    private final IngestApi ingest;
    private final ValveApi valves;
    private final Pages pages;
    private final ValveProperties props;
    private final Clock clock = Clock.systemUTC();

    ValveController(IngestApi ingest, ValveApi valves, Pages pages, ValveProperties props) {
        this.ingest = ingest;
        this.valves = valves;
        this.pages = pages;
        this.props = props;
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
        var model = Map.<String, Object>of(
                "page",
                pages.page(request, "valve.confirm.title", plot.name()),
                "plot",
                plot,
                "form",
                form,
                "minutes",
                runMinutesOf(form));
        return new ModelAndView("valve/confirm", model);
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
        try {
            var sent = valves.send(new ValveApi.NewCommand(
                    plot.cooperative(),
                    gateway,
                    device,
                    action,
                    action.equals("OPEN") ? minutes * 60 : null,
                    props.commandTtl().toSeconds()));
            return new ModelAndView("redirect:/plots/" + plot.id() + "/valve?command=" + sent.id() + "#watch");
        } catch (RestClientException e) {
            var problem = IngestHttp.Problem.of(e);
            log.info(
                    "ingest refused a valve command for plot {}: {} {}", plot.id(), problem.status(), problem.detail());
            return view(request, auth, plot, form, problem, problem.messageKey(), null, status(problem));
        }
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

    private ModelAndView view(
            HttpServletRequest request,
            Authentication auth,
            IngestApi.Plot plot,
            ValveView.Form sent,
            IngestHttp.Problem problem,
            String problemKey,
            String watchId,
            HttpStatus status) {
        SignedIn user = SignedIn.of(auth);
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
                props.pollEvery().toSeconds());
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

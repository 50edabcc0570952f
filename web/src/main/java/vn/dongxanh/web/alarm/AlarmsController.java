package vn.dongxanh.web.alarm;

import jakarta.servlet.http.HttpServletRequest;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.client.RestClientException;
import org.springframework.web.servlet.ModelAndView;
import tools.jackson.databind.node.ObjectNode;
import vn.dongxanh.contract.Json;
import vn.dongxanh.contract.identity.PlatformRole;
import vn.dongxanh.web.ingest.IngestApi;
import vn.dongxanh.web.ingest.IngestHttp;
import vn.dongxanh.web.page.Pages;
import vn.dongxanh.web.signin.SignedIn;

/**
 * The cooperative's alarms: open ones acknowledged with a note, the history, and the alarm rules
 * listed and edited. Every write goes to ingest with the user's token; ingest's refusal
 * (problem+json) comes back on the same page, in the user's language, the form as it was typed.
 */
@Controller
class AlarmsController {
    private static final Logger log = LoggerFactory.getLogger(AlarmsController.class);
    private static final String PARAM = "param.";
    private static final List<String> KINDS =
            List.of("OUT_OF_BAND", "NO_DATA", "VALVE_OPEN_TOO_LONG", "LEAK", "BATTERY_LOW", "BACKLOG_GROWING");

    private final AlarmApi alarms;
    private final IngestApi ingest;
    private final Pages pages;
    private final AlarmProperties props;

    AlarmsController(AlarmApi alarms, IngestApi ingest, Pages pages, AlarmProperties props) {
        this.alarms = alarms;
        this.ingest = ingest;
        this.pages = pages;
        this.props = props;
    }

    @GetMapping("/alarms")
    ModelAndView page(HttpServletRequest request, Authentication auth) {
        return view(request, auth, UnaryOperator.identity(), HttpStatus.OK);
    }

    @PostMapping("/alarms/{id}/acknowledgement")
    ModelAndView acknowledge(
            @PathVariable long id,
            @RequestParam(defaultValue = "") String note,
            HttpServletRequest request,
            Authentication auth) {
        try {
            alarms.acknowledge(id, note);
            return new ModelAndView("redirect:/alarms#alarm-" + id);
        } catch (RestClientException e) {
            var refusal = refused(e, "acknowledge alarm " + id);
            return view(request, auth, v -> v.withOpenAlarm(id, note, refusal), status(IngestHttp.Problem.of(e)));
        }
    }

    @PostMapping("/alarms/rules")
    ModelAndView create(
            @RequestParam(defaultValue = "") String name,
            @RequestParam(defaultValue = "") String kind,
            @RequestParam(defaultValue = "") String plot,
            HttpServletRequest request,
            Authentication auth) {
        SignedIn user = SignedIn.of(auth);
        ObjectNode body = Json.MAPPER.createObjectNode();
        if (!name.isBlank()) body.put("name", name);
        body.put("kind", kind);
        if (plot.isBlank()) body.put("cooperative", user.organisation());
        else body.put("plot", plot);
        try {
            var created = alarms.create(body);
            return new ModelAndView("redirect:/alarms#rule-" + created.id());
        } catch (RestClientException e) {
            var refusal = refused(e, "create an alarm rule");
            var kept = new AlarmsView.NewRule(name, kind, plot, refusal);
            return view(request, auth, v -> v.withNewRule(kept), status(IngestHttp.Problem.of(e)));
        }
    }

    @PostMapping("/alarms/rules/{id}")
    ModelAndView update(
            @PathVariable long id,
            @RequestParam MultiValueMap<String, String> form,
            HttpServletRequest request,
            Authentication auth) {
        SignedIn user = SignedIn.of(auth);
        String name = form.getFirst("name") == null ? "" : form.getFirst("name");
        String kind = form.getFirst("kind") == null ? "" : form.getFirst("kind");
        String plot = form.getFirst("plot") == null ? "" : form.getFirst("plot");
        boolean enabled = form.containsKey("enabled");
        var params = new ArrayList<AlarmsView.Param>();
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("name", name);
        body.put("kind", kind);
        body.put("enabled", enabled);
        if (plot.isBlank()) body.put("cooperative", user.organisation());
        else body.put("plot", plot);
        ObjectNode p = body.putObject("params");
        for (var e : form.entrySet()) {
            if (!e.getKey().startsWith(PARAM)) continue;
            String param = e.getKey().substring(PARAM.length());
            String value = e.getValue().isEmpty() ? "" : e.getValue().getFirst().strip();
            params.add(new AlarmsView.Param(param, value));
            putParam(p, param, value);
        }
        try {
            alarms.update(id, body);
            return new ModelAndView("redirect:/alarms#rule-" + id);
        } catch (RestClientException e) {
            var refusal = refused(e, "change alarm rule " + id);
            var kept = new AlarmsView.RuleForm(id, name, kind, plot.isBlank() ? null : plot, enabled, params, refusal);
            return view(request, auth, v -> v.withRule(id, r -> kept), status(IngestHttp.Problem.of(e)));
        }
    }

    @PostMapping("/alarms/rules/{id}/delete")
    ModelAndView delete(@PathVariable long id, HttpServletRequest request, Authentication auth) {
        try {
            alarms.delete(id);
            return new ModelAndView("redirect:/alarms#rules-heading");
        } catch (RestClientException e) {
            var refusal = refused(e, "delete alarm rule " + id);
            return view(
                    request, auth, v -> v.withRule(id, r -> r.withRefusal(refusal)), status(IngestHttp.Problem.of(e)));
        }
    }

    /** A number when it reads as one (whole or decimal), null when empty, else the text (a metric's name). */
    static void putParam(ObjectNode params, String name, String value) {
        if (value.isEmpty()) {
            params.putNull(name);
            return;
        }
        try {
            var n = new BigDecimal(value.replace(',', '.'));
            if (n.scale() <= 0 || n.stripTrailingZeros().scale() <= 0) params.put(name, n.longValueExact());
            else params.put(name, n.doubleValue());
        } catch (NumberFormatException | ArithmeticException notNumber) {
            params.put(name, value);
        }
    }

    private ModelAndView view(
            HttpServletRequest request, Authentication auth, UnaryOperator<AlarmsView> kept, HttpStatus status) {
        SignedIn user = SignedIn.of(auth);
        var model = new java.util.HashMap<String, Object>();
        model.put("page", pages.page(request, "alarms.title"));
        AlarmsView v = null;
        if (user.cooperative()) {
            String coop = user.organisation();
            boolean acknowledge = user.roles().contains(PlatformRole.COOP_MANAGER)
                    || user.roles().contains(PlatformRole.COOP_OPERATOR);
            boolean edit = user.roles().contains(PlatformRole.COOP_MANAGER);
            try {
                var open = alarms.alarms(coop, "RAISED", null, props.listLimit()).stream()
                        .map(a -> new AlarmsView.OpenAlarm(a, "", null))
                        .toList();
                var history = alarms.alarms(coop, "CLEARED", null, props.listLimit());
                var rules =
                        alarms.rules(coop).stream().map(AlarmsView.RuleForm::of).toList();
                var plots = ingest.plots().stream()
                        .filter(p -> p.cooperative().equals(coop))
                        .toList();
                v = new AlarmsView(
                        open,
                        history,
                        rules,
                        new AlarmsView.NewRule("", "NO_DATA", "", null),
                        plots,
                        KINDS,
                        acknowledge,
                        edit,
                        false);
            } catch (RestClientException e) {
                log.warn("ingest-service did not answer for the alarms page: {}", e.toString());
                v = new AlarmsView(
                        List.of(),
                        List.of(),
                        List.of(),
                        new AlarmsView.NewRule("", "NO_DATA", "", null),
                        List.of(),
                        KINDS,
                        acknowledge,
                        edit,
                        true);
            }
            v = kept.apply(v);
        }
        model.put("v", v);
        var mav = new ModelAndView("alarm/page", model);
        mav.setStatus(status);
        return mav;
    }

    private static AlarmsView.Refusal refused(RestClientException e, String what) {
        var problem = IngestHttp.Problem.of(e);
        log.info("ingest refused to {}: {} {}", what, problem.status(), problem.detail());
        return AlarmsView.Refusal.of(problem);
    }

    private static HttpStatus status(IngestHttp.Problem problem) {
        HttpStatus s = HttpStatus.resolve(problem.status());
        return s != null && s.is4xxClientError() ? s : HttpStatus.SERVICE_UNAVAILABLE;
    }
}

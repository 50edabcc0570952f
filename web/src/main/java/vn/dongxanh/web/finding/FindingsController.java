package vn.dongxanh.web.finding;

import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClientException;
import org.springframework.web.servlet.ModelAndView;
import vn.dongxanh.contract.identity.PlatformRole;
import vn.dongxanh.web.page.NotYours;
import vn.dongxanh.web.page.Pages;
import vn.dongxanh.web.signin.SignedIn;
import vn.dongxanh.web.trace.TraceApi;

/**
 * The audit's findings (docs/findings.md), computed by traceability-service when the page is
 * asked for: the department's for the province, a cooperative or a code; a cooperative's users
 * see their own. Each finding links to what it is about.
 */
@Controller
class FindingsController {
    /** The kinds of finding, in the order the page offers them. */
    static final List<String> KINDS = List.of(
            "YIELD_BEYOND_AREA",
            "HARVEST_OUTSIDE_CODE_VALIDITY",
            "CERTIFICATE_NOT_VALID_FOR_BATCH",
            "PRE_HARVEST_INTERVAL",
            "PLOTS_OVERLAP",
            "CERTIFICATE_EXPIRING",
            "LEDGER_MISMATCH",
            "POSSIBLE_CLONED_LABEL",
            "NO_SENSOR_EVIDENCE",
            "EMPTY_IRRIGATION_RECORD",
            "IRRIGATION_TYPED_BY_HAND");

    private final TraceApi trace;
    private final Pages pages;

    FindingsController(TraceApi trace, Pages pages) {
        this.trace = trace;
        this.pages = pages;
    }

    @GetMapping("/findings")
    ModelAndView findings(
            @RequestParam(required = false, defaultValue = "") String code,
            @RequestParam(required = false, defaultValue = "") String cooperative,
            @RequestParam(required = false, defaultValue = "") String kind,
            @RequestParam(required = false, defaultValue = "") String commune,
            HttpServletRequest request,
            Authentication authentication) {
        SignedIn user = SignedIn.of(authentication);
        boolean department = user.roles().contains(PlatformRole.DEPARTMENT_OFFICER);
        if (!department && !user.cooperative()) throw new NotYours(NotYours.Kind.OTHER, "findings");
        Map<String, String> filters = new LinkedHashMap<>();
        filters.put("code", code.strip());
        filters.put("cooperative", department ? cooperative.strip() : "");
        filters.put("kind", KINDS.contains(kind.strip()) ? kind.strip() : "");
        filters.put("commune", department ? commune.strip() : "");
        var model = new HashMap<String, Object>();
        model.put("page", pages.page(request, "findings.title"));
        model.put("filters", filters);
        model.put("department", department);
        model.put("kinds", KINDS);
        model.put("findings", null);
        model.put("problem", null);
        HttpStatus status = HttpStatus.OK;
        try {
            model.put("findings", trace.findings(filters));
        } catch (HttpClientErrorException e) {
            int s = e.getStatusCode().value();
            model.put("problem", s == 404 ? "findings.problem.no-code" : "findings.problem.not-yours");
            status = s == 404 ? HttpStatus.NOT_FOUND : HttpStatus.FORBIDDEN;
        } catch (RestClientException e) {
            model.put("problem", "findings.problem.unavailable");
            status = HttpStatus.SERVICE_UNAVAILABLE;
        }
        // built last: a ModelAndView copies the model when it is made
        var mav = new ModelAndView("findings", model);
        mav.setStatus(status);
        return mav;
    }
}

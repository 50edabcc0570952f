package vn.dongxanh.web.register;

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
import org.springframework.web.util.UriComponentsBuilder;
import vn.dongxanh.contract.identity.PlatformRole;
import vn.dongxanh.web.page.NotYours;
import vn.dongxanh.web.page.Pages;
import vn.dongxanh.web.signin.SignedIn;
import vn.dongxanh.web.trace.TraceApi;

/**
 * The register of growing-area codes (docs/register.md): the department's list of every code, a
 * cooperative's of its own, filtered as traceability-service filters them. The filters are the
 * query of this page, so a filtered list can be bookmarked and shared.
 */
@Controller
class RegisterController {
    /** The statuses a filter may name, in their lifecycle's order. */
    static final List<String> STATUSES =
            List.of("APPLIED", "UNDER_INSPECTION", "ISSUED", "SUSPENDED", "REVOKED", "REJECTED", "EXPIRED");

    private static final List<String> FILTERS =
            List.of("q", "status", "crop", "commune", "cooperative", "reviewDueBy", "certificateExpiringBy");

    private final TraceApi trace;
    private final Pages pages;

    RegisterController(TraceApi trace, Pages pages) {
        this.trace = trace;
        this.pages = pages;
    }

    /** The list as CSV, with the page's filters (the service's export, handed on from this origin). */
    /** Whether the user is the department's; 403 for anyone who is neither it nor a cooperative's. */
    private static boolean department(Authentication authentication) {
        SignedIn user = SignedIn.of(authentication);
        boolean department = user.roles().contains(PlatformRole.DEPARTMENT_OFFICER);
        if (!department && !user.cooperative()) throw new NotYours(NotYours.Kind.OTHER, "the register");
        return department;
    }

    /** The page's filters as the service takes them; a cooperative's user names no cooperative (the service's own). */
    private static Map<String, String> filters(Map<String, String> query, boolean department) {
        Map<String, String> filters = new LinkedHashMap<>();
        for (String f : FILTERS) filters.put(f, query.getOrDefault(f, "").strip());
        if (!department) filters.put("cooperative", "");
        return filters;
    }

    @GetMapping("/register.csv")
    org.springframework.http.ResponseEntity<byte[]> csv(
            @RequestParam Map<String, String> query, Authentication authentication) {
        boolean department = department(authentication);
        Map<String, String> filters = filters(query, department);
        return org.springframework.http.ResponseEntity.ok()
                .contentType(
                        new org.springframework.http.MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header(
                        org.springframework.http.HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"register.csv\"")
                .body(trace.codesCsv(filters));
    }

    /** The list as the service's PDF report, with the page's filters, handed on from this origin. */
    @GetMapping("/register.pdf")
    org.springframework.http.ResponseEntity<byte[]> pdf(
            @RequestParam Map<String, String> query, Authentication authentication) {
        Map<String, String> filters = filters(query, department(authentication));
        return TraceApi.pdf(trace.codesPdf(filters), "register.pdf");
    }

    @GetMapping("/register")
    ModelAndView register(
            @RequestParam Map<String, String> query,
            @RequestParam(defaultValue = "0") int offset,
            HttpServletRequest request,
            Authentication authentication) {
        boolean department = department(authentication);
        Map<String, String> filters = filters(query, department);
        var model = new HashMap<String, Object>();
        model.put("page", pages.page(request, department ? "register.title" : "register.title.cooperative"));
        model.put("filters", filters);
        model.put("department", department);
        model.put("statuses", STATUSES);
        model.put("nextHref", null);
        model.put("problem", null);
        model.put("codes", null);
        HttpStatus status = HttpStatus.OK;
        try {
            TraceApi.CodePage codes = trace.codes(filters, Math.max(0, offset));
            model.put("codes", codes);
            if (codes.more()) {
                var next = UriComponentsBuilder.fromPath("/register");
                filters.forEach((k, v) -> {
                    if (!v.isEmpty()) next.queryParam(k, v);
                });
                model.put(
                        "nextHref",
                        next.queryParam("offset", codes.nextOffset())
                                .encode()
                                .build()
                                .toUriString());
            }
        } catch (HttpClientErrorException e) {
            if (e.getStatusCode().value() != 400) throw new NotYours(NotYours.Kind.OTHER, "the register");
            // the service names the filter it refused: said in the reader's words, next to the form
            String pointer = e.getResponseBodyAs(Map.class) instanceof Map<?, ?> body && body.get("pointer") != null
                    ? body.get("pointer").toString().replace("/", "")
                    : "";
            model.put("problem", FILTERS.contains(pointer) ? "register.problem." + pointer : "register.problem.other");
            status = HttpStatus.BAD_REQUEST;
        } catch (RestClientException e) {
            model.put("problem", "register.problem.unavailable");
            status = HttpStatus.SERVICE_UNAVAILABLE;
        }
        // built last: a ModelAndView copies the model when it is made
        var mav = new ModelAndView("register", model);
        mav.setStatus(status);
        return mav;
    }
}

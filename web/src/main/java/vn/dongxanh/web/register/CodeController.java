package vn.dongxanh.web.register;

import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClientException;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.util.UriUtils;
import vn.dongxanh.contract.identity.PlatformRole;
import vn.dongxanh.web.batch.Problem;
import vn.dongxanh.web.map.MapProperties;
import vn.dongxanh.web.map.MapState;
import vn.dongxanh.web.map.PlotFeatures;
import vn.dongxanh.web.page.NotYours;
import vn.dongxanh.web.page.Pages;
import vn.dongxanh.web.signin.SignedIn;
import vn.dongxanh.web.trace.TraceApi;

/**
 * A growing-area code's page (docs/web.md): its status and history, its findings and their
 * inspections; for the department, the inspection workflow (docs/inspections.md) — plan an
 * inspection of a finding, record what it found, decide the code's status naming it. Every step
 * is traceability-service's, with the user's token; a refusal is said on the page.
 */
@Controller
class CodeController {
    /** What an inspection checks, in the domain notes' order (the words are the bundles'). */
    static final List<String> CHECKLIST =
            List.of("plots", "crop", "diary", "pesticides", "dates", "yield", "sensors", "certificates", "ledger");

    private final TraceApi trace;
    private final Pages pages;

    private final String tileUrl;

    CodeController(TraceApi trace, Pages pages, MapProperties map) {
        this.trace = trace;
        this.pages = pages;
        this.tileUrl = map.tileUrl();
    }

    @GetMapping("/codes/{code}")
    ModelAndView code(@PathVariable String code, HttpServletRequest request, Authentication authentication) {
        return page(code, request, authentication, null, HttpStatus.OK);
    }

    /**
     * The code's plots for its page's map (GeoJSON, as the overview's): each plot's polygon from
     * traceability-service; {@code state} {@code alarm} for a plot a finding of the code names, else
     * {@code ok}. Asked by the page's script after it is shown; 503 problem+json when the service
     * does not answer.
     */
    @GetMapping("/codes/{code}/map")
    @ResponseBody
    ResponseEntity<?> map(@PathVariable String code, Authentication authentication) {
        SignedIn user = SignedIn.of(authentication);
        boolean department = user.roles().contains(PlatformRole.DEPARTMENT_OFFICER);
        try {
            TraceApi.CodeView view = trace.code(code);
            if (!department && !view.organisation().equals(user.organisation())) {
                return problem(HttpStatus.NOT_FOUND, "no code " + code + " of yours");
            }
            Set<String> flagged = new HashSet<>();
            for (var f : trace.findings(Map.of("code", code)).findings()) {
                if (f.subject().startsWith("plot/")) flagged.add(f.subject().substring(5));
            }
            var features = new ArrayList<Map<String, Object>>();
            for (String id : view.plots()) {
                TraceApi.TracePlot plot = trace.plot(id);
                features.add(PlotFeatures.feature(
                        id, plot.name(), flagged.contains(id) ? MapState.ALARM : MapState.OK, plot.geometry()));
            }
            return ResponseEntity.ok(Map.of("type", "FeatureCollection", "features", features));
        } catch (HttpClientErrorException e) {
            return problem(HttpStatus.NOT_FOUND, "no code " + code + " of yours");
        } catch (RestClientException e) {
            return problem(HttpStatus.SERVICE_UNAVAILABLE, "traceability-service did not answer");
        }
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String detail) {
        return ResponseEntity.status(status).body(ProblemDetail.forStatusAndDetail(status, detail));
    }

    @PostMapping("/codes/{code}/inspections")
    ModelAndView plan(
            @PathVariable String code,
            @RequestParam String kind,
            @RequestParam String subject,
            @RequestParam(required = false) String plannedFor,
            HttpServletRequest request,
            Authentication authentication) {
        return act(code, request, authentication, () -> trace.planInspection(code, kind, subject, date(plannedFor)));
    }

    @PostMapping("/codes/{code}/inspections/{id}/outcome")
    ModelAndView record(
            @PathVariable String code,
            @PathVariable long id,
            @RequestParam(required = false) String inspectedOn,
            @RequestParam(required = false, defaultValue = "") String inspector,
            @RequestParam(required = false) List<String> passed,
            @RequestParam(required = false, defaultValue = "") String notes,
            @RequestParam(defaultValue = "RESOLVED") String outcome,
            @RequestParam(defaultValue = "false") boolean proposeSuspension,
            @RequestParam(required = false) List<MultipartFile> files,
            HttpServletRequest request,
            Authentication authentication) {
        List<String> ok = passed == null ? List.of() : passed;
        List<MultipartFile> attached = files == null
                ? List.of()
                : files.stream().filter(f -> !f.isEmpty()).toList();
        var texts = pages.texts(request);
        List<TraceApi.Outcome.Check> checklist = new ArrayList<>();
        for (String item : CHECKLIST) {
            checklist.add(new TraceApi.Outcome.Check(texts.get("code.check." + item), ok.contains(item)));
        }
        return act(code, request, authentication, () -> {
            // the files first: the outcome's record lists those attached when it is written
            for (MultipartFile f : attached) {
                trace.attachInspectionFile(
                        id,
                        f.getOriginalFilename() == null ? "file" : f.getOriginalFilename(),
                        f.getContentType() == null ? "application/octet-stream" : f.getContentType(),
                        bytes(f));
            }
            trace.recordInspection(
                    id,
                    new TraceApi.Outcome(
                            date(inspectedOn),
                            inspector.strip(),
                            checklist,
                            notes.strip(),
                            outcome,
                            proposeSuspension));
        });
    }

    /** A file of an inspection, handed on from traceability-service (the department and the code's cooperative). */
    @GetMapping("/codes/{code}/inspections/{id}/files/{file}")
    ResponseEntity<byte[]> inspectionFile(@PathVariable String code, @PathVariable long id, @PathVariable long file) {
        try {
            TraceApi.LabelFile f = trace.inspectionFile(id, file);
            return ResponseEntity.ok()
                    .contentType(f.type())
                    .header(HttpHeaders.CONTENT_DISPOSITION, f.disposition())
                    .header("X-Content-Type-Options", "nosniff")
                    .body(f.body());
        } catch (HttpClientErrorException e) {
            throw new NotYours(NotYours.Kind.OTHER, "file " + file + " of inspection " + id);
        }
    }

    private static byte[] bytes(MultipartFile f) {
        try {
            return f.getBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("the upload of " + f.getOriginalFilename() + " broke off", e);
        }
    }

    @PostMapping("/codes/{code}/status")
    ModelAndView status(
            @PathVariable String code,
            @RequestParam String status,
            @RequestParam(defaultValue = "") String reason,
            @RequestParam(required = false) String effectiveDate,
            @RequestParam(required = false) Long inspection,
            HttpServletRequest request,
            Authentication authentication) {
        return act(
                code,
                request,
                authentication,
                () -> trace.changeStatus(code, status, reason.strip(), date(effectiveDate), inspection));
    }

    @PostMapping("/codes/{code}/reviews")
    ModelAndView review(
            @PathVariable String code,
            @RequestParam(required = false) String reviewedOn,
            @RequestParam(defaultValue = "") String notes,
            @RequestParam(required = false) Long inspection,
            HttpServletRequest request,
            Authentication authentication) {
        return act(
                code,
                request,
                authentication,
                () -> trace.recordReview(code, date(reviewedOn), notes.strip(), inspection));
    }

    private ModelAndView act(String code, HttpServletRequest request, Authentication authentication, Runnable step) {
        try {
            step.run();
        } catch (HttpClientErrorException e) {
            String key = switch (e.getStatusCode().value()) {
                case 401, 403 -> "code.problem.forbidden";
                case 409 -> "code.problem.conflict";
                case 404 -> "code.problem.gone";
                default -> "code.problem.refused";
            };
            return page(
                    code,
                    request,
                    authentication,
                    new Problem(key, Problem.detail(e)),
                    HttpStatus.valueOf(e.getStatusCode().value()));
        } catch (RestClientException e) {
            return page(
                    code,
                    request,
                    authentication,
                    new Problem("code.problem.unavailable", null),
                    HttpStatus.SERVICE_UNAVAILABLE);
        }
        return new ModelAndView(
                "redirect:/codes/" + UriUtils.encodePathSegment(code, java.nio.charset.StandardCharsets.UTF_8));
    }

    private ModelAndView page(
            String code,
            HttpServletRequest request,
            Authentication authentication,
            Problem refused,
            HttpStatus status) {
        SignedIn user = SignedIn.of(authentication);
        boolean department = user.roles().contains(PlatformRole.DEPARTMENT_OFFICER);
        if (!department && !user.cooperative()) throw new NotYours(NotYours.Kind.OTHER, "code " + code);
        var model = new HashMap<String, Object>();
        model.put("page", pages.page(request, "code.title", code));
        model.put("department", department);
        model.put("refused", refused);
        model.put("checklist", CHECKLIST);
        model.put("today", pages.texts(request).today());
        model.put("tileUrl", tileUrl);
        try {
            TraceApi.CodeView view = trace.code(code);
            if (!department && !view.organisation().equals(user.organisation())) {
                throw new NotYours(NotYours.Kind.OTHER, "code " + code);
            }
            model.put("code", view);
            model.put("findings", trace.findings(Map.of("code", code)).findings());
            model.put("inspections", trace.inspections(code));
            model.put("batches", trace.codeBatches(code));
            model.put("certificates", trace.codeCertificates(code));
        } catch (HttpClientErrorException e) {
            throw new NotYours(NotYours.Kind.OTHER, "code " + code);
        } catch (RestClientException e) {
            model.put("code", null);
            model.put("findings", List.of());
            model.put("inspections", List.of());
            model.put("batches", List.of());
            model.put("certificates", List.of());
            model.put("refused", new Problem("code.problem.unavailable", null));
            status = HttpStatus.SERVICE_UNAVAILABLE;
        }
        var mav = new ModelAndView("code", model);
        mav.setStatus(status);
        return mav;
    }

    private static LocalDate date(String s) {
        if (s == null || s.isBlank()) return null;
        try {
            return LocalDate.parse(s.strip());
        } catch (DateTimeParseException e) {
            return null; // the service names the missing date
        }
    }
}

package vn.dongxanh.web.diary;

import jakarta.servlet.http.HttpServletRequest;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClientException;
import org.springframework.web.servlet.ModelAndView;
import vn.dongxanh.contract.identity.PlatformRole;
import vn.dongxanh.web.WebProperties;
import vn.dongxanh.web.page.NotYours;
import vn.dongxanh.web.page.Pages;
import vn.dongxanh.web.signin.SignedIn;

/**
 * A plot's farming diary (nhật ký sản xuất): its entries, the newest first, and — for the plot's
 * cooperative's manager and operators — the form of a new entry and the irrigation summary pull.
 * traceability-service decides who reads and writes; its refusal comes back on the same page, in
 * the user's language, the form as it was typed.
 */
@Controller
class DiaryController {
    private final DiaryApi diary;
    private final Pages pages;
    private final WebProperties web;

    DiaryController(DiaryApi diary, Pages pages, WebProperties web) {
        this.diary = diary;
        this.pages = pages;
        this.web = web;
    }

    /** What the page shows besides the entries: the form, a refusal, what was just saved or pulled. */
    record Outcome(DiaryForm form, DiaryProblem formProblem, DiaryProblem pullProblem, Long saved, Long pulled) {}

    @GetMapping("/plots/{id}/diary")
    ModelAndView page(
            @PathVariable String id,
            @RequestParam(defaultValue = "0") int offset,
            @RequestParam(required = false) Long saved,
            @RequestParam(required = false) Long pulled,
            HttpServletRequest request,
            Authentication auth) {
        return view(
                id, Math.max(0, offset), new Outcome(null, null, null, saved, pulled), HttpStatus.OK, request, auth);
    }

    @PostMapping("/plots/{id}/diary")
    ModelAndView add(
            @PathVariable String id, @ModelAttribute DiaryForm form, HttpServletRequest request, Authentication auth) {
        try {
            DiaryApi.Added added = diary.add(id, form.toBody());
            return new ModelAndView("redirect:/plots/" + id + "/diary?saved=" + added.id() + "#entry-" + added.id());
        } catch (NumberFormatException e) {
            return view(
                    id,
                    0,
                    new Outcome(
                            form,
                            DiaryProblem.of("diary.problem.phi-number", HttpStatus.BAD_REQUEST),
                            null,
                            null,
                            null),
                    HttpStatus.BAD_REQUEST,
                    request,
                    auth);
        } catch (RestClientException e) {
            DiaryProblem problem = DiaryProblem.of(e);
            return view(id, 0, new Outcome(form, problem, null, null, null), problem.status(), request, auth);
        }
    }

    @PostMapping("/plots/{id}/diary/irrigation-summary")
    ModelAndView pull(@PathVariable String id, HttpServletRequest request, Authentication auth) {
        try {
            long entry = diary.pullIrrigationSummary(id);
            return new ModelAndView("redirect:/plots/" + id + "/diary?pulled=" + entry + "#entry-" + entry);
        } catch (RestClientException e) {
            DiaryProblem problem = DiaryProblem.of(e);
            return view(id, 0, new Outcome(null, null, problem, null, null), problem.status(), request, auth);
        }
    }

    private ModelAndView view(
            String id,
            int offset,
            Outcome outcome,
            HttpStatus status,
            HttpServletRequest request,
            Authentication auth) {
        var model = new HashMap<String, Object>();
        model.put("id", id);
        model.put(
                "form",
                outcome.form() == null ? DiaryForm.on(LocalDate.now(web.zone()).toString()) : outcome.form());
        model.put("formProblem", outcome.formProblem());
        model.put("pullProblem", outcome.pullProblem());
        model.put("saved", outcome.saved());
        model.put("pulled", outcome.pulled());
        model.put("entries", null);
        model.put("operations", List.of());
        model.put("writer", false);
        model.put("plot", null);
        DiaryApi.Plot plot;
        try {
            plot = diary.plot(id);
        } catch (HttpClientErrorException e) {
            throw new NotYours(NotYours.Kind.PLOT, "plot " + id); // 404 and 403 alike: no more than the service says
        } catch (RestClientException e) {
            model.put("page", pages.page(request, "diary.title", id));
            model.put("problem", DiaryProblem.of(e));
            var mav = new ModelAndView("diary", model);
            mav.setStatus(HttpStatus.SERVICE_UNAVAILABLE);
            return mav;
        }
        model.put("page", pages.page(request, "diary.title", plot.name() == null ? id : plot.name()));
        model.put("plot", plot);
        boolean writer = writes(SignedIn.of(auth), plot);
        model.put("writer", writer);
        DiaryProblem problem = null;
        try {
            model.put("entries", diary.entries(id, offset));
            if (writer) model.put("operations", diary.operations());
        } catch (RestClientException e) {
            problem = DiaryProblem.of(e);
            if (status == HttpStatus.OK) status = problem.status();
        }
        model.put("problem", problem);
        var mav = new ModelAndView("diary", model);
        mav.setStatus(status);
        return mav;
    }

    /** The forms are for the plot's own cooperative's manager and operators (the service checks again). */
    static boolean writes(SignedIn user, DiaryApi.Plot plot) {
        return user.organisation() != null
                && user.organisation().equals(plot.organisationId())
                && (user.roles().contains(PlatformRole.COOP_MANAGER)
                        || user.roles().contains(PlatformRole.COOP_OPERATOR));
    }
}

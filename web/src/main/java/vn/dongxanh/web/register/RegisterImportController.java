package vn.dongxanh.web.register;

import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.HashMap;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClientException;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.ModelAndView;
import vn.dongxanh.web.batch.Problem;
import vn.dongxanh.web.page.NotYours;
import vn.dongxanh.web.page.Pages;
import vn.dongxanh.web.trace.TraceApi;

/**
 * The department's import of codes issued on paper (docs/register-import.md): the spreadsheet
 * uploaded as CSV, handed to traceability-service as it is, and its report shown — the codes
 * imported and every refused row with its line, column and reason. Only the department reaches
 * it ({@code SecurityConfig}); the service decides again.
 */
@Controller
class RegisterImportController {
    private final TraceApi trace;
    private final Pages pages;

    RegisterImportController(TraceApi trace, Pages pages) {
        this.trace = trace;
        this.pages = pages;
    }

    @GetMapping("/register/import")
    ModelAndView form(HttpServletRequest request) {
        return page(request, true, null, null, HttpStatus.OK);
    }

    @PostMapping("/register/import")
    ModelAndView upload(
            @RequestParam(required = false) MultipartFile file,
            @RequestParam(defaultValue = "false") boolean dryRun,
            HttpServletRequest request)
            throws IOException {
        if (file == null || file.isEmpty()) {
            return page(
                    request,
                    dryRun,
                    null,
                    new Problem("register.import.problem.no-file", null),
                    HttpStatus.BAD_REQUEST);
        }
        try {
            return page(request, dryRun, trace.importCodes(file.getBytes(), dryRun), null, HttpStatus.OK);
        } catch (HttpClientErrorException e) {
            int status = e.getStatusCode().value();
            if (status == 401 || status == 403) throw new NotYours(NotYours.Kind.OTHER, "the register's import");
            String key = status == 413 ? "register.import.problem.too-large" : "register.import.problem.refused";
            return page(request, dryRun, null, new Problem(key, Problem.detail(e)), HttpStatus.valueOf(status));
        } catch (RestClientException e) {
            return page(
                    request,
                    dryRun,
                    null,
                    new Problem("register.problem.unavailable", null),
                    HttpStatus.SERVICE_UNAVAILABLE);
        }
    }

    private ModelAndView page(
            HttpServletRequest request,
            boolean dryRun,
            TraceApi.ImportReport report,
            Problem problem,
            HttpStatus status) {
        var model = new HashMap<String, Object>();
        model.put("page", pages.page(request, "register.import.title"));
        model.put("dryRun", dryRun);
        model.put("report", report);
        model.put("problem", problem);
        var mav = new ModelAndView("registerimport", model);
        mav.setStatus(status);
        return mav;
    }
}

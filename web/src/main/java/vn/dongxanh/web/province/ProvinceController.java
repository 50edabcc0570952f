package vn.dongxanh.web.province;

import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClientException;
import org.springframework.web.servlet.ModelAndView;
import vn.dongxanh.contract.identity.PlatformRole;
import vn.dongxanh.web.page.NotYours;
import vn.dongxanh.web.page.Pages;
import vn.dongxanh.web.signin.SignedIn;
import vn.dongxanh.web.trace.TraceApi;

/**
 * The province's figures for the department (docs/province-figures.md): counted by
 * traceability-service when the page is asked for, each linking to the rows it counts; and the
 * same as CSV and as a PDF report.
 */
@Controller
class ProvinceController {
    private final TraceApi trace;
    private final Pages pages;

    ProvinceController(TraceApi trace, Pages pages) {
        this.trace = trace;
        this.pages = pages;
    }

    @GetMapping("/province")
    ModelAndView figures(HttpServletRequest request, Authentication authentication) {
        department(authentication);
        var model = new HashMap<String, Object>();
        model.put("page", pages.page(request, "province.title"));
        model.put("figures", null);
        HttpStatus status = HttpStatus.OK;
        try {
            model.put("figures", trace.figures());
        } catch (HttpClientErrorException e) {
            throw new NotYours(NotYours.Kind.OTHER, "the province's figures");
        } catch (RestClientException e) {
            status = HttpStatus.SERVICE_UNAVAILABLE;
        }
        var mav = new ModelAndView("province", model);
        mav.setStatus(status);
        return mav;
    }

    @GetMapping("/province/figures.csv")
    ResponseEntity<byte[]> csv(Authentication authentication) {
        department(authentication);
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"province-figures.csv\"")
                .body(trace.figuresCsv());
    }

    /** The figures as the service's PDF report, handed on from this origin. */
    @GetMapping("/province/figures.pdf")
    ResponseEntity<byte[]> pdf(Authentication authentication) {
        department(authentication);
        return TraceApi.pdf(trace.figuresPdf(), "province-figures.pdf");
    }

    private static void department(Authentication authentication) {
        if (!SignedIn.of(authentication).roles().contains(PlatformRole.DEPARTMENT_OFFICER)) {
            throw new NotYours(NotYours.Kind.OTHER, "the province's figures");
        }
    }
}

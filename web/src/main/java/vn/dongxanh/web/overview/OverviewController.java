package vn.dongxanh.web.overview;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.client.RestClientException;
import org.springframework.web.servlet.ModelAndView;
import vn.dongxanh.contract.identity.PlatformRole;
import vn.dongxanh.web.console.Console;
import vn.dongxanh.web.ingest.IngestApi;
import vn.dongxanh.web.map.MapProperties;
import vn.dongxanh.web.page.Page;
import vn.dongxanh.web.page.Pages;
import vn.dongxanh.web.signin.SignedIn;

/** The first page after sign-in: the cooperative's overview, or the department's console. */
@Controller
class OverviewController {
    private static final Logger log = LoggerFactory.getLogger(OverviewController.class);

    private final IngestApi ingest;
    private final Pages pages;
    private final MapProperties map;
    private final Console console;

    OverviewController(IngestApi ingest, Pages pages, MapProperties map, Console console) {
        this.ingest = ingest;
        this.pages = pages;
        this.map = map;
        this.console = console;
    }

    @GetMapping("/")
    ModelAndView overview(HttpServletRequest request, Authentication authentication) {
        SignedIn user = SignedIn.of(authentication);
        if (!user.cooperative() && user.roles().contains(PlatformRole.DEPARTMENT_OFFICER)) {
            // the department's first page is its console: what needs it next
            var model = new java.util.HashMap<String, Object>();
            model.put("page", pages.page(request, "console.title"));
            model.put("console", console.today(pages.texts(request).today()));
            return new ModelAndView("console", model);
        }
        Page page = pages.page(request, "overview.title");
        Overview overview = null;
        boolean unavailable = false;
        if (user.cooperative()) {
            try {
                overview = Overview.of(ingest.overview(user.organisation()));
            } catch (RestClientException e) {
                // the page still renders, saying the readings are unavailable for now
                log.warn("ingest-service did not answer for the overview: {}", e.toString());
                unavailable = true;
            }
        }
        var model = new java.util.HashMap<String, Object>();
        model.put("page", page);
        model.put("overview", overview);
        model.put("unavailable", unavailable);
        model.put("tileUrl", map.tileUrl());
        return new ModelAndView("overview", model);
    }
}

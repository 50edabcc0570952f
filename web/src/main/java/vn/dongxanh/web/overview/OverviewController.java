package vn.dongxanh.web.overview;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.client.RestClientException;
import org.springframework.web.servlet.ModelAndView;
import vn.dongxanh.web.ingest.IngestApi;
import vn.dongxanh.web.map.MapProperties;
import vn.dongxanh.web.page.Page;
import vn.dongxanh.web.page.Pages;
import vn.dongxanh.web.signin.SignedIn;

/** The cooperative's overview, the first page after sign-in. */
@Controller
class OverviewController {
    private static final Logger log = LoggerFactory.getLogger(OverviewController.class);

    private final IngestApi ingest;
    private final Pages pages;
    private final MapProperties map;

    OverviewController(IngestApi ingest, Pages pages, MapProperties map) {
        this.ingest = ingest;
        this.pages = pages;
        this.map = map;
    }

    @GetMapping("/")
    ModelAndView overview(HttpServletRequest request, Authentication authentication) {
        SignedIn user = SignedIn.of(authentication);
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

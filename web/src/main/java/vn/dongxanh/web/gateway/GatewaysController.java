package vn.dongxanh.web.gateway;

import jakarta.servlet.http.HttpServletRequest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.client.RestClientException;
import org.springframework.web.servlet.ModelAndView;
import vn.dongxanh.web.ingest.IngestApi;
import vn.dongxanh.web.page.Page;
import vn.dongxanh.web.page.Pages;
import vn.dongxanh.web.signin.SignedIn;

/** The cooperative's gateways (online, last seen, outbox backlog, gaps) and its registered devices. */
@Controller
class GatewaysController {
    private static final Logger log = LoggerFactory.getLogger(GatewaysController.class);

    private final IngestApi ingest;
    private final Pages pages;
    private final GatewaysProperties options;

    GatewaysController(IngestApi ingest, Pages pages, GatewaysProperties options) {
        this.ingest = ingest;
        this.pages = pages;
        this.options = options;
    }

    @GetMapping("/gateways")
    ModelAndView gateways(HttpServletRequest request, Authentication authentication) {
        SignedIn user = SignedIn.of(authentication);
        Page page = pages.page(request, "gateways.title");
        GatewaysView view = null;
        boolean unavailable = false;
        if (user.cooperative()) {
            try {
                String coop = user.organisation();
                var gateways = ingest.gateways(coop);
                Map<String, List<IngestApi.Gap>> gaps = new HashMap<>();
                for (var g : gateways) gaps.put(g.id(), ingest.gaps(g.id(), options.gapLimit()));
                var latest = ingest.cooperativeLatest(coop);
                view = GatewaysView.of(latest.at(), gateways, gaps, ingest.devices(coop), latest.series());
            } catch (RestClientException e) {
                log.warn("ingest-service did not answer for the gateways page: {}", e.toString());
                unavailable = true;
            }
        }
        var model = new HashMap<String, Object>();
        model.put("page", page);
        model.put("view", view);
        model.put("unavailable", unavailable);
        return new ModelAndView("gateway/page", model);
    }
}

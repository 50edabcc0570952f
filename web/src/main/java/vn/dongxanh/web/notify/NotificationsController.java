package vn.dongxanh.web.notify;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.client.RestClientException;
import org.springframework.web.servlet.ModelAndView;
import vn.dongxanh.contract.dashboard.AlarmKind;
import vn.dongxanh.web.ingest.IngestApi;
import vn.dongxanh.web.ingest.IngestHttp;
import vn.dongxanh.web.page.Pages;
import vn.dongxanh.web.signin.SignedIn;

/**
 * {@code /notifications}: each user chooses which alarms reach them (kinds, plots) and how — a
 * browser notification and/or ingest's webhook for an SMS or Zalo gateway. The choice is ingest's
 * ({@code /api/me/alarm-notifications}, saved with the user's token); ingest's refusal comes back on
 * the page in the user's language with the boxes as they were ticked.
 */
@Controller
class NotificationsController {
    private static final Logger log = LoggerFactory.getLogger(NotificationsController.class);
    private static final List<String> KINDS =
            Arrays.stream(AlarmKind.values()).map(Enum::name).toList();

    private final NotificationApi api;
    private final IngestApi ingest;
    private final Pages pages;
    private final NotificationProperties props;

    NotificationsController(NotificationApi api, IngestApi ingest, Pages pages, NotificationProperties props) {
        this.api = api;
        this.ingest = ingest;
        this.pages = pages;
        this.props = props;
    }

    @GetMapping("/notifications")
    ModelAndView page(@RequestParam(required = false) String saved, HttpServletRequest request, Authentication auth) {
        SignedIn user = SignedIn.of(auth);
        if (!user.cooperative()) return view(request, null, HttpStatus.OK);
        try {
            var p = api.get();
            return view(
                    request,
                    new NotificationsView(
                            KINDS,
                            plots(user),
                            new LinkedHashSet<>(p.kinds()),
                            new LinkedHashSet<>(p.plots()),
                            p.browser(),
                            p.webhook(),
                            p.rateLimit(),
                            p.updatedAt(),
                            user.subject(),
                            null,
                            saved != null,
                            false),
                    HttpStatus.OK);
        } catch (RestClientException e) {
            log.warn("ingest-service did not answer for the notifications page: {}", e.toString());
            return view(request, unavailable(user), HttpStatus.OK);
        }
    }

    @PostMapping("/notifications")
    ModelAndView save(
            @RequestParam(required = false) List<String> kinds,
            @RequestParam(required = false) List<String> plots,
            @RequestParam(required = false) String browser,
            @RequestParam(required = false) String webhook,
            HttpServletRequest request,
            Authentication auth) {
        SignedIn user = SignedIn.of(auth);
        var choice = new NotificationApi.Choice(
                kinds == null ? List.of() : kinds, plots == null ? List.of() : plots, browser != null, webhook != null);
        try {
            api.put(choice);
            return new ModelAndView("redirect:/notifications?saved");
        } catch (RestClientException e) {
            var problem = IngestHttp.Problem.of(e);
            log.info("ingest refused the notification choice: {} {}", problem.status(), problem.detail());
            NotificationApi.RateLimit limit = null;
            List<IngestApi.Plot> known = List.of();
            try {
                limit = api.get().rateLimit();
                known = plots(user);
            } catch (RestClientException unavailable) {
                // the page still shows the choice and why it was refused
            }
            HttpStatus s = HttpStatus.resolve(problem.status());
            return view(
                    request,
                    new NotificationsView(
                            KINDS,
                            known,
                            new LinkedHashSet<>(choice.kinds()),
                            new LinkedHashSet<>(choice.plots()),
                            choice.browser(),
                            choice.webhook(),
                            limit,
                            null,
                            user.subject(),
                            NotificationsView.Refusal.of(problem),
                            false,
                            false),
                    s != null && s.is4xxClientError() ? s : HttpStatus.SERVICE_UNAVAILABLE);
        }
    }

    /** The browser side of the choice, for live.js; nothing is shown when ingest cannot say (503). */
    @GetMapping(path = "/notifications/choice", produces = "application/json")
    @ResponseBody
    ResponseEntity<BrowserChoice> choice(Authentication auth) {
        if (!SignedIn.of(auth).cooperative()) {
            return ResponseEntity.ok(BrowserChoice.of(null, props.browserPerMinute()));
        }
        try {
            return ResponseEntity.ok(BrowserChoice.of(api.get(), props.browserPerMinute()));
        } catch (RestClientException e) {
            log.info("ingest-service did not tell the notification choice: {}", e.toString());
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .body(BrowserChoice.of(null, props.browserPerMinute()));
        }
    }

    private List<IngestApi.Plot> plots(SignedIn user) {
        return ingest.plots().stream()
                .filter(p -> p.cooperative().equals(user.organisation()))
                .toList();
    }

    private static NotificationsView unavailable(SignedIn user) {
        return new NotificationsView(
                KINDS,
                List.of(),
                new LinkedHashSet<>(),
                new LinkedHashSet<>(),
                false,
                false,
                null,
                null,
                user.subject(),
                null,
                false,
                true);
    }

    private ModelAndView view(HttpServletRequest request, NotificationsView v, HttpStatus status) {
        var model = new HashMap<String, Object>();
        model.put("page", pages.page(request, "notify.title"));
        model.put("v", v);
        var mav = new ModelAndView("notify/page", model);
        mav.setStatus(status);
        return mav;
    }
}

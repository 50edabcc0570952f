package vn.dongxanh.web.page;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.support.RequestContextUtils;
import org.springframework.web.util.UriComponentsBuilder;
import vn.dongxanh.web.WebProperties;
import vn.dongxanh.web.ingest.IngestApi;
import vn.dongxanh.web.signin.SignedIn;

/** Makes the {@link Page} of a request: its locale, its user's cooperative, its language links. */
@Component
public class Pages {
    private static final String COOPERATIVE_NAME = Pages.class.getName() + ".cooperative";

    private final MessageSource messages;
    private final WebProperties web;
    private final IngestApi ingest;

    Pages(MessageSource messages, WebProperties web, IngestApi ingest) {
        this.messages = messages;
        this.web = web;
        this.ingest = ingest;
    }

    public Texts texts(HttpServletRequest request) {
        return new Texts(messages, RequestContextUtils.getLocale(request), web.zone());
    }

    /** The page titled by the message {@code titleKey} (with its arguments). */
    public Page page(HttpServletRequest request, String titleKey, Object... titleArgs) {
        Texts t = texts(request);
        var csrf = (CsrfToken) request.getAttribute(CsrfToken.class.getName());
        return new Page(
                t,
                t.get(titleKey, titleArgs),
                cooperativeName(request),
                languages(request, t),
                csrf == null ? null : csrf.getParameterName(),
                csrf == null ? null : csrf.getToken(),
                department());
    }

    /** Whether the signed-in user (if any) is the department's: only shapes the menu, the services decide. */
    private static boolean department() {
        var auth = org.springframework.security.core.context.SecurityContextHolder.getContext()
                .getAuthentication();
        return auth != null
                && auth.getPrincipal() instanceof org.springframework.security.oauth2.core.oidc.user.OidcUser
                && vn.dongxanh.web.signin.SignedIn.of(auth)
                        .roles()
                        .contains(vn.dongxanh.contract.identity.PlatformRole.DEPARTMENT_OFFICER);
    }

    /**
     * A public page (no sign-in, the buyer page): no cooperative, no sign-out form, and no CSRF
     * token asked for, which would open a session for every reader.
     */
    public Page publicPage(HttpServletRequest request, String titleKey, Object... titleArgs) {
        Texts t = texts(request);
        return new Page(t, t.get(titleKey, titleArgs), null, languages(request, t), null, null);
    }

    /** The other languages, as links to this page in them. */
    private List<Page.Language> languages(HttpServletRequest request, Texts t) {
        var languages = new ArrayList<Page.Language>();
        for (String tag : web.languages()) {
            if (tag.equals(t.locale().getLanguage())) continue;
            String href = UriComponentsBuilder.fromPath(request.getRequestURI())
                    .query(request.getQueryString())
                    .replaceQueryParam(LanguageSwitch.PARAMETER, tag)
                    .build()
                    .toUriString();
            languages.add(new Page.Language(
                    tag, messages.getMessage("language.name", null, Locale.forLanguageTag(tag)), href));
        }
        return languages;
    }

    /** The user's cooperative's name, asked of ingest once per session; the id if ingest cannot say. */
    private String cooperativeName(HttpServletRequest request) {
        var auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated()) return null;
        SignedIn user;
        try {
            user = SignedIn.of(auth);
        } catch (IllegalStateException e) {
            return null;
        }
        if (!user.cooperative()) return null;
        HttpSession session = request.getSession();
        Object known = session.getAttribute(COOPERATIVE_NAME);
        if (known instanceof String name) return name;
        String name;
        try {
            name = ingest.cooperative(user.organisation())
                    .map(IngestApi.Cooperative::name)
                    .orElse(user.organisation());
        } catch (RuntimeException unavailable) {
            return user.organisation(); // not remembered: asked again on the next page
        }
        session.setAttribute(COOPERATIVE_NAME, name);
        return name;
    }
}

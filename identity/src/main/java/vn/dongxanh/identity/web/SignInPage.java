package vn.dongxanh.identity.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.security.Principal;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.web.WebAttributes;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The sign-in page: one plain HTML form, no script, one stylesheet from this server (a strict CSP
 * holds), labels tied to their fields, the error announced first. Vietnamese by default, English
 * for browsers that ask for it (messages*.properties).
 */
@RestController
public class SignInPage {
    private static final MediaType HTML = new MediaType("text", "html", java.nio.charset.StandardCharsets.UTF_8);

    private final MessageSource messages;

    public SignInPage(MessageSource messages) {
        this.messages = messages;
    }

    @GetMapping("/login")
    ResponseEntity<String> signIn(HttpServletRequest request, CsrfToken csrf, Locale locale) {
        String error = null;
        if (request.getParameter("error") != null) {
            HttpSession session = request.getSession(false);
            Object cause = session == null ? null : session.getAttribute(WebAttributes.AUTHENTICATION_EXCEPTION);
            // a locked name says so; a wrong password, an unknown or a disabled account all read alike
            error = text(cause instanceof LockedException ? "signin.locked" : "signin.failed", locale);
        }
        StringBuilder body = new StringBuilder();
        if (error != null) {
            body.append("<div class=\"error-summary\" role=\"alert\"><h2>")
                    .append(text("signin.error.title", locale))
                    .append("</h2><p>")
                    .append(error)
                    .append("</p></div>");
        }
        if (request.getParameter("logout") != null) {
            body.append("<p class=\"notice\" role=\"status\">")
                    .append(text("signin.signedout", locale))
                    .append("</p>");
        }
        body.append("<form method=\"post\" action=\"/login\" novalidate>")
                .append(field("username", "text", "username", locale, error != null))
                .append(field("password", "password", "current-password", locale, false))
                .append("<input type=\"hidden\" name=\"")
                .append(esc(csrf.getParameterName()))
                .append("\" value=\"")
                .append(esc(csrf.getToken()))
                .append("\">")
                .append("<button type=\"submit\">")
                .append(text("signin.submit", locale))
                .append("</button></form>");
        return page(text("signin.title", locale), body.toString(), locale);
    }

    /** Where a person lands who signed in without an application asking for it. */
    @GetMapping("/")
    ResponseEntity<String> home(Principal principal, CsrfToken csrf, Locale locale) {
        String body = "<p>" + esc(messages.getMessage("home.signedin", new Object[] {principal.getName()}, locale))
                + "</p><form method=\"post\" action=\"/logout\"><input type=\"hidden\" name=\""
                + esc(csrf.getParameterName()) + "\" value=\"" + esc(csrf.getToken()) + "\"><button type=\"submit\">"
                + text("home.signout", locale) + "</button></form>";
        return page(text("home.title", locale), body, locale);
    }

    private String field(String name, String type, String autocomplete, Locale locale, boolean focus) {
        return "<div class=\"field\"><label for=\"" + name + "\">" + text("signin." + name, locale) + "</label>"
                + "<input id=\"" + name + "\" name=\"" + name + "\" type=\"" + type + "\" autocomplete=\""
                + autocomplete + "\" required"
                + (name.equals("username") ? " autocapitalize=\"none\" spellcheck=\"false\"" : "")
                + (focus || name.equals("username") ? " autofocus" : "") + "></div>";
    }

    /** @param title already escaped, as {@link #text} gives it */
    private ResponseEntity<String> page(String title, String body, Locale locale) {
        String html = "<!doctype html><html lang=\"" + esc(language(locale)) + "\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>" + title + " · Đồng Xanh</title>"
                + "<link rel=\"stylesheet\" href=\"/css/signin.css\"></head><body><main>"
                + "<p class=\"brand\">Đồng Xanh</p><h1>" + title + "</h1>" + body + "</main></body></html>";
        return ResponseEntity.ok()
                .contentType(HTML)
                .cacheControl(CacheControl.noStore())
                .body(html);
    }

    private static String language(Locale locale) {
        return "en".equals(locale.getLanguage()) ? "en" : "vi";
    }

    /** The message, HTML-escaped. */
    private String text(String key, Locale locale) {
        return esc(messages.getMessage(key, null, locale));
    }

    private static String esc(String s) {
        return HtmlUtils.htmlEscape(s, "UTF-8");
    }
}

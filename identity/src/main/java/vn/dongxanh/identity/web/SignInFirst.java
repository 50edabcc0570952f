package vn.dongxanh.identity.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;

/**
 * Someone not signed in asks for a page of the provider: a browser is sent to the sign-in page,
 * a program gets 401 as problem details rather than a redirect to a form it cannot fill in.
 */
public final class SignInFirst implements AuthenticationEntryPoint {
    private static final byte[] PROBLEM = ("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
                    + "\"detail\":\"sign in first: this page is for people signed in at the provider\"}")
            .getBytes(StandardCharsets.UTF_8);

    private final LoginUrlAuthenticationEntryPoint login = new LoginUrlAuthenticationEntryPoint("/login");
    private final MediaTypeRequestMatcher html = htmlOnly();

    /** Requests that accept HTML, not counting a bare wildcard. */
    public static MediaTypeRequestMatcher htmlOnly() {
        MediaTypeRequestMatcher m = new MediaTypeRequestMatcher(MediaType.TEXT_HTML);
        m.setIgnoredMediaTypes(Set.of(MediaType.ALL));
        return m;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException, jakarta.servlet.ServletException {
        if (html.matches(request)) {
            login.commence(request, response, e);
            return;
        }
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(PROBLEM);
    }
}

package vn.dongxanh.web.page;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import vn.dongxanh.web.WebProperties;
import vn.dongxanh.web.buyer.PublicPaths;

/**
 * The language: the first of {@code dx.web.languages} (Vietnamese) until the reader picks another
 * with {@code ?lang=}, then remembered in a cookie. Only the configured languages are taken. A
 * public page without the cookie follows the browser's Accept-Language among them.
 */
@Configuration
class LanguageSwitch implements WebMvcConfigurer {
    static final String PARAMETER = "lang";
    private static final String COOKIE = "dx-lang";

    private final WebProperties web;

    LanguageSwitch(WebProperties web) {
        this.web = web;
    }

    @Bean
    LocaleResolver localeResolver() {
        var resolver = new CookieLocaleResolver(COOKIE);
        Locale first = Locale.forLanguageTag(web.languages().getFirst());
        resolver.setDefaultLocale(first);
        // a public page (the buyer page) is opened from a QR code by anyone: their browser's language
        // if we have it; the signed-in pages keep the first language until the reader picks another
        resolver.setDefaultLocaleFunction(
                request -> PublicPaths.isPage(request.getRequestURI()) ? negotiated(request, first) : first);
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setCookieHttpOnly(true);
        resolver.setCookieSameSite("Lax");
        return resolver;
    }

    /** The best of the configured languages for the request's Accept-Language, else {@code fallback}. */
    Locale negotiated(HttpServletRequest request, Locale fallback) {
        String accepted = request.getHeader("Accept-Language");
        if (accepted == null || accepted.isBlank()) return fallback;
        try {
            String tag = Locale.lookupTag(Locale.LanguageRange.parse(accepted), web.languages());
            return tag == null ? fallback : Locale.forLanguageTag(tag);
        } catch (IllegalArgumentException malformed) {
            return fallback;
        }
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        LocaleResolver resolver = localeResolver();
        registry.addInterceptor(new HandlerInterceptor() {
            @Override
            public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
                String asked = request.getParameter(PARAMETER);
                if (asked != null && web.languages().contains(asked)) {
                    resolver.setLocale(request, response, Locale.forLanguageTag(asked));
                }
                return true;
            }
        });
    }
}

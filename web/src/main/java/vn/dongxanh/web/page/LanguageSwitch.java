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

/**
 * The language: the first of {@code dx.web.languages} (Vietnamese) until the reader picks another
 * with {@code ?lang=}, then remembered in a cookie. Only the configured languages are taken.
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
        resolver.setDefaultLocale(Locale.forLanguageTag(web.languages().getFirst()));
        resolver.setCookieMaxAge(Duration.ofDays(365));
        resolver.setCookieHttpOnly(true);
        resolver.setCookieSameSite("Lax");
        return resolver;
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

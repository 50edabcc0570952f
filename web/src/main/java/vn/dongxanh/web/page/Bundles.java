package vn.dongxanh.web.page;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import org.springframework.context.MessageSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.ResourceBundleMessageSource;
import vn.dongxanh.web.WebProperties;

/**
 * The message bundles: messages_vi.properties and messages_en.properties, UTF-8. There is no
 * language-less messages.properties (Boot would only configure bundles with one), so this says
 * which language stands in for an unknown one: the first of {@code dx.web.languages}.
 */
@Configuration
class Bundles {
    @Bean
    MessageSource messageSource(WebProperties web) {
        var bundles = new ResourceBundleMessageSource();
        bundles.setBasename("messages");
        bundles.setDefaultEncoding(StandardCharsets.UTF_8.name());
        bundles.setFallbackToSystemLocale(false);
        bundles.setDefaultLocale(Locale.forLanguageTag(web.languages().getFirst()));
        return bundles;
    }
}

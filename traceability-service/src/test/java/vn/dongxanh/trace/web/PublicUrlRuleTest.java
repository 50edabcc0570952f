package vn.dongxanh.trace.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

/** The public URL printed in QR codes: https, or the service does not start (http only where allowed). */
class PublicUrlRuleTest {
    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(PublicProperties.class)
    static class Bound {}

    private final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(Bound.class);

    @Test
    void httpsIsTakenAndHttpOnlyWhereAllowed() {
        assertThat(PublicUrlRule.check("https://truyxuat.example.vn/", false)).isEqualTo("https://truyxuat.example.vn");
        assertThat(PublicUrlRule.check("https://example.vn/trace", false)).isEqualTo("https://example.vn/trace");
        assertThat(PublicUrlRule.check("http://127.0.0.1:8080", true)).isEqualTo("http://127.0.0.1:8080");
        assertThatThrownBy(() -> PublicUrlRule.check("http://127.0.0.1:8080", false))
                .hasMessageContaining("plain http")
                .hasMessageContaining("DX_TRACE_PUBLIC_URL")
                .hasMessageContaining("DX_TRACE_ALLOW_HTTP_PUBLIC_URL");
        assertThatThrownBy(() -> PublicUrlRule.check(" ", true)).hasMessageContaining("is not set");
        assertThatThrownBy(() -> PublicUrlRule.check(null, false)).hasMessageContaining("is not set");
        for (String bad : new String[] {
            "truyxuat.example.vn",
            "ftp://example.vn",
            "https://example.vn/?x=1",
            "https://user@example.vn",
            "https://example.vn/#f",
            "https:///path",
            "http//x"
        }) {
            assertThatThrownBy(() -> PublicUrlRule.check(bad, true))
                    .as(bad)
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void theServiceRefusesToStartWithAnHttpOrMissingPublicUrl() {
        context.withPropertyValues("dx.trace.public-url=http://127.0.0.1:8082").run(c -> {
            assertThat(c).hasFailed();
            assertThat(c.getStartupFailure()).rootCause().hasMessageContaining("plain http");
        });
        context.run(c -> {
            assertThat(c).hasFailed();
            assertThat(c.getStartupFailure()).rootCause().hasMessageContaining("is not set");
        });
        context.withPropertyValues("dx.trace.public-url=http://127.0.0.1:8082", "dx.trace.allow-http-public-url=true")
                .run(c -> assertThat(c.getBean(PublicProperties.class).publicUrl())
                        .isEqualTo("http://127.0.0.1:8082"));
        context.withPropertyValues("dx.trace.public-url=https://truyxuat.example.vn/")
                .run(c -> assertThat(c.getBean(PublicProperties.class).digitalLink("08931234567897", "L-1"))
                        .isEqualTo("https://truyxuat.example.vn/01/08931234567897/10/L-1"));
    }
}

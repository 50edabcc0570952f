package vn.dongxanh.trace.resolver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The page's escaping template and the choice between page and JSON-LD. */
class HtmlTemplateTest {
    @Test
    void everyValueIsEscapedOnlyTemplateOutputIsInsertedAsIs() {
        HtmlTemplate t = HtmlTemplate.of("<p title=\"{{a}}\">{{b}}</p>{{c}}");
        String html = t.render(Map.of(
                        "a", "\" onmouseover='x'",
                        "b", "<img src=x onerror=alert(1)> & more",
                        "c", HtmlTemplate.of("<em>{{x}}</em>").render(Map.of("x", "<i>"))))
                .html();
        assertThat(html)
                .isEqualTo(
                        "<p title=\"&quot; onmouseover=&#39;x&#39;\">&lt;img src=x onerror=alert(1)&gt; &amp; more</p>"
                                + "<em>&lt;i&gt;</em>");
        assertThatThrownBy(() -> t.render(Map.of("a", "1", "b", "2")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("{{c}}");
    }

    @Test
    void browsersGetThePageMachinesTheJsonLd() {
        assertThat(ContentChoice.of(null, "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"))
                .isEqualTo(ContentChoice.HTML);
        assertThat(ContentChoice.of(null, null)).isEqualTo(ContentChoice.JSON_LD);
        assertThat(ContentChoice.of(null, "*/*")).isEqualTo(ContentChoice.JSON_LD);
        assertThat(ContentChoice.of(null, "application/json")).isEqualTo(ContentChoice.JSON);
        assertThat(ContentChoice.of(null, "text/html, application/ld+json")).isEqualTo(ContentChoice.JSON_LD);
        assertThat(ContentChoice.of(null, "text/html;q=0.5, application/json")).isEqualTo(ContentChoice.JSON);
        assertThat(ContentChoice.of(null, "not a media type")).isEqualTo(ContentChoice.JSON_LD);
        assertThat(ContentChoice.of("html", "application/json")).isEqualTo(ContentChoice.HTML);
        assertThat(ContentChoice.of("jsonld", "text/html")).isEqualTo(ContentChoice.JSON_LD);
    }
}

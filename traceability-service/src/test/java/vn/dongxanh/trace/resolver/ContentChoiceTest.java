package vn.dongxanh.trace.resolver;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The choice between the buyer page (a redirect to it) and JSON-LD. */
class ContentChoiceTest {
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

    @Test
    void theLinksetOnlyWhenRankedAboveEveryOtherForm() {
        assertThat(ContentChoice.of(null, "application/linkset+json")).isEqualTo(ContentChoice.LINKSET);
        assertThat(ContentChoice.of(null, "application/linkset+json, application/ld+json;q=0.9"))
                .isEqualTo(ContentChoice.LINKSET);
        assertThat(ContentChoice.of(null, "application/*"))
                .as("a wildcard never picks it")
                .isNotEqualTo(ContentChoice.LINKSET);
        assertThat(ContentChoice.of(null, "application/linkset+json, application/ld+json"))
                .as("a tie keeps the description")
                .isEqualTo(ContentChoice.JSON_LD);
        assertThat(ContentChoice.of(null, "text/html, application/linkset+json;q=0.5"))
                .isEqualTo(ContentChoice.HTML);
    }
}

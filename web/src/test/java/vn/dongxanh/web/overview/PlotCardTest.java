package vn.dongxanh.web.overview;

import static org.assertj.core.api.Assertions.assertThat;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.ResourceBundleMessageSource;
import vn.dongxanh.contract.dashboard.ControlKind;
import vn.dongxanh.contract.dashboard.LastDecision;
import vn.dongxanh.contract.dashboard.Measurement;
import vn.dongxanh.contract.dashboard.PlotMetric;
import vn.dongxanh.contract.dashboard.PlotState;
import vn.dongxanh.contract.dashboard.PumpState;
import vn.dongxanh.contract.dashboard.Thresholds;
import vn.dongxanh.contract.dashboard.ValveState;
import vn.dongxanh.web.page.Texts;

/** The overview's plot card, rendered by the precompiled template as the page and the live relay render it. */
class PlotCardTest {
    private static final Instant NOW = Instant.parse("2026-12-03T01:00:00Z");
    private static final TemplateEngine TEMPLATES = TemplateEngine.createPrecompiled(ContentType.Html);

    private static String card(PlotState state, String lang) {
        var bundles = new ResourceBundleMessageSource();
        bundles.setBasename("messages");
        bundles.setDefaultEncoding(StandardCharsets.UTF_8.name());
        bundles.setFallbackToSystemLocale(false);
        var t = new Texts(bundles, Locale.forLanguageTag(lang), ZoneId.of("Asia/Ho_Chi_Minh"));
        var out = new StringOutput();
        TEMPLATES.render("plotcard.jte", Map.of("t", t, "p", Overview.PlotRow.of(state, NOW), "now", NOW), out);
        return out.toString().replaceAll("\\s+", " ");
    }

    private static final PlotState RICE = new PlotState(
            "p01",
            "Ruộng p01",
            "rice",
            "tillering",
            ControlKind.AWD,
            new Measurement(PlotMetric.WATER_LEVEL, -12.5, "cm", NOW.minusSeconds(60), false, 60),
            new Thresholds(-15.0, 5.0),
            ValveState.CLOSED,
            PumpState.STOPPED,
            3.2,
            "gw-01",
            0,
            new LastDecision("SKIP", "RAIN_SKIP", "", NOW.minusSeconds(3600)));

    @Test
    void aRicePlotShowsItsStageTheAwdBandThePumpRainTodayAndTheGatewaysLastDecision() {
        String en = card(RICE, "en");
        assertThat(en)
                .contains("Rice · <span class=\"stage\">tillering</span>")
                .contains("AWD: water between -15.0 cm and 5.0 cm")
                .contains("Rain today</dt> <dd class=\"rain\">3.2 mm")
                .contains("<dd class=\"pump\"> <span class=\"value\">Closed</span>")
                .contains("Skipped watering: rain expected or fallen: watering skipped <small>1 hour ago</small>");
        String vi = card(RICE, "vi");
        assertThat(vi)
                .contains("Lúa · <span class=\"stage\">đẻ nhánh</span>")
                .contains("AWD: mực nước giữ từ -15,0 cm đến 5,0 cm")
                .contains("3,2 mm");
    }

    @Test
    void whatTheGatewayHasNotToldIsShownAsUnknownNotGuessed() {
        var bare =
                new PlotState("p02", "Ruộng p02", "vegetable", null, null, null, null, null, null, null, null, 2, null);
        String en = card(bare, "en");
        assertThat(en)
                .contains("Vegetables</dd>")
                .doesNotContain("class=\"stage\"")
                .doesNotContain("class=\"band\"")
                .doesNotContain("class=\"pump\"")
                .doesNotContain("class=\"decision\"")
                .contains("Rain today</dt> <dd class=\"rain\">—");
    }
}

package vn.dongxanh.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class ProvincePlanTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 3);

    @Test
    void plotsAreDealtOutToTheCooperativesEachWithItsGatewayRiceVegetablesAndACoapPlot() {
        var plan = ProvincePlan.of(3, 26, 60, TODAY);
        assertThat(plan.cooperativeIds()).containsExactly("htx-an-phu", "htx-my-hoa", "htx-tan-loc");
        assertThat(plan.fields()).extracting(FieldPlan::gateway).containsExactly("gw-01", "gw-02", "gw-03");
        assertThat(plan.fields()).extracting(f -> f.plots().size()).containsExactly(9, 9, 8);
        assertThat(plan.plots()).hasSize(26);
        assertThat(plan.plots())
                .extracting(FieldPlan.Plot::id)
                .doesNotHaveDuplicates()
                .startsWith("p01", "p02");
        assertThat(plan.fields().get(1).plots().getFirst().id()).isEqualTo("p10");
        for (FieldPlan f : plan.fields()) {
            assertThat(f.plots()).anyMatch(FieldPlan.Plot::rice).anyMatch(p -> !p.rice());
            assertThat(f.coapPlots()).containsExactly(f.plots().getLast());
        }
        assertThat(plan.simulatorCoapPlots()).isEqualTo("p09,p18,p26");
        assertThat(plan.deviceIds()).hasSize(26 * 4).doesNotHaveDuplicates();
    }

    @Test
    void eachGatewaysCoapDevicesFollowThoseOfTheFieldsBeforeItAsTheSimulatorNumbersThem() {
        var plan = ProvincePlan.of(2, 4, 60, TODAY);
        assertThat(plan.coapDeviceIds())
                .containsExactly(
                        "p02-sm", "p02-rain", "p02-flow", "p02-valve", "p04-sm", "p04-rain", "p04-flow", "p04-valve");
        var second = plan.fields().get(1);
        assertThat(plan.coapPortOf(plan.fields().get(0), 40000)).isEqualTo(40000);
        assertThat(plan.coapPortOf(second, 40000)).isEqualTo(40004);
        String yaml = second.edgeConfig(
                "tcp://127.0.0.1:1883",
                "ssl://127.0.0.1:8883",
                Path.of("o.db"),
                "127.0.0.1",
                plan.coapPortOf(second, 40000),
                Path.of("k"));
        assertThat(yaml)
                .contains("gateway: gw-02")
                .contains("cooperative: htx-my-hoa")
                .contains("field-devices: plots")
                .contains("- id: p03")
                .doesNotContain("- id: p01")
                .contains("- { uri: 'coaps://127.0.0.1:40004/telemetry', device: p04-sm }");
    }

    @Test
    void aProvinceNeedsAPlotPerCooperativeAndNamesCooperativesBeyondItsList() {
        assertThatThrownBy(() -> ProvincePlan.of(3, 2, 60, TODAY)).isInstanceOf(IllegalArgumentException.class);
        var big = ProvincePlan.of(4, 4, 60, TODAY);
        assertThat(big.cooperativeIds()).endsWith("htx-04");
        assertThat(big.fields().getLast().coapPlots())
                .as("a one-plot field stays on MQTT")
                .isEmpty();
        assertThat(ProvincePlan.nameOf("htx-my-hoa")).isEqualTo("Hợp tác xã Mỹ Hòa");
    }

    @Test
    void theSeedsLotsCodesAndGtinsAreValidAndOnePerCropAndCooperative() {
        var plan = ProvincePlan.of(3, 24, 60, TODAY);
        var lots = ProvinceSeed.lots(plan);
        assertThat(lots).hasSize(6);
        assertThat(lots)
                .extracting(ProvinceSeed.Lot::lot)
                .doesNotHaveDuplicates()
                .allMatch(l -> l.matches("^[A-Z0-9-]{1,20}$"));
        assertThat(lots)
                .extracting(ProvinceSeed.Lot::gtin)
                .doesNotHaveDuplicates()
                .allMatch(g -> g.length() == 14);
        // GS1's own example: 0 8931234 56789 → check digit 7 (the traceability tests' GTIN)
        assertThat(ProvinceSeed.checkDigit("0893123456789")).isEqualTo(7);
        for (var lot : lots) {
            assertThat(ProvinceSeed.checkDigit(lot.gtin().substring(0, 13)))
                    .isEqualTo(lot.gtin().charAt(13) - '0');
            assertThat(lot.harvest()).isBefore(TODAY);
        }
        assertThat(ProvinceSeed.code(1, true)).matches("^VN-(\\d{2})-(\\d{4})$");
        assertThat(ProvinceSeed.code(1, true)).isNotEqualTo(ProvinceSeed.code(1, false));
        assertThat(lots.getFirst().digitalLinkPath())
                .startsWith("/01/" + lots.getFirst().gtin() + "/10/L");
    }

    @Test
    void aPlotsSquareHasItsArea() {
        @SuppressWarnings("unchecked")
        var ring = (java.util.List<java.util.List<Double>>)
                ((java.util.List<?>) ProvinceSeed.square(105.6, 10.45, 2.5).get("coordinates")).getFirst();
        double dLat = ring.get(2).get(1) - ring.get(0).get(1);
        double dLon = ring.get(1).get(0) - ring.get(0).get(0);
        double m2 = dLat * 111_320 * dLon * 111_320 * Math.cos(Math.toRadians(10.45));
        assertThat(m2).isCloseTo(25_000, org.assertj.core.data.Offset.offset(1.0));
        assertThat(ring.getFirst()).isEqualTo(ring.getLast());
    }
}

package vn.dongxanh.devkit.province;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vn.dongxanh.devkit.province.SeededProvince.Batch;
import vn.dongxanh.devkit.province.SeededProvince.Code;
import vn.dongxanh.devkit.province.SeededProvince.Plot;

class ProvinceGeneratorTest {
    private static final LocalDate TODAY = LocalDate.parse("2026-12-04");
    private static final List<String> KINDS = List.of(
            "YIELD_BEYOND_AREA",
            "HARVEST_OUTSIDE_CODE_VALIDITY",
            "CERTIFICATE_NOT_VALID_FOR_BATCH",
            "PRE_HARVEST_INTERVAL",
            "PLOTS_OVERLAP",
            "CERTIFICATE_EXPIRING",
            "LEDGER_MISMATCH",
            "POSSIBLE_CLONED_LABEL",
            "NO_SENSOR_EVIDENCE",
            "EMPTY_IRRIGATION_RECORD",
            "IRRIGATION_TYPED_BY_HAND");

    private static ProvinceGenerator.Spec spec(long seed, int plots) {
        return new ProvinceGenerator.Spec(
                seed, 4, plots, 108.6, 14.6, "51", 5001, "g", "so-nnmt", "cb-1", Rules.DEFAULTS);
    }

    @Test
    void theSameSeedGivesTheSameProvinceAndAnotherSeedAnother() {
        assertThat(ProvinceGenerator.generate(spec(7, 200), TODAY))
                .isEqualTo(ProvinceGenerator.generate(spec(7, 200), TODAY));
        assertThat(ProvinceGenerator.generate(spec(8, 200), TODAY).plots())
                .isNotEqualTo(ProvinceGenerator.generate(spec(7, 200), TODAY).plots());
    }

    @Test
    void everyKindIsPlantedOnCodesOfTheirOwnAndTheCleanCodesStayUnderTheirCeilings() {
        for (int plots : new int[] {60, 200, 450}) {
            SeededProvince p = ProvinceGenerator.generate(spec(plots, plots), TODAY);
            assertThat(p.plots()).hasSize(plots);
            assertThat(p.expected().stream().map(SeededProvince.Expected::kind)).containsAll(KINDS);
            assertThat(p.expected()).doesNotHaveDuplicates();
            assertThat(p.expected().stream().filter(SeededProvince.Expected::inDatabase))
                    .allMatch(e -> e.kind().equals("PLOTS_OVERLAP") || e.kind().equals("LEDGER_MISMATCH"));

            Map<String, Plot> plotById = new HashMap<>();
            p.plots().forEach(x -> plotById.put(x.id(), x));
            Map<String, String> codeOfPlot = new HashMap<>();
            p.codes().forEach(c -> c.plots().forEach(x -> codeOfPlot.put(x, c.code())));
            Map<String, String> codeOfLot = new HashMap<>();
            p.batches().forEach(b -> codeOfLot.put(b.lot(), b.code()));
            // the codes a planted finding is about, and the codes whose telemetry is not the ordinary one
            Set<String> dirty = new HashSet<>();
            for (var e : p.expected()) {
                switch (e.subject()) {
                    case CODE -> dirty.add(e.key());
                    case PLOT -> dirty.add(codeOfPlot.get(e.key()));
                    case BATCH, BATCH_RECORD -> dirty.add(codeOfLot.get(e.key()));
                    case CERTIFICATE -> {}
                }
            }
            assertThat(dirty).doesNotContainNull();

            for (Code c : p.codes()) {
                double ha = c.plots().stream()
                        .mapToDouble(x -> plotById.get(x).areaHa())
                        .sum();
                assertThat(ha).as("a code's minimum area").isGreaterThanOrEqualTo(1.0);
                assertThat(c.plots()).hasSizeBetween(1, 5);
                if (dirty.contains(c.code())) continue;
                // a clean code: every cycle's harvest under the WATCH share of its ceiling
                List<Batch> own = p.batches().stream()
                        .filter(b -> b.code().equals(c.code()))
                        .toList();
                assertThat(own).isNotEmpty();
                BigDecimal allowed = BigDecimal.valueOf(ha)
                        .multiply(Rules.DEFAULTS.ceilingTPerHa().get(c.crop()))
                        .multiply(BigDecimal.valueOf(1000));
                for (Batch end : own) {
                    BigDecimal window = own.stream()
                            .filter(b -> !b.harvest().isAfter(end.harvest())
                                    && b.harvest().isAfter(end.harvest().minusDays(Rules.DEFAULTS.cycleDays(c.crop()))))
                            .map(Batch::quantityKg)
                            .reduce(BigDecimal.ZERO, BigDecimal::add);
                    assertThat(window).isLessThan(allowed.multiply(Rules.DEFAULTS.watchAbove()));
                }
                // its sprayings' intervals ran out by every harvest
                for (var e : p.diary()) {
                    if (!e.operation().equals("PESTICIDE") || !c.plots().contains(e.plot())) continue;
                    assertThat(own)
                            .allMatch(b -> b.harvest().isBefore(e.date())
                                    || !b.harvest().isBefore(e.date().plusDays(e.phiDays())));
                }
                assertThat(c.plots())
                        .allMatch(x -> p.telemetryOf(x).equals(SeededProvince.Telemetry.WORKING)
                                || p.telemetryOf(x).irrigated() != SeededProvince.Days.NONE);
            }
            assertThat(p.batches())
                    .allMatch(b -> b.lot().matches("^[A-Z0-9-]{1,20}$")
                            && b.harvest().isBefore(TODAY)
                            && b.quantityKg().signum() > 0);
            assertThat(p.products())
                    .allMatch(x -> x.gtin().length() == 14
                            && ProvinceGenerator.checkDigit(x.gtin().substring(0, 13))
                                    == x.gtin().charAt(13) - '0');
        }
    }

    @Test
    void noTwoPlotsOverlapButThoseRedrawnInTheDatabase() {
        SeededProvince p = ProvinceGenerator.generate(spec(3, 200), TODAY);
        List<Plot> plots = p.plots();
        for (int i = 0; i < plots.size(); i++) {
            for (int j = i + 1; j < plots.size(); j++) {
                assertThat(meet(plots.get(i), plots.get(j)))
                        .as(plots.get(i) + " and " + plots.get(j))
                        .isFalse();
            }
            assertThat(plots.get(i).areaHa()).isBetween(1.0, 500.0);
        }
        Set<String> overlapping = new HashSet<>();
        for (var planted : p.inDatabase()) {
            if (!(planted instanceof SeededProvince.RedrawnPlot r)) continue;
            @SuppressWarnings("unchecked")
            var ring = (List<List<Double>>) ((List<?>) r.geometry().get("coordinates")).getFirst();
            Plot redrawn = new Plot(
                    r.plot(),
                    "",
                    "",
                    ring.get(0).get(0),
                    ring.get(0).get(1),
                    ring.get(2).get(0),
                    ring.get(2).get(1));
            for (Plot other : plots) {
                if (!other.id().equals(r.plot()) && meet(redrawn, other)) {
                    overlapping.add(other.id());
                    overlapping.add(r.plot());
                }
            }
        }
        assertThat(overlapping)
                .isEqualTo(p.expected().stream()
                        .filter(e -> e.kind().equals("PLOTS_OVERLAP"))
                        .map(SeededProvince.Expected::key)
                        .collect(java.util.stream.Collectors.toSet()));
    }

    @Test
    void tooSmallAProvinceForItsPlantingsIsRefused() {
        assertThatThrownBy(() -> spec(1, 30)).hasMessageContaining("from 60 to 4000 plots");
    }

    private static boolean meet(Plot a, Plot b) {
        return a.west() < b.east() && b.west() < a.east() && a.south() < b.north() && b.south() < a.north();
    }
}

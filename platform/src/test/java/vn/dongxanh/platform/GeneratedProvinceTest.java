package vn.dongxanh.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import vn.dongxanh.devkit.province.SeededProvince;

class GeneratedProvinceTest {
    private static final LocalDate TODAY = LocalDate.parse("2026-12-04");

    @Test
    void noneForZeroPlotsAndTheSameProvinceOnEveryRun() {
        assertThat(GeneratedProvince.plan(0, TODAY)).isNull();
        assertThat(GeneratedProvince.plan(100, TODAY)).isEqualTo(GeneratedProvince.plan(100, TODAY));
    }

    @Test
    void itsPlotsLieInTheServicesProvinceBoxWestOfTheDemoPlotsAndItsPeopleAreTheRunsOwn() {
        var demo = ProvincePlan.of(3, 24, 60, TODAY);
        for (int plots : new int[] {60, 100, 4000}) {
            SeededProvince generated = GeneratedProvince.plan(plots, TODAY);
            var box = ProvinceSeed.provinceBox(demo, generated);
            double west = Double.parseDouble(box.get("DX_TRACE_CODES_PROVINCE_WEST"));
            double south = Double.parseDouble(box.get("DX_TRACE_CODES_PROVINCE_SOUTH"));
            double east = Double.parseDouble(box.get("DX_TRACE_CODES_PROVINCE_EAST"));
            double north = Double.parseDouble(box.get("DX_TRACE_CODES_PROVINCE_NORTH"));
            assertThat(generated.plots())
                    .allMatch(p -> p.west() >= west && p.east() <= east && p.south() >= south && p.north() <= north);
            // the demo's own box is kept: its plots start at 105.60° E, the generated ones end before
            var demoBox = ProvinceSeed.provinceBox(demo, null);
            assertThat(east).isEqualTo(Double.parseDouble(demoBox.get("DX_TRACE_CODES_PROVINCE_EAST")));
            assertThat(generated.box()[2]).isLessThan(Double.parseDouble(demoBox.get("DX_TRACE_CODES_PROVINCE_WEST")));
            assertThat(generated.organisations().department()).isEqualTo(IdentitySeed.DEPARTMENT);
            assertThat(generated.organisations().certificationBody()).isEqualTo(IdentitySeed.CERTIFICATION_BODY);
            // no id of the demo's: its cooperatives, plots p01…, codes VN-87-0{c}1/2
            assertThat(generated.organisations().cooperatives())
                    .noneMatch(c -> demo.cooperativeIds().contains(c.id()));
            assertThat(generated.codes()).allMatch(c -> c.code().compareTo("VN-87-5001") >= 0);
        }
    }
}

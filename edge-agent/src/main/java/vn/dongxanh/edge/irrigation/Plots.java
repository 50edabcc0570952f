package vn.dongxanh.edge.irrigation;

import java.time.LocalDate;
import vn.dongxanh.edge.config.ControlSettings;
import vn.dongxanh.edge.config.PlotSpec;

/** Builds each plot's agronomic rule from its configuration. */
final class Plots {
    private Plots() {}

    static WaterPolicy policy(PlotSpec plot, ControlSettings control) {
        var runTime = control.maxRunTime(plot);
        if (plot.crop() == PlotSpec.Crop.RICE) {
            var rice = control.rice();
            LocalDate sowing = plot.sowingDate() != null
                    ? plot.sowingDate()
                    : plot.transplantingDate().minusDays(rice.nurseryDays());
            int variety = plot.varietyDays() != null ? plot.varietyDays() : rice.referenceVarietyDays();
            return new RicePolicy(
                    new RiceCalendar(sowing, rice.stages(), rice.referenceVarietyDays(), variety, rice.fixedStages()),
                    runTime);
        }
        var veg = control.vegetable();
        var band = veg.groups().get(plot.cropGroup());
        return new MoistureBandPolicy(band.start(), band.stop(), veg.minInterval(), runTime);
    }

    static RainRules rainRules(PlotSpec plot, ControlSettings control) {
        return plot.crop() == PlotSpec.Crop.RICE
                ? control.rice().rain()
                : control.vegetable().rain();
    }

    static PlausibilityLimits plausibility(PlotSpec plot, ControlSettings control) {
        return plot.crop() == PlotSpec.Crop.RICE
                ? control.rice().plausible()
                : control.vegetable().plausible();
    }
}
